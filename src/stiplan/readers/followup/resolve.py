"""Resolving what the rules collected: ids, spans, tags, cells, footnotes and their citations."""

from __future__ import annotations

from stiplan.model import (
    Action,
    Chapter,
    Document,
    DocumentKind,
    Footnote,
    Initiative,
    Paragraph,
    Section,
    Span,
    StatusItem,
    Subsection,
    Warning,
    latest_as_of,
)
from stiplan.normalize.dates import find_deadlines
from stiplan.readers.cells import (
    CellItem,
    document_codes,
    read_commitment,
    read_items,
)
from stiplan.readers.followup.bullets import bullets_of
from stiplan.readers.followup.resolver import Resolver
from stiplan.readers.followup.state import (
    RawChapter,
    RawFootnote,
    RawRow,
    RawSection,
    RawSubsection,
    State,
)
from stiplan.readers.heads import head_warnings, read_head

# --- resolving the collected pieces --------------------------------------------------------


def finish(state: State, digest: str, source_name: str) -> Document:
    doc_id = digest[:12]
    last_line = max(len(state.lines), 1)
    resolver = Resolver(doc_id, state.warnings, _codes_written(state))
    chapters = _chapters(resolver, state, last_line)
    footnotes = _footnotes(resolver, state.footnotes)
    head = read_head(state.head)
    title = head.title or _title(chapters) or source_name
    if chapters:  # an empty text has no_chapter to say
        state.warnings += head_warnings(bool(head.title), head.date is not None)
    if not chapters:
        state.warn("no_chapter", "章（1. …）が見つかりません", 1)
    edition = guess_edition(chapters)
    if chapters and not edition:
        state.warn(
            "edition_unknown", "データの時点から版（年）を判定できません（--edition で指定）", 1
        )
    return Document(
        id=doc_id,
        kind=DocumentKind.FOLLOWUP,
        source_name=source_name,
        content_hash=digest,
        title=title,
        edition=edition,
        date=head.date,
        lines=state.lines,
        chapters=chapters,
        footnotes=footnotes,
        warnings=sorted(state.warnings, key=lambda w: w.line),
    )


def _chapters(r: Resolver, state: State, last_line: int) -> list[Chapter]:
    """Each chapter the rules collected, resolved; the collected pieces of each are let go
    once it is (they take about a quarter of what the finished tree takes)."""
    raw = state.chapters
    state.chapters = []
    raw.reverse()
    chapters: list[Chapter] = []
    while raw:
        chapters.append(_chapter(r, raw.pop(), last_line))
    return chapters


def _title(chapters: list[Chapter]) -> str:
    """``2. 知の…`` after the first chapter; an excerpt that prints no chapter heading is
    named after its first section that prints one (``(2) オープン…``)."""
    if not chapters:
        return ""
    first = chapters[0]
    if first.stated:
        return f"{first.label} {first.title}"
    stated = (s for s in first.sections if s.number > 0 or s.title)
    return next((f"{s.label} {s.title}" for s in stated), "")


def _codes_written(state: State) -> frozenset[str]:
    """Every known ministry code the report's tables write: what a truncated code may mean."""
    return document_codes(
        fragment
        for chapter in state.chapters
        for section in chapter.sections
        for subsection in section.subsections
        for row in subsection.rows
        for cell in row.cells
        for fragment in cell
    )


def guess_edition(chapters: list[Chapter]) -> str:
    """The report's edition: the year of its data cut-off (``model.latest_as_of``); empty
    when there is none, and ``stiplan ingest --edition`` then says it."""
    latest = latest_as_of(chapters)
    return str(latest.year) if latest else ""


def _end(builder_end: int, start: int, last_line: int) -> int:
    return max(builder_end if builder_end else last_line, start)


def _chapter(r: Resolver, c: RawChapter, last_line: int) -> Chapter:
    cid = r.unique(f"{r.doc_id}:c{c.number}", c.line)
    chapter = Chapter(cid, c.number, c.title, Span(c.line, _end(c.end_line, c.line, last_line)))
    r.cite(cid, c.refs, c.line)
    chapter.goals, chapter.indicators = bullets_of(r, cid, c.bullets, level="chapter")[:2]
    for s in c.sections:
        chapter.sections.append(_section(r, cid, s, chapter.span.last_line))
    return chapter


def _section(r: Resolver, parent: str, s: RawSection, last_line: int) -> Section:
    sid = r.unique(f"{parent}.s{s.number}", s.line)
    section = Section(sid, s.number, s.title, Span(s.line, _end(s.end_line, s.line, last_line)))
    for index, p in enumerate(s.paragraphs, start=1):
        pid = f"{sid}.p{index}"
        text, refs = r.text(pid, p.text, joiner="")
        section.paragraphs.append(Paragraph(pid, text, p.text.span, refs))
    section.goals, section.indicators, section.targets = bullets_of(r, sid, s.bullets, "section")
    for ss in s.subsections:
        section.subsections.append(_subsection(r, sid, ss, section.span.last_line))
    return section


def _subsection(r: Resolver, parent: str, ss: RawSubsection, last_line: int) -> Subsection:
    ssid = r.unique(f"{parent}.ss{ss.number}", ss.line)
    span = Span(ss.line, _end(ss.end_line, ss.line, last_line))
    subsection = Subsection(ssid, ss.number, ss.title, span)
    for index, p in enumerate(ss.paragraphs, start=1):
        pid = f"{ssid}.p{index}"
        text, refs = r.text(pid, p.text, joiner="")
        subsection.paragraphs.append(Paragraph(pid, text, p.text.span, refs))
    for index, row in enumerate(ss.rows, start=1):
        subsection.initiatives.append(_initiative(r, f"{ssid}.i{index}", index, row))
    return subsection


def _initiative(r: Resolver, iid: str, number: int, row: RawRow) -> Initiative:
    commitment = read_commitment(row.cells[0], r.warnings, r.codes)
    commitment.text = commitment.text.lstrip("○◯").strip()
    if not commitment.has_tag:
        r.warnings.append(
            Warning("missing_ministry_tag", "取組に府省タグ【…】がありません", commitment.last_line)
        )
    initiative = Initiative(
        id=iid,
        number=number,
        commitment=commitment.text,
        span=Span(row.first_line, row.last_line),
        ministries=commitment.ministries,
        repeated=commitment.repeated,
        footnotes=r.cite(iid, commitment.footnotes, commitment.first_line),
        deadlines=find_deadlines(commitment.text),
    )
    for index, item in enumerate(read_items(row.cells[1], r.warnings, r.codes), start=1):
        sid = f"{iid}.st{index}"
        initiative.status_items.append(
            StatusItem(
                sid, item.text, _span(item), item.ministries, _cite(r, sid, item), item.repeated
            )
        )
    for index, item in enumerate(read_items(row.cells[2], r.warnings, r.codes), start=1):
        aid = f"{iid}.a{index}"
        if not item.has_tag:
            r.warnings.append(
                Warning(
                    "action_without_ministries",
                    "府省タグのない今後の取組方針の項目です",
                    item.first_line,
                )
            )
        initiative.actions.append(
            Action(
                aid,
                item.text,
                _span(item),
                item.ministries,
                _cite(r, aid, item),
                find_deadlines(item.text),
                item.repeated,
            )
        )
    return initiative


def _span(item: CellItem) -> Span:
    return Span(item.first_line, max(item.first_line, item.last_line))


def _cite(r: Resolver, element_id: str, item: CellItem) -> list[int]:
    return r.cite(element_id, item.footnotes, item.first_line)


def _footnotes(r: Resolver, raw: list[RawFootnote]) -> list[Footnote]:
    footnotes: list[Footnote] = []
    seen: set[int] = set()
    for f in raw:
        if f.number in seen:
            r.warnings.append(
                Warning(
                    "duplicate_footnote",
                    f"脚注{f.number}が重複して定義されています",
                    f.text.span.first_line,
                )
            )
            continue
        seen.add(f.number)
        text = "\n".join(t for _, t in f.text.pieces).strip()
        footnotes.append(
            Footnote(
                f"{r.doc_id}:fn{f.number}",
                f.number,
                text,
                f.text.span,
                r.citations.get(f.number, []),
            )
        )
    for footnote in footnotes:
        if not footnote.cited_by:
            r.warnings.append(
                Warning(
                    "footnote_uncited",
                    f"脚注{footnote.number}はどこからも引用されていません",
                    footnote.span.first_line,
                )
            )
    for number in sorted(set(r.citations) - seen):
        r.warnings.append(
            Warning(
                "footnote_undefined",
                f"脚注{number}が引用されていますが定義がありません",
                r.cite_lines[number],
            )
        )
    return footnotes
