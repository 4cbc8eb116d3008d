"""The diff JSON (``stiplan-diff/2``): its types, its spans, and the example in docs/editions.md.

The shape is the ``TypedDict``s of ``stiplan.exports.diff_json``; real output of the sample
editions is validated against them strictly (no coercion), and the examples printed in the
documentation are compared with what the code writes, so the docs cannot drift.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from pydantic import TypeAdapter

from stiplan.analysis.editions import EditionDiff, compare
from stiplan.exports.diff_json import (
    DifferenceJson,
    DiffJson,
    QuantityJson,
    SideJson,
    SpanJson,
    span_json,
)
from stiplan.exports.diff_report import diff_to_json
from stiplan.model import Span
from stiplan.readers.followup import read_followup
from tests.conftest import REPO, SAMPLES

DOC = REPO / "docs" / "editions.md"
_EXAMPLE = re.compile(r"<!-- diff-json-example: (.+?) -->\s*```json\n(.*?)```", re.S)
_HEADER = ("format", "diff_version", "old", "new", "same_part", "summary")


@pytest.fixture(scope="module")
def samples_diff() -> EditionDiff:
    def read(name: str) -> Any:
        return read_followup((SAMPLES / name).read_text(encoding="utf-8"), name)

    return compare(read("followup_2024.txt"), read("followup_2025.txt"))


@pytest.fixture(scope="module")
def data(samples_diff: EditionDiff) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(diff_to_json(samples_diff))
    return loaded


def test_output_has_the_declared_types(data: dict[str, Any]) -> None:
    TypeAdapter(DiffJson).validate_python(data, strict=True)
    for d in data["differences"]:
        assert set(d) == set(DifferenceJson.__annotations__), d["code"]
        for side in (d["old"], d["new"]):
            if side is not None:
                assert set(side) == set(SideJson.__annotations__)
                assert set(side["span"]) >= set(SpanJson.__annotations__) - {"page"}
                value = side["value"]
                if value is not None and value["quantity"] is not None:
                    assert set(value["quantity"]) >= set(QuantityJson.__annotations__)


def test_validation_would_catch_a_value_written_as_a_number(data: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(data))
    first = broken["differences"][0]
    first["new"]["value"]["quantity"]["value"] = 12
    with pytest.raises(ValueError, match="value"):
        TypeAdapter(DiffJson).validate_python(broken, strict=True)


def test_every_value_difference_of_the_samples_is_typed(data: dict[str, Any]) -> None:
    changed = [d for d in data["differences"] if d["code"] == "observation_changed"]
    assert len(changed) == data["summary"]["observation_changed"] == 19
    lines = {
        data[side]["document_id"]: (SAMPLES / data[side]["source_name"]).read_text("utf-8")
        for side in ("old", "new")
    }
    for d in changed:
        assert (
            d["labels"]["indicator"] and d["labels"]["section" if "(" in d["where"] else "chapter"]
        )
        assert d["changed"], d["where"]
        for side in (d["old"], d["new"]):
            value = side["value"]
            assert value["quantity"]["value"] and value["period"]["start"] <= value["period"]["end"]
            span = side["span"]
            line = lines[span["document_id"]].splitlines()[span["first_line"] - 1]
            assert value["quantity"]["text"] in line


def test_a_pdf_span_writes_its_page_and_box_and_a_text_span_does_not() -> None:
    written = span_json(Span(4, 5, page=3, box=(1.0, 2.0, 3.0, 4.0)), "doc", "doc:c1")
    assert written == {
        "document_id": "doc",
        "element_id": "doc:c1",
        "first_line": 4,
        "last_line": 5,
        "page": 3,
        "box": [1.0, 2.0, 3.0, 4.0],
    }
    assert set(span_json(Span(4, 5), "doc", "doc:c1")) == {
        "document_id",
        "element_id",
        "first_line",
        "last_line",
    }


def _selected(data: dict[str, Any], selector: str) -> Any:
    """``header``, or ``CODE WHERE``: the one difference with that code and place."""
    if selector == "header":
        return {key: data[key] for key in _HEADER}
    code, where = selector.split(" ", 1)
    (found,) = [d for d in data["differences"] if d["code"] == code and d["where"] == where]
    return found


def test_the_documented_examples_are_what_the_code_writes(data: dict[str, Any]) -> None:
    examples = _EXAMPLE.findall(DOC.read_text(encoding="utf-8"))
    assert len(examples) >= 3, "docs/editions.md lost its diff JSON examples"
    for selector, text in examples:
        actual = _selected(data, selector)
        assert json.loads(text) == actual, (
            f"docs/editions.md example {selector!r} is out of date; the code writes:\n"
            + json.dumps(actual, ensure_ascii=False, indent=2)
        )
