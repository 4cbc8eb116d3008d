"""File bytes → text: the first step of reading, before the kind of document is known.

Japanese government files come as UTF-8 (with or without a byte order mark), UTF-16 (Windows
"Unicode" text, usually with a BOM) or Shift_JIS / CP932. ``decode`` decides in a fixed order,
each step strict, and never replaces a character:

1. a byte order mark: UTF-8 (``EF BB BF``), UTF-16 LE (``FF FE``), UTF-16 BE (``FE FF``);
2. UTF-16 without a BOM, only when the NUL bytes make it certain: the file is all NUL-padded
   code units on one side (ASCII newlines, digits, tabs), decodes strictly one way, and reads
   as plausible text that way and not the other;
3. strict UTF-8;
4. strict CP932 (the Windows superset of Shift_JIS), accepted only when the result looks
   Japanese: most non-ASCII characters are kana, kanji or CJK punctuation, and a share of them
   are kana (a random byte string that happens to be valid CP932 decodes to a soup of rare
   kanji and half-width katakana); on a large file this is judged on evenly spaced samples;
5. otherwise :class:`DecodeError`.

Newlines are normalised to ``\\n`` (``\\r\\n`` and a lone ``\\r`` both count as one line
break), so line ``n`` of the result is ``text.split("\\n")[n - 1]``. Every failure is a
:class:`DecodeError` naming the file and, where it makes sense, the 1-based line of the first
offending byte.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Files larger than this are refused unless the caller raises the limit (CLI: ``--max-size``)."""

# C0 controls a text file legitimately holds: tab, line feed, vertical tab, form feed (PDF
# converters emit it at page breaks), carriage return. Anything else below U+0020, DEL and the
# C1 range count as control characters (``_CONTROL`` below).
# More control characters than this share of the text (or this many at all) means binary.
_MAX_CONTROL_SHARE = 0.01
_MAX_CONTROLS = 100
# A CP932 decoding is accepted only if this share of its non-ASCII characters is Japanese…
_MIN_JAPANESE_SHARE = 0.8
# …and, when there is enough text to tell, this share of the Japanese letters are kana.
_MIN_KANA_SHARE = 0.1
_KANA_CHECK_FROM = 20

# Character classes, counted with the regex engine so that a 64 MiB file stays fast.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_COMMON = re.compile(
    "[\x20-\x7e\t\n\r\f"
    "\u00a0-\u024f"  # Latin-1 and Latin Extended
    "\u2000-\u2bff"  # punctuation, super/subscripts, symbols, arrows, ①
    "\u3000-\u30ff"  # CJK punctuation, hiragana, katakana
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uff00-\uffef]"  # full- and half-width forms
)
_NON_ASCII = re.compile("[^\x00-\x7f]")
_KANA = re.compile("[\u3040-\u30ff]")
_KANJI = re.compile("[\u4e00-\u9fff]")
_OTHER_CJK = re.compile("[\u3000-\u303f\uff01-\uff5e\u2000-\u25ff]")


# Encoding plausibility is judged on at most this many characters, taken in evenly spaced
# chunks: enough to tell Japanese from noise, fast on a 64 MiB file.
_SAMPLE_CHARS = 1_000_000
_SAMPLE_CHUNKS = 100


def _count(pattern: re.Pattern[str], text: str) -> int:
    return pattern.subn("", text)[1]


def _sample(text: str) -> str:
    """``text`` itself when short, else evenly spaced chunks of it."""
    if len(text) <= _SAMPLE_CHARS:
        return text
    size = _SAMPLE_CHARS // _SAMPLE_CHUNKS
    step = len(text) // _SAMPLE_CHUNKS
    return "".join(text[i * step : i * step + size] for i in range(_SAMPLE_CHUNKS))


class DecodeError(ValueError):
    """The bytes of a file cannot be read as text.

    ``reason`` is one of ``empty``, ``too_large``, ``binary``, ``undecodable``; ``line`` is the
    1-based line of the first offending byte, or None when no single line is at fault.
    """

    def __init__(self, source_name: str, message: str, *, reason: str, line: int | None = None):
        where = f"{source_name}, line {line}" if line is not None else source_name
        super().__init__(f"{where}: {message}")
        self.source_name = source_name
        self.line = line
        self.reason = reason


@dataclass(frozen=True, slots=True)
class DecodedText:
    """The text of a file: newlines normalised to ``\\n``, any BOM removed.

    ``encoding`` is the codec that read it: ``utf-8``, ``utf-8-sig`` (UTF-8 with a BOM),
    ``utf-16-le``, ``utf-16-be`` or ``cp932``; ``bom`` says whether a byte order mark was found.
    """

    text: str
    encoding: str
    source_name: str
    bom: bool = False

    def lines(self) -> list[str]:
        """The lines of the text; line ``n`` (1-based) is ``lines()[n - 1]``."""
        return self.text.split("\n")


_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)


def decode(data: bytes, source_name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedText:
    """Read ``data`` (the bytes of ``source_name``) as text; see the module docstring for how.

    Raises :class:`DecodeError` for an empty or whitespace-only file, a file larger than
    ``max_bytes``, binary content and bytes no supported encoding reads.
    """
    if len(data) > max_bytes:
        raise DecodeError(
            source_name,
            f"ファイルが大きすぎます（{_size(len(data))}、上限 {_size(max_bytes)}）。"
            "正しいファイルなら --max-size で上限を上げてください"
            f" / file is {_size(len(data))}, larger than the limit of {_size(max_bytes)}; "
            "raise the limit with --max-size if the file is genuine",
            reason="too_large",
        )
    if not data:
        raise DecodeError(
            source_name, "ファイルが空です（0バイト） / file is empty (0 bytes)", reason="empty"
        )

    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec, source_name, name)
            return _finish(text, name, source_name, bom=True)

    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise DecodeError(
                source_name,
                "バイナリのファイルです（UTF-16 でない本文に NUL バイト）"
                " / binary content: NUL bytes in a file that is not UTF-16 text",
                reason="binary",
                line=_byte_line(data, data.index(b"\x00")),
            )
        codec, text = utf16
        return _finish(text, codec, source_name, bom=False)

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        return _finish(_cp932_or_fail(data, utf8_error, source_name), "cp932", source_name)
    return _finish(text, "utf-8", source_name)


def _strict(data: bytes, codec: str, source_name: str, name: str) -> str:
    """Decode after a BOM: the BOM announced the encoding, so any error is final."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode(codec, errors="ignore")
        raise DecodeError(
            source_name,
            f"文字コード {name}（BOM による）として読めないバイトがあります"
            f" / undecodable bytes for {name} (announced by its byte order mark): "
            f"{_show(error.object[error.start : error.end])}",
            reason="undecodable",
            line=_text_line(prefix, len(prefix)),
        ) from error


def _cp932_or_fail(data: bytes, utf8_error: UnicodeDecodeError, source_name: str) -> str:
    """Strict CP932, accepted only when it reads as Japanese; else the clearest error."""
    utf8_line = _byte_line(data, utf8_error.start)
    bad = _show(data[utf8_error.start : utf8_error.start + 4])
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError as sjis_error:
        # A file whose valid prefix already holds UTF-8 multibyte characters is UTF-8 with a
        # bad byte; otherwise the CP932 position is the better guess for a Japanese file.
        if _has_utf8_multibyte(data[: utf8_error.start]):
            line = utf8_line
        else:
            line = _byte_line(data, sjis_error.start)
        raise DecodeError(
            source_name,
            "文字コードを判定できません（UTF-8 でも Shift_JIS でもない）。UTF-8 で保存してください"
            f" / undecodable bytes: not valid UTF-8 (byte {bad} at line {utf8_line}) nor "
            f"Shift_JIS/CP932 (at line {_byte_line(data, sjis_error.start)}); "
            "save the file as UTF-8",
            reason="undecodable",
            line=line,
        ) from sjis_error
    if not _looks_japanese(text):
        raise DecodeError(
            source_name,
            "UTF-8 として読めず、Shift_JIS として読んでも日本語の文章になりません。UTF-8 で保存して"
            "ください"
            f" / undecodable bytes: not valid UTF-8 (byte {bad}), and read as Shift_JIS/CP932 it "
            "does not look like Japanese text; save the file as UTF-8",
            reason="undecodable",
            line=utf8_line,
        ) from utf8_error
    return text


def _finish(text: str, encoding: str, source_name: str, *, bom: bool = False) -> DecodedText:
    """Normalise newlines and refuse empty or binary text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text or text.isspace():  # as ``not text.strip()``, without copying the text
        raise DecodeError(
            source_name,
            "ファイルが空です（空白だけ） / file is empty (only whitespace)",
            reason="empty",
        )
    nul = text.find("\x00")
    if nul >= 0:
        raise DecodeError(
            source_name,
            "バイナリのファイルです（本文に NUL 文字）"
            " / binary content: NUL characters in the text",
            reason="binary",
            line=_text_line(text, nul),
        )
    first = _CONTROL.search(text)
    if first is not None:
        controls = _count(_CONTROL, text)
        if controls > _MAX_CONTROLS or controls > _MAX_CONTROL_SHARE * len(text):
            line = _text_line(text, first.start())
            raise DecodeError(
                source_name,
                f"バイナリのファイルです（制御文字 {controls} 個）"
                f" / binary content: {controls} control characters, the first "
                f"U+{ord(first.group()):04X} at line {line}",
                reason="binary",
                line=line,
            )
    return DecodedText(text=text, encoding=encoding, source_name=source_name, bom=bom)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a BOM, when certain: (codec, text), else None."""
    if len(data) % 2 or len(data) < 4:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    # ASCII characters in UTF-16 LE put their NUL in the odd byte, in BE in the even byte.
    # Kanji such as U+4E00 put a NUL on the other side, so demand a clear majority, not purity,
    # and at least two such characters (a text file has line breaks).
    if odd >= 2 and odd > 3 * even:
        codec = "utf-16-le"
    elif even >= 2 and even > 3 * odd:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if "\n" not in text and "\r" not in text:
        return None
    if _plausibility(text) < 0.95:
        return None
    return codec, text


def _plausibility(text: str) -> float:
    """Share of characters that ordinary Japanese or English text is made of."""
    text = _sample(text)
    if not text:
        return 0.0
    return _count(_COMMON, text) / len(text)


def _looks_japanese(text: str) -> bool:
    """True when the non-ASCII part of ``text`` is mostly kana, kanji and CJK punctuation."""
    text = _sample(text)
    non_ascii = _count(_NON_ASCII, text)
    if not non_ascii:
        return True
    kana = _count(_KANA, text)
    kanji = _count(_KANJI, text)
    other_cjk = _count(_OTHER_CJK, text)
    if (kana + kanji + other_cjk) / non_ascii < _MIN_JAPANESE_SHARE:
        return False
    letters = kana + kanji
    return letters < _KANA_CHECK_FROM or kana / letters >= _MIN_KANA_SHARE


def _has_utf8_multibyte(prefix: bytes) -> bool:
    try:
        text = prefix.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(ord(ch) >= 0x80 for ch in text)


def _byte_line(data: bytes, pos: int) -> int:
    """1-based line of byte ``pos``, counting ``\\r\\n``, ``\\r`` and ``\\n`` as one break each."""
    prefix = data[:pos]
    return prefix.count(b"\n") + prefix.count(b"\r") - prefix.count(b"\r\n") + 1


def _text_line(text: str, pos: int) -> int:
    """1-based line of character ``pos`` of a text (newlines normalised or not)."""
    prefix = text[:pos]
    return prefix.count("\n") + prefix.count("\r") - prefix.count("\r\n") + 1


def _show(raw: bytes) -> str:
    return " ".join(f"0x{b:02X}" for b in raw) or "(end of file)"


def _size(n: int) -> str:
    """``67108864`` → ``67,108,864 bytes (64 MiB)``."""
    if n >= 2**20:
        return f"{n:,} bytes ({n / 2**20:.4g} MiB)"
    return f"{n:,} bytes"
