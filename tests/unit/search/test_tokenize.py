"""The tokenizer: what a reader expects to find is one term, the same on both sides."""

from __future__ import annotations

import re
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stiplan.search.tokenize import TERM_JOINERS, analyse, index_terms, signature, term_of


def words(text: str) -> list[str]:
    return [t.term for t in analyse(text).words]


def parts(text: str) -> list[str]:
    return [t.term for t in analyse(text).parts]


@pytest.mark.parametrize(
    ("text", "expected_words"),
    [
        ("量子技術", ["量子", "技術"]),
        ("AI教育", ["ai", "教育"]),
        ("A I 教育", ["ai", "教育"]),  # PDF spacing repaired by clean()
        ("ＡＩ教育", ["ai", "教育"]),  # full width folded
        ("⽂部科学省", ["文部科学省"]),  # Kangxi radical ⽂ (U+2F42)
        ("S I P 4 Dと接続", ["sip4d", "と", "接続"]),
        ("e-CSTIの活用", ["e-csti", "の", "活用"]),
        ("5G、Beyond 5G", ["5g", "beyond", "5g"]),
        ("GX・DX", ["gx", "dx"]),
        ("CSTI", ["csti"]),
        ("CO₂排出量", ["co2", "排出量"]),
        ("家計所得 31,709 USD", ["家計", "所得", "31709", "usd"]),
        ("名目GDP 592.17兆円", ["名目", "gdp", "592.17", "兆", "円"]),
        ("1兆500億円", ["1", "兆", "500", "億", "円"]),
        ("Top 10%補正論文数", ["top", "10", "%", "補正", "論文", "数"]),
        ("令和 9 年度末", ["令和", "9", "年度末"]),
        ("Society 5.0の実現", ["society", "5.0", "の", "実現"]),
    ],
)
def test_words_a_reader_expects(text: str, expected_words: list[str]) -> None:
    assert words(text) == expected_words


def test_spelling_variants_share_one_normalised_term() -> None:
    assert words("コンピュータ") == words("コンピューター") == ["コンピューター"]


def test_compounds_are_split_into_parts_so_short_words_are_found_inside() -> None:
    assert words("文部科学省") == ["文部科学省"]
    assert parts("文部科学省") == ["文部", "科学", "省"]
    assert parts("スーパーコンピュータ") == ["スーパー", "コンピューター"]


def test_latin_words_are_whole_words_with_parts_at_joiners() -> None:
    assert parts("e-CSTI") == ["e", "csti"]
    assert parts("High-Performance Computing") == ["high", "performance", "computing"]
    assert parts("SIP4D") == ["sip4d"]  # letters and digits stay one word: SIP is not SIP4D


def test_punctuation_and_blanks_make_no_term() -> None:
    assert words("「」、。・（）！？　 ") == []
    assert index_terms("・・・") == ("", "")


def test_every_token_points_at_its_surface_in_the_cleaned_text() -> None:
    analysis = analyse("⽂部科学省の A I 教育と S I P 4 D（コンピュータ）、31,709 USD")
    for token in (*analysis.words, *analysis.parts):
        surface = analysis.text[token.start : token.end]
        assert surface and surface == surface.strip(), token
    by_term = {t.term: analysis.text[t.start : t.end] for t in analysis.words}
    assert by_term["コンピューター"] == "コンピュータ"
    assert by_term["sip4d"] == "SIP4D"
    assert by_term["31709"] == "31,709"


def test_terms_hold_only_characters_the_index_keeps_together() -> None:
    text = 'R&D、AI/IoT、e-Gov、5.0、100%、"quoted" (paren) *star* col:on ^caret {x}'
    allowed = re.compile(rf"^[a-z0-9{re.escape(TERM_JOINERS)}\u0080-\U0010ffff]+$")
    for term in words(text) + parts(text):
        assert allowed.match(term), term


def test_term_of_lowercases_and_drops_unsafe_ascii() -> None:
    assert term_of("AI") == "ai"
    assert term_of('"') == ""
    assert term_of("m²") == "m2"


def test_long_text_is_cut_into_pieces_sudachi_accepts() -> None:
    text = "量子技術の研究開発を推進する。" * 2000  # 30,000 characters, 90 KB
    analysis = analyse(text)
    assert [t.term for t in analysis.words].count("量子") == 2000
    assert all(analysis.text[t.start : t.end] for t in analysis.words)


def test_same_text_same_terms_in_every_thread() -> None:
    text = "文部科学省と経済産業省がAI人材を育成する"
    expected = index_terms(text)
    results: list[tuple[str, str]] = []
    threads = [threading.Thread(target=lambda: results.append(index_terms(text))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 4


def test_signature_names_the_terms_version_and_the_dictionary() -> None:
    assert signature().startswith("terms-")
    assert "sudachidict-core-" in signature()


japanese_ish = st.text(
    alphabet=st.sampled_from(
        list("量子技術文部科学省の博士人材をとがにAIDXe-GS SIP4D5.0,1%　 ・「」コンピュータ⽂ｱｲ")
    ),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(japanese_ish)
def test_the_fast_index_path_gives_the_analysed_terms(text: str) -> None:
    analysis = analyse(text)
    assert index_terms(text) == (
        " ".join(t.term for t in analysis.words),
        " ".join(t.term for t in analysis.parts),
    )
    for token in (*analysis.words, *analysis.parts):
        assert 0 <= token.start < token.end <= len(analysis.text)
        assert " " not in token.term and token.term


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_tokenised_without_error(text: str) -> None:
    terms, subterms = index_terms(text)
    assert "  " not in terms and "  " not in subterms


def test_a_character_sudachi_expands_keeps_a_visible_span() -> None:
    analysis = analyse("㋀の会合")  # SudachiPy reads ㋀ as 1 + 月
    assert [t.term for t in analysis.words][:2] == ["1", "月"]
    assert all(analysis.text[t.start : t.end] for t in analysis.words)


def test_the_index_keeps_together_exactly_the_joiners_a_term_may_hold() -> None:
    from importlib import resources

    sql = resources.files("stiplan.store").joinpath("migrations/0003_search_fts.sql")
    assert f"tokenchars '{TERM_JOINERS}'" in sql.read_text(encoding="utf-8")
