"""Hostile lines for the linear-time guard suite and its benchmark.

Each payload is one very long run of what a pattern might backtrack on (colons, spaces,
brackets, digits, ``<u>`` tags, superscripts, dates, amounts…). ``followup_with`` puts a
payload into every place of a small follow-up report where a rule or a normaliser reads text
(prose, goal, target and indicator values, a continuation line, a footnote, each table cell),
and ``slides_with`` into a slide deck; a reader that is linear in its input reads either in
time proportional to the payload's length.
"""

from __future__ import annotations

HEADER = "基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針"


def payloads(n: int) -> dict[str, str]:
    """About ``n`` characters of each hostile kind."""
    return {
        "colons": ":" * n,
        "wide_colons": "：" * n,
        "spaces": " " * n,
        "bracket_then_spaces": "【" + " " * n + "x",
        "open_brackets": "（" * n,
        "close_brackets": "）" * n,
        "lenticular": "【" * n,
        "digits": "1" * n,
        "thousands": "1," * (n // 2),
        "underline_tags": "<u>" * (n // 3),
        "underlined_words": "<u>a</u>" * (n // 8),
        "open_tag": "<p " + "a" * n,
        "superscripts": "¹" * n,
        "caret": "^{" + "1 " * (n // 2),
        "eras": "令和" * (n // 2),
        "touten": "、" * n,
        "bullets": "・" * n,
        "circles": "○" * n,
        "dashes": "-" * n,
        "bold": "**" * (n // 2),
        "years": "1年" * (n // 2),
        "slashes": "1/" * (n // 2),
        "amounts": "1億" * (n // 2),
        "tags": "【文、" * (n // 3),
        "quotes": "「" * n,
        "values": "1,000億円（令和5年度）、" * (n // 20),
    }


def followup_with(payload: str) -> str:
    """A small follow-up report with ``payload`` in every place text is read."""
    lines = [
        "1. 章の題",
        "",
        "（1）節の題",
        "",
        "【あるべき姿とその実現に向けた方向性】",
        "",
        payload,
        "",
        "【目標】",
        "",
        "- ・ " + payload,
        "",
        "【科学技術・イノベーション政策において目指す主要な数値目標】（主要指標）",
        "",
        "- ・ 指標：" + payload,
        "",
        "【現状データ】（参考指標）",
        "",
        "- ・ 指標：" + payload + "（令和5年）",
        payload,
        "",
        "¹ " + payload,
        "",
        "① 小見出し",
        "",
        HEADER,
        f"<p>○{payload}【文】</p>\t<p>・{payload}</p>\t<p>・{payload}【<u>文</u>】</p>",
        "",
    ]
    return "\n".join(lines)


def slides_with(payload: str) -> str:
    """A small slide deck with ``payload`` as a title, a bullet and a table cell."""
    lines = [
        "「サンプル戦略」について",
        "",
        "令和7年7月1日",
        "",
        "**科学技術・イノベーション政策**の推進",
        "- 研究開発とイノベーションの創出",
        "- ✓ 基本計画に基づく研究力の強化",
        "",
        "1." + payload,
        "",
        "- " + payload,
        "- ✓ " + payload,
        f"項目\t{payload}\t2030年目標 1,000万人",
        "出典：" + payload,
        "",
    ]
    return "\n".join(lines)
