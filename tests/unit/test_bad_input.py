"""Broken and hostile input: the reader never crashes, the store never changes on refusal.

The files in ``tests/unit/fixtures/broken`` are project-written; see their README for what each
is meant to provoke.
"""

from __future__ import annotations

import os
import random
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stiplan.ingest import IngestError, ReadOptions, read_bytes, read_path
from stiplan.model import Document
from stiplan.queries import IngestStatus, ingest_paths
from stiplan.readers.followup import read_followup
from stiplan.store import Store
from tests.conftest import FIXTURES, SAMPLES

BROKEN = sorted((FIXTURES / "broken").glob("*.txt"))
BASIC = FIXTURES / "followup" / "basic.txt"


def _all_text(doc: Document) -> list[str]:
    texts: list[str] = []
    for chapter in doc.chapters:
        for section in chapter.sections:
            for subsection in section.subsections:
                for i in subsection.initiatives:
                    texts.append(i.commitment)
                    texts.extend(x.text for x in [*i.status_items, *i.actions])
    return texts


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_files_read_without_crashing_and_never_keep_markup(path: Path) -> None:
    doc = read_followup(path.read_text(encoding="utf-8"), path.name)
    assert all(1 <= w.line <= max(len(doc.lines), 1) for w in doc.warnings)
    for text in _all_text(doc):
        assert "<script" not in text and "<img" not in text and "<p" not in text


def test_script_in_cell_is_removed_with_warnings() -> None:
    path = FIXTURES / "broken" / "script_in_cell.txt"
    doc = read_followup(path.read_text(encoding="utf-8"), path.name)
    assert "html_tag_removed" in {w.code for w in doc.warnings}
    (initiative,) = doc.chapters[0].sections[0].subsections[0].initiatives
    assert [m.code for m in initiative.ministries] == ["文"]


def test_truncated_table_keeps_the_cut_row() -> None:
    path = FIXTURES / "broken" / "truncated_table.txt"
    doc = read_followup(path.read_text(encoding="utf-8"), path.name)
    initiatives = doc.chapters[0].sections[0].subsections[0].initiatives
    assert len(initiatives) == 2
    assert [m.code for m in initiatives[-1].ministries] == ["文"]
    assert initiatives[-1].status_items


def test_empty_file_is_refused_by_name() -> None:
    with pytest.raises(IngestError, match=r"empty\.txt"):
        read_path(FIXTURES / "broken" / "empty.txt")


def test_cp932_file_reads_like_its_utf8_twin(tmp_path: Path) -> None:
    # CP932 has neither superscript digits nor U+2014; a real Shift_JIS report would not either
    text = BASIC.read_text(encoding="utf-8").replace("¹", "").replace("—", "―")
    cp932 = read_bytes(text.encode("cp932"), "sjis.txt")
    utf8 = read_bytes(text.encode("utf-8"), "utf8.txt")
    assert cp932.content_hash == utf8.content_hash
    assert _all_text(cp932) == _all_text(utf8)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: 100 MB on paper, nothing written
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(IngestError, match=r"big\.txt.*--max-size"):
        read_path(big, ReadOptions(max_bytes=64 * 1024 * 1024))


def test_refused_files_leave_the_store_exactly_as_it_was(tmp_path: Path) -> None:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    unknown = tmp_path / "notes.txt"
    unknown.write_text("買い物メモ\n牛乳\n卵\n", encoding="utf-8")
    with Store.open(tmp_path / "s.sqlite") as store:
        ingest_paths(store, [BASIC])
        before = [store.load_document(d.id) for d in store.documents()]
        outcomes = ingest_paths(store, [binary, unknown, tmp_path / "missing.txt"])
        assert [o.status for o in outcomes] == [IngestStatus.REJECTED] * 3
        assert all(Path(o.source).name in (o.error or "") for o in outcomes)
        assert [store.load_document(d.id) for d in store.documents()] == before


def _mutations() -> st.SearchStrategy[list[tuple[int, str, str]]]:
    ops = st.sampled_from(["delete", "duplicate", "truncate", "swap", "insert"])
    junk = st.text(alphabet="○・【】<>/u p\t－—¹²³^{}（）①（1）1. 令和年度", max_size=30)
    return st.lists(st.tuples(st.integers(0, 10_000), ops, junk), max_size=8)


def _mutate(lines: list[str], mutations: list[tuple[int, str, str]]) -> list[str]:
    lines = list(lines)
    for position, op, junk in mutations:
        if not lines:
            lines = [junk]
            continue
        i = position % len(lines)
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "truncate":
            lines[i] = lines[i][: position % (len(lines[i]) + 1)]
        elif op == "swap":
            j = random.Random(position).randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines.insert(i, junk)
    return lines


SOURCES = [BASIC, *sorted(SAMPLES.glob("followup_*.txt"))]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations=_mutations(), which=st.integers(0, len(SOURCES) - 1))
def test_mutated_reports_never_crash_and_keep_spans_in_range(
    mutations: list[tuple[int, str, str]], which: int
) -> None:
    lines = _mutate(SOURCES[which].read_text(encoding="utf-8").split("\n"), mutations)
    doc = read_followup("\n".join(lines), "mutated.txt")
    last = max(len(doc.lines), 1)
    for chapter in doc.chapters:
        for section in chapter.sections:
            assert 1 <= section.span.first_line <= section.span.last_line <= last
            for subsection in section.subsections:
                for i in subsection.initiatives:
                    assert 1 <= i.span.first_line <= i.span.last_line <= last
    assert all(1 <= w.line <= last for w in doc.warnings)
    ids = [s.id for c in doc.chapters for s in c.sections]
    assert len(ids) == len(set(ids))


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader sets aside only the size ``stat`` gave; a file larger by the time it is read
    is read on up to the limit, and refused there, never cut short."""
    grown = tmp_path / "grown.txt"
    grown.write_bytes("研究開発\n".encode() * 100_000)  # 1.3 MB
    real_stat = Path.stat

    def small(self: Path, **kwargs: object) -> os.stat_result:
        found = real_stat(self, **kwargs)  # type: ignore[arg-type]
        if self.name != grown.name:
            return found
        fields = list(found)
        fields[stat.ST_SIZE] = 1000  # as it was when stat looked
        return os.stat_result(fields)

    monkeypatch.setattr(Path, "stat", small)
    with pytest.raises(IngestError, match=r"grown\.txt.*larger than the limit"):
        read_path(grown, ReadOptions(max_bytes=500_000))
