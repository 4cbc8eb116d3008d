"""Diff reports: Markdown and HTML say the same as the JSON, and document text is escaped."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from stiplan.analysis.editions import EditionDiff, compare, differences
from stiplan.exports.diff_report import diff_to_html, diff_to_json, diff_to_markdown, render
from stiplan.readers.followup import read_followup
from tests.conftest import SAMPLES


def _sample(name: str, edit: tuple[str, str] | None = None) -> str:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    if edit:
        assert edit[0] in text
        text = text.replace(edit[0], edit[1])
    return text


@pytest.fixture(scope="module")
def diff() -> EditionDiff:
    return compare(
        read_followup(_sample("followup_2024.txt"), "followup_2024.txt"),
        read_followup(_sample("followup_2025.txt"), "followup_2025.txt"),
    )


@pytest.fixture(scope="module")
def hostile() -> EditionDiff:
    """A status item rewritten to hold markup and Markdown syntax (as entities in the cell)."""
    old = read_followup(_sample("followup_2024.txt"), "old.txt")
    new_text = _sample(
        "followup_2024.txt",
        ("利用者の受入れを開始。", "利用者の受入れを開始 &lt;script&gt;x&lt;/script&gt; *a*|b_c。"),
    )
    return compare(old, read_followup(new_text, "new.txt"))


def test_markdown_marks_removed_and_added_words(diff: EditionDiff) -> None:
    text = diff_to_markdown(diff)
    assert "~~産業会~~**産業界**" in text
    assert "| 2.(1) ind4 o1 | value changed | 32.9%（暫定値） @ 2023年1月末 |" in text
    assert "| 2.(3) | 大学の経営機能の強化と役割の拡張 | unchanged | 5 → 4 |" not in text
    assert "| 2.(3) | 大学の経営機能の強化と役割の拡張 | unchanged | 4 | 4 | 4 → 5 |" in text
    assert text.count("\n- ") == len([d for d in differences(diff) if "observation" not in d.code])


def test_markdown_escapes_document_text(hostile: EditionDiff) -> None:
    text = diff_to_markdown(hostile)
    assert "<script>" not in text
    assert r"\<script\>" in text and r"\*a\*\|b\_c" in text


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [v or "" for k, v in attrs if k in ("src", "href")]


def test_html_is_one_self_contained_page(diff: EditionDiff) -> None:
    page = diff_to_html(diff)
    parser = _Collect()
    parser.feed(page)
    assert "script" not in parser.tags and parser.links == []
    assert "<del>産業会</del><ins>産業界</ins>" in page
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;' in page
    )


def test_html_escapes_document_text(hostile: EditionDiff) -> None:
    page = diff_to_html(hostile)
    parser = _Collect()
    parser.feed(page)
    assert "script" not in parser.tags
    assert "&lt;script&gt;x&lt;/script&gt;" in page


def test_json_holds_differences_matches_and_scores(diff: EditionDiff) -> None:
    data = json.loads(diff_to_json(diff))
    assert data["format"] == "stiplan-diff/2" and data["diff_version"] == 2
    assert data["same_part"] is True
    assert data["summary"]["observation_changed"] == 19
    assert len(data["differences"]) == len(differences(diff))
    first = data["differences"][0]
    assert first["code"] == "observation_changed" and first["where"] == "2. ind1 o1"
    assert first["old"]["span"] == {
        "document_id": data["old"]["document_id"],
        "element_id": first["old"]["id"],
        "first_line": 11,
        "last_line": 11,
    }
    assert first["new"]["value"]["quantity"]["value"] == "12"
    reworded = next(m for m in data["matches"] if m["old"]["where"] == "2.(1)①1")
    assert reworded["kind"] == "initiative"
    assert reworded["score"]["method"] == "similar"
    assert reworded["score"]["components"] == {"ministries": 1.0, "position": 1.0}
    assert reworded["score"]["text"] == round(reworded["score"]["text"], 4)
    assert data["old"]["data_until"] == "2024-04-01"
    assert data["chapters"][0]["sections"][0]["old_counts"]["initiatives"] == 5


def test_render_refuses_unknown_formats(diff: EditionDiff) -> None:
    assert render(diff, "markdown") == diff_to_markdown(diff)
    with pytest.raises(ValueError, match="unknown format"):
        render(diff, "xml")
