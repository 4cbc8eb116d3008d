"""Publishing rewrites the status and next-step cells where the table's header puts them: a
report with its columns in another order, or with columns of its own (番号, 備考), keeps its
commitment and those columns, and reads back with the answers in place."""

from __future__ import annotations

from datetime import date

from stiplan.readers.followup import read_followup
from stiplan.survey.answers import InitiativeAnswer
from stiplan.survey.content import Item, path_of
from stiplan.survey.publish import new_edition_text
from tests.conftest import FIXTURES

SOURCE = FIXTURES / "followup" / "extra_columns.txt"


def test_answers_land_in_the_columns_the_header_names() -> None:
    text = SOURCE.read_text(encoding="utf-8")
    last_year = read_followup(text, SOURCE.name)
    first = last_year.chapters[0].sections[0].subsections[0].initiatives[0]
    answer = InitiativeAnswer(
        status=(Item("制度を改めた。", "*文"),), actions=(Item("効果を調べる。", "*文、経"),)
    )
    published = new_edition_text(
        text.split("\n"), last_year, {path_of(first.id): answer}, {}, date(2026, 12, 6)
    )
    lines = published.split("\n")
    assert lines[:2] == ["令和8年12月6日", ""]  # the head stated no date
    row = next(line for line in lines if "○試験の制度を設け、" in line).split("\t")
    assert row[0] == "1" and row[4] == "<p>令和6年度から</p>"  # its own columns kept
    again = read_followup(published, SOURCE.name)
    initiative = again.chapters[0].sections[0].subsections[0].initiatives[0]
    assert initiative.commitment == "試験の制度を設け、運用する。"
    assert [s.text for s in initiative.status_items] == ["制度を改めた。"]
    assert [a.text for a in initiative.actions] == ["効果を調べる。"]
    assert [(m.code, m.lead) for m in initiative.actions[0].ministries] == [
        ("文", True),
        ("経", False),
    ]
    untouched = again.chapters[0].sections[0].subsections[0].initiatives[1]
    assert [s.text for s in untouched.status_items] == ["拠点を置いた。"]
