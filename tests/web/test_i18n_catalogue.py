"""The message catalogue is complete, and the Japanese UI does not show its English side."""

from __future__ import annotations

import re

import pytest

from stiplan.web.i18n import MESSAGES

from .conftest import Client


def test_every_message_has_both_languages() -> None:
    missing = [k for k, (ja, en) in MESSAGES.items() if not ja.strip() or not en.strip()]
    assert not missing
    # the Japanese side is Japanese, except names that are the same in both (API, CSV) and the
    # switch that offers English, written in English on purpose
    latin_only = {k for k, (ja, _) in MESSAGES.items() if re.fullmatch(r"[A-Za-z ,.'()-]+", ja)}
    assert latin_only <= {"api", "csv", "language_switch", "language_switch_label"}


def _english_phrases() -> set[str]:
    """The catalogue's English messages of more than one word, which no Japanese page shows."""
    return {en for _, en in MESSAGES.values() if " " in en and "{" not in en and len(en) > 8}


@pytest.mark.parametrize("path", ["/", "/ministries", "/warnings", "/search?q=研究"])
def test_japanese_pages_show_no_english_ui_phrase(client: Client, path: str) -> None:
    page = client.get(path, params={"lang": "ja"})
    assert page.status_code == 200
    text = re.sub(r"<[^>]+>", " ", page.text)
    shown = sorted(p for p in _english_phrases() if p in text)
    assert not shown, (path, shown)
