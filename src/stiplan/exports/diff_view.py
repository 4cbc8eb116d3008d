"""The edition diff as one language's view: what the dashboard page and the reports show.

``diff_view(diff, lang)`` lays the diff out once: the two editions, notes (not one report;
sections only one edition covers), the count of each kind of difference, the sections with
their sizes, and the differences grouped by chapter, section and footnotes. Every row is
labelled by section number and title and by indicator or initiative name
(``diff_labels.DiffWords``), keeps its internal place code (``where``) for traceability and
both sides' refs, so the page links each to its source and the reports name the lines. The
page (``templates/diff.html``) and the Markdown and HTML reports (``diff_report``) render it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from stiplan.exports.diff_labels import DiffWords
from stiplan.queries import (
    Change,
    Difference,
    DiffPlace,
    EditionDiff,
    EditionInfo,
    Ref,
    SectionCounts,
    SectionDiff,
    SegmentOp,
    chapter_differences,
    diff_places,
    differences,
    footnote_differences,
    place_of,
    section_differences,
)
from stiplan.web.i18n import DIFF_CODES

Span = tuple[SegmentOp, str]  # KEPT is plain text

# Differences shown as old value → new value (a table) rather than as text.
VALUE_CODES = frozenset(
    {
        "observation_added",
        "observation_removed",
        "observation_changed",
        "target_changed",
        "indicator_added",
        "indicator_removed",
        "indicator_renamed",
        "target_added",
        "target_removed",
        "target_renamed",
    }
)
COUNT_COLUMNS = ("initiatives", "status_items", "actions", "indicators", "observations")
# The catalogue keys of the sections table's columns, in order.
SECTION_HEADER = (
    "section",
    "title",
    "diff_section_change",
    "diff_col_initiatives",
    "diff_col_status_items",
    "diff_col_actions",
    "diff_col_indicators",
    "values",
)


@dataclass(frozen=True, slots=True)
class DiffRow:
    """One difference: where (words and code), what, the change itself and both sources.

    A value row (``value``) shows ``before`` → ``after``; any other row shows ``spans``
    (the words kept, removed and added, or the text added or removed).
    """

    code: str
    what: str
    label: str
    where: str
    old: Ref | None
    new: Ref | None
    sources: str
    value: bool
    before: str = ""
    after: str = ""
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class DiffGroup:
    """The differences of one chapter's own level, one section, or the footnotes."""

    anchor: str
    title: str
    rows: tuple[DiffRow, ...]

    @property
    def values(self) -> tuple[DiffRow, ...]:
        return tuple(r for r in self.rows if r.value)

    @property
    def texts(self) -> tuple[DiffRow, ...]:
        return tuple(r for r in self.rows if not r.value)


@dataclass(frozen=True, slots=True)
class SectionRow:
    """A section of either edition: its change, its sizes (``4 → 5``) and its group's anchor.

    ``change`` is the heading's (the section matched, added or removed, renumbered or
    retitled); ``contents_changed`` says whether anything in it differs, and ``change_text``
    says both (見出しは同じ・内容に変更あり), so a section whose heading stayed but whose
    contents changed is not shown as 変更なし."""

    where: str
    title: str
    change: Change
    change_text: str
    counts: tuple[str, ...]
    anchor: str | None
    old: Ref | None
    new: Ref | None
    contents_changed: bool = False

    @property
    def badge(self) -> str:
        """The badge's class: the heading's change, else ``changed`` when the contents are."""
        if self.change is Change.UNCHANGED and self.contents_changed:
            return Change.CHANGED.value
        return self.change.value


@dataclass(frozen=True, slots=True)
class DiffView:
    """Everything a diff page or report shows, in one language (``lang``)."""

    lang: str
    title: str
    heading: str
    old: EditionInfo
    new: EditionInfo
    old_line: str
    new_line: str
    notes: tuple[str, ...]
    summary: tuple[tuple[str, str, int], ...]  # code, its words, count
    sections: tuple[SectionRow, ...]
    groups: tuple[DiffGroup, ...]
    words: DiffWords

    @property
    def empty(self) -> bool:
        return not self.summary


def _counts_cell(old: SectionCounts | None, new: SectionCounts | None, name: str) -> str:
    before = str(getattr(old, name)) if old else "–"
    after = str(getattr(new, name)) if new else "–"
    return before if before == after else f"{before} → {after}"


class _Builder:
    """Builds one view: the words of its language and the places of the diff's elements."""

    def __init__(self, diff: EditionDiff, lang: str) -> None:
        self.diff = diff
        self.words = DiffWords(lang)
        self.places = diff_places(diff)

    def row(self, d: Difference) -> DiffRow:
        w = self.words
        place = place_of(self.places, d)
        sources = " / ".join(s for s in (w.source("old", d.old), w.source("new", d.new)) if s)
        base = DiffRow(
            d.code, w.what(d.code), w.place(place, d.where), d.where, d.old, d.new, sources, False
        )
        if d.code in VALUE_CODES:
            before, after = self.values(d)
            return replace(base, value=True, before=before, after=after)
        return replace(base, spans=self.spans(d, place))

    @staticmethod
    def values(d: Difference) -> tuple[str, str]:
        if d.code in ("observation_changed", "target_changed"):
            before, _, after = d.detail.partition(" → ")
            return before, after
        return (d.old.text if d.old else "", d.new.text if d.new else "")

    def spans(self, d: Difference, place: DiffPlace | None) -> tuple[Span, ...]:
        """The change itself: a word diff, a summary, or the text added or removed."""
        if d.segments:
            return tuple((s.op, s.text) for s in d.segments)
        if d.code.endswith("ministries_changed") and place and place.ministries:
            return ((SegmentOp.KEPT, self.words.ministries(place.ministries)),)
        if d.code == "initiative_moved":
            return ((SegmentOp.KEPT, f"{self.words('moved_from')}: {d.detail}"),)
        if d.detail:
            return ((SegmentOp.KEPT, d.detail),)
        if d.code.endswith("_added") and d.new:
            return ((SegmentOp.ADDED, d.new.text),)
        if d.code.endswith("_removed") and d.old:
            return ((SegmentOp.REMOVED, d.old.text),)
        return ()

    def group(self, anchor: str, title: str, found: Sequence[Difference]) -> list[DiffGroup]:
        if not found:
            return []
        return [DiffGroup(anchor, title, tuple(self.row(d) for d in found))]

    def groups(self) -> tuple[DiffGroup, ...]:
        out: list[DiffGroup] = []
        for c, chapter in enumerate(self.diff.chapters, start=1):
            ref = chapter.pair.new or chapter.pair.old
            title = f"{ref.where} {ref.text}" if ref else ""
            out += self.group(f"chapter-{c}", title, chapter_differences(chapter))
            for s, section in enumerate(chapter.sections, start=1):
                found = section_differences(section)
                out += self.group(_section_anchor(c, s), _heading(section), found)
        out += self.group("footnotes", self.words("footnotes"), footnote_differences(self.diff))
        return tuple(out)

    def sections(self, anchors: set[str]) -> tuple[SectionRow, ...]:
        rows = []
        for c, chapter in enumerate(self.diff.chapters, start=1):
            for s, section in enumerate(chapter.sections, start=1):
                ref = section.pair.new or section.pair.old
                assert ref is not None
                anchor = _section_anchor(c, s)
                counts = tuple(
                    _counts_cell(section.old_counts, section.new_counts, name)
                    for name in COUNT_COLUMNS
                )
                contents = any(
                    not d.code.startswith("section_") for d in section_differences(section)
                )
                rows.append(
                    SectionRow(
                        ref.where,
                        ref.text,
                        section.change,
                        self._section_change(section, contents),
                        counts,
                        anchor if anchor in anchors else None,
                        section.pair.old,
                        section.pair.new,
                        contents,
                    )
                )
        return tuple(rows)

    def _section_change(self, section: SectionDiff, contents: bool) -> str:
        """What changed in a section, its heading and its contents told apart: 変更なし only
        when neither did."""
        change = section.change
        if change in (Change.ADDED, Change.REMOVED):
            return self.words(f"change_{change.value}")
        moved = section.renumbered or section.retitled
        if change is Change.UNCHANGED and not moved:
            return self.words("section_contents_changed" if contents else "change_unchanged")
        heading = self.words(
            f"change_{(Change.CHANGED if change is Change.UNCHANGED else change).value}"
        )
        key = "section_both_changed" if contents else "section_heading_changed"
        return self.words(key, change=heading)

    def notes(self) -> tuple[str, ...]:
        if not self.diff.same_part:
            return (self.words("diff_not_same_part"),)
        one_sided = [
            self.words(
                "diff_section_side", section=_heading(section), side=self.words(_side_key(section))
            )
            for chapter in self.diff.chapters
            for section in chapter.sections
            if section.change in (Change.ADDED, Change.REMOVED)
        ]
        if not one_sided:
            return ()
        joined = self.words("diff_list_separator").join(one_sided)
        return (self.words("diff_one_sided", sections=joined),)

    def summary(self) -> tuple[tuple[str, str, int], ...]:
        counts = Counter(d.code for d in differences(self.diff))
        order = list(DIFF_CODES)
        ranked = sorted(counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)
        return tuple((code, self.words.what(code), n) for code, n in ranked)

    def build(self) -> DiffView:
        w, diff = self.words, self.diff
        groups = self.groups()
        old_name, new_name = w.edition_name(diff.old), w.edition_name(diff.new)
        return DiffView(
            lang=w.lang,
            title=f"{w('diff_title')}: {old_name} → {new_name}",
            heading=w("diff_heading", old=old_name, new=new_name),
            old=diff.old,
            new=diff.new,
            old_line=w.edition_line(diff.old),
            new_line=w.edition_line(diff.new),
            notes=self.notes(),
            summary=self.summary(),
            sections=self.sections({g.anchor for g in groups}),
            groups=groups,
            words=w,
        )


def _section_anchor(chapter: int, section: int) -> str:
    return f"section-{chapter}-{section}"


def _heading(section: SectionDiff) -> str:
    ref = section.pair.new or section.pair.old
    return f"{ref.where} {ref.text}" if ref else ""


def _side_key(section: SectionDiff) -> str:
    return "diff_only_new" if section.change is Change.ADDED else "diff_only_old"


def diff_view(diff: EditionDiff, lang: str = "ja") -> DiffView:
    """The diff laid out for people, in Japanese (the default) or English (``lang="en"``)."""
    return _Builder(diff, lang).build()
