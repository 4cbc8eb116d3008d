"""Items of a table cell: a middle dot between Latin words is no bullet, and punctuation
after a ministry tag belongs to the item before it."""

from __future__ import annotations

import pytest

from stiplan.model import Warning
from stiplan.readers.cells import Fragment, read_items


def _items(html: str) -> tuple[list[str], list[Warning]]:
    warnings: list[Warning] = []
    items = read_items([Fragment(1, html)], warnings)
    return [item.text for item in items], warnings


@pytest.mark.parametrize(
    "html",
    ["<p>・X R ・ V R を使う実証を開始。</p>", "<p>・XR ・ VR を使う実証を開始。</p>"],
)
def test_a_middle_dot_between_latin_words_is_not_a_bullet(html: str) -> None:
    texts, _ = _items(html)
    assert len(texts) == 1
    assert texts[0].startswith("XR")


def test_bullets_before_latin_words_still_start_items() -> None:
    texts, _ = _items("<p>・研究を開始 ・DX推進を検討</p>")
    assert texts == ["研究を開始", "DX推進を検討"]


@pytest.mark.parametrize("tail", ["。", "．", " 。"])
def test_punctuation_after_a_tag_belongs_to_the_item_before(tail: str) -> None:
    warnings: list[Warning] = []
    items = read_items([Fragment(1, f"<p>・施策を推進【文】{tail}</p>")], warnings)
    assert [(i.text, [m.code for m in i.ministries]) for i in items] == [("施策を推進", ["文"])]


def test_a_tag_followed_by_punctuation_and_an_item_still_splits() -> None:
    texts, _ = _items("<p>・施策を推進【文】。 次の施策【経】</p>")
    assert texts == ["施策を推進", "次の施策"]
