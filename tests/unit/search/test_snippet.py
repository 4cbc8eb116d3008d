"""Snippets: the words found are marked where they are written, and nothing becomes markup."""

from __future__ import annotations

from stiplan.search import build_query, snippet
from stiplan.search.snippet import ELLIPSIS, Segment, Snippet, analysed, build_snippet
from stiplan.search.tokenize import analyse


def marked(text: str, query: str, width: int = 120) -> str:
    return snippet(text, build_query(query), width).marked()


def test_the_surface_as_written_is_marked_for_a_normalised_query() -> None:
    assert marked("スーパーコンピュータの整備", "コンピューター") == "スーパー[コンピュータ]の整備"


def test_a_short_word_is_marked_inside_a_compound() -> None:
    assert marked("文部科学省が支援する", "科学") == "文部[科学]省が支援する"


def test_a_phrase_is_marked_as_one_stretch_and_only_where_it_is_whole() -> None:
    text = "博士人材の育成と、人材の博士課程"
    assert marked(text, "博士人材") == "[博士人材]の育成と、人材の博士課程"


def test_pdf_artefacts_are_shown_cleaned_and_marked() -> None:
    assert marked("A I 教育と⽂部科学省", "AI教育 文部科学省") == "[AI教育]と[文部科学省]"


def test_prefix_marks_the_words_it_begins() -> None:
    assert marked("量子コンピュータと古典計算機", "コンピュ*") == "量子[コンピュータ]と古典計算機"


def test_exclusions_are_never_marked() -> None:
    assert marked("防災と減災", "防災 -地震") == "[防災]と減災"


def test_long_text_is_cut_around_the_match_with_ellipses() -> None:
    text = "あ" * 300 + "量子技術" + "い" * 300
    result = snippet(text, build_query("量子"), width=40)
    assert result.segments[0] == Segment(ELLIPSIS)
    assert result.segments[-1] == Segment(ELLIPSIS)
    assert "量子" in [s.text for s in result.segments if s.highlighted]
    assert len(result.text) <= 40 + 2


def test_the_window_prefers_the_place_with_most_matches() -> None:
    text = "量子" + "あ" * 200 + "量子と量子と量子" + "い" * 200
    result = snippet(text, build_query("量子"), width=60)
    assert sum(s.highlighted for s in result.segments) == 3


def test_markup_in_the_text_stays_text() -> None:
    result = snippet("<script>alert(1)</script> の AI 施策", build_query("AI"))
    assert "<script>" in result.text
    assert [s.text for s in result.segments if s.highlighted] == ["AI"]


def test_no_match_shows_the_start_of_the_text() -> None:
    result = snippet("量子技術の研究開発", build_query("宇宙"))
    assert result == Snippet((Segment("量子技術の研究開発"),))


def test_a_hit_shown_again_reuses_its_analysis_and_gives_the_same_snippet() -> None:
    """Snippets keep the analysis of recent hit texts: the second snippet of a text tokenises
    nothing and equals the snippet built from a fresh analysis."""
    text = "文部科学省は量子技術の研究開発を推進し、量子コンピュータの実用化を目指す。"
    query = build_query("量子")
    fresh = build_snippet(analyse(text), query.positive_patterns())
    analysed.cache_clear()
    assert snippet(text, query) == fresh
    before = analysed.cache_info()
    assert snippet(text, query) == fresh
    after = analysed.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)
