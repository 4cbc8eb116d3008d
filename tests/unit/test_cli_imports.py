"""The CLI starts without the heavy libraries only some commands need (issue 18).

``stiplan --help`` or ``stiplan documents`` must not pay for the web server, the spreadsheet
writer, the tokeniser, the readers or the report writers: those are imported inside the
commands that use them. Checked in a fresh interpreter, since this test process has long
imported all of them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO

HEAVY = (
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
    "openpyxl",
    "sudachipy",
    "pdfplumber",
    # stiplan's own: the readers and extraction (an ingest's), the report writers
    "stiplan.ingest",
    "stiplan.extract",
    "stiplan.readers.followup",
    "stiplan.exports.progress_report",
)
PROBE = (
    "import json, sys, stiplan.cli; "
    f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))"
)


def test_importing_the_cli_loads_no_heavy_library() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(done.stdout) == []
