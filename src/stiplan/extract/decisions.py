"""Decisions: a date with a decision verb, what was decided and who decided it.

In brackets after what was decided (``「…」（令和5年6月16日閣議決定）``) or in running text
before it; see ``stiplan.extract`` for the rule and ``docs/slides.md`` for examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stiplan.extract import catalogue
from stiplan.extract.dates import DATE_START, FoundDate, find_dates
from stiplan.extract.programmes import SUFFIXES, find_programmes
from stiplan.extract.units import Text, TextUnit, key_of
from stiplan.model import Decision

# After a date, these make it not an event date: a range, a target (``まで``, ``目標``,
# ``を目途に``, ``めどの``: by about then), a baseline, a decade.
_NOT_EVENT = re.compile(
    r"(?:～|〜|~|-|から(?:\d|令和|平成)|まで|目標|を目指|に向け|比|代|以降|以来|時点|現在|版|当たり"
    r"|頃まで|間|(?:を)?(?:目途|めど))"
)

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
_NAME_SUFFIX = re.compile(f"(?:{SUFFIXES})(?:\\d{{4}})?$")
# ``設置した有識者会議``, ``認定するという``, ``策定予定の``: a verb that describes a noun, or a
# verb that is only intended (``設立を目指す``), is not the decision of the sentence; nor is a
# verb that begins a compound noun (``改訂チェックリスト``, ``設立準備``, ``認定候補``).
_NOT_DONE = re.compile(
    r"(?:(?:し|され)?(?:た|ている|する|される)(?:[一-鿿ァ-ヺーA-Za-z「]|という|ための)"
    r"|予定の|を目指|に向け|[一-鿿ァ-ヺー](?<!予))"
)
# What a decision decides must name something. An ordinal without the noun it counts
# (``第2回``; what is left of ``「第2次とりまとめ」`` once its verb is taken) names nothing, nor
# does a phrase that only places the decision (``Xの下``, ``Xにおいて``: under X, within X),
# whose object stands elsewhere in the sentence.
_ORDINAL_ONLY = re.compile(r"第?[0-9０-９〇一二三四五六七八九十百]+(?:次|回|期|弾|号)")
_PLACING = re.compile(r"(?:の(?:下|もと|中|間)|において|にて)$")
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


def find_decisions(unit: TextUnit, text: Text) -> list[Decision]:
    """Dated decisions and events in one unit."""
    out: list[Decision] = []
    dates = find_dates(text)
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


def _event_date(text: Text, d: FoundDate) -> bool:
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


def _body(text: Text, start: int, end: int) -> _Body:
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


def _phrase_before(text: Text, pos: int) -> str:
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


def _quoted(text: Text, start: int, end: int) -> str:
    """The names in 「」 within ``s[start:end]``, joined (``「A」及び「B」を…閣議決定``)."""
    return "、".join(_QUOTED_NAME.findall(text.s, start, end))


def _fallback_what(unit: TextUnit, d: FoundDate) -> str:
    """What a bare dated label refers to: the label just above it, else the slide's subject."""
    if d.start == 0 and unit.label_above:
        return unit.label_above
    return unit.title.replace("（参考）", "").strip()


def _complete(unit: TextUnit, text: Text, d: FoundDate, what: str) -> str:
    """A short object (``運用``) gets the programme its sentence names before the date."""
    if len(what) >= _SHORT_WHAT:
        return what
    sentence = text.s[_sentence_start(text.s, d.start) : d.start]
    named = find_programmes(TextUnit("", sentence, unit.span), Text.of(sentence, cleaned=True))
    if named:
        return f"{named[-1].name}の{what}" if what else named[-1].name
    return _fallback_what(unit, d) or what


def _in_brackets(
    unit: TextUnit, text: Text, d: FoundDate, paren: tuple[int, int], limit: int
) -> Decision | None:
    """A date in brackets: ``「X」（令和5年6月16日閣議決定）``, ``（X：2023年6月9日閣議決定）``,
    ``Xの合意（令和5年12月）（総務省）``, ``X（2019年6月）を策定``."""
    s = text.s
    open_at, close = paren
    action = _first_action(s, d.end, min(close, limit))
    inner_before = s[open_at + 1 : d.start]
    colon = max(inner_before.rfind("："), inner_before.rfind(":"))
    if colon > 0 and not DATE_START.search(inner_before[:colon]):
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


def _following_body(text: Text, close: int) -> str:
    """``…の合意（令和5年12月）（総務省・外務省）``: who, in the next brackets."""
    s = text.s
    following = close + 1
    if following >= len(s) or s[following] not in _OPENERS:
        return ""
    end = _matching(s, following)
    if end is None:
        return ""
    return _body(text, following + 1, end).name or _tidy(text.orig(following + 1, end))


def _body_before(text: Text, open_at: int) -> str:
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


def _in_running_text(unit: TextUnit, text: Text, d: FoundDate, limit: int) -> Decision | None:
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


def _names_something(what: str) -> bool:
    """An object that names what was decided (see ``_ORDINAL_ONLY`` and ``_PLACING``)."""
    return bool(what) and not _ORDINAL_ONLY.fullmatch(what) and not _PLACING.search(what)


def _decision(
    unit: TextUnit, text: Text, d: FoundDate, body: str, what: str, verb: str, planned: bool
) -> Decision | None:
    """The decision found, unless its object names nothing (a fragment, not a decision)."""
    if not _names_something(what):
        return None
    return Decision("", d.period, body, what, verb, text.t, unit.span, unit.element_id, planned)
