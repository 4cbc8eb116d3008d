"""Every finding of the survey's checks reads in Japanese and English with the same
placeholders, and the Japanese side is Japanese."""

from __future__ import annotations

import re
import string

import pytest

from stiplan.survey.messages import MESSAGES, message

_KANA_OR_KANJI = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_both_languages_with_the_same_placeholders(code: str) -> None:
    ja, en = MESSAGES[code]
    assert ja.strip() and en.strip()
    assert _fields(ja) == _fields(en), code
    assert _KANA_OR_KANJI.search(ja), code


def test_a_message_fills_its_language_and_unknown_codes_fail_early() -> None:
    found = message("period_unread", period="去年")
    assert found.text() == "時点「去年」を日付として読めません（例: 令和6年度、2025年3月末）"
    assert found.text("en").startswith("The period “去年” cannot be read as a date")
    with pytest.raises(KeyError):
        message("no_such_code")
