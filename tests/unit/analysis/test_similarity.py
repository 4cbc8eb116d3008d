"""Comparable forms, scores, the assignment and word-level diffs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stiplan.analysis.matching import Method, Scoring, match, slot_pairs
from stiplan.analysis.similarity import (
    BitKeys,
    Candidate,
    SegmentOp,
    TextKey,
    TextKeys,
    assign,
    comparable,
    dice,
    dice_bits,
    jaccard,
    runs,
    side_text,
    word_diff,
)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("管理システム（e-Rad）の機能", "管理システム(e-Rad)の機能"),  # bracket width
        ("キャリアパス ¹⁵ の開拓", "キャリアパス ¹⁷ の開拓"),  # footnote renumbered
        ("データ^{10 11}を整備", "データ²³を整備"),
        ("令和6年度末までに整備", "2024年度末までに整備"),  # calendar
        ("令和元年に開始", "2019年に開始"),
        ("S I N E T を通じて", "SINETを通じて"),  # PDF spacing
        ("大学、企業、行政", "大学、 企業、 行政"),  # spaces added
        ("ＡＩを活用", "AIを活用"),  # full-width Latin
        ("⽂部科学省", "文部科学省"),  # Kangxi radical
    ],
)
def test_presentation_changes_compare_equal(one: str, other: str) -> None:
    assert comparable(one) == comparable(other)
    assert dice(TextKey.of(one), TextKey.of(other)) == 1.0


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("産業会が連携", "産業界が連携"),
        ("令和6年度末", "令和7年度末"),
        ("13位", "12位"),
    ],
)
def test_changes_of_meaning_do_not_compare_equal(one: str, other: str) -> None:
    assert comparable(one) != comparable(other)


def test_dice_counts_shared_bigrams() -> None:
    # 研究者数 {研究, 究者, 者数}; 研究者 {研究, 究者}: 2·2 / (3 + 2)
    assert dice(TextKey.of("研究者数"), TextKey.of("研究者")) == pytest.approx(0.8)
    assert dice(TextKey.of("内閣府調べ"), TextKey.of("総務省調べ")) == pytest.approx(0.25)
    assert dice(TextKey.of(""), TextKey.of("")) == 1.0
    assert dice(TextKey.of(""), TextKey.of("文")) == 0.0
    assert dice(TextKey.of("文"), TextKey.of("文")) == 1.0


@given(st.text(max_size=40), st.text(max_size=40))
def test_bit_masks_score_like_sets(a: str, b: str) -> None:
    keys = BitKeys()
    ka, kb = TextKey.of(a), TextKey.of(b)
    if ka.text == kb.text:
        return  # dice short-cuts equal texts (two empty texts agree fully)
    by_bits = dice_bits(keys.mask(ka), len(ka.grams), keys.mask(kb), len(kb.grams))
    assert by_bits == pytest.approx(dice(ka, kb))


def test_jaccard_of_codes() -> None:
    assert jaccard(["文", "経"], ["文"]) == 0.5
    assert jaccard([], []) == 1.0


def test_assign_takes_the_best_score_then_the_nearest_position() -> None:
    candidates = [
        Candidate(0.9, 0, 0, 0),
        Candidate(0.95, 0, 1, 0),  # better: takes new 0 from old 0
        Candidate(0.9, 2, 0, 2),
        Candidate(0.9, 1, 0, 1),  # same score, nearer: old 0 takes new 1
    ]
    chosen = assign(candidates, set(), set())
    assert [(c.old, c.new) for c in chosen] == [(1, 0), (0, 1)]


def test_match_pairs_equal_texts_first_and_keeps_every_component() -> None:
    old = [TextKey.of(t) for t in ["研究設備の共用を進める", "大学の経営を強化する", "不要"]]
    new = [TextKey.of(t) for t in ["大学の経営を強化する", "研究設備の共用を更に進める", "新規"]]
    scoring = Scoring(0.8, 0.5, components=(("position", 0.2, lambda i, j: 1.0),))
    pairs = match(old, new, scoring)
    assert [(p.old, p.new, p.score.method) for p in pairs] == [
        (1, 0, Method.EXACT),
        (0, 1, Method.SIMILAR),
    ]
    assert pairs[0].score.value == pytest.approx(1.0)
    assert pairs[1].score.component("position") == 1.0
    assert pairs[1].score.text == pytest.approx(dice(old[0], new[1]))
    assert pairs[1].score.old_key == "研究設備の共用を進める"


def test_a_taken_twin_leaves_a_second_fuzzy_round() -> None:
    """Two old copies of one text, one new copy and a reworded one: both get a partner."""
    old = [TextKey.of("同じ取組を進める"), TextKey.of("同じ取組を進める")]
    new = [TextKey.of("同じ取組を進める"), TextKey.of("同じ取組を着実に進める")]
    pairs = match(old, new, Scoring(1.0, 0.5))
    assert sorted((p.old, p.new) for p in pairs) == [(0, 0), (1, 1)]


def test_slot_pairs_only_leftovers_in_the_same_place() -> None:
    old = [TextKey.of("遠隔で操作できる拠点を全国に整備"), TextKey.of("全く別の話")]
    new = [TextKey.of("新しい項目"), TextKey.of("遠隔で操作できる拠点の利用が増加")]
    assert slot_pairs(old, new, [], 0.2) == []  # similar, but not in the same place
    new.reverse()
    pairs = slot_pairs(old, new, [], 0.2)
    assert [(p.old, p.new, p.score.method) for p in pairs] == [(0, 0, Method.SLOT)]
    assert slot_pairs(old, new, pairs, 0.2) == []  # what is taken stays taken


def test_runs_split_by_script() -> None:
    assert runs("令和6年度は約1万5,800人を支援。") == [
        "令和",
        "6",
        "年度",
        "は",
        "約",
        "1",
        "万",
        "5,800",
        "人",
        "を",
        "支援",
        "。",
    ]


def test_word_diff_shows_removed_before_added() -> None:
    segments = word_diff("約1万3,900人を支援。", "約1万5,800人を支援。")
    assert [(s.op, s.text) for s in segments] == [
        (SegmentOp.KEPT, "約1万"),
        (SegmentOp.REMOVED, "3,900"),
        (SegmentOp.ADDED, "5,800"),
        (SegmentOp.KEPT, "人を支援。"),
    ]


@given(st.text(max_size=60), st.text(max_size=60))
def test_word_diff_rebuilds_both_texts(old: str, new: str) -> None:
    segments = word_diff(old, new)
    assert side_text(segments, SegmentOp.REMOVED) == old
    assert side_text(segments, SegmentOp.ADDED) == new


@given(st.lists(st.text(alphabet="研究開発（）() 令和6年2024年ＡＩAI¹²", max_size=12), max_size=8))
def test_prepared_texts_are_the_texts_prepared_afresh(texts: list[str]) -> None:
    """A run's ``TextKeys`` gives what ``TextKey.of`` and ``comparable`` give, however often."""
    keys = TextKeys()
    for text in texts * 2:
        assert keys.of(text) == TextKey.of(text)
        assert keys.form(text) == comparable(text)
    for one in texts:
        for other in texts:
            assert keys.same(one, other) == (comparable(one) == comparable(other))


def test_a_comparison_folds_each_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """``compare`` looks at a title or commitment many times (chapters, the report-part check,
    matching, the tree) but folds each distinct text once."""
    from stiplan.analysis import similarity
    from stiplan.analysis.editions import compare
    from stiplan.readers.followup import read_followup
    from tests.conftest import SAMPLES

    old = read_followup((SAMPLES / "followup_2024.txt").read_text("utf-8"), "a.txt")
    new = read_followup((SAMPLES / "followup_2025.txt").read_text("utf-8"), "b.txt")
    expected = compare(old, new)
    folded: list[str] = []
    original = similarity.comparable

    def counting(text: str) -> str:
        folded.append(text)
        return original(text)

    monkeypatch.setattr(similarity, "comparable", counting)
    assert compare(old, new) == expected
    assert folded and len(folded) == len(set(folded))
