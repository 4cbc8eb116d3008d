"""Rewrite the expected JSON of the reader fixtures (``make fixtures``); review the diff."""

from __future__ import annotations

import json

from stiplan.exports.json_export import document_to_dict
from stiplan.readers.followup import read_followup
from tests.conftest import FIXTURES


def main() -> None:
    for path in sorted((FIXTURES / "followup").glob("*.txt")):
        document = read_followup(path.read_text(encoding="utf-8"), path.name)
        text = json.dumps(document_to_dict(document), ensure_ascii=False, indent=1) + "\n"
        path.with_suffix(".json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
