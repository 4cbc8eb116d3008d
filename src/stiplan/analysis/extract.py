"""Extraction: named programmes, dated decisions, numeric targets, budgets and organisations.

A pure function from a ``Document`` to its ``Extractions``. The document is first cut into
*text units* — one per slide block or per follow-up element (initiative, status item, action,
paragraph, goal, footnote) — each with the context a reader of the slide would use: the
nearest heading, the slide title, the blocks just above. Every mention found names the unit's
element id and span, so it can be traced to its source lines. Blocks marked ``garbled`` are
never read; ``source`` blocks (出典) give only programmes and organisations, since their dates
are publication dates, not decisions.

The rules, in the order they run on a unit (see ``docs/slides.md`` for examples):

* **programmes** — ``ムーンショット目標N``; ``第N期…基本計画``; a name in 「」 ending in 戦略,
  計画, プログラム, 構想, ビジョン, プラン, パッケージ, 方針, 制度, 事業, 基金 or プロジェクト;
  ``…戦略2023`` written with its edition year; then the curated names of
  ``stiplan/data/programmes.toml`` (SIP, BRIDGE, K Program…). A trailing edition year
  (``統合イノベーション戦略2023``) belongs to the name.
* **decisions** — a date with a decision verb (決定, 閣議決定, 策定, 改定, 施行, 設立…): in
  brackets after what was decided (``「…」（令和5年6月16日閣議決定）``), or in running text
  before it (``2020年1月21日 統合イノベーション戦略推進会議「…」決定``). The deciding body is a
  known organisation or a name ending in 会議, 本部, 委員会…; ``閣議`` for 閣議決定. A named
  strategy with a date in brackets and no verb (``量子未来社会ビジョン（2020年4月）``) is a
  dated decision with an empty ``action``.
* **numeric targets** — a quantity (``1,000万人``, ``50兆円規模``, ``3倍増``, ``5,000件以上``)
  in a unit that states a target (目標, 目指す, 引き上げ, 倍増, ``N年間で``, an arrow
  ``7,500→22,500人``) or under a ``2030年目標`` heading; the subject is the phrase before the
  quantity; the period is a date bound by まで/までに/目標, else the heading's year.
* **budgets** — an amount in 円 in a clause about money (予算, 補正, 概算要求, 基金, 計上,
  措置, 出資, ファンド); the fiscal year before it; the subject is the nearest programme named
  in the unit or in the blocks above it on the slide, else the heading.
* **organisations** — the curated names of ``stiplan/data/organisations.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from stiplan.analysis import catalogue
from stiplan.model import (
    Block,
    BlockKind,
    Budget,
    Decision,
    Document,
    DocumentKind,
    Extractions,
    NumericTarget,
    Organisation,
    Period,
    PeriodKind,
    Programme,
    ProgrammeKind,
    Qualifier,
    Quantity,
    Span,
)
from stiplan.normalize.dates import PeriodError, parse_period, read_period_at
from stiplan.normalize.numbers import find_quantities
from stiplan.normalize.text import clean, compact

# --- text units ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextUnit:
    """One piece of text to extract from, with the context around it.

    ``heading`` is the nearest heading above it (on a slide, or the section title), ``title``
    the slide's title, ``above`` the texts of the blocks above it on the same slide, nearest
    first; ``label_above`` the block just above when it is a short label (a dated label under it
    refers to it); ``target_year`` the year of a ``2030年目標`` heading the unit stands under.
    """

    element_id: str
    text: str
    span: Span
    source: bool = False
    heading: str = ""
    title: str = ""
    above: tuple[str, ...] = ()
    label_above: str = ""
    target_year: Period | None = None


_TARGET_HEADING = re.compile(r"((?:令和|平成)(?:\d{1,2}|元)年|\d{4}年)(?:度)?(?:の)?目標$")
_TARGET_REACH = 4  # a 2030年目標 heading governs this many blocks below it
_ABOVE = 12  # how many blocks above a unit are looked at for the programme it is about
_LABEL_CHARS = 60


def slide_units(document: Document) -> list[TextUnit]:
    """The blocks of a slide deck as text units (garbled blocks left out)."""
    units: list[TextUnit] = []
    for slide in document.slides:
        heading = ""
        above: list[str] = []
        label = ""
        target: tuple[Period, int] | None = None
        for index, block in enumerate(slide.blocks):
            year = _target_heading(block.text)
            if year is not None:
                target = (year, index)
            in_reach = target is not None and 0 < index - target[1] <= _TARGET_REACH
            if not block.garbled:
                units.append(
                    TextUnit(
                        element_id=block.id,
                        text=block.text,
                        span=block.span,
                        source=block.kind is BlockKind.SOURCE,
                        heading=heading,
                        title=slide.title,
                        above=tuple(reversed(above[-_ABOVE:])),
                        label_above=label,
                        target_year=target[0] if target and in_reach else None,
                    )
                )
            if block.kind is BlockKind.TITLE:
                heading = block.text
            above.append(block.text)
            label = block.text if _is_label(block) else ""
    return units


def _is_label(block: Block) -> bool:
    """A short paragraph or heading naming something (not a bracketed section label)."""
    return (
        block.kind in (BlockKind.PARAGRAPH, BlockKind.TITLE)
        and len(block.text) <= _LABEL_CHARS
        and not block.text.startswith(("【", "<", "＜", "［", "["))
    )


def _target_heading(text: str) -> Period | None:
    """``2030年目標`` → the year 2030; anything else → None."""
    m = _TARGET_HEADING.search(key_of(text))
    if m is None or len(key_of(text)) > 12:
        return None
    try:
        return parse_period(m.group(1))
    except PeriodError:
        return None


def followup_units(document: Document) -> list[TextUnit]:
    """The prose, goals, initiatives, status items, actions and footnotes of a follow-up."""
    units: list[TextUnit] = []
    for chapter in document.chapters:
        for goal in chapter.goals:
            units.append(TextUnit(goal.id, goal.text, goal.span, heading=chapter.title))
        for section in chapter.sections:
            heading = section.title
            for p in section.paragraphs:
                units.append(TextUnit(p.id, p.text, p.span, heading=heading))
            for g in section.goals:
                units.append(TextUnit(g.id, g.text, g.span, heading=heading))
            for sub in section.subsections:
                for p in sub.paragraphs:
                    units.append(TextUnit(p.id, p.text, p.span, heading=sub.title))
                for i in sub.initiatives:
                    units.append(TextUnit(i.id, i.commitment, i.span, heading=sub.title))
                    for st in i.status_items:
                        units.append(TextUnit(st.id, st.text, st.span, heading=sub.title))
                    for a in i.actions:
                        units.append(TextUnit(a.id, a.text, a.span, heading=sub.title))
    for footnote in document.footnotes:  # the reader keeps footnotes as written: clean here
        units.append(TextUnit(footnote.id, clean(footnote.text), footnote.span, source=True))
    return units


def extract_document(document: Document) -> Extractions:
    """Everything extraction finds in a document of either kind.

    Numeric targets are read from slide decks only: a follow-up report states its targets in
    its own 主要指標 block, which its reader already reads.
    """
    if document.kind is DocumentKind.SLIDES:
        return extract(slide_units(document), document.id)
    return extract(followup_units(document), document.id, targets=False)


# --- the extractor ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Counter:
    """Numbers mention ids per kind, in reading order."""

    doc_id: str
    counts: dict[str, int] = field(default_factory=dict)

    def next(self, prefix: str) -> str:
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"{self.doc_id}:{prefix}{self.counts[prefix]}"


def extract(units: Iterable[TextUnit], document_id: str, *, targets: bool = True) -> Extractions:
    """Run every rule on every unit; ids are ``<document>:pg1``, ``:dc1``, ``:nt1``…

    Unit texts are expected clean already (the readers clean every text they keep), so they
    are not cleaned again: on a large report that would double the time extraction takes.
    """
    ids = _Counter(document_id)
    found = Extractions()
    for unit in units:
        text = _Text.of(unit.text, cleaned=True)
        if not text.s:
            continue
        programmes = _programmes(unit, text)
        found.programmes += [replace(p, id=ids.next("pg")) for p in programmes]
        found.organisations += [replace(o, id=ids.next("og")) for o in _organisations(unit, text)]
        if unit.source:
            continue
        found.decisions += [replace(d, id=ids.next("dc")) for d in _decisions(unit, text)]
        if targets:
            found.targets += [replace(t, id=ids.next("nt")) for t in _targets(unit, text)]
        found.budgets += [replace(b, id=ids.next("bg")) for b in _budgets(unit, text, programmes)]
    return found


_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Text:
    """A unit's cleaned text ``t`` and its key form ``s`` (no whitespace) with the index map."""

    t: str
    s: str
    index: tuple[int, ...]

    @classmethod
    def of(cls, text: str, *, cleaned: bool = False) -> _Text:
        if not cleaned:
            t = clean(text)
            s, index = compact(t)
            return cls(t, s, tuple(index))
        # A cleaned text is already folded: the key form only drops its whitespace, and the
        # index map is the runs between spaces (built from ranges, not character by character).
        kept: list[int] = []
        pos = 0
        for m in _SPACE.finditer(text):
            kept.extend(range(pos, m.start()))
            pos = m.end()
        kept.extend(range(pos, len(text)))
        return cls(text, _SPACE.sub("", text), tuple(kept))

    def orig(self, start: int, end: int) -> str:
        """The cleaned text behind ``s[start:end]`` (spaces and all)."""
        if start >= end:
            return ""
        return self.t[self.index[start] : self.index[end - 1] + 1]


def key_of(text: str) -> str:
    """The key form of a text that is already clean: its whitespace removed.

    Everything extraction looks at comes from cleaned texts, so ``catalogue.key`` (which
    cleans first) would only repeat work.
    """
    return _SPACE.sub("", text)


# --- programmes ------------------------------------------------------------------------------

_SUFFIXES = "戦略|計画|プログラム|構想|ビジョン|プラン|パッケージ|方針|制度|事業|基金|プロジェクト"
_QUOTED = re.compile(
    r"「([^「」]{2,60}?(?:" + _SUFFIXES + r"))((?:19|20)\d\d)?(?:[(（](?:案|仮称)[)）])?」"
)
_EDITION_NAME = re.compile(
    r"([A-Za-z゠-ヿ一-鿿・]{2,30}?(?:戦略|計画|方針))((?:19|20)\d\d)(?![\d年])"
)
# What every match of _EDITION_NAME holds. The name pattern tries up to 30 characters from
# every position of a text (a tenth of extraction's time); most texts have no such year.
_EDITION_HINT = re.compile(r"(?:戦略|計画|方針)(?:19|20)\d\d")
_MOONSHOT_GOAL = re.compile(r"ムーンショット目標(\d{1,2})(?!\d)")
_BARE_GOAL = re.compile(r"^目標\s*(\d{1,2})(?![\d年])")
_BASIC_PLAN = re.compile(r"第([0-9]{1,2})期(?:科学技術・イノベーション|科学技術)?基本計画")
_EDITION = re.compile(r"(?:19|20)\d\d(?![\d年.])")
_KIND_OF_SUFFIX = {
    "戦略": ProgrammeKind.STRATEGY,
    "ビジョン": ProgrammeKind.STRATEGY,
    "計画": ProgrammeKind.PLAN,
    "プラン": ProgrammeKind.PLAN,
    "パッケージ": ProgrammeKind.PLAN,
    "方針": ProgrammeKind.PLAN,
    "構想": ProgrammeKind.PLAN,
}


def _kind_of(name: str) -> ProgrammeKind:
    for suffix, kind in _KIND_OF_SUFFIX.items():
        if name.endswith(suffix):
            return kind
    return ProgrammeKind.PROGRAMME


def canonical(name: str) -> tuple[str, ProgrammeKind]:
    """A programme name as written → its canonical name and kind (curated or by suffix)."""
    k = key_of(name)
    year = ""
    if m := re.search(r"((?:19|20)\d\d)$", k):
        base = k[: m.start()]
        if base in catalogue.programme_by_key():
            k, year = base, m.group(1)
    entry = catalogue.programme_by_key().get(k)
    if entry is not None and entry.kind is not None:
        return entry.name + year, entry.kind
    edition = re.search(r"(?:19|20)\d\d$", k)
    return k + year, _kind_of(k[: edition.start()] if edition else k)


def _programmes(unit: TextUnit, text: _Text) -> list[Programme]:
    """Programme mentions of one unit, each name once, in order of appearance."""
    s = text.s
    taken: list[tuple[int, int]] = []
    raw: list[tuple[int, str, ProgrammeKind, str]] = []

    def add(start: int, end: int, name: str, kind: ProgrammeKind) -> None:
        taken.append((start, end))
        raw.append((start, name, kind, text.orig(start, end)))

    for m in _MOONSHOT_GOAL.finditer(s):
        add(m.start(), m.end(), f"ムーンショット目標{int(m.group(1))}", ProgrammeKind.PROGRAMME)
    # Matched on the cleaned text: in the key form 「目標 6 2050年」 would read as 目標62050.
    bare = _BARE_GOAL.match(text.t)
    if bare is not None and "ムーンショット" in unit.heading + unit.title + s:
        number = int(bare.group(1))
        end = len(compact(text.t[: bare.end()])[0])
        add(0, end, f"ムーンショット目標{number}", ProgrammeKind.PROGRAMME)
    for m in _BASIC_PLAN.finditer(s):
        n = int(m.group(1))
        name = f"第{n}期科学技術基本計画" if n <= 5 else f"第{n}期科学技術・イノベーション基本計画"
        add(m.start(), m.end(), name, ProgrammeKind.PLAN)
    for m in _QUOTED.finditer(s):
        if _free(taken, m.start(1), m.end()):
            name, kind = canonical(m.group(1) + (m.group(2) or ""))
            add(m.start(1), m.end(2) if m.group(2) else m.end(1), name, kind)
    for m in _EDITION_NAME.finditer(s) if _EDITION_HINT.search(s) else ():
        if _free(taken, m.start(), m.end()):
            name, kind = canonical(m.group(1) + m.group(2))
            add(m.start(), m.end(), name, kind)
    for hit in catalogue.find(s, catalogue.programmes(), taken):
        assert hit.entry.kind is not None
        end = hit.end
        year = _EDITION.match(s, end)
        name = hit.entry.name
        if year is not None:
            name, end = name + year.group(), year.end()
        raw.append((hit.start, name, hit.entry.kind, text.orig(hit.start, end)))
    seen: set[str] = set()
    out: list[Programme] = []
    for _, name, kind, written in sorted(raw, key=lambda r: r[0]):
        if name not in seen:
            seen.add(name)
            out.append(Programme("", name, kind, written, unit.span, unit.element_id))
    return out


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= a or start >= b for a, b in taken)


# --- organisations -------------------------------------------------------------------------


def _organisations(unit: TextUnit, text: _Text) -> list[Organisation]:
    """Curated organisations named in one unit, each once."""
    seen: set[str] = set()
    out: list[Organisation] = []
    for hit in catalogue.find(text.s, catalogue.organisations(), []):
        if hit.entry.name not in seen:
            seen.add(hit.entry.name)
            written = text.orig(hit.start, hit.end)
            out.append(Organisation("", hit.entry.name, written, unit.span, unit.element_id))
    return out


# --- dates ---------------------------------------------------------------------------------

_DATE_START = re.compile(
    r"(?:明治|大正|昭和|平成|令和)(?:元|\d{1,2})年|(?<![\d.,])\d{4}年"
    r"|(?<![A-Za-z])[HR](?:元|\d{1,2})年度|(?<=[(（])(?:19|20)\d\d\.\d{1,2}(?=[)）])"
)
_ABBREVIATED_ERA = {"H": "平成", "R": "令和"}
# After a date, these make it not an event date: a range, a target, a baseline, a decade.
_NOT_EVENT = re.compile(
    r"(?:～|〜|~|-|から(?:\d|令和|平成)|まで|目標|を目指|に向け|比|代|以降|以来|時点|現在|版|当たり|頃まで|間)"
)


@dataclass(frozen=True, slots=True)
class _Date:
    period: Period
    start: int
    end: int


def _dates(text: _Text) -> list[_Date]:
    """Every single date in a unit's key form, with its position; ranges are read as two."""
    s = text.s
    found: list[_Date] = []
    if "年" not in s and "." not in s:
        return found  # every date form has 年, or is (2023.1)
    last_end = 0
    for m in _DATE_START.finditer(s):
        if m.start() < last_end:
            continue
        read = _read_date(s, m)
        if read is None:
            continue
        period, end = read
        written = text.orig(m.start(), end)
        found.append(_Date(Period(period.start, period.end, period.kind, written), m.start(), end))
        last_end = end
    return found


def _read_date(s: str, m: re.Match[str]) -> tuple[Period, int] | None:
    """One date at a match of ``_DATE_START``: 和暦, Gregorian, ``R5年度`` or ``(2023.1)``."""
    token = m.group()
    if "." in token:
        year, month = (int(x) for x in token.split("."))
        if not 1 <= month <= 12:
            return None
        start = date(year, month, 1)
        end = date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
        return Period(start, date.fromordinal(end), PeriodKind.MONTH, token), m.end()
    if token[0] in _ABBREVIATED_ERA:
        try:
            period = parse_period(_ABBREVIATED_ERA[token[0]] + token[1:])
        except PeriodError:
            return None
        return period, m.end()
    return read_period_at(s, m.start())


# --- decisions -----------------------------------------------------------------------------

_ACTIONS = (
    "閣議決定",
    "閣議了解",
    "申し合わせ",
    "申合せ",
    "取りまとめ",
    "とりまとめ",
    "決定",
    "策定",
    "改定",
    "改訂",
    "改正",
    "施行",
    "成立",
    "設立",
    "設置",
    "公表",
    "公開",
    "開催",
    "合意",
    "選定",
    "認定",
    "創設",
    "開始",
    "始動",
    "発表",
    "採択",
    "着任",
    "任命",
    "署名",
    "発足",
)
_ACTION = re.compile("|".join(_ACTIONS))
_ACTION_AFTER = re.compile(r"(?:を|が|に)?(" + _ACTION.pattern + ")")
_ACTION_AT_END = re.compile(r"(?:の|を)?(" + _ACTION.pattern + ")$")
_ACTION_TAIL = re.compile("(" + _ACTION.pattern + ")$")
_QUOTED_NAME = re.compile(r"「([^「」]+)」")
_NAME_SUFFIX = re.compile(f"(?:{_SUFFIXES})(?:\\d{{4}})?$")
# ``設置した有識者会議``, ``認定するという``, ``策定予定の``: a verb that describes a noun, or a
# verb that is only intended (``設立を目指す``), is not the decision of the sentence; nor is a
# verb that begins a compound noun (``改訂チェックリスト``, ``設立準備``, ``認定候補``).
_NOT_DONE = re.compile(
    r"(?:(?:し|され)?(?:た|ている|する|される)(?:[一-鿿ァ-ヺーA-Za-z「]|という|ための)"
    r"|予定の|を目指|[一-鿿ァ-ヺー](?<!予))"
)
_COUNCIL = re.compile(r"[^、。「」（）()：:]{2,30}?(?:会議|本部|委員会|審議会|幹事会|ボード|国会)")
_RELATIVE_PREFIX = re.compile(r"^.*(?:した|された|において|で)")
_LEAD_PARTICLES = re.compile(
    r"^(?:頃に|頃|中に|中の|中|には、|には|に、|は、|において|にて|より|から|に|で|の|は|が|を|と"
    r"|、|，|,|：|:|・|※|\||\s)+"
)
_TRAIL_PARTICLES = re.compile(r"(?:を|が|は|に|で|の|と|、|，|,|：|:|・|\||\s)+$")
_AGENT = re.compile(r"(?:によって|により|を中心に|中心)$")
_WEEKDAY = re.compile(r"[(（][月火水木金土日][)）]")
_OPENERS = "（("
_CLOSERS = "）)"
_SENTENCE_END = "。"
_WINDOW = 120  # how far after a date its verb may stand
_SHORT_WHAT = 3  # a shorter object (``運用``) is completed from its sentence or slide


def _decisions(unit: TextUnit, text: _Text) -> list[Decision]:
    """Dated decisions and events in one unit."""
    out: list[Decision] = []
    dates = _dates(text)
    for i, d in enumerate(dates):
        if not _event_date(text, d):
            continue
        limit = dates[i + 1].start if i + 1 < len(dates) else len(text.s)
        paren = _enclosing(text.s, d.start)
        if paren is not None:
            found = _in_brackets(unit, text, d, paren, limit)
        else:
            found = _in_running_text(unit, text, d, limit)
        if found is not None:
            out.append(found)
    return out


def _event_date(text: _Text, d: _Date) -> bool:
    """A date that can date a decision: not a range, a target, a baseline, part of a name."""
    s = text.s
    if d.start > 0 and s[d.start - 1] in "～〜~-":
        return False
    if s[: d.start].count("「") > s[: d.start].count("」"):
        return False  # 「令和5年度特定新技術補助金等…方針」: the year belongs to a name
    after = d.end
    if s.startswith("「", after) and (close := s.find("」", after)) >= 0:
        after = close + 1  # 2012年「スタートアップ都市宣言」以降
    if _NOT_EVENT.match(s, after) or _WEEKDAY.match(s, d.end):
        return False
    if re.match(r"から(?:開始|実施)?(?:する|される)", s[d.end :]):
        return False  # 令和5年度から開始するSIP第3期: the date describes a noun
    if _enclosing(s, d.start) is not None:
        return True  # （令和元年6月11日統合イノベーション戦略推進会議決定）: a body may follow
    # In running text a date glued to a noun is part of a name: 令和5年度特定新技術補助金…方針.
    tail = text.t[text.index[d.end - 1] + 1 :]
    glued = bool(tail) and re.match(r"[一-鿿ァ-ヺー]", tail) is not None
    return not glued or _ACTION.match(s, d.end) is not None or tail[0] in "中末頃以"


def _enclosing(s: str, pos: int) -> tuple[int, int] | None:
    """The innermost bracket pair around ``pos`` (open index, close index), if any."""
    depth = 0
    for i in range(pos - 1, -1, -1):
        if s[i] in _CLOSERS:
            depth += 1
        elif s[i] in _OPENERS:
            if depth == 0:
                close = _matching(s, i)
                return (i, close) if close is not None and close > pos else None
            depth -= 1
    return None


def _matching(s: str, open_at: int) -> int | None:
    depth = 0
    for i in range(open_at, len(s)):
        if s[i] in _OPENERS:
            depth += 1
        elif s[i] in _CLOSERS:
            depth -= 1
            if depth == 0:
                return i
    return None


def _done(s: str, m: re.Match[str]) -> bool:
    """A verb that states a decision taken or announced (not a modifier, not an intention)."""
    return _NOT_DONE.match(s, m.end()) is None


def _first_action(s: str, start: int, end: int) -> re.Match[str] | None:
    """The first decision verb in ``s[start:end]`` that is a decision (see ``_done``)."""
    for m in _ACTION.finditer(s, start, end):
        if _done(s, m):
            return m
    return None


@dataclass(frozen=True, slots=True)
class _Body:
    """Who decided, and where it was written (to keep it out of ``what``)."""

    name: str = ""
    start: int = -1
    end: int = -1


def _body(text: _Text, start: int, end: int) -> _Body:
    """Who decided, within ``s[start:end]``: a council, else the organisations named."""
    s = text.s[start:end]
    orgs = catalogue.find(s, catalogue.organisations(), [])
    for hit in orgs:
        name = hit.entry.name
        if s.startswith("本会議", hit.end):
            return _Body(name + "本会議", start + hit.start, start + hit.end + 3)
        if name.endswith(("会議", "本部", "委員会", "審議会")):
            return _Body(name, start + hit.start, start + hit.end)
    m = _COUNCIL.search(s)
    if m is not None:
        raw = text.orig(start + m.start(), start + m.end())
        name = _LEAD_PARTICLES.sub("", _RELATIVE_PREFIX.sub("", raw))
        if len(name) >= 2:
            return _Body(name, start + m.start(), start + m.end())
    if orgs:
        names = list(dict.fromkeys(hit.entry.name for hit in orgs))
        return _Body("、".join(names), start + orgs[0].start, start + orgs[-1].end)
    return _Body()


def _tidy(what: str) -> str:
    """A decision's object without the particles and brackets around it."""
    what = _LEAD_PARTICLES.sub("", what.strip())
    what = _TRAIL_PARTICLES.sub("", what).strip()
    if what.startswith("「") and what.endswith("」") and what.count("「") == 1:
        what = what[1:-1]
    return what[:100]


def _phrase_before(text: _Text, pos: int) -> str:
    """The name or noun phrase that ends just before ``pos`` (a bracket); brackets inside it
    (``高等研究発明局(ARIA)``) are stepped over."""
    s = text.s
    if pos > 0 and s[pos - 1] == "」":
        open_at = s.rfind("「", 0, pos - 1)
        if open_at >= 0:
            return text.orig(open_at + 1, pos - 1)
    start = pos
    while start > 0 and s[start - 1] not in "、。，,：:「」【】（(":
        if s[start - 1] in _CLOSERS:
            opener = _opening(s, start - 1)
            if opener is None:
                break
            start = opener
            continue
        start -= 1
    return text.orig(start, pos)


def _opening(s: str, close_at: int) -> int | None:
    depth = 0
    for i in range(close_at, -1, -1):
        if s[i] in _CLOSERS:
            depth += 1
        elif s[i] in _OPENERS:
            depth -= 1
            if depth == 0:
                return i
    return None


def _quoted(text: _Text, start: int, end: int) -> str:
    """The names in 「」 within ``s[start:end]``, joined (``「A」及び「B」を…閣議決定``)."""
    return "、".join(_QUOTED_NAME.findall(text.s, start, end))


def _fallback_what(unit: TextUnit, d: _Date) -> str:
    """What a bare dated label refers to: the label just above it, else the slide's subject."""
    if d.start == 0 and unit.label_above:
        return unit.label_above
    return unit.title.replace("（参考）", "").strip()


def _complete(unit: TextUnit, text: _Text, d: _Date, what: str) -> str:
    """A short object (``運用``) gets the programme its sentence names before the date."""
    if len(what) >= _SHORT_WHAT:
        return what
    sentence = text.s[_sentence_start(text.s, d.start) : d.start]
    named = _programmes(TextUnit("", sentence, unit.span), _Text.of(sentence, cleaned=True))
    if named:
        return f"{named[-1].name}の{what}" if what else named[-1].name
    return _fallback_what(unit, d) or what


def _in_brackets(
    unit: TextUnit, text: _Text, d: _Date, paren: tuple[int, int], limit: int
) -> Decision | None:
    """A date in brackets: ``「X」（令和5年6月16日閣議決定）``, ``（X：2023年6月9日閣議決定）``,
    ``Xの合意（令和5年12月）（総務省）``, ``X（2019年6月）を策定``."""
    s = text.s
    open_at, close = paren
    action = _first_action(s, d.end, min(close, limit))
    inner_before = s[open_at + 1 : d.start]
    colon = max(inner_before.rfind("："), inner_before.rfind(":"))
    if colon > 0 and not _DATE_START.search(inner_before[:colon]):
        what = text.orig(open_at + 1, open_at + 1 + colon)
    else:
        what = _phrase_before(text, open_at)
    body = _body(text, d.end, action.start() if action else min(close, limit)).name
    verb = action.group() if action else ""
    if action is None:
        after = _ACTION_AFTER.match(s, close + 1)
        ends = _ACTION_AT_END.search(key_of(what))
        if after is not None and _done(s, after):
            verb = after.group(1)
        elif ends is not None:
            verb = ends.group(1)
            stripped = _strip_verb(what, verb)
            what = what if stripped.endswith(("する", "による")) else stripped
        elif not (_names_programme(what) or s[open_at - 1 : open_at] == "」"):
            return None
    body = body or _following_body(text, close) or _body_before(text, open_at)
    if verb in ("閣議決定", "閣議了解") and not body:
        body = "閣議"
    what = _tidy(what)
    if not what:
        what = _quoted(text, _sentence_start(s, open_at), open_at) or _fallback_what(unit, d)
    planned = "予定" in s[d.end : close + 6]
    return _decision(unit, text, d, body, _complete(unit, text, d, what), verb, planned)


def _following_body(text: _Text, close: int) -> str:
    """``…の合意（令和5年12月）（総務省・外務省）``: who, in the next brackets."""
    s = text.s
    following = close + 1
    if following >= len(s) or s[following] not in _OPENERS:
        return ""
    end = _matching(s, following)
    if end is None:
        return ""
    return _body(text, following + 1, end).name or _tidy(text.orig(following + 1, end))


def _body_before(text: _Text, open_at: int) -> str:
    """``CSTI有識者議員が「…」（令和5年10月30日）をとりまとめた``: who, earlier in the clause."""
    s = text.s
    start = max(_sentence_start(s, open_at), s.rfind("、", 0, open_at) + 1)
    quote = s.rfind("「", start, open_at)
    return _body(text, start, quote if quote >= 0 else open_at).name


def _strip_verb(what: str, verb: str) -> str:
    """``AI事業者ガイドライン案とりまとめ`` → ``AI事業者ガイドライン案`` (the verb goes apart)."""
    if verb and what.endswith(verb):
        what = what[: -len(verb)]
        what = re.sub(r"(?:の|を)$", "", what)
    return what


def _names_programme(what: str) -> bool:
    """A phrase that is itself a named strategy, plan or programme."""
    k = key_of(what)
    if not k:
        return False
    if k in catalogue.programme_by_key():
        return True
    return _NAME_SUFFIX.search(k) is not None


def _sentence_start(s: str, pos: int) -> int:
    return s.rfind(_SENTENCE_END, 0, pos) + 1


def _in_running_text(unit: TextUnit, text: _Text, d: _Date, limit: int) -> Decision | None:
    """A date in the sentence: ``2020年1月21日 会議「X」決定``, ``令和5年3月16日にXを決定``."""
    s = text.s
    stop = s.find(_SENTENCE_END, d.end)
    stop = len(s) if stop < 0 else stop
    action = _first_action(s, d.end, min(stop, limit, d.end + _WINDOW))
    if action is None:
        before = _ACTION_TAIL.search(s, max(0, d.start - 6), d.start)
        if before is None:
            return None
        verb = before.group(1)
        what = _tidy(_phrase_before(text, d.start - len(verb)))
        return _decision(unit, text, d, "", _complete(unit, text, d, what), verb, False)
    verb = action.group()
    segment_end = action.start()
    body = _body(text, d.end, segment_end)
    what = _quoted(text, d.end, segment_end)
    opened = s.rfind("「", d.end, segment_end)
    if not what and opened >= 0 and s.find("」", opened, segment_end) < 0:
        what = text.orig(opened + 1, segment_end)  # 理研「国産…初号機公開」: the verb is quoted
    if not what:
        start = body.end if body.end > d.end else d.end
        clause = s.rfind("、", start, segment_end)
        what = text.orig(max(start, clause + 1), segment_end)
    if _AGENT.search(key_of(what)):
        return None  # ``…の研究者らによって設立``: who did it, not what
    name = body.name or ("閣議" if verb in ("閣議決定", "閣議了解") else "")
    tail = s[action.end() : action.end() + 12]
    planned = "予定" in tail
    if tail[:1] in _OPENERS and (end := _matching(s, action.end())) is not None:
        name = name or _body(text, action.end() + 1, end).name
        planned = planned or "予定" in s[end + 1 : end + 4]
    return _decision(unit, text, d, name, _complete(unit, text, d, _tidy(what)), verb, planned)


def _decision(
    unit: TextUnit, text: _Text, d: _Date, body: str, what: str, verb: str, planned: bool
) -> Decision | None:
    if not what:
        return None
    return Decision("", d.period, body, what, verb, text.t, unit.span, unit.element_id, planned)


# --- numeric targets -----------------------------------------------------------------------

_TARGET_WORDS = re.compile(r"目標|目指|引き上げ|倍増|倍に|\d+年間で|→")
_TIMES = re.compile(r"(\d+(?:\.\d+)?)倍(増|に)")
_ARROW = re.compile(r"([\d,]+(?:\.\d+)?)→([\d,]+(?:\.\d+)?)([^\d\s、。()（）]{1,4})")
_SCALE_WORD = "規模"
_MONEY_CHANGE = re.compile(r"^円(?:増額|減額|増|減)$")
# Units a target or a budget is counted in (a unit may go on: 人規模, 件以上 are cut first).
_UNITS = (
    "人",
    "円",
    "件",
    "社",
    "校",
    "名",
    "倍",
    "位",
    "%",
    "拠点",
    "都市",
    "課題",
    "機関",
    "大学",
    "者",
    "団体",
    "自治体",
    "か所",
    "カ所",
    "箇所",
    "か国",
    "トン",
    "t",
    "kW",
    "MW",
    "GW",
    "キロワット",
    "本",
    "台",
    "回",
    "時間",
    "編",
    "種",
    "ドル",
    "米ドル",
)
_SENTENCE_BREAKS = re.compile(r"。|\s?\|\s?|\s・\s?")
_QUOTE = re.compile(r"「[^「」]*」")
_DELIMITERS = "、。：:「」【】\n|"
_SUBJECT_NOISE = re.compile(r"(?:\d+年間で|年間|累積|累計|約|総額で|で|を|は|が|の|：|:|\s)+$")
_BY_DATE = re.compile(r"(?:まで(?:に)?|を目途|目標|に向け)")


def _tidy_quantity(q: Quantity) -> Quantity | None:
    """``50兆円規模`` → 50兆円 about (程度); ``800億円増額`` → 800億円; other units must be
    counts, money or shares (``_UNITS``): durations, ordinals and prose are not quantities here.
    """
    unit = q.unit
    qualifier = q.qualifier
    if unit.endswith(_SCALE_WORD):
        unit = unit[: -len(_SCALE_WORD)]
        qualifier = qualifier or Qualifier.AROUND
    if _MONEY_CHANGE.match(unit):
        unit = "円"
    if unit not in _UNITS:
        return None
    return replace(q, unit=unit, qualifier=qualifier)


def _quantities(t: str) -> list[tuple[int, int, Quantity]]:
    """Quantities of a cleaned text with their positions; ``3倍増`` and ``A→B人`` included.

    An ordinal (``第3期``) is not a quantity; an arrow ``7,500→22,500人`` is its right side,
    positioned at its left side so that the subject is what comes before both.
    """
    found: list[tuple[int, int, Quantity]] = []
    pos = 0
    for q in find_quantities(t):
        start = t.find(q.text, pos)
        if start < 0:
            continue
        pos = start + len(q.text)
        tidy = _tidy_quantity(q)
        if tidy is not None and not t[:start].endswith("第"):
            found.append((start, pos, tidy))
    for m in _TIMES.finditer(t):
        value = Decimal(m.group(1))
        found = [f for f in found if f[1] <= m.start() or f[0] >= m.end()]
        found.append((m.start(), m.end(), Quantity(value, "倍", m.group())))
    for m in _ARROW.finditer(t):
        if m.group(3) not in _UNITS:
            continue
        value = Decimal(m.group(2).replace(",", ""))
        found = [f for f in found if f[1] <= m.start() or f[0] >= m.end()]
        found.append((m.start(), m.end(), Quantity(value, m.group(3), m.group())))
    return sorted(found, key=lambda f: f[0])


def _sentence_around(t: str, start: int, end: int) -> str:
    """The sentence (or table cell, or list item) a quantity stands in, quoted names removed."""
    bounds = [m.end() for m in _SENTENCE_BREAKS.finditer(t, 0, start)]
    begin = bounds[-1] if bounds else 0
    m = _SENTENCE_BREAKS.search(t, end)
    return _QUOTE.sub("", t[begin : m.start() if m else len(t)])


def _targets(unit: TextUnit, text: _Text) -> list[NumericTarget]:
    """Numeric targets stated in one unit (see the module docstring)."""
    t = text.t
    if unit.target_year is None and not _TARGET_WORDS.search(text.s):
        return []  # cheap test first: most units state no target
    period = _target_period(text) or unit.target_year
    out: list[NumericTarget] = []
    previous_end = 0
    for start, end, quantity in _quantities(t):
        floor = previous_end
        previous_end = end
        stated = _TARGET_WORDS.search(key_of(_sentence_around(t, start, end)))
        if unit.target_year is None and stated is None:
            continue
        subject = _subject(t, start, floor)
        if not subject:
            continue
        when = period or _period_in(subject)
        out.append(NumericTarget("", subject, quantity, when, t, unit.span, unit.element_id))
    return out


def _subject(t: str, start: int, floor: int) -> str:
    """The phrase a quantity measures: back from the quantity to a delimiter or the last one.

    A quantity in brackets (``支出目標（1066.2億円）``) measures the phrase before the bracket.
    """
    if start > 0 and t[start - 1] in "（(":
        start -= 1
    begin = start
    while begin > floor and t[begin - 1] not in _DELIMITERS:
        begin -= 1
    subject = t[begin:start]
    subject = re.sub(r"^(?:に|を|で|、|\s)+", "", subject)
    subject = _SUBJECT_NOISE.sub("", subject).strip(" （(")
    return subject if len(subject) >= 2 else ""


def _target_period(text: _Text) -> Period | None:
    """A date a target is bound to: ``2025年度まで``, ``2030年までに``, ``2030年目標``."""
    for d in _dates(text):
        if _BY_DATE.match(text.s, d.end):
            return d.period
    return None


def _period_in(subject: str) -> Period | None:
    """A fiscal year written in the subject itself (``令和4年度の支出目標``)."""
    found = _dates(_Text.of(subject, cleaned=True))
    return found[0].period if found else None


# --- budgets -------------------------------------------------------------------------------

_MONEY_WORDS = (
    ("概算要求", "概算要求"),
    ("補正予算", "補正予算"),
    ("当初予算", "当初予算"),
    ("予算", "予算"),
    ("基金", "基金"),
    ("出資", "出資金"),
    ("ファンド", "ファンド"),
    ("計上", "予算"),
    ("措置", "予算"),
)
_CLAUSE_BREAK = "、。\n"


def _budgets(unit: TextUnit, text: _Text, programmes: list[Programme]) -> list[Budget]:
    """Amounts of money voted or set aside, with their fiscal year and purpose."""
    t = text.t
    if "円" not in t or not any(word in t for word, _ in _MONEY_WORDS):
        return []  # cheap test first: most units name no money
    out: list[Budget] = []
    for start, end, quantity in _quantities(t):
        if quantity.unit != "円":
            continue
        clause_start = max(t.rfind(ch, 0, start) for ch in _CLAUSE_BREAK) + 1
        ends = [i for i in (t.find(ch, end) for ch in _CLAUSE_BREAK) if i >= 0]
        before, after = t[clause_start:start], t[end : min(ends or [len(t)])]
        if re.search(r"(?:^|[【（(])\s*うち[^】）)]*$", before) or "目標" in before:
            continue  # 【うち…枠 10.2億円】 is part of an amount; 支出目標（…億円） a target
        sentence = t[t.rfind("。", 0, start) + 1 : start]
        kind = _money_kind(before, last=True) or _money_kind(after, last=False)
        kind = kind or _money_kind(sentence, last=True)
        if kind is None:
            continue
        period = _fiscal_year_before(before)
        subject = _budget_subject(unit, programmes)
        if any((b.amount, b.subject, b.period) == (quantity, subject, period) for b in out):
            continue  # the same fund mentioned twice in one block
        out.append(Budget("", subject, quantity, period, kind, t, unit.span, unit.element_id))
    return out


def _money_kind(context: str, *, last: bool) -> str | None:
    """The money word (概算要求, 補正予算…) nearest the amount, as the budget's kind."""
    best: tuple[int, int, str] | None = None
    for word, kind in _MONEY_WORDS:
        pos = context.rfind(word) if last else context.find(word)
        if pos < 0:
            continue
        # Rank by where the word ends (before the amount) or starts (after it), then length:
        # 補正予算 wins over the 予算 inside it.
        rank = (pos + len(word), len(word)) if last else (-pos, len(word))
        if best is None or rank > best[:2]:
            best = (*rank, kind)
    return best[2] if best else None


def _fiscal_year_before(context: str) -> Period | None:
    """The last fiscal year written before an amount (``令和4年度補正予算額``)."""
    dates = [
        d
        for d in _dates(_Text.of(context, cleaned=True))
        if d.period.kind is PeriodKind.FISCAL_YEAR
    ]
    return dates[-1].period if dates else None


def _named(text: str) -> str:
    """The first programme a text names, or empty."""
    found = _programmes(TextUnit("", text, Span(1, 1)), _Text.of(text, cleaned=True))
    return found[0].name if found else ""


def _budget_subject(unit: TextUnit, programmes: list[Programme]) -> str:
    """What the money is for: a programme named here, in the slide's title, or in the nearest
    block above that names one; else the heading.

    The title comes before the blocks above because a slide about a programme often cites
    another one in passing (``拠点形成戦略に基づき…``) just above the budget line.
    """
    if programmes:
        return programmes[0].name
    for context in (unit.title, *unit.above):
        if context and (name := _named(context)):
            return name
    return unit.heading or unit.title
