"""Number texts → ``Quantity``: exact values, units, multipliers, qualifiers, ranks, rates.

Values are ``Decimal`` (a report's ``592.17兆円`` must stay exactly that) with the Japanese
multipliers folded in and the written multiplier kept as ``scale`` so displays can say 兆円
again. How each form is represented:

* ``約`` prefix and ``程度``/``以上``/``以下``/``未満``/``超`` suffixes → ``qualifier`` (a
  bound wins over a hedge when both are written; ``以内`` is read as 以下, ``前後`` as 程度);
* ``暫定値``/``速報値`` in a trailing remark → ``provisional=True``;
* ``38位／67か国中`` and ``67か国中38位`` → ``38 位, of=67``;
* ``100年当たり1.40°C`` → ``1.40 °C, per="100年"``; ``49万円/トン`` → ``490000 円, per="トン"``;
* ``3割`` (a share) → ``30 %``;
* relative targets become a factor of their baseline, unit ``倍``: ``2000年度の約2倍`` → 2,
  ``7割増加`` → 1.7, ``3割削減`` → 0.7, ``46%削減`` → 0.54, ``倍増`` → 2, ``半減`` → 0.5; a year
  before ``比``/``の`` is the ``baseline`` period;
* ``ゼロ``/``実質ゼロ`` → 0.

Kanji numerals (``二十五``, ``三千``) are read by ``parse_quantity`` only; ``find_quantities``
looks for Arabic digits, because in running text 一部, 十分 and 万博 are not numbers.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, localcontext

from stiplan.model import Period, Qualifier, Quantity
from stiplan.normalize.dates import PeriodError, format_period, parse_period, read_period_at
from stiplan.normalize.text import compact


class QuantityError(ValueError):
    """The text is not a quantity form stiplan can read."""


MULTIPLIERS: dict[str, int] = {"兆": 12, "億": 8, "千万": 7, "百万": 6, "万": 4, "千": 3}
_MULTIPLIER_CHAR = {scale: char for char, scale in MULTIPLIERS.items()}
_MAX_DIGITS = 30

_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")
_MULTIPLIER = re.compile(r"兆|億|千万|百万|万|千")
_SIGN = re.compile(r"[-−▲△]")
_ABOUT = re.compile(r"約|およそ|概ね|おおむね|ほぼ")
_KANJI_NUMBER = re.compile(r"[〇零一二三四五六七八九十百千万億兆]{1,30}")
_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_KANJI_SMALL = {"十": 1, "百": 2, "千": 3}
_KANJI_BIG = {"万": 4, "億": 8, "兆": 12}
_COUNTRIES = r"(?:か国|カ国|ヶ国|ケ国|ヵ国|箇国)(?:・地域)?"
_RANK_OF = re.compile(r"/(\d+)(?:" + _COUNTRIES + r")?中?")
_RANK_PREFIX = re.compile(r"(\d+)" + _COUNTRIES + r"中")
_WARI = re.compile(r"割(?:(\d)分)?")
_INCREASE = re.compile(r"増加|増|上昇|向上")
_DECREASE = re.compile(r"削減|減少|低減|減")
_BASELINE_LINK = re.compile(r"比で|比|の|と比べて|に比べて|に比べ")
_SPECIAL = {"倍増": Decimal(2), "半減": Decimal("0.5")}
_ZERO = re.compile(r"(?:実質)?ゼロ")
_PER_WORD = re.compile(r"当たり|あたり|当り")
_MAX_BASELINE_CHARS = 24  # a baseline date (``平成30年度末``) is short; bounds the search
# Suffix qualifiers, longest first so that 超え is not read as 超 + unit "え".
_SUFFIXES: tuple[tuple[str, Qualifier], ...] = (
    ("以上", Qualifier.AT_LEAST),
    ("以下", Qualifier.AT_MOST),
    ("以内", Qualifier.AT_MOST),
    ("未満", Qualifier.BELOW),
    ("程度", Qualifier.AROUND),
    ("前後", Qualifier.AROUND),
    ("超過", Qualifier.ABOVE),
    ("超え", Qualifier.ABOVE),
    ("超", Qualifier.ABOVE),
    # ``10件～``: a range's lower bound (the canonical text of a ``RANGE`` quantity).
    ("～", Qualifier.RANGE),
    ("〜", Qualifier.RANGE),
    ("~", Qualifier.RANGE),
)
_RANGE_DASH = re.compile(r"[～〜~]")
_PROVISIONAL = ("暫定", "速報")
_UNIT_STOP = frozenset("()（）、,。;；:：「」【】")
_OPEN_FOR = {"）": "（", ")": "("}


def _compact(text: str) -> str:
    return compact(text)[0].replace("／", "/").replace("％", "%")


def _exact(value: Decimal, scale: int) -> Decimal:
    """``value × 10**scale`` exactly; integral results lose their meaningless ``.00``."""
    with localcontext() as ctx:
        ctx.prec = 80
        result = value * (Decimal(10) ** scale)
        if scale > 0 and result == result.to_integral_value():
            result = result.quantize(Decimal(1))
    return result


# --- reading numbers ----------------------------------------------------------------------


def _read_arabic(s: str, pos: int) -> tuple[Decimal, int, int] | None:
    """``10億7,100万`` → (1071000000, 8, end): parts with strictly falling multipliers."""
    total = Decimal(0)
    scale = 0
    last_scale: int | None = None
    start = pos
    while True:
        m = _NUMBER.match(s, pos)
        if m is None:
            break
        digits = m.group(1).replace(",", "") + (m.group(2) or "")
        if len(digits) > _MAX_DIGITS:
            raise QuantityError(f"number too long: {m.group()}")
        number = Decimal(digits)
        mult = _MULTIPLIER.match(s, m.end())
        if mult is None:
            if last_scale is None or "." not in digits:
                total += number
                pos = m.end()
            break
        k = MULTIPLIERS[mult.group()]
        if last_scale is not None and k >= last_scale:
            break
        total += _exact(number, k)
        scale = scale or k
        last_scale = k
        pos = mult.end()
        if last_scale == 3:
            break
    if pos == start:
        return None
    return total, scale, pos


def _kanji_value(token: str) -> tuple[Decimal, int]:
    """Kanji numerals (``二十五``, ``三千``, ``一万二千``, ``二〇二五``) → (value, scale)."""
    total, section, digit = 0, 0, -1
    scale = 0
    last_small, last_big = 99, 99
    for ch in token:
        if ch in _KANJI_DIGITS:
            digit = _KANJI_DIGITS[ch] if digit < 0 else digit * 10 + _KANJI_DIGITS[ch]
        elif ch in _KANJI_SMALL:
            k = _KANJI_SMALL[ch]
            if k >= last_small:
                raise QuantityError(f"kanji numeral out of order: {token}")
            section += (1 if digit < 0 else digit) * 10**k
            digit, last_small = -1, k
        else:
            k = _KANJI_BIG[ch]
            section += max(digit, 0)
            if section == 0 or k >= last_big:
                raise QuantityError(f"kanji numeral out of order: {token}")
            total += section * 10**k
            scale = scale or k
            section, digit, last_small, last_big = 0, -1, 99, k
    return Decimal(total + section + max(digit, 0)), scale


def _read_amount(s: str, pos: int, kanji: bool) -> tuple[Decimal, int, int] | None:
    """A signed number with multipliers at ``pos``: (value, scale, end) or None."""
    negative = False
    if m := _SIGN.match(s, pos):
        negative, pos = True, m.end()
    read = _read_arabic(s, pos)
    if read is None and kanji and (km := _KANJI_NUMBER.match(s, pos)):
        value, scale = _kanji_value(km.group())
        read = value, scale, km.end()
    if read is None:
        return None
    value, scale, end = read
    return (-value if negative else value), scale, end


# --- the parts around a number ------------------------------------------------------------


def _strip_remarks(s: str) -> tuple[str, list[str]]:
    """Trailing ``（…）`` groups and ``、…`` remarks → (core, remarks)."""
    remarks: list[str] = []
    while s and s[-1] in _OPEN_FOR:
        depth, i = 0, len(s) - 1
        while i >= 0:
            if s[i] in _OPEN_FOR:
                depth += 1
            elif s[i] in "（(":
                depth -= 1
                if depth == 0:
                    break
            i -= 1
        if i <= 0:
            break
        remarks.insert(0, s[i + 1 : -1])
        s = s[:i]
    for sep in ("、", ","):
        cut = _separator_at(s, sep)
        if cut is not None:
            remarks.insert(0, s[cut + 1 :])
            s = s[:cut]
    return s, remarks


def _separator_at(s: str, sep: str) -> int | None:
    """First ``sep`` outside brackets that is not a thousands comma."""
    depth = 0
    for i, ch in enumerate(s):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
        elif ch == sep and depth == 0:
            if sep == "," and i + 1 < len(s) and s[i + 1].isdigit():
                continue
            return i
    return None


def _split_per_prefix(s: str) -> tuple[str | None, str]:
    """``100年当たり1.40°C`` → ("100年", "1.40°C")."""
    m = _PER_WORD.search(s)
    if m is None:
        return None, s
    per = s[: m.start()]
    rest = s[m.end() :]
    if rest.startswith("の"):
        rest = rest[1:]
    if not per:
        raise QuantityError(f"当たり without what it is per: {s!r}")
    return per, rest


def _split_baseline(s: str) -> tuple[Period | None, str]:
    """``対2018年度比で約7割増加`` → (FY2018, "約7割増加"); no period prefix → (None, s)."""
    body = s[1:] if s.startswith("対") else s
    for m in _BASELINE_LINK.finditer(body, 0, _MAX_BASELINE_CHARS):
        head = body[: m.start()]
        if not head or head[-1] not in "年度末月日期":
            continue
        try:
            period = parse_period(head)
        except PeriodError:
            continue
        return period, body[m.end() :]
    return None, s


def _read_qualifier_prefix(s: str) -> tuple[Qualifier | None, str]:
    if m := _ABOUT.match(s):
        return Qualifier.ABOUT, s[m.end() :]
    return None, s


def _split_suffix_qualifier(tail: str) -> tuple[str, Qualifier | None]:
    """``団体以上`` → ("団体", 以上); ``程度の地方公共団体`` → ("地方公共団体", 程度)."""
    for word, qualifier in _SUFFIXES:
        if tail.endswith(word):
            return tail[: -len(word)], qualifier
        if tail.startswith(word + "の"):
            return tail[len(word) + 1 :], qualifier
        if tail == word:
            return "", qualifier
    return tail, None


def _split_unit_per(tail: str) -> tuple[str, str | None]:
    """``円/トン`` → ("円", "トン"); a slash followed by a digit means two quantities."""
    if "/" not in tail:
        return tail, None
    unit, per = tail.split("/", 1)
    if not per or per[0].isdigit() or "/" in per:
        raise QuantityError(f"not one quantity: {tail!r}")
    return unit, per


def _combine(prefix: Qualifier | None, suffix: Qualifier | None) -> Qualifier | None:
    """A bound (以上, 未満…) says more than a hedge (約, 程度), so it wins when both appear."""
    if suffix is not None and suffix is not Qualifier.AROUND:
        return suffix
    return prefix or suffix


def _change_factor(rate: Decimal, s: str, pos: int) -> tuple[Decimal, int] | None:
    """``増加``/``削減`` after a rate (0.7 for 7割) → the factor 1 ± rate."""
    if m := _INCREASE.match(s, pos):
        return Decimal(1) + rate, m.end()
    if m := _DECREASE.match(s, pos):
        return Decimal(1) - rate, m.end()
    return None


# --- parse --------------------------------------------------------------------------------


def _parse_core(s: str, text: str) -> Quantity:
    """A quantity without remarks, per-prefix or baseline."""
    qualifier, s = _read_qualifier_prefix(s)
    if s in _SPECIAL:
        return Quantity(_SPECIAL[s], "倍", text, qualifier=qualifier)
    if _ZERO.fullmatch(s):
        return Quantity(Decimal(0), "", text, qualifier=qualifier)
    of: Decimal | None = None
    if m := _RANK_PREFIX.match(s):
        of, s = Decimal(m.group(1)), s[m.end() :]
    amount = _read_amount(s, 0, kanji=True)
    if amount is None:
        raise QuantityError(f"no number in {text!r}")
    value, scale, pos = amount
    special = _read_special_unit(value, s, pos)
    if special is not None:
        value, unit, pos, of2 = special
        of = of if of is not None else of2
        tail_unit, suffix = _split_suffix_qualifier(s[pos:])
        if tail_unit:
            raise QuantityError(f"unexpected text after {unit}: {s[pos:]!r}")
        return Quantity(value, unit, text, _combine(qualifier, suffix), scale, of=of)
    tail, suffix = _split_suffix_qualifier(s[pos:])
    unit, per = _split_unit_per(tail)
    unit, suffix2 = _split_suffix_qualifier(unit) if suffix is None else (unit, suffix)
    if not _plausible_unit(unit):
        raise QuantityError(f"not one quantity: {text!r}")
    if of is not None and unit != "位":
        raise QuantityError(f"か国中 without a rank: {text!r}")
    return Quantity(value, unit, text, _combine(qualifier, suffix2), scale, of=of, per=per or None)


def _plausible_unit(unit: str) -> bool:
    """Units are kanji, katakana, Latin or symbols; digits, brackets or particles mean prose."""
    if any(ch.isdigit() or ch in _UNIT_STOP for ch in unit):
        return False
    rest = _HIRAGANA_OK.sub("", unit)
    return not any(_is_hiragana(ch) for ch in rest)


def _read_special_unit(
    value: Decimal, s: str, pos: int
) -> tuple[Decimal, str, int, Decimal | None] | None:
    """Units that change the value or carry more: 割, %, 倍 (with changes) and 位 (with of)."""
    if m := _WARI.match(s, pos):
        rate = value.scaleb(-1) + (Decimal(m.group(1)).scaleb(-2) if m.group(1) else Decimal(0))
        change = _change_factor(rate, s, m.end())
        if change is not None:
            return change[0], "倍", change[1], None
        return _exact(rate, 2), "%", m.end(), None
    if s.startswith("%", pos):
        change = _change_factor(value.scaleb(-2), s, pos + 1)
        if change is not None:
            return change[0], "倍", change[1], None
        return None
    if s.startswith("倍", pos):
        return value, "倍", pos + 1, None
    if s.startswith("位", pos):
        if m := _RANK_OF.match(s, pos + 1):
            return value, "位", m.end(), Decimal(m.group(1))
        return value, "位", pos + 1, None
    return None


def parse_quantity(text: str) -> Quantity:
    """Read one quantity text (see the module docstring for every form).

    ``text`` is kept as written in ``Quantity.text``. Raises ``QuantityError`` for anything
    that is not exactly one quantity (two quantities such as ``2,936億円／1,814件`` included:
    use ``find_quantities`` for those).
    """
    raw = text.strip()
    s, remarks = _strip_remarks(_compact(raw))
    if not s:
        raise QuantityError("empty quantity text")
    per, s = _split_per_prefix(s)
    baseline, s = _split_baseline(s)
    if baseline is None and read_period_at(s, 0) is not None:
        raise QuantityError(f"a date, not a quantity: {raw!r}")
    quantity = _parse_core(s, raw)
    provisional = any(word in r for r in remarks for word in _PROVISIONAL)
    if per is not None and quantity.per is not None:
        raise QuantityError(f"two denominators in {raw!r}")
    return replace(
        quantity,
        per=per if per is not None else quantity.per,
        baseline=baseline,
        provisional=provisional,
    )


def parse_range(text: str) -> tuple[Quantity, Quantity]:
    """``10～20件`` → (10 件, 20 件): the two bounds of a range of values.

    The lower bound written without a unit takes the unit, multiplier and denominator of the
    upper one (``3～4兆円`` is 3兆円 to 4兆円); each keeps its own hedge (``約2,000人～3,000人``).
    Raises ``QuantityError`` unless the text is exactly two quantities of one unit joined by
    ``～``/``〜``/``~``, the lower first.
    """
    pieces = _RANGE_DASH.split(text.strip())
    if len(pieces) != 2 or not all(piece.strip() for piece in pieces):
        raise QuantityError(f"not one range: {text!r}")
    low, high = parse_quantity(pieces[0]), parse_quantity(pieces[1])
    if not low.unit and low.scale == 0 and low.per is None and low.of is None:
        value = _exact(low.value, high.scale)
        low = replace(low, value=value, unit=high.unit, scale=high.scale, per=high.per)
    if (low.unit, low.per) != (high.unit, high.per) or low.value > high.value:
        raise QuantityError(f"not one range: {text!r}")
    return low, high


def range_quantity(text: str) -> Quantity:
    """A range as one stored quantity: its lower bound, qualifier ``RANGE``, ``text`` whole."""
    low, _ = parse_range(text)
    return replace(low, qualifier=Qualifier.RANGE, text=text.strip(), provisional=False)


# --- find ---------------------------------------------------------------------------------

_CANDIDATE = re.compile(r"対?(?:明治|大正|昭和|平成|令和)(?:元|\d)|(?:約|およそ|概ね)?[−▲△]?\d")
_DATE_START = re.compile(r"対?(?:明治|大正|昭和|平成|令和|\d{4}年)")
_HIRAGANA_OK = re.compile(r"か(?:国|所|月)|ヶ|ケ")
_ERA = re.compile(r"明治|大正|昭和|平成|令和")


# ``1兆2,340億5,000万``: an amount has at most one group per multiplier (兆, 億, 万, 千).
_MAX_AMOUNT_GROUPS = 4


def _amount_end(s: str, i: int) -> int:
    """End of digits, separators and multipliers starting at ``i``.

    At most ``_MAX_AMOUNT_GROUPS`` groups: ``1億1億1億…`` is no amount, and following such a
    chain to its end from every candidate position would take time quadratic in its length.
    """
    for _ in range(_MAX_AMOUNT_GROUPS):
        m = _NUMBER.match(s, i)
        if m is None:
            break
        i = m.end()
        mult = _MULTIPLIER.match(s, i)
        if mult is None:
            break
        i = mult.end()
    return i


def _is_hiragana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u309f"


def _chunk_end(s: str, pos: int) -> int:
    """Where a quantity starting at ``pos`` of running text ends (a heuristic boundary).

    Amount characters, then a unit that stops at brackets, punctuation, digits and hiragana
    (units are kanji, katakana or Latin; か of か国 excepted); ``位/67`` and ``当たり1.4`` go on.
    """
    end = _one_chunk_end(s, pos)
    per = _PER_WORD.search(s, pos, end)
    rate_follows = end < len(s) and (s[end].isdigit() or s[end] == "約")
    if per is None or per.end() != end or not rate_follows:
        return end
    return _one_chunk_end(s, end)


def _one_chunk_end(s: str, pos: int) -> int:
    i = pos
    if m := _ABOUT.match(s, i):
        i = m.end()
    if m := _SIGN.match(s, i):
        i = m.end()
    i = _amount_end(s, i)
    n = len(s)
    while i < n:
        ch = s[i]
        if ch in _UNIT_STOP or ch.isdigit() or _ERA.match(s, i):
            break  # ``75億円令和6年度…``: an era name starts the next item, not the unit
        if ch == "/":
            if s[pos:i].endswith("位") and (m := _RANK_OF.match(s, i)):
                i = m.end()
                continue
            if i + 1 < n and s[i + 1].isdigit():
                break
        if (m := _PER_WORD.match(s, i)) or (m := _HIRAGANA_OK.match(s, i)):
            i = m.end()
            continue
        if _is_hiragana(ch):
            break
        i += 1
    return i


def _quote(text: str, index: list[int], start: int, end: int) -> str:
    return text[index[start] : index[end - 1] + 1]


def _glued_to_latin(text: str, i: int) -> bool:
    """``RE100``, ``S80``: digits glued to a Latin word are part of a name, not a quantity."""
    before = text[i - 1] if i > 0 else ""
    return before.isascii() and before.isalpha()


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in a phrase, in order (``2,936億円／1,814件`` → two quantities).

    Dates are skipped, except as the baseline of a relative value (``2000年度の約2倍``). Each
    Quantity's ``text`` quotes the original characters it was read from.
    """
    s, index = compact(text)
    s = s.replace("／", "/").replace("％", "%")
    found: list[Quantity] = []
    pos = 0
    while (m := _CANDIDATE.search(s, pos)) is not None:
        start = m.start()
        if _glued_to_latin(text, index[start]):
            pos = _amount_end(s, start) if s[start].isdigit() else m.end()
            continue
        if _DATE_START.match(s, start):
            pos = _after_date(s, start, text, index, found)
            continue
        end = _chunk_end(s, start)
        try:
            q = parse_quantity(s[start:end])
        except QuantityError:
            pos = m.end()
            continue
        found.append(replace(q, text=_quote(text, index, start, end)))
        pos = end
    return found


def _after_date(s: str, start: int, text: str, index: list[int], found: list[Quantity]) -> int:
    """Skip a date; when it is the baseline of a relative value, read that value too."""
    date_start = start + 1 if s.startswith("対", start) else start
    read = read_period_at(s, date_start)
    if read is None:
        return start + 1
    _, end = read
    link = _BASELINE_LINK.match(s, end)
    if link is None:
        return end
    value_end = _chunk_end(s, link.end())
    try:
        q = parse_quantity(s[start:value_end])
    except QuantityError:
        return end
    if q.baseline is None or link.end() == value_end:
        return end
    quote_start = start - 1 if start > 0 and s[start - 1] == "対" else start
    found.append(replace(q, text=_quote(text, index, quote_start, value_end)))
    return value_end


# --- format -------------------------------------------------------------------------------


def plain_decimal(value: Decimal, trim: bool = False) -> str:
    """A decimal in plain positional notation, as every export and table writes a number: no
    exponent and no separators (``Decimal("-1.071E+9")`` → ``-1071000000``), the digits as
    stored (``2.50`` stays ``2.50``) or, with ``trim``, without meaningless trailing zeros
    (``2.5``). ``str(value)`` is not enough: a value that went through ``normalize()`` or
    arithmetic can carry an exponent (``3.3E+4``)."""
    text = format(value, "f")
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _format_amount(value: Decimal, scale: int) -> str:
    """``1050000000000`` at scale 12 → ``1.05兆``; scale 0 keeps the digits as written."""
    if scale == 0 or scale not in _MULTIPLIER_CHAR:
        return format(value, "f")
    with localcontext() as ctx:
        ctx.prec = 80
        mantissa = (value / (Decimal(10) ** scale)).normalize()
    return format(mantissa, "f") + _MULTIPLIER_CHAR[scale]


def format_quantity(q: Quantity) -> str:
    """Canonical text for a quantity; ``parse_quantity`` reads it back to equal fields.

    Order: per (``人当たり``), baseline (``2018年度比``), 約, amount, unit, ``／of``, bound
    qualifier, ``（暫定値）``.
    """
    parts: list[str] = []
    if q.per:
        parts.append(f"{q.per}当たり")
    if q.baseline is not None:
        parts.append(f"{format_period(q.baseline)}比")
    if q.qualifier is Qualifier.ABOUT:
        parts.append("約")
    parts.append(_format_amount(q.value, q.scale))
    parts.append(q.unit)
    if q.of is not None:
        parts.append(f"／{format(q.of, 'f')}")
    if q.qualifier is not None and q.qualifier is not Qualifier.ABOUT:
        parts.append(q.qualifier.value)
    if q.provisional:
        parts.append("（暫定値）")
    if q.derived:
        parts.append(f"（「{q.text}」から導出）")
    return "".join(parts)


# Units whose numbers are not counted in 万/億/兆 (a share, a factor, a rank, an age…).
_UNSCALED_UNITS = frozenset({"%", "％", "倍", "位", "歳", "年", "ポイント", "pt", "°C", "℃"})
_DISPLAY_SCALES = (12, 8, 4)
DISPLAY_DECIMALS = 2
"""Decimals an amount keeps after its multiplier: ``12.35億円`` (to 100万円)."""


def _grouped(value: Decimal) -> str:
    """A decimal with thousands separators and no meaningless trailing zeros."""
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def display_scale(value: Decimal, unit: str = "") -> int:
    """The power of ten ``format_amount`` shows ``value`` in: 12 (兆), 8 (億), 4 (万) or 0."""
    if unit.split("/")[0] in _UNSCALED_UNITS:
        return 0
    size = abs(value)
    return next((s for s in _DISPLAY_SCALES if size >= Decimal(10) ** s), 0)


def format_amount(value: Decimal | int, unit: str = "") -> str:
    """An amount as people read it in Japanese: ``80兆円``, ``4,500億円``, ``3.2万人``,
    ``49万円/トン``, ``38.5%``; below 万 the digits with thousands separators.

    The one formatter of every display (web, CLI, reports): exports keep the raw number. What
    is shown after a multiplier is rounded to ``DISPLAY_DECIMALS`` decimals;
    ``parse_quantity`` reads the text back to the value within that precision.
    """
    value = Decimal(value)
    scale = display_scale(value, unit)
    if scale:
        with localcontext() as ctx:
            ctx.prec = 80
            mantissa = (value / (Decimal(10) ** scale)).quantize(
                Decimal(1).scaleb(-DISPLAY_DECIMALS)
            )
        number = _grouped(mantissa) + _MULTIPLIER_CHAR[scale]
    else:
        number = _grouped(value.normalize() if value == value.to_integral() else value)
    return number + unit
