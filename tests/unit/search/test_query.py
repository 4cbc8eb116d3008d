"""The query parser (syntax only) and the preparation of its items into index terms."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stiplan.search.query import (
    MAX_ITEMS,
    MAX_QUERY_CHARS,
    Group,
    Item,
    ParsedQuery,
    SearchQueryError,
    build_query,
    parse_query,
)


def groups(text: str) -> list[tuple[list[str], bool]]:
    """A compact view: each group's item texts (phrase in quotes, prefix with *), negated."""

    def show(item: Item) -> str:
        body = f'"{item.text}"' if item.phrase else item.text
        return body + ("*" if item.prefix else "")

    return [([show(i) for i in g.items], g.negated) for g in parse_query(text).groups]


def test_words_are_anded() -> None:
    assert groups("文部科学省 博士人材") == [(["文部科学省"], False), (["博士人材"], False)]


def test_full_width_space_separates_words() -> None:
    assert groups("量子　AI") == [(["量子"], False), (["AI"], False)]


@pytest.mark.parametrize(
    "text", ['"博士人材の育成"', "“博士人材の育成”", "「博士人材の育成」", "＂博士人材の育成＂"]
)
def test_phrases_in_any_common_quotes(text: str) -> None:
    assert groups(text) == [(['"博士人材の育成"'], False)]


def test_a_phrase_keeps_its_spaces() -> None:
    assert parse_query('"Society 5.0" 実現').groups == (
        Group((Item("Society 5.0", phrase=True),)),
        Group((Item("実現"),)),
    )


def test_an_unclosed_quote_runs_to_the_end() -> None:
    assert groups('AI "量子 技術') == [(["AI"], False), (['"量子 技術"'], False)]


def test_or_joins_neighbours_and_binds_tighter_than_and() -> None:
    assert groups("量子 AI OR 人工知能") == [(["量子"], False), (["AI", "人工知能"], False)]
    assert groups("宇宙 | 海洋 ｜ 防災") == [(["宇宙", "海洋", "防災"], False)]


def test_lower_case_or_is_a_word() -> None:
    assert groups("AI or DX") == [(["AI"], False), (["or"], False), (["DX"], False)]


@pytest.mark.parametrize("text", ["OR 量子", "量子 OR", "量子 OR OR"])
def test_a_dangling_or_is_ignored(text: str) -> None:
    assert groups(text) == [(["量子"], False)]


def test_minus_excludes_words_and_phrases() -> None:
    assert groups('防災 -SIP4D －"災害 情報"') == [
        (["防災"], False),
        (["SIP4D"], True),
        (['"災害 情報"'], True),
    ]


def test_exclusions_are_not_ored() -> None:
    assert groups("防災 OR -SIP4D") == [(["防災"], False), (["SIP4D"], True)]
    assert groups("-SIP4D OR 防災") == [(["SIP4D"], True), (["防災"], False)]


def test_a_minus_inside_a_word_is_part_of_it() -> None:
    assert groups("e-CSTI") == [(["e-CSTI"], False)]
    assert groups("- 量子") == [(["-"], False), (["量子"], False)]


def test_star_makes_a_prefix() -> None:
    assert groups("コンピュ* SIP＊") == [(["コンピュ*"], False), (["SIP*"], False)]
    assert groups('"量子 コン"*') == [(['"量子 コン"*'], False)]
    assert groups("*") == [(["*"], False)]  # a lone star is nothing to look for


def test_letters_spaced_out_by_a_pdf_are_one_word() -> None:
    assert groups("S I P 4 D") == [(["SIP4D"], False)]
    assert groups("A I 教育") == [(["AI"], False), (["教育"], False)]
    assert groups("K Program") == [(["K"], False), (["Program"], False)]


def test_fts_syntax_is_just_text() -> None:
    parsed = parse_query("NEAR(a b) col:x {a b} ^c a AND b NOT c")
    assert all(not g.negated for g in parsed.groups)
    assert [i.text for g in parsed.groups for i in g.items] == [
        "NEAR(a",
        "b)",
        "col:x",
        "{a",
        "b}",
        "^c",
        "a",
        "AND",
        "b",
        "NOT",
        "c",
    ]


def test_too_long_or_too_many_is_a_clear_error() -> None:
    with pytest.raises(SearchQueryError, match="characters"):
        parse_query("量" * (MAX_QUERY_CHARS + 1))
    with pytest.raises(SearchQueryError, match="more than"):
        parse_query(" ".join(["AI"] * (MAX_ITEMS + 1)))


def test_empty_query_parses_to_nothing() -> None:
    assert parse_query("   ") == ParsedQuery(())


# -- preparation: items into terms ------------------------------------------------------------


def test_a_word_without_spaces_is_a_phrase_of_its_terms() -> None:
    query = build_query("博士人材")
    (pattern,) = query.positive_patterns()
    assert pattern.words == ("博士", "人材")
    assert not pattern.prefix


def test_a_compound_keeps_its_word_and_its_parts() -> None:
    (pattern,) = build_query("⽂部科学省").positive_patterns()
    assert pattern.words == ("文部科学省",)
    assert pattern.parts == ("文部", "科学", "省")


def test_prefix_keeps_the_typed_surface_and_the_whole_word() -> None:
    query = build_query("量子コン*")
    assert [(p.words, p.prefix) for p in query.positive_patterns()] == [
        (("量子", "コン"), True),
        (("量子コン",), True),
    ]


def test_exclusions_are_kept_apart() -> None:
    query = build_query("防災 -SIP4D")
    assert [p.words for p in query.positive_patterns()] == [("防災",)]
    assert [p.words for p in query.excluded] == [("sip4d",)]


@pytest.mark.parametrize("text", ["", "   ", "!!!", "・・", "OR", '""', "*", "-"])
def test_nothing_to_look_for_is_the_typed_error(text: str) -> None:
    with pytest.raises(SearchQueryError, match="no word"):
        build_query(text)


def test_only_exclusions_is_the_typed_error() -> None:
    with pytest.raises(SearchQueryError, match="only excludes"):
        build_query("-量子 -AI")


def test_items_without_words_are_dropped_not_fatal() -> None:
    query = build_query("量子 ！！ 「」")
    assert [p.words for p in query.positive_patterns()] == [("量子",)]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_any_input_parses_or_raises_only_the_typed_error(text: str) -> None:
    try:
        query = build_query(text)
    except SearchQueryError:
        return
    assert query.required
    for pattern in (*query.positive_patterns(), *query.excluded):
        assert pattern.words and pattern.parts
        assert all(term and " " not in term and '"' not in term for term in pattern.words)


syntax_heavy = st.text(
    alphabet=st.sampled_from(list('"“”「」-－*＊|｜ OR量子AI()^:{}NEAR')), max_size=40
)


@settings(max_examples=300, deadline=None)
@given(syntax_heavy)
def test_syntax_characters_never_break_the_parser(text: str) -> None:
    with contextlib.suppress(SearchQueryError):
        build_query(text)


def test_a_phrase_prefix_has_no_whole_word_alternative() -> None:
    query = build_query('"Society 5"*')
    assert [(p.words, p.prefix) for p in query.positive_patterns()] == [(("society", "5"), True)]
