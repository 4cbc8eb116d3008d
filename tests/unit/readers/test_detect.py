"""Kind detection: project-written follow-up and slide snippets, and texts that must be refused."""

from __future__ import annotations

import pytest

from stiplan.model import DocumentKind
from stiplan.readers.detect import UnknownFormatError, assess, detect

FOLLOWUP = """2. 研究力の強化

【大目標】¹

- ・ 多様な研究者が挑戦できる環境を整え、新たな知を生み続ける

（1）若手研究者の育成

【目標】

- ・ 博士後期課程学生の処遇を改善する

【現状データ】（参考指標）

- ・ 博士後期課程在籍者数：7万4,000人（令和6年度）²

① 博士後期課程学生の支援

基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針
<p>○博士後期課程学生への経済的支援を拡充する。【<u>文</u>】</p>\t<p>・支援対象を拡大。</p>\t<p>・継続。【文】</p>
"""

TABLE_ONLY = (
    "基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"
    "○研究設備の共用を進める。【文】\t・共用化を推進。\t—\n"
)

HEADINGS_ONLY = """【あるべき姿とその実現に向けた方向性】

研究の多様性を確保する。

【目標】

- ・ 研究時間を確保する

【現状データ】（参考指標）

- ・ 研究時間の割合：32.9%（令和5年）
"""

SLIDES = """「研究力強化パッケージ」について

令和6年10月2日

内閣府 科学技術・イノベーション推進事務局

目次

1. 背景
2. 主な施策

研究力をめぐる現状

- 日本の論文数の国際順位は**低下傾向**
 - ・ 若手研究者の安定したポストが不足
✓ 大学ファンドによる支援を開始
➢ SIPやムーンショットと連携
■ 2030年目標：博士号取得者 1.5万人

出典：文部科学省資料を基に内閣府作成
"""

SLIDES_KANGXI = """研究⼒強化の⽅向性

➢ 科学技術・イノベーション基本計画に基づき推進
➢ ⼤学の研究⼒を⾼める
➢ 若⼿研究者への⽀援
■ スタートアップとの連携
出典：内閣府作成
"""

RANDOM_JAPANESE = """今日は朝から雨が降っていた。駅まで歩く途中で傘を忘れたことに気づき、
近くの店で新しい傘を買うことにした。店員さんはとても親切で、色々な種類を見せてくれた。
結局、青い傘を選んで店を出た。雨は少しずつ弱くなっていった。
"""

JAPANESE_POLICY_ESSAY = """科学技術とイノベーションは社会の基盤であり、大学と研究者の役割は大きい。
基本計画の下で研究開発への投資が続けられてきたが、成果の評価には時間がかかる。
スタートアップの育成も進められている。
"""

HTML_PAGE = """<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>科学技術・イノベーション基本計画</title></head>
<body>
<div class="main">
<h1>【目標】</h1>
<ul><li>✓ 研究開発の推進</li><li>✓ イノベーションの創出</li><li>✓ 大学改革</li></ul>
<p>**重要** 令和6年4月1日</p>
</div>
<script>console.log("x")</script>
</body>
</html>
"""

CSV = """年度,研究開発費,研究者数
2021,19.7兆円,89万人
2022,20.7兆円,90万人
2023,22.0兆円,91万人
2024,22.5兆円,92万人
2025,23.1兆円,93万人
"""

CODE = '''import re
from pathlib import Path


def load(path: Path) -> str:
    """科学技術・イノベーション基本計画を読む。"""
    text = path.read_text()
    if not text:
        return ""
    return re.sub(r"\\s+", " ", text)


class Reader:
    def __init__(self) -> None:
        self.items = []  # イノベーション 研究開発 大学
'''

ENGLISH = """Quarterly report

- Revenue grew by 4% in the quarter
- Costs were flat
- Headcount rose to 120
**Outlook**: stable
"""


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (FOLLOWUP, DocumentKind.FOLLOWUP),
        (TABLE_ONLY, DocumentKind.FOLLOWUP),
        (HEADINGS_ONLY, DocumentKind.FOLLOWUP),
        (SLIDES, DocumentKind.SLIDES),
        (SLIDES_KANGXI, DocumentKind.SLIDES),
    ],
    ids=["followup", "table-only", "headings-only", "slides", "slides-kangxi"],
)
def test_known_kinds(text: str, kind: DocumentKind) -> None:
    assert detect(text, "doc.txt") is kind


@pytest.mark.parametrize(
    "text",
    [RANDOM_JAPANESE, JAPANESE_POLICY_ESSAY, HTML_PAGE, CSV, CODE, ENGLISH, "", "\n\n", "【目標】"],
    ids=["random", "essay", "html", "csv", "code", "english", "empty", "newlines", "one-heading"],
)
def test_unknown_texts_are_refused(text: str) -> None:
    with pytest.raises(UnknownFormatError) as info:
        detect(text, "mystery.txt")
    message = str(info.value)
    assert message.startswith("mystery.txt: ")
    assert "expected a follow-up report" in message
    assert "slide deck" in message
    assert info.value.source_name == "mystery.txt"


def test_unknown_format_error_is_a_value_error() -> None:
    assert issubclass(UnknownFormatError, ValueError)


def test_inline_goal_label_in_slides_is_not_followup_evidence() -> None:
    text = SLIDES + "【目標】2030年に博士号取得者を倍増\n"
    assert assess(text).followup == assess(SLIDES).followup
    assert detect(text, "s.txt") is DocumentKind.SLIDES


def test_half_and_full_width_section_brackets_both_count() -> None:
    half = FOLLOWUP.replace("（1）", "(1)")
    assert assess(half).followup == assess(FOLLOWUP).followup


def test_footnote_marker_after_heading_still_counts() -> None:
    plain = HEADINGS_ONLY.replace("【目標】", "【目標】")
    marked = HEADINGS_ONLY.replace("【目標】", "【目標】^{3 4}")
    assert assess(marked).followup == assess(plain).followup


def test_followup_table_with_a_script_cell_is_still_followup() -> None:
    text = FOLLOWUP + "<p>○<script>alert(1)</script></p>\t<p>・x</p>\t—\n"
    assert detect(text, "f.txt") is DocumentKind.FOLLOWUP


def test_assessment_explains_its_scores() -> None:
    reasons = " ".join(assess(FOLLOWUP).reasons)
    assert "table header" in reasons
    assert "block heading" in reasons


def test_reordered_and_spaced_table_header_counts_as_the_header() -> None:
    header = "基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針"
    reordered = "今後の取組方針\t基本計画における具体的な取組\t実施状況 ・ 現状分析"
    assert assess(FOLLOWUP.replace(header, reordered)).followup == assess(FOLLOWUP).followup


def test_short_block_headings_count_as_block_headings() -> None:
    short = FOLLOWUP.replace("【現状データ】（参考指標）", "【参考指標】")
    assert assess(short).followup == assess(FOLLOWUP).followup


def test_an_indicator_bullet_counts_without_the_list_dash() -> None:
    """A PDF draws the text conversion's ``- ・`` as ``・``: the same evidence either way."""
    dashed = "【現状データ】（参考指標）\n- ・ 試作の観測値：12件（令和6年3月末）\n"
    drawn = dashed.replace("- ・", "・")
    assert assess(drawn).followup == assess(dashed).followup > assess("【現状データ】").followup


def test_a_table_with_columns_of_its_own_is_still_the_follow_up_table() -> None:
    header = "基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針"
    row = "<p>○博士後期課程学生への経済的支援を拡充する。【<u>文</u>】</p>\t<p>・支援対象を拡大。</p>\t<p>・継続。【文】</p>"
    wider = FOLLOWUP.replace(header, f"番号\t{header}\t備考").replace(row, f"1\t{row}\t")
    assert f"番号\t{header}\t備考" in wider and f"1\t{row}\t" in wider
    assert assess(wider).followup == assess(FOLLOWUP).followup
