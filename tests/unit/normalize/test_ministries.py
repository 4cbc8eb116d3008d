"""The ministry dictionary and tag parsing."""

from __future__ import annotations

from datetime import date

import pytest

from stiplan.normalize.ministries import dictionary, looks_like_tag, lookup, parse_tag

KINDS = {"ministry", "agency", "secretariat", "commission", "cabinet", "group"}


def test_every_entry_has_names_kind_and_source() -> None:
    for code, info in dictionary().items():
        assert info.code == code
        assert info.name_ja and info.name_en and info.source, code
        assert info.kind in KINDS, code
        if info.successor is not None:
            assert info.successor in dictionary(), code


def test_it_passed_to_the_digital_agency() -> None:
    it = lookup("IT")
    assert it is not None
    assert (it.successor, it.since) == ("デジ", date(2021, 9, 1))
    assert lookup("デジ").name_ja == "デジタル庁"  # type: ignore[union-attr]


@pytest.mark.parametrize("code", ["関係府省", "全府省", "関係地方公共団体"])
def test_groups_are_groups_not_ministries(code: str) -> None:
    assert lookup(code).kind == "group"  # type: ignore[union-attr]


def test_lead_flags_follow_underlines_across_spaces() -> None:
    refs, warnings = parse_tag(" <u>科技</u> 、文、<u>経</u>", 3)
    assert [(r.code, r.lead) for r in refs] == [("科技", True), ("文", False), ("経", True)]
    assert warnings == []


def test_split_kagi_is_repaired_with_a_warning_but_a_lone_ka_is_only_flagged() -> None:
    refs, warnings = parse_tag("<u>科</u>、<u>技</u>、全府省", 9)
    assert [(r.code, r.lead) for r in refs] == [("科技", True), ("全府省", False)]
    assert [(w.code, w.line) for w in warnings] == [("ministry_tag_repaired", 9)]
    refs, warnings = parse_tag("知財、科、総", 4)
    assert [r.code for r in refs] == ["知財", "科", "総"]
    assert [w.code for w in warnings] == ["ministry_code_uncertain"]


def test_unknown_codes_are_kept_and_reported() -> None:
    refs, warnings = parse_tag("文、研開", 2)
    assert [r.code for r in refs] == ["文", "研開"]
    assert [(w.code, w.line) for w in warnings] == [("unknown_ministry_code", 2)]


def test_a_bracketed_title_is_not_a_tag() -> None:
    assert not looks_like_tag("追補版")
    assert looks_like_tag("<u>科</u>、<u>技</u>")


def test_a_truncated_code_is_completed_from_the_codes_the_document_writes() -> None:
    refs, warnings = parse_tag("知財、<u>科</u>、総", 4, frozenset({"科技", "知財", "総"}))
    assert [(r.code, r.lead, r.raw) for r in refs] == [
        ("知財", False, "知財"),
        ("科技", True, "科"),
        ("総", False, "総"),
    ]
    assert [(w.code, w.line) for w in warnings] == [("ministry_code_repaired", 4)]
    assert "「科」" in warnings[0].message and "「科技」" in warnings[0].message


def test_a_truncated_code_that_could_complete_to_two_codes_stays_as_written() -> None:
    refs, warnings = parse_tag("地、文", 7, frozenset({"地創", "地理空間", "文"}))
    assert [r.code for r in refs] == ["地", "文"]
    assert [w.code for w in warnings] == ["ministry_code_ambiguous"]
    assert "「地創」" in warnings[0].message and "「地理空間」" in warnings[0].message


def test_a_fragment_the_document_never_completes_is_only_flagged() -> None:
    refs, warnings = parse_tag("海、文", 7, frozenset({"文"}))
    assert [r.code for r in refs] == ["海", "文"]
    assert [w.code for w in warnings] == ["ministry_code_uncertain"]


def test_two_fragments_that_join_into_a_known_code_are_joined() -> None:
    refs, warnings = parse_tag("<u>地理</u>、<u>空間</u>", 2)
    assert [(r.code, r.lead) for r in refs] == [("地理空間", True)]
    assert [w.code for w in warnings] == ["ministry_tag_repaired"]


@pytest.mark.parametrize(
    "inner", ["文・<u>経</u>", "文　<u>経</u>", "文 ･ <u>経</u>", "文、 <u>経</u>"]
)
def test_a_middle_dot_or_space_between_known_codes_separates_them(inner: str) -> None:
    refs, warnings = parse_tag(inner, 3)
    assert [(r.code, r.lead) for r in refs] == [("文", False), ("経", True)]
    assert warnings == []


@pytest.mark.parametrize("inner", ["国・地方", "文・理融合", "AI 戦略"])
def test_a_middle_dot_or_space_with_an_unknown_piece_is_no_separator(inner: str) -> None:
    """``【国・地方】`` in a sentence is a bracketed phrase, not two ministries."""
    assert not looks_like_tag(inner)
    assert [r.code for r in parse_tag(inner, 3)[0]] == [inner]
