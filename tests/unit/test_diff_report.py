"""Diff reports: Markdown and HTML say the same as the JSON, and document text is escaped."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from stiplan.analysis.editions import EditionDiff, compare, differences, matches
from stiplan.exports.diff_report import diff_to_html, diff_to_json, diff_to_markdown, render
from stiplan.model import Document
from stiplan.readers.followup import read_followup
from stiplan.web.i18n import DIFF_CODES, MESSAGES
from tests.conftest import FIXTURES, SAMPLES


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
    assert (
        "| 2.(1) 挑戦的で多様な研究を支える環境の再構築 — 指標「研究者の職務時間に占める研究時間の"
        "割合」 観測値1 | 値の変更 | 32.9%（暫定値） @ 2023年1月末 | 34.1%（暫定値） @ 2024年1月末 "
        "| 旧 58行 / 新 58行 |"
    ) in text
    assert (
        "| 2.(3) | 大学の経営機能の強化と役割の拡張 | 見出しは同じ・内容に変更あり | 4 | 4 | 4 → 5 |"
    ) in text
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
    assert '<html lang="ja">' in page and "<h1>2024年版 から 2025年版 への変更点</h1>" in page
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
    assert first["label"]["ja"].endswith("— 指標「論文の国際的地位」 観測値1（Top10%補正論文数）")
    assert first["label"]["en"].endswith(
        "— indicator “論文の国際的地位” value 1 (Top10%補正論文数)"
    )
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


# --- language and labels ------------------------------------------------------------------


def _read(path: Path) -> Document:
    return read_followup(path.read_text(encoding="utf-8"), path.name)


def test_english_report_on_request(diff: EditionDiff) -> None:
    text = diff_to_markdown(diff, "en")
    assert text.startswith("# What changed from 2024 edition to 2025 edition")
    assert (
        "| 2.(1) 挑戦的で多様な研究を支える環境の再構築 — indicator “研究者の職務時間に占める研究時間の"
        "割合” value 1 | value changed | 32.9%（暫定値） @ 2023年1月末 |"
    ) in text
    assert (
        "| 2.(3) | 大学の経営機能の強化と役割の拡張 | Same heading, contents changed | 4 | 4 | 4 → 5 |"
    ) in text
    assert "値の変更" not in text and "変更点" not in text
    page = diff_to_html(diff, "en")
    assert '<html lang="en">' in page and "<th>Difference</th>" in page
    assert render(diff, "html", "en") == page


def test_rows_are_labelled_by_section_and_name_not_by_code(diff: EditionDiff) -> None:
    text = diff_to_markdown(diff)
    # an initiative's status item: section, initiative number and commitment, position
    assert re.search(
        r"\n- 2\.\(1\) 挑戦的で多様な研究を支える環境の再構築 — 取組①-1「博士後期課程学生が[^」]*…」 "
        r"実施状況3 — 実施状況の追加: \*\*",
        text,
    )
    assert "- 脚注3 — 脚注の文言の変更" in text
    # no row begins with a bare place code (``2.(1)①1 st1``, ``2. ind1 o1``)
    for line in text.splitlines():
        assert not re.match(r"(- |\| )[0-9.()①-⑳]+ (st|a|o|ind|p|g|t)\d", line), line


def _latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]{2,}", text))


class _Text(HTMLParser):
    """The text a reader sees (not the style sheet)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._skip = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _document_text(diff: EditionDiff) -> str:
    """Every piece of document text the diff holds (as read: ``S I N E T`` is ``SINET``)."""
    refs = [r for d in differences(diff) for r in (d.old, d.new) if r]
    refs += [r for m in matches(diff) for r in (m.old, m.new)]
    details = [d.detail for d in differences(diff)]
    return " ".join([r.text for r in refs] + [r.where for r in refs] + details)


def _no_english(rendered: str, diff: EditionDiff) -> set[str]:
    """Latin words in a Japanese rendering that are neither document text nor a file name
    or document id (``followup_2024.txt``, ``d38f30b20c00``)."""
    text = re.sub(r"[\w\\]+\.txt|\b[0-9a-f]{12}\b", " ", rendered)
    return _latin_words(text) - _latin_words(_document_text(diff))


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_japanese_report_has_no_english_word(diff: EditionDiff, fmt: str) -> None:
    rendered = render(diff, fmt)
    if fmt == "html":
        parser = _Text()
        parser.feed(rendered)
        rendered = " ".join(parser.parts)
    assert _no_english(rendered, diff) == set()
    english = render(diff, fmt, "en")
    assert {"changed", "edition"} <= _no_english(english, diff)  # the test sees English


def test_an_empty_diff_says_so(diff: EditionDiff) -> None:
    same = _read(SAMPLES / "followup_2025.txt")
    text = diff_to_markdown(compare(same, same))
    assert "2つの版の間に違いはありません。" in text
    assert "## 変更点" not in text and "| 変更の種類 |" not in text
    assert "The two editions do not differ." in diff_to_markdown(compare(same, same), "en")


def test_an_excerpt_names_the_sections_only_one_edition_covers() -> None:
    excerpt = _read(SAMPLES / "excerpts" / "followup_2023_excerpt.txt")
    text = diff_to_markdown(compare(excerpt, _read(SAMPLES / "followup_2024.txt")))
    note = next(line for line in text.splitlines() if "片方の版にしか" in line)
    assert "（新版のみ）" in note and "件数だけを示します" in note
    assert "| 節の追加（旧版になし） | 1 |" in text


def test_documents_of_different_reports_are_flagged() -> None:
    other = _read(FIXTURES / "followup" / "basic.txt")
    text = diff_to_markdown(compare(other, _read(SAMPLES / "followup_2024.txt")))
    assert "注意：この2つの文書は同じ報告書の版ではありません" in text
    assert "not editions of the same report" in diff_to_markdown(
        compare(other, _read(SAMPLES / "followup_2024.txt")), "en"
    )


def test_every_difference_code_has_words_in_both_languages(diff: EditionDiff) -> None:
    excerpt = _read(SAMPLES / "excerpts" / "followup_2023_excerpt.txt")
    other = _read(FIXTURES / "followup" / "basic.txt")
    old = _read(SAMPLES / "followup_2024.txt")
    codes = {
        d.code for x in (diff, compare(excerpt, old), compare(other, old)) for d in differences(x)
    }
    assert len(codes) >= 10
    assert codes <= set(DIFF_CODES)
    for code in DIFF_CODES:
        assert MESSAGES[f"diff_code_{code}"] == DIFF_CODES[code]


def test_sections_table_tells_heading_and_contents_apart() -> None:
    # QA: a section whose heading stayed but whose contents changed was shown as 変更なし
    old_text = _sample("followup_2024.txt")
    old = read_followup(old_text, "followup_2024.txt")
    same = diff_to_markdown(compare(old, read_followup(old_text, "copy.txt")))
    assert "| 2.(3) | 大学の経営機能の強化と役割の拡張 | 変更なし |" in same
    retitled = _sample(
        "followup_2024.txt", ("大学の経営機能の強化と役割の拡張", "大学の経営機能の強化")
    )
    text = diff_to_markdown(compare(old, read_followup(retitled, "new.txt")))
    row = next(line for line in text.splitlines() if line.startswith("| 2.(3) |"))
    assert "見出し: " in row and "内容は同じ" in row, row
