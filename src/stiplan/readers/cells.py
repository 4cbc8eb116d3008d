"""Table cells of a follow-up report: HTML fragments → items with tags, footnotes and lines.

A cell of the initiatives table is a small HTML fragment (``<p>…</p>``, ``<ul …> ・a ・b``,
``<u>`` for lead ministries). A row cut by a page break continues on a later line, so one cell
is a list of ``Fragment``s, each from one source line. This module turns fragments into a
stream of text pieces and block breaks (keeping each piece's line), joins continued fragments
the way the PDF cut them (mid-word: no break), and splits the stream into items:

- a block boundary (``<p>``, ``<ul>``, ``<li>``, ``<br>``) ends an item;
- a bullet ``・`` at the start of a piece or after whitespace starts an item;
- a ministry tag ``【…】`` ends an item (the corpus has ``…（再掲）【総】 次の項目…``);
- an item that is only a tag (``<p>【文】</p>``) belongs to the item before it;
- an item that is only a dash (``—``, ``－``) is an empty cell and yields nothing.

Nothing here touches the database or prints; problems are returned as ``Warning``s.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from stiplan.model import MinistryRef, Warning
from stiplan.normalize.markers import extract_footnote_refs, without_repeated_mark
from stiplan.normalize.ministries import known_codes_in, looks_like_tag, parse_tag
from stiplan.normalize.text import clean

BLOCK_TAGS = frozenset({"p", "ul", "ol", "li", "br", "div", "tr", "td", "table"})
INLINE_TAGS = frozenset({"u", "span", "b", "strong", "i", "em", "sup", "sub"})
EMPTY_MARKS = frozenset({"—", "－", "-", "―", "ー", "‐", "–"})
BULLETS = "・○◯●"

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
_BROKEN_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\b[^<>]*(?=<|$)")
_BULLET_CANDIDATE = re.compile(r"(?:^|(?<=\s))・")
# ``A I ・ I o T``: a dot spaced on both sides between Latin letters or digits joins two terms
# (``AI・IoT`` as PDF letter spacing writes it); it is not an item bullet.
_JOINING_DOT = re.compile(r"(?<=[A-Za-z0-9])\s+・\s+(?=[A-Za-z0-9])")
# Punctuation closing the sentence a ministry tag ends: ``・方針【文】。`` is one item.
_AFTER_TAG = re.compile(r"^[\s。．]+")
_MINISTRY_TAG = re.compile(r"【([^【】]*)】")
_TRAILING_TAG = re.compile(r"【([^【】]*)】[\s。．]*$")
_WS = re.compile(r"\s+")
_UNDERLINE = re.compile(r"</?u>")
_EMPTY_CELL = re.compile("[" + re.escape("".join(sorted(EMPTY_MARKS))) + r"\s]*")


@dataclass(frozen=True, slots=True)
class Fragment:
    """The part of one cell that sits on one source line."""

    line: int
    html: str


@dataclass(slots=True)
class _Piece:
    line: int
    text: str


_BREAK = None  # a block boundary in the token stream


@dataclass(slots=True)
class CellItem:
    """One bullet of a cell, read: plain text, its ministries, footnotes and lines."""

    text: str
    first_line: int
    last_line: int
    ministries: list[MinistryRef] = field(default_factory=list)
    footnotes: list[int] = field(default_factory=list)
    repeated: bool = False
    has_tag: bool = False


def _tokenize(fragment: Fragment, warnings: list[Warning]) -> list[_Piece | None]:
    """HTML of one fragment → text pieces (``<u>`` kept for tags) and block breaks.

    Text between two block tags stays one piece, so a tag ``【<u>経</u>、文】`` is never cut.
    """
    tokens: list[_Piece | None] = []
    text: list[str] = []

    def flush() -> None:
        _add_text(tokens, fragment, "".join(text), warnings)
        text.clear()

    pos = 0
    for m in _TAG.finditer(fragment.html):
        text.append(fragment.html[pos : m.start()])
        name = m.group(2).lower()
        if name in BLOCK_TAGS:
            flush()
            tokens.append(_BREAK)
        elif name == "u":
            text.append(f"\x01{m.group(1)}u\x02")
        elif name not in INLINE_TAGS:
            warnings.append(
                Warning(
                    "html_tag_removed",
                    f"想定外のHTMLタグ <{m.group(1)}{name}> を除去しました",
                    fragment.line,
                )
            )
        pos = m.end()
    text.append(fragment.html[pos:])
    flush()
    return tokens


def _add_text(
    tokens: list[_Piece | None], fragment: Fragment, text: str, warnings: list[Warning]
) -> None:
    """Add plain text, dropping (and reporting) tags that were opened but never closed."""
    if not text:
        return
    broken = _BROKEN_TAG.search(text)
    if broken:
        warnings.append(
            Warning(
                "unterminated_html_tag",
                f"閉じていないHTMLタグ「{broken.group()[:20]}」",
                fragment.line,
            )
        )
        text = _BROKEN_TAG.sub(" ", text)
    text = html.unescape(text)
    text = text.replace("\x01", "<").replace("\x02", ">")
    if text.strip():
        tokens.append(_Piece(fragment.line, text))


def _first_text(tokens: list[_Piece | None]) -> str:
    for token in tokens:
        if token is not None and token.text.strip():
            return token.text.lstrip()
    return ""


def cell_stream(fragments: list[Fragment], warnings: list[Warning]) -> list[_Piece | None]:
    """All fragments of a cell as one token stream.

    A continuation fragment resumes the text where the page cut it, usually mid-word: the
    closing and opening tags around the cut are not a real boundary. Only when the
    continuation starts with a bullet is it a new item.
    """
    stream: list[_Piece | None] = []
    for index, fragment in enumerate(fragments):
        tokens = _tokenize(fragment, warnings)
        if index > 0 and stream and not _first_text(tokens).startswith(tuple(BULLETS)):
            while stream and stream[-1] is None:
                stream.pop()
            while tokens and tokens[0] is None:
                tokens.pop(0)
        elif stream:
            stream.append(_BREAK)
        stream.extend(tokens)
    return stream


def _split_pieces(stream: list[_Piece | None]) -> list[list[_Piece]]:
    """Group the stream into raw items at breaks, bullets and ministry tags."""
    items: list[list[_Piece]] = [[]]
    for token in stream:
        if token is None:
            items.append([])
            continue
        for part in _split_on_tags(token.text):
            for index, chunk in enumerate(_split_bullets(part.text)):
                if index > 0:
                    items.append([])
                if chunk:
                    items[-1].append(_Piece(token.line, chunk))
            if part.ends_item:
                items.append([])
    return [item for item in items if "".join(p.text for p in item).strip()]


def _split_bullets(text: str) -> list[str]:
    """Cut before each bullet ``・`` at the start or after whitespace, except a dot joining two
    Latin terms (``A I ・ I o T``)."""
    joining = {m.start() + m.group().index("・") for m in _JOINING_DOT.finditer(text)}
    cuts = [m.start() for m in _BULLET_CANDIDATE.finditer(text) if m.start() not in joining]
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]


@dataclass(slots=True)
class _Part:
    text: str
    ends_item: bool


def _split_on_tags(text: str) -> list[_Part]:
    """Split after every ministry tag that is followed by more text; the punctuation closing
    the tagged sentence (``【文】。``) stays with it."""
    parts: list[_Part] = []
    pos = 0
    for m in _MINISTRY_TAG.finditer(text):
        if not looks_like_tag(m.group(1)):
            continue
        rest = text[m.end() :]
        end = m.end() + len(rest) - len(_AFTER_TAG.sub("", rest, count=1))
        if text[end:].strip():
            parts.append(_Part(text[pos:end], ends_item=True))
            pos = end
    parts.append(_Part(text[pos:], ends_item=False))
    return parts


def _plain(text: str) -> str:
    return _WS.sub(" ", _UNDERLINE.sub("", text)).strip()


def read_item(
    pieces: list[_Piece], warnings: list[Warning], codes: frozenset[str] = frozenset()
) -> CellItem:
    """One raw item → text without bullet, tag, （再掲） and footnote markers.

    ``codes`` are the known ministry codes the whole document writes, against which a
    truncated code is repaired (``normalize.ministries.parse_tag``).
    """
    raw = "".join(p.text for p in pieces).strip()
    first_line = pieces[0].line
    last_line = pieces[-1].line
    raw, footnotes = extract_footnote_refs(raw)
    ministries: list[MinistryRef] = []
    has_tag = False
    tag = _TRAILING_TAG.search(raw)
    if tag and looks_like_tag(tag.group(1)):
        has_tag = True
        tag_line = _line_of_tag(pieces)
        ministries, tag_warnings = parse_tag(tag.group(1), tag_line, codes)
        warnings.extend(tag_warnings)
        raw = raw[: tag.start()]
    text = clean(_plain(raw).lstrip(BULLETS).strip())
    text, repeated = without_repeated_mark(text)
    return CellItem(text, first_line, last_line, ministries, footnotes, repeated, has_tag)


def _line_of_tag(pieces: list[_Piece]) -> int:
    for piece in reversed(pieces):
        if "【" in piece.text:
            return piece.line
    return pieces[-1].line


def read_items(
    fragments: list[Fragment], warnings: list[Warning], codes: frozenset[str] = frozenset()
) -> list[CellItem]:
    """A status or next-steps cell → its items; tag-only items join the item before them."""
    items: list[CellItem] = []
    for pieces in _split_pieces(cell_stream(fragments, warnings)):
        item = read_item(pieces, warnings, codes)
        if not item.text and item.has_tag and items and not items[-1].has_tag:
            _attach_tag(items[-1], item)
        elif _is_empty(item.text) and not item.has_tag:
            continue
        else:
            items.append(item)
    return items


def _is_empty(text: str) -> bool:
    """Nothing but dashes: the report's way of writing an empty cell."""
    return _EMPTY_CELL.fullmatch(text) is not None


def _attach_tag(previous: CellItem, tag_only: CellItem) -> None:
    previous.ministries = tag_only.ministries
    previous.footnotes.extend(tag_only.footnotes)
    previous.has_tag = True
    previous.last_line = max(previous.last_line, tag_only.last_line)


def read_commitment(
    fragments: list[Fragment], warnings: list[Warning], codes: frozenset[str] = frozenset()
) -> CellItem:
    """The first cell: the plan's commitment text as one item (paragraphs kept together)."""
    pieces = [token for token in cell_stream(fragments, warnings) if token is not None]
    if not pieces:
        line = fragments[0].line if fragments else 1
        return CellItem("", line, line)
    return read_item(pieces, warnings, codes)


def document_codes(fragments: Iterable[Fragment]) -> frozenset[str]:
    """The known ministry codes written in the tags of all the given cells (a document's)."""
    return known_codes_in(
        m.group(1)
        for fragment in fragments
        if "【" in fragment.html
        for m in _MINISTRY_TAG.finditer(fragment.html)
    )
