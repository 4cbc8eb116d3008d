"""Continuous fuzzing: mutated samples through the whole read pipeline, bytes in.

Each case takes a sample (the follow-up editions, the excerpt and the briefing) and applies a
few mutations of the kinds real damage brings: lines deleted, duplicated or swapped, the file
cut at a random byte (possibly inside a UTF-8 sequence), table tabs dropped or doubled, ``【``
``】`` and ``<u>`` tags removed, doubled or left open. ``ingest.read_bytes`` must then either
return a document whose spans and warnings stay within its lines, or refuse with an
``IngestError`` naming the file: never another exception, never a hang (a per-case deadline).

The budget is hypothesis's profile: ``ci`` (the default, a fixed number of cases) or ``fuzz``
(``make fuzz``: many more), set in ``tests/conftest.py``.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from stiplan.ingest import IngestError, read_bytes
from stiplan.model import Document
from tests.conftest import SAMPLES

SOURCES = [
    *sorted(SAMPLES.glob("*.txt")),
    *sorted((SAMPLES / "excerpts").glob("*.txt")),
]
OPS = ("delete", "duplicate", "swap", "cut", "tabs", "brackets", "underline")


def _mutate_text(text: str, op: str, at: int) -> str:
    lines = text.split("\n")
    i = at % max(len(lines), 1)
    rng = random.Random(at)
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    elif op == "swap":
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "tabs":
        lines[i] = lines[i].replace("\t", "", 1) if "\t" in lines[i] else lines[i] + "\t\t"
    elif op == "brackets":
        lines[i] = rng.choice([lines[i].replace("】", ""), lines[i].replace("【", "【【"), "【"])
    elif op == "underline":
        lines[i] = rng.choice([lines[i].replace("</u>", ""), lines[i].replace("<u>", "<u><u>")])
    return "\n".join(lines)


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    source: Path = draw(st.sampled_from(SOURCES))
    text = source.read_text(encoding="utf-8")
    cut_at: int | None = None
    for op, at in draw(
        st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 10**6)), max_size=6)
    ):
        if op == "cut":
            cut_at = at
        else:
            text = _mutate_text(text, op, at)
    data = text.encode("utf-8")
    if cut_at is not None and data:
        data = data[: cut_at % len(data)]
    return source.name, data


def _assert_within(document: Document) -> None:
    last = max(len(document.lines), 1)
    assert all(1 <= w.line <= last for w in document.warnings)
    for chapter in document.chapters:
        assert 1 <= chapter.span.first_line <= chapter.span.last_line <= last
        for section in chapter.sections:
            assert 1 <= section.span.first_line <= section.span.last_line <= last
    for slide in document.slides:
        assert 1 <= slide.span.first_line <= slide.span.last_line <= last


@given(damaged())
def test_damaged_samples_are_read_or_refused_by_name(case: tuple[str, bytes]) -> None:
    name, data = case
    try:
        document = read_bytes(data, name)
    except IngestError as refused:
        assert name in str(refused)
        return
    _assert_within(document)
