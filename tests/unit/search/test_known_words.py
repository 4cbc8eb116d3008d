"""The index path's shortcuts give exactly the terms of the plain path, on real report text.

``index_terms`` looks dictionary words up by word id (``_KnownWords``) and tokenises with
SudachiPy loading only some fields of each entry; ``analyse`` asks SudachiPy for every
morpheme's normalised form and split. Both must give the same terms.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sudachipy import Dictionary, SplitMode

from stiplan.ingest import read_path
from stiplan.search import tokenize
from stiplan.search.tokenize import analyse, index_terms
from stiplan.store.encode import encode_document
from stiplan.store.index import unit_text
from tests.conftest import SAMPLES


def _sample_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(SAMPLES.glob("followup_*.txt")):
        rows = encode_document(read_path(path), "now")["elements"]
        texts += [unit_text(row) for row in rows if unit_text(row).strip()]
    return texts


SAMPLE_TEXTS = _sample_texts()


@pytest.fixture
def cold_known_words(monkeypatch: pytest.MonkeyPatch) -> Iterator[tokenize._KnownWords]:
    fresh = tokenize._KnownWords()
    monkeypatch.setattr(tokenize, "_KNOWN_WORDS", fresh)
    yield fresh


def _analysed(text: str) -> tuple[str, str]:
    analysis = analyse(text)
    return (
        " ".join(t.term for t in analysis.words),
        " ".join(t.term for t in analysis.parts),
    )


def test_the_samples_have_text_to_compare() -> None:
    assert len(SAMPLE_TEXTS) > 100


def test_known_words_give_the_analysed_terms_on_the_samples(
    cold_known_words: tokenize._KnownWords,
) -> None:
    assert [index_terms(t) for t in SAMPLE_TEXTS] == [_analysed(t) for t in SAMPLE_TEXTS]
    assert cold_known_words.short and cold_known_words.long  # the lookup was used
    # warm: every word now comes from the tables
    assert [index_terms(t) for t in SAMPLE_TEXTS] == [_analysed(t) for t in SAMPLE_TEXTS]


def test_split_parts_are_the_mode_a_pieces_of_long_words(
    cold_known_words: tokenize._KnownWords,
) -> None:
    assert index_terms("外国人参政権") == ("外国人参政権", "外国 人 参政 権")
    assert list(cold_known_words.long.values()) == [("外国人参政権", ("外国", "人", "参政", "権"))]
    assert index_terms("外国人参政権") == ("外国人参政権", "外国 人 参政 権")  # from the table


def test_one_entry_matching_a_short_and_a_long_surface_is_kept_apart(
    cold_known_words: tokenize._KnownWords,
) -> None:
    # SudachiPy reads ーー as one ー: ほーー (three characters) is the entry of ほー (two)
    assert index_terms("ほー") == index_terms("ほーー") == ("ほう", "ほう")
    assert set(cold_known_words.short) == set(cold_known_words.long)


def test_unknown_words_keep_their_own_surface(cold_known_words: tokenize._KnownWords) -> None:
    # unknown words of one part of speech share a word id: they must not be looked up by it
    assert index_terms("龘龘") == ("龘龘", "龘龘")
    assert index_terms("ヰヱ") == ("ヰヱ", "ヰヱ")
    assert not cold_known_words.short and not cold_known_words.long


def test_full_tables_are_emptied_and_refilled(
    cold_known_words: tokenize._KnownWords, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tokenize, "_KNOWN_WORDS_LIMIT", 3)
    expected = [_analysed(t) for t in SAMPLE_TEXTS[:50]]
    assert [index_terms(t) for t in SAMPLE_TEXTS[:50]] == expected
    assert len(cold_known_words.short) <= 3 and len(cold_known_words.long) <= 3


def test_the_tokenizer_loading_some_fields_reads_them_as_a_full_one() -> None:
    full = Dictionary(dict="core").tokenizer(SplitMode.C)
    subset = tokenize._SUDACHI.tokenizer()

    def described(tokenizer: object, text: str) -> list[tuple[object, ...]]:
        return [
            (
                m.begin(),
                m.end(),
                m.word_id(),
                m.is_oov(),
                m.part_of_speech_id(),
                m.normalized_form(),
                [s.normalized_form() for s in m.split(SplitMode.A, add_single=False)],
            )
            for m in tokenizer.tokenize(text)  # type: ignore[attr-defined]
        ]

    for text in SAMPLE_TEXTS[:300]:
        assert described(subset, text) == described(full, text), text
