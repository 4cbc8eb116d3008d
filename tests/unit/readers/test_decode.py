"""Bytes → text: every supported encoding, newline styles, and every refusal with its line."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stiplan.readers.decode import DEFAULT_MAX_BYTES, DecodedText, DecodeError, decode

# Project-written sample text: kana, kanji, full-width brackets, a superscript, a ministry tag.
SAMPLE = (
    "2. 研究力の強化\n"
    "（1）若手研究者の育成\n"
    "・博士後期課程学生への支援を拡充する。【<u>文</u>、経】\n"
    "・論文数：12位／60か国中（令和6年）※3\n"
)


@pytest.mark.parametrize(
    ("codec", "expected", "bom"),
    [
        ("utf-8", "utf-8", False),
        ("utf-8-sig", "utf-8-sig", True),
        ("utf-16", "utf-16-le", True),  # Python writes a little-endian BOM
        ("cp932", "cp932", False),
        ("shift_jis", "cp932", False),
    ],
)
def test_each_encoding_reads_back_the_same_text(codec: str, expected: str, bom: bool) -> None:
    decoded = decode(SAMPLE.encode(codec), "sample.txt")
    assert decoded == DecodedText(SAMPLE, expected, "sample.txt", bom=bom)


@pytest.mark.parametrize(
    ("bom", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
)
def test_utf16_with_explicit_bom(bom: bytes, codec: str) -> None:
    decoded = decode(bom + SAMPLE.encode(codec), "s.txt")
    assert (decoded.text, decoded.encoding, decoded.bom) == (SAMPLE, codec, True)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_when_nul_pattern_is_certain(codec: str) -> None:
    decoded = decode(SAMPLE.encode(codec), "s.txt")
    assert (decoded.text, decoded.encoding, decoded.bom) == (SAMPLE, codec, False)


def test_bom_is_stripped_and_not_kept_as_a_character() -> None:
    decoded = decode(codecs.BOM_UTF8 + "【目標】\n".encode(), "s.txt")
    assert decoded.text == "【目標】\n"
    assert "\ufeff" not in decoded.text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
@pytest.mark.parametrize("codec", ["utf-8", "cp932", "utf-16"])
def test_newlines_are_normalised(newline: str, codec: str) -> None:
    decoded = decode(SAMPLE.replace("\n", newline).encode(codec), "s.txt")
    assert decoded.text == SAMPLE
    assert decoded.lines()[2].startswith("・博士後期課程")


def test_mixed_newlines_count_one_line_each() -> None:
    decoded = decode("一\r\n二\r三\n四".encode(), "s.txt")
    assert decoded.lines() == ["一", "二", "三", "四"]


def test_no_character_is_replaced() -> None:
    text = "記号 ① ⁴⁹⁾ ⽂ \uf06e ✓ 𠮷\n"
    assert decode(text.encode("utf-8"), "s.txt").text == text


def test_few_control_characters_are_kept_not_removed() -> None:
    text = "頁の区切り\f次の頁\n" + "本文です。" * 100 + "\x1b\n"
    assert decode(text.encode(), "s.txt").text == text


@pytest.mark.parametrize("data", [b"", b" \n\t\r\n", "\u3000\n".encode(), codecs.BOM_UTF8])
def test_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(DecodeError, match="empty") as info:
        decode(data, "empty.txt")
    assert info.value.source_name == "empty.txt"
    assert info.value.line is None
    assert info.value.reason == "empty"
    assert "empty.txt" in str(info.value)


def test_nul_bytes_mean_binary_with_line() -> None:
    data = "一行目\n二行目\n三行目".encode() + b"\x00\x01\x02"
    with pytest.raises(DecodeError, match="binary") as info:
        decode(data, "blob.bin")
    assert info.value.line == 3
    assert info.value.reason == "binary"
    assert str(info.value).startswith("blob.bin, line 3:")


def test_many_control_characters_mean_binary_with_line() -> None:
    data = b"header\nsecond\n" + bytes(range(1, 9)) * 20
    with pytest.raises(DecodeError, match=r"control characters.*line 3") as info:
        decode(data, "ctl.dat")
    assert info.value.line == 3


def test_nul_in_bom_file_is_binary() -> None:
    data = codecs.BOM_UTF16_LE + "一\n二\x00\n".encode("utf-16-le")
    with pytest.raises(DecodeError, match="binary") as info:
        decode(data, "s.txt")
    assert info.value.line == 2


def test_invalid_utf8_in_a_utf8_file_names_its_line() -> None:
    data = "一行目\r\n二行目\r\n".encode() + b"\xff\xfe broken\n"
    with pytest.raises(DecodeError, match="undecodable") as info:
        decode(data, "bad.txt")
    assert info.value.line == 3
    assert info.value.reason == "undecodable"
    assert "bad.txt, line 3" in str(info.value)


def test_invalid_shift_jis_names_its_line() -> None:
    data = "一行目\n二行目\n".encode("cp932") + b"\x82\n"  # lead byte without its trail byte
    with pytest.raises(DecodeError, match="undecodable") as info:
        decode(data, "sjis.txt")
    assert info.value.line == 3


def test_latin1_is_not_taken_for_shift_jis() -> None:
    data = "Résumé of the café meeting\nsecond line\n".encode("latin-1")
    with pytest.raises(DecodeError, match="undecodable") as info:
        decode(data, "latin.txt")
    assert info.value.line == 1


def test_valid_cp932_that_is_not_japanese_is_refused() -> None:
    # Upper-case Latin-1 letters fall in CP932's half-width katakana range: valid, not Japanese.
    data = "plain line\nÉCOLE ÀÔ Ñ ¿QUÉ?\n".encode("latin-1")
    with pytest.raises(DecodeError, match="does not look like Japanese") as info:
        decode(data, "latin.txt")
    assert info.value.line == 2


def test_truncated_utf16_after_bom_names_its_line() -> None:
    data = codecs.BOM_UTF16_LE + "一\n二\n".encode("utf-16-le") + b"\x41"
    with pytest.raises(DecodeError, match="utf-16-le") as info:
        decode(data, "s.txt")
    assert info.value.line == 3


def test_large_shift_jis_file_is_judged_on_samples() -> None:
    text = SAMPLE * 20_000  # about 1.8 million characters: the sampled path
    decoded = decode(text.encode("cp932"), "big.txt")
    assert (decoded.encoding, decoded.text) == ("cp932", text)


def test_too_large_file_says_size_limit_and_flag() -> None:
    with pytest.raises(DecodeError) as info:
        decode(b"a" * 2048, "big.txt", max_bytes=1024)
    message = str(info.value)
    assert "2,048 bytes" in message
    assert "1,024 bytes" in message
    assert "--max-size" in message
    assert info.value.reason == "too_large"
    assert info.value.line is None


def test_default_limit_is_64_mib() -> None:
    assert DEFAULT_MAX_BYTES == 64 * 1024 * 1024


def test_decode_error_is_a_value_error() -> None:
    assert issubclass(DecodeError, ValueError)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=512))
def test_arbitrary_bytes_decode_or_raise_decode_error(data: bytes) -> None:
    try:
        decoded = decode(data, "fuzz.bin")
    except DecodeError as error:
        assert error.source_name == "fuzz.bin"
        assert error.line is None or error.line >= 1
    else:
        assert isinstance(decoded.text, str)
        assert "\r" not in decoded.text
        assert decoded.text.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=200), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_text_with_a_bom_or_valid_utf8_reads_back(text: str, codec: str) -> None:
    try:
        decoded = decode(text.encode(codec, errors="surrogatepass"), "t.txt")
    except DecodeError:
        return  # empty, binary-looking or surrogate-bearing text may be refused, never crash
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    if codec == "utf-8" and expected.startswith("\ufeff"):
        expected = expected[1:]
    assert decoded.text == expected
