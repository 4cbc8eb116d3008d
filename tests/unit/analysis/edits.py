"""Second editions built in code, by the edits real editions of a follow-up report show.

``Edition`` starts from the lines of a first edition and the ``Document`` the reader made of
them (so an edit finds its row, value or footnote by the element, not by guessing lines), and
applies edits: values updated, as-of dates moved a year and written in the other calendar,
status items rewritten or dropped, a next step reworded, a ministry tag changed, a typo fixed,
brackets switched between half and full width, spacing changed, a row added, a row removed, a
row re-split across a page break (the separator and footnotes move to another row), footnotes
renumbered and refreshed, sections dropped.

Each edit also records what the comparison of the two editions must find: which old element
becomes which new one (ids are paths such as ``c2.s1.ss1.i3.st2``, which only move where rows
are added or removed and footnotes renumbered) and which differences, as
``(code, old path, new path)``. Nothing of the real corpus is written here; edits reuse the
document's own text at run time, and the text they add is the project's own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from stiplan.model import (
    Chapter,
    Document,
    Footnote,
    Indicator,
    Initiative,
    MinistryRef,
    Observation,
)

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_RUN = re.compile(rf"(?<![mｍ])[{SUPERSCRIPTS}]+")
_CARET = re.compile(r"\^\{([0-9 ,]+)\}")
_TRAILING_TAG = re.compile(r"【[^【】]*】(?=[^【】]*$)")
_ERA_YEAR = re.compile(r"^令和(元|\d{1,2})年(?!.*[～〜~]|.*から)(.*)$")
_GREGORIAN_YEAR = re.compile(r"^(\d{4})年(?!.*[～〜~]|.*から)(.*)$")
_CLOSING_TAGS = re.compile(r"(?:\s*</[A-Za-z]+>)+\s*$")
_OPENING_TAGS = re.compile(r"^\s*(?:<[A-Za-z][^<>]*>\s*)+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")

Expected = tuple[str, str | None, str | None]


def path(element_id: str) -> str:
    """An element id without its document: ``c2.s1.ss1.i3``."""
    return element_id.split(":", 1)[1]


def to_superscript(number: int) -> str:
    return "".join(SUPERSCRIPTS[int(d)] for d in str(number))


def moved_period(text: str) -> str | None:
    """An as-of date one year later, written in the other calendar (None if not simple)."""
    if m := _ERA_YEAR.match(text):
        year = 2018 + (1 if m.group(1) == "元" else int(m.group(1)))
        return f"{year + 1}年{m.group(2)}"
    if m := _GREGORIAN_YEAR.match(text):
        return f"令和{int(m.group(1)) - 2018 + 1}年{m.group(2)}"
    return None


def bumped(text: str) -> str:
    """The first number of a value with its last digit changed (13位 → 14位, 9 → 0)."""
    m = re.search(r"\d[\d,.]*", text)
    assert m is not None, text
    digits = m.group()
    last = max(i for i, ch in enumerate(digits) if ch.isdigit())
    new = digits[:last] + str((int(digits[last]) + 1) % 10) + digits[last + 1 :]
    return text[: m.start()] + new + text[m.end() :]


def tag(ministries: list[MinistryRef]) -> str:
    """A ministry tag as the report writes it: ``【<u>文</u>、経】``."""
    return "【" + "、".join(f"<u>{r.code}</u>" if r.lead else r.code for r in ministries) + "】"


def cell_items(items: list[tuple[str, list[MinistryRef]]]) -> str:
    """A status or next-steps cell, one ``<p>・…</p>`` per item."""
    return " ".join(
        f"<p>・{html.escape(text, quote=False)}{tag(refs) if refs else ''}</p>"
        for text, refs in items
    )


def all_elements(doc: Document) -> list[str]:
    """The ids of every element ``compare`` matches, in document order."""
    ids: list[str] = []
    for chapter in doc.chapters:
        ids.append(chapter.id)
        ids += [g.id for g in chapter.goals]
        ids += _indicator_ids(chapter.indicators)
        for section in chapter.sections:
            ids.append(section.id)
            ids += [e.id for e in [*section.paragraphs, *section.goals, *section.targets]]
            ids += _indicator_ids(section.indicators)
            for subsection in section.subsections:
                ids.append(subsection.id)
                ids += [p.id for p in subsection.paragraphs]
                for initiative in subsection.initiatives:
                    ids.append(initiative.id)
                    ids += [s.id for s in initiative.status_items]
                    ids += [a.id for a in initiative.actions]
    return ids + [f.id for f in doc.footnotes]


def _indicator_ids(indicators: list[Indicator]) -> list[str]:
    return [x for i in indicators for x in [i.id, *(o.id for o in i.observations)]]


@dataclass
class Edition:
    """A second edition under construction, and what comparing it with the first must find."""

    doc: Document
    replaced: dict[int, list[str]] = field(default_factory=dict)
    expected: list[Callable[[], Expected]] = field(default_factory=list)
    gone: set[str] = field(default_factory=set)  # old paths (and everything under them)
    renames: dict[str, str | None] = field(default_factory=dict)  # old path → new path
    removed_rows: dict[str, list[int]] = field(default_factory=dict)  # subsection → numbers
    added_rows: dict[str, list[int]] = field(default_factory=dict)  # subsection → after number
    renumber_from: int = 10**9
    renumber_by: int = 0
    splits: list[tuple[int, list[str]]] = field(default_factory=list)

    # -- lines --

    def line(self, number: int) -> str:
        current = self.replaced.get(number, [self.doc.lines[number - 1]])
        assert len(current) == 1, f"line {number} was already split or removed"
        return current[0]

    def set_line(self, number: int, text: str) -> None:
        self.replaced[number] = [text]

    def row_cells(self, initiative: Initiative) -> list[str]:
        assert initiative.span.first_line == initiative.span.last_line, "a one-line row"
        cells = self.line(initiative.span.first_line).split("\t")
        assert len(cells) == 3
        return cells

    def set_cells(self, initiative: Initiative, cells: list[str]) -> None:
        self.set_line(initiative.span.first_line, "\t".join(cells))

    # -- values --

    def update_values(self, indicator: Indicator, values: bool, periods: bool) -> None:
        """Every value of the bullet changed and/or every simple as-of date moved a year on."""
        changed: set[str] = set()
        by_line: dict[int, list[Observation]] = {}
        for o in indicator.observations:
            by_line.setdefault(o.span.first_line, []).append(o)
        for number, observations in by_line.items():
            text = self.line(number)
            start = text.find("：") + 1
            cursor = start
            if values:
                for o in observations:
                    if o.quantity is None:
                        continue
                    at = text.index(o.quantity.text, cursor)
                    new = bumped(o.quantity.text)
                    text = text[:at] + new + text[at + len(o.quantity.text) :]
                    cursor = at + len(new)
                    changed.add(o.id)
            if periods:
                for written in {o.period.text for o in observations if o.period}:
                    moved = moved_period(written)
                    if moved is None:
                        continue
                    pattern = re.compile(rf"(?<=[（(]){re.escape(written)}(?=[）)、,])")
                    text = text[:start] + pattern.sub(moved, text[start:])
                    changed |= {o.id for o in observations if o.period and o.period.text == written}
            self.set_line(number, text)
        for element_id in sorted(changed):
            self.expect("observation_changed", element_id, element_id)

    # -- rows --

    def rewrite_status(self, initiative: Initiative) -> None:
        """The only status item rewritten (same subject, new result) and a second one added."""
        (item,) = initiative.status_items
        assert not item.ministries and not item.footnotes
        keep = item.text[: max(8, len(item.text) // 2)]
        cells = self.row_cells(initiative)
        cells[1] = cell_items(
            [(f"{keep}について、令和6年度に対象を広げて継続した。", []), (NEW_STATUS, [])]
        )
        self.set_cells(initiative, cells)
        self.expect("status_reworded", item.id, item.id)
        self.expect("status_added", None, initiative.id, ".st2")

    def drop_last_status(self, initiative: Initiative) -> None:
        """The last status item is gone; the others stay as they were."""
        *kept, last = initiative.status_items
        assert kept and all(not i.ministries and not i.footnotes for i in kept)
        cells = self.row_cells(initiative)
        cells[1] = cell_items([(i.text, i.ministries) for i in kept])
        self.set_cells(initiative, cells)
        self.gone.add(path(last.id))
        self.expect("status_removed", last.id, None)

    def reword_action(self, initiative: Initiative) -> None:
        """The first next step says the same more firmly (its ministries unchanged)."""
        actions = initiative.actions
        assert actions and all(not a.footnotes for a in actions)
        first = actions[0]
        reworded = first.text.rstrip("。") + "とともに、その成果を毎年度公表する。"
        cells = self.row_cells(initiative)
        items = [(reworded, first.ministries)] + [(a.text, a.ministries) for a in actions[1:]]
        cells[2] = cell_items(items)
        self.set_cells(initiative, cells)
        self.expect("action_reworded", first.id, first.id)

    def change_ministries(self, initiative: Initiative) -> None:
        """Another ministry joins and the lead passes to a ministry that did not lead."""
        refs = initiative.ministries
        new_lead = next(r.code for r in refs if not r.lead)
        new = [MinistryRef(r.code, lead=r.code == new_lead) for r in refs]
        assert all(r.code != "外" for r in refs)
        new.append(MinistryRef("外"))
        cells = self.row_cells(initiative)
        cells[0] = _TRAILING_TAG.sub(lambda _: tag(new), cells[0])
        self.set_cells(initiative, cells)
        self.expect("ministries_changed", initiative.id, initiative.id)

    def fix_typo(self, initiative: Initiative, wrong: str, right: str) -> None:
        """One word of the commitment corrected."""
        cells = self.row_cells(initiative)
        assert cells[0].count(wrong) == 1
        cells[0] = cells[0].replace(wrong, right)
        self.set_cells(initiative, cells)
        self.expect("commitment_reworded", initiative.id, initiative.id)

    def switch_brackets(self, initiative: Initiative) -> None:
        """Full-width brackets become half-width and the other way round (no difference)."""
        cells = self.row_cells(initiative)
        swapped = cells[0].translate(str.maketrans("（）()", "()（）"))
        cells[0] = swapped.replace("(再掲)", "（再掲）")
        assert cells[0] != self.row_cells(initiative)[0]
        self.set_cells(initiative, cells)

    def respace(self, initiative: Initiative) -> None:
        """Spaces added after commas and PDF letter spacing undone (no difference)."""
        cells = self.row_cells(initiative)
        spaced = cells[0].replace("、", "、 ")
        spaced = re.sub(r"(?<=[A-Za-z]) (?=[A-Za-z](?: |$|[^A-Za-z]))", "", spaced)
        assert spaced != cells[0]
        cells[0] = spaced
        self.set_cells(initiative, cells)

    def add_row_after(self, initiative: Initiative) -> None:
        """A new initiative right after this one; later rows move down by one."""
        last = initiative.span.last_line
        self.replaced[last] = [*self.replaced.get(last, [self.doc.lines[last - 1]]), NEW_ROW]
        subsection = path(initiative.id.rsplit(".", 1)[0])
        self.added_rows.setdefault(subsection, []).append(initiative.number)

        def added() -> Expected:
            before = self.new_path(path(initiative.id))
            assert before is not None
            number = int(before.rsplit(".i", 1)[1]) + 1
            return ("initiative_added", None, f"{before.rsplit('.i', 1)[0]}.i{number}")

        self.expected.append(added)

    def remove_row(self, initiative: Initiative) -> None:
        """An initiative dropped from the table; later rows move up by one."""
        self.replaced[initiative.span.first_line] = []
        subsection = initiative.id.rsplit(".", 1)[0]
        self.removed_rows.setdefault(path(subsection), []).append(initiative.number)
        self.gone.add(path(initiative.id))
        self.expect("initiative_removed", initiative.id, None)

    def resplit(self, joined: Initiative, split: Initiative) -> None:
        """A row continued over a page break is printed whole, and the page break (separator,
        footnotes) falls inside another row instead; neither row reads differently."""
        first, last = joined.span.first_line, joined.span.last_line
        numbers = range(first, last + 1)
        rows = [n for n in numbers if "\t" in self.line(n) and not _is_separator(self.line(n))]
        assert len(rows) == 2, rows
        between = [self.line(n) for n in numbers if rows[0] < n < rows[1]]
        assert any(x.strip() for x in between), "a page break (separator or footnotes)"
        merged = [
            _join_fragments(a, b)
            for a, b in zip(
                self.line(rows[0]).split("\t"), self.line(rows[1]).split("\t"), strict=True
            )
        ]
        self.set_line(rows[0], "\t".join(merged))
        for n in numbers:
            if n != rows[0]:
                self.replaced[n] = []
        assert split.span.first_line == split.span.last_line
        self.splits.append((split.span.first_line, between))

    # -- footnotes and sections --

    def renumber_footnotes(self, start: int, by: int) -> None:
        """Footnotes from ``start`` on are renumbered (a note was inserted before them)."""
        self.renumber_from, self.renumber_by = start, by

    def refresh_footnote(self, footnote: Footnote) -> None:
        """A data source's year brought forward (``（令和5年12月）`` → ``（令和6年12月）``)."""
        number = footnote.span.first_line
        text = self.line(number)
        m = re.search(r"令和(\d{1,2})年", text)
        assert m is not None
        self.set_line(number, text[: m.start(1)] + str(int(m.group(1)) + 1) + text[m.end(1) :])
        self.expect("footnote_reworded", footnote.id, footnote.id)

    def keep_sections(self, chapter: Chapter, numbers: set[int]) -> None:
        """An edition covering only some sections: the others' lines are gone, except the
        footnotes that the kept part still cites."""
        keep_lines: set[int] = set()
        dropped = [s for s in chapter.sections if s.number not in numbers]
        dropped_ids = [s.id for s in dropped]
        for footnote in self.doc.footnotes:
            citers = footnote.cited_by
            if any(not any(_under(c, d) for d in dropped_ids) for c in citers):
                keep_lines |= set(range(footnote.span.first_line, footnote.span.last_line + 1))
        for section in dropped:
            for n in range(section.span.first_line, section.span.last_line + 1):
                if n not in keep_lines:
                    self.replaced[n] = []
            self.gone.add(path(section.id))
            self.expect("section_removed", section.id, None)
        for footnote in self.doc.footnotes:
            lines = range(footnote.span.first_line, footnote.span.last_line + 1)
            if not set(lines) & keep_lines and any(
                footnote.span.first_line >= s.span.first_line
                and footnote.span.last_line <= s.span.last_line
                for s in dropped
            ):
                self.gone.add(path(footnote.id))

    # -- results --

    def expect(self, code: str, old: str | None, new: str | None, suffix: str = "") -> None:
        """A difference the comparison must find; ``new`` is an old element id whose new
        place (plus ``suffix``) is worked out once every edit is known."""

        def resolve() -> Expected:
            mapped = self.new_path(path(new)) if new else None
            return (code, path(old) if old else None, f"{mapped}{suffix}" if mapped else None)

        self.expected.append(resolve)

    def expected_differences(self) -> set[Expected]:
        return {resolve() for resolve in self.expected}

    def new_path(self, old: str) -> str | None:
        """Where an old element is in the second edition (None: gone)."""
        if old in self.renames:
            return self.renames[old]
        if any(old == g or old.startswith(g + ".") for g in self.gone):
            return None
        if m := re.fullmatch(r"fn(\d+)", old):
            number = int(m.group(1))
            return f"fn{number + self.renumber_by if number >= self.renumber_from else number}"
        if m := re.fullmatch(r"(.*?\.ss\d+(?:-\d+)?)\.i(\d+)(.*)", old):
            subsection, number, rest = m.group(1), int(m.group(2)), m.group(3)
            shift = sum(1 for n in self.added_rows.get(subsection, []) if n < number)
            shift -= sum(1 for n in self.removed_rows.get(subsection, []) if n < number)
            return f"{subsection}.i{number + shift}{rest}"
        return old

    def expected_matches(self) -> set[tuple[str, str]]:
        """Every old element with its new place, except what was removed."""
        pairs = set()
        for element_id in all_elements(self.doc):
            new = self.new_path(path(element_id))
            if new is not None:
                pairs.add((path(element_id), new))
        return pairs

    def render(self) -> str:
        """The second edition's text."""
        out: list[str] = []
        splits = dict(self.splits)
        for number, original in enumerate(self.doc.lines, start=1):
            lines = self.replaced.get(number, [original])
            if number in splits:
                (row,) = lines
                lines = _split_row(row, splits[number])
            out.extend(lines)
        text = "\n".join(out)
        if self.renumber_by:
            text = self._renumbered(text)
        return text

    def _renumbered(self, text: str) -> str:
        def number(n: int) -> int:
            return n + self.renumber_by if n >= self.renumber_from else n

        def superscript(m: re.Match[str]) -> str:
            value = int(m.group().translate(str.maketrans(SUPERSCRIPTS, "0123456789")))
            return to_superscript(number(value))

        def caret(m: re.Match[str]) -> str:
            numbers = re.split(r"([ ,]+)", m.group(1))
            return "^{" + "".join(str(number(int(x))) if x.isdigit() else x for x in numbers) + "}"

        return _CARET.sub(caret, _SUPERSCRIPT_RUN.sub(superscript, text))


NEW_STATUS = "関係機関との連絡会議を新たに設け、進捗を四半期ごとに確認する体制を整えた。"
NEW_ROW = (
    "<p>○研究支援の手続を点検する窓口を各府省に置き、申請書類の簡素化を段階的に進める。"
    "【<u>文</u>、経】</p>\t<p>・窓口の設置に向けた準備を開始した。</p>\t"
    "<p>・点検の結果を取りまとめて公表する。【<u>文</u>】</p>"
)


def _under(element_id: str, container: str) -> bool:
    return element_id == container or element_id.startswith(container + ".")


def _is_separator(line: str) -> bool:
    return bool(re.fullmatch(r"[\s\-－―—|]+", line)) and "\t" in line


def _join_fragments(first: str, second: str) -> str:
    """One cell printed whole: the continuation resumes mid-text unless it opens a bullet."""
    if not second.strip():
        return first
    if not first.strip():
        return second
    rest = _OPENING_TAGS.sub("", second)
    if rest.lstrip().startswith(("・", "○", "◯", "●")):
        return f"{first} {second}"
    return _CLOSING_TAGS.sub("", first) + rest


def _split_row(row: str, between: list[str]) -> list[str]:
    """A one-line row cut mid-commitment by a page break: part, separator and notes, rest."""
    cells = row.split("\t")
    first = cells[0]
    text_positions = [
        i
        for i in range(len(first) // 3, len(first) - 1)
        if _CJK.match(first[i - 1]) and _CJK.match(first[i]) and _outside_markup(first, i)
    ]
    assert text_positions, first
    cut = text_positions[0]
    head, tail = first[:cut], first[cut:]
    if first.lstrip().startswith("<p>"):
        head, tail = head + "</p>", "<p>" + tail
    return ["\t".join([head, *cells[1:]]), *between, f"{tail}\t\t"]


def _outside_markup(text: str, index: int) -> bool:
    """Not inside ``<…>`` nor ``【…】``."""
    before = text[:index]
    return before.count("<") == before.count(">") and before.count("【") == before.count("】")


def find(doc: Document, element_path: str) -> Initiative:
    """The initiative at a path such as ``c2.s1.ss1.i3``."""
    for chapter in doc.chapters:
        for section in chapter.sections:
            for subsection in section.subsections:
                for initiative in subsection.initiatives:
                    if path(initiative.id) == element_path:
                        return initiative
    raise KeyError(element_path)


def indicators(doc: Document) -> list[Indicator]:
    return [
        i
        for c in doc.chapters
        for i in [*c.indicators, *(x for s in c.sections for x in s.indicators)]
    ]


def initiatives(doc: Document) -> list[Initiative]:
    return [
        i for c in doc.chapters for s in c.sections for ss in s.subsections for i in ss.initiatives
    ]
