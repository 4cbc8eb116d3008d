"""Extraction's cheap tests before its slow patterns never skip a text they would match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stiplan import extract
from stiplan.extract import programmes
from stiplan.model import Span

_TEXT = st.text(
    alphabet="統合イノベーション戦略計画方針基本2019202518・AIx年度（）「」", max_size=40
)


@settings(max_examples=500)
@given(_TEXT)
def test_every_edition_name_holds_the_hint(text: str) -> None:
    if programmes._EDITION_NAME.search(text):
        assert programmes._EDITION_HINT.search(text)


def test_an_edition_name_is_still_found() -> None:
    units = [extract.TextUnit("x:p1", "統合イノベーション戦略2025に基づき推進する。", Span(1, 1))]
    found = extract.extract(units, "x")
    assert [p.name for p in found.programmes] == ["統合イノベーション戦略2025"]
