"""A source line without the conversion's markup: tags gone, the underline kept as a flag."""

from __future__ import annotations

import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from stiplan.normalize.markup import TextRun, plain_runs, plain_text


def test_cell_markup_is_removed_and_the_lead_underline_kept() -> None:
    line = "<p>・研究を進める。【<u>文</u>、経】</p>\t<ul style='x'> ・次 &amp; 先"
    assert plain_runs(line) == [
        TextRun("・研究を進める。【"),
        TextRun("文", underlined=True),
        TextRun("、経】 \t ・次 & 先"),
    ]


def test_block_tags_separate_words_and_text_without_tags_is_unchanged() -> None:
    assert plain_text("<p>前</p><p>後</p>") == "前 後"
    assert plain_text("a < b かつ c > d") == "a < b かつ c > d"
    assert plain_text("【<u>科技</u>】<br/>") == "【科技】"


def test_an_unclosed_underline_ends_with_the_line() -> None:
    assert plain_runs("【<u>文、経】") == [TextRun("【"), TextRun("文、経】", underlined=True)]


_PIECES = st.sampled_from(["<p>", "</p>", "<u>", "</u>", "<ul class='a'>", "<br>", "<b>"])


@given(st.lists(st.one_of(_PIECES, st.text(alphabet="研究文経、【】 ・<>&;", max_size=5))))
def test_no_tag_survives(pieces: list[str]) -> None:
    line = "".join(pieces)
    text = plain_text(line)
    assert not re.search(r"</?(p|u|ul|br|b)\b[^<>]*>", text)
    runs = plain_runs(line)
    assert all(r.text for r in runs)
    assert all(a.underlined != b.underlined for a, b in itertools.pairwise(runs))
