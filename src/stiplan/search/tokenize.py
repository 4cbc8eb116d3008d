"""Japanese-aware search terms: SudachiPy over cleaned text, deterministic and pure.

Japanese has no spaces, so a search index needs a morphological analyser to find words.
Every text (indexed or typed as a query) goes through the same steps:

1. ``clean`` (``stiplan.normalize.text``): Kangxi radicals and full-width letters folded, PDF
   spacing repaired (``A I 教育`` → ``AI教育``, ``S I P 4 D`` → ``SIP4D``).
2. Latin runs are found by a pattern, not by SudachiPy, which would cut ``SIP4D`` into three
   words and spell ``Society`` in katakana: a run of ASCII letters and digits, joined by
   ``- . / &`` (and ``,`` between digits), is one **word**, lower-cased, commas dropped
   (``e-CSTI`` → ``e-csti``, ``31,709`` → ``31709``, ``CO₂`` → ``co2``). Its **parts** are the
   pieces between ``- / &`` (``e``, ``csti``).
3. Everything else is cut by SudachiPy in mode C (the longest units: ``文部科学省``) into
   **words**, each written as its ``normalized_form`` (``コンピュータ`` and ``コンピューター``
   are both ``コンピューター``); mode C words are split again in mode A into **parts**
   (``文部``, ``科学``, ``省``), so that short words such as ``科学`` are found inside compounds.
   Punctuation and blanks are dropped; particles are kept so that phrases stay exact.

The index keeps the words and the parts as two space-joined columns; a query word matches
either (see ``stiplan.search.query``). A term only ever holds lower-case ASCII letters,
digits, ``TERM_JOINERS`` and non-ASCII characters, which is what the index's tokenizer is
told to keep together (``docs/search.md``).

The SudachiPy dictionary is loaded once, lazily, on first use; each thread gets its own
tokenizer (a SudachiPy tokenizer must not be shared between threads).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from stiplan.normalize.text import clean, fresh_copy

if TYPE_CHECKING:
    from sudachipy.sudachipy import Dictionary, Morpheme, SplitMode, Tokenizer

TERMS_VERSION = 1
"""Bump when the terms produced for the same text change; stored documents then need
``stiplan reindex`` (the store records the signature each document was indexed with)."""

TERM_JOINERS = "-./&%"
"""ASCII characters (besides letters and digits) that may appear inside one term."""

_SCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉"
_TO_ASCII_DIGIT = str.maketrans(_SCRIPT_DIGITS, "01234567890123456789")
_ALNUM = rf"[A-Za-z0-9{_SCRIPT_DIGITS}]"
# A Latin word: letters/digits, joined by - . / & or by a thousands comma between digits.
_LATIN_RUN = re.compile(rf"{_ALNUM}+(?:(?:[-./&]|(?<=[0-9]),(?=[0-9]{{3}}))+{_ALNUM}+)*")
_PART_PIECE = re.compile(r"[^-/&]+")
# Terms may keep only these ASCII characters; other ASCII punctuation is dropped.
_UNSAFE_ASCII = re.compile(r"[^a-z0-9\-./&%\u0080-\U0010ffff]+")
_NON_WORD = re.compile(r"[\W_]+")  # punctuation and blanks, which make no term
_SKIPPED_POS = frozenset({"補助記号", "空白"})
# SudachiPy refuses inputs over 49,149 bytes; 4,000 characters are at most 16,000 bytes.
_CHUNK_CHARS = 4000
_CHUNK_BREAK = re.compile(r"[。．！？\s]")


class Token(NamedTuple):
    """A term and where its surface lies in the cleaned text (``text[start:end]``).

    A named tuple rather than a frozen dataclass: snippets analyse every hit's text while
    the user waits, and a tuple is several times cheaper to create.
    """

    term: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Analysis:
    """A text as the index sees it: cleaned, cut into words (mode C) and parts (mode A)."""

    text: str
    words: tuple[Token, ...]
    parts: tuple[Token, ...]


class _Sudachi:
    """One dictionary for the process, one tokenizer per thread, both made on first use.

    Loading the dictionary takes a fraction of a second and some memory, which commands that
    never search should not pay; SudachiPy is imported then too.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._local = threading.local()
        self._dictionary: Dictionary | None = None
        self._skipped: frozenset[int] = frozenset()

    def _load(self) -> Dictionary:
        with self._lock:
            if self._dictionary is None:
                from sudachipy.sudachipy import Dictionary

                dictionary = Dictionary(dict="core")
                self._skipped = frozenset(_pos_ids(dictionary, _SKIPPED_POS))
                self._dictionary = dictionary
            return self._dictionary

    def tokenizer(self) -> Tokenizer:
        """This thread's mode C tokenizer, loading only the fields the terms are made of.

        SudachiPy reads every field of a word's entry (readings, dictionary form…) unless told
        which it needs. Terms are made of the part of speech (to drop punctuation), the
        normalised form and the mode A split; begin, end, word id and whether a word is unknown
        are always there. Loading only those saves a few per cent of the tokenising. A field
        left out would give wrong values silently: a test compares this tokenizer with a full one.
        """
        found: Tokenizer | None = getattr(self._local, "tokenizer", None)
        if found is None:
            from sudachipy.sudachipy import SplitMode

            found = self._load().tokenizer(
                SplitMode.C, fields={"pos", "normalized_form", "split_a"}
            )
            self._local.tokenizer = found
        return found

    @property
    def skipped(self) -> frozenset[int]:
        """Part-of-speech ids of punctuation and blanks, which make no term."""
        self._load()
        return self._skipped

    @property
    def mode_a(self) -> SplitMode:
        """SudachiPy's mode A, the shortest units, for splitting words into parts."""
        from sudachipy.sudachipy import SplitMode

        return SplitMode.A


def _pos_ids(dictionary: Dictionary, first_levels: frozenset[str]) -> list[int]:
    """The ids of every part of speech whose first level is one of ``first_levels``."""
    ids: list[int] = []
    pos_id = 0
    while (pos := dictionary.pos_of(pos_id)) is not None:
        if pos[0] in first_levels:
            ids.append(pos_id)
        pos_id += 1
    return ids


_SUDACHI = _Sudachi()


@cache
def signature() -> str:
    """Which terms an index holds: our terms version and the analyser's versions.

    A store records it per document; an index built with another signature may miss words
    (a new dictionary cuts some words differently) and should be rebuilt.
    """
    from importlib import metadata  # 20 ms to import: only a write or a status asks

    versions = [f"terms-{TERMS_VERSION}"]
    for package in ("sudachipy", "sudachidict-core"):
        try:
            versions.append(f"{package}-{metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}-unknown")
    return " ".join(versions)


@lru_cache(maxsize=1 << 16)
def term_of(surface: str) -> str:
    """A surface written as a term: lower-cased, script digits as ASCII, unsafe ASCII dropped.

    Cached: a text's words repeat (particles, common nouns), and this runs for every one.
    """
    term = surface.lower()
    if not term.isascii() and term.isalpha():
        return term  # the common case: Japanese letters only, nothing to drop
    term = _UNSAFE_ASCII.sub("", term.translate(_TO_ASCII_DIGIT))
    return term if _has_letter(term) else ""


def _has_letter(term: str) -> bool:
    """A term needs a letter, digit, ``%`` or non-ASCII character, not only joiners."""
    return any(ch.isalnum() or not ch.isascii() or ch == "%" for ch in term)


def _latin_word(run: str) -> str:
    return term_of(run.replace(",", ""))


def _chunks(text: str) -> list[tuple[int, str]]:
    """Pieces SudachiPy accepts, cut after a sentence end or a blank where possible."""
    if len(text) <= _CHUNK_CHARS:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + _CHUNK_CHARS, len(text))
        if end < len(text):
            breaks = [m.end() for m in _CHUNK_BREAK.finditer(text, start + 1, end)]
            end = breaks[-1] if breaks else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


class _Collector:
    """Gathers words and parts while the morphemes of one text are walked in order."""

    def __init__(self, spans: bool) -> None:
        self.spans = spans
        self.words: list[str] = []
        self.parts: list[str] = []
        self.word_spans: list[tuple[int, int]] = []
        self.part_spans: list[tuple[int, int]] = []

    def word(self, term: str, start: int, end: int) -> None:
        if term:
            self.words.append(term)
            if self.spans:
                self.word_spans.append((start, end))

    def part(self, term: str, start: int, end: int) -> None:
        if term:
            self.parts.append(term)
            if self.spans:
                self.part_spans.append((start, end))


def _latin(collector: _Collector, text: str, start: int, end: int) -> None:
    """One Latin run: one word, and its pieces between ``- / &`` as parts."""
    collector.word(_latin_word(text[start:end]), start, end)
    for piece in _PART_PIECE.finditer(text, start, end):
        collector.part(_latin_word(piece.group()), piece.start(), piece.end())


def _remainder(collector: _Collector, text: str, start: int, end: int) -> None:
    """Text of a morpheme that lies outside the Latin runs it overlaps (``兆`` of ``592.17兆``)."""
    term = term_of(_NON_WORD.sub("", text[start:end]))
    collector.word(term, start, end)
    collector.part(term, start, end)


WordTerms = tuple[str, tuple[str, ...]]
"""A morpheme's word and its parts; empty when it makes no term (punctuation, blanks)."""

_NO_TERMS: WordTerms | tuple[()] = ()
_KNOWN_WORDS_LIMIT = 200_000


class _KnownWords:
    """The terms of dictionary words by word id, computed once per word for the index.

    A dictionary word's normalised form and mode A split depend on its entry alone, and a
    report uses a few thousand distinct words for tens of thousands of morphemes, so the index
    path looks them up instead of asking SudachiPy for the normalised form and the split of
    every morpheme (about a tenth of the tokenising time). Two tables, because only words of
    three or more characters are split and one entry may match surfaces of either length
    (``ほーー`` is the entry of ``ほー``). Unknown words are not kept: their terms depend on
    their surface. The tables are cleared when they grow past ``_KNOWN_WORDS_LIMIT`` entries.
    """

    def __init__(self) -> None:
        self.short: dict[int, WordTerms | tuple[()]] = {}
        self.long: dict[int, WordTerms | tuple[()]] = {}

    def terms(self, morpheme: Morpheme, long: bool) -> WordTerms | tuple[()]:
        if morpheme.is_oov():
            return _word_terms(morpheme, long)
        table = self.long if long else self.short
        word_id = morpheme.word_id()
        found = table.get(word_id)
        if found is None:
            if len(table) >= _KNOWN_WORDS_LIMIT:
                table.clear()
            found = table[word_id] = _word_terms(morpheme, long)
        return found


_KNOWN_WORDS = _KnownWords()


def _word_terms(morpheme: Morpheme, long: bool) -> WordTerms | tuple[()]:
    """A morpheme's word (its normalised form as a term) and its parts: its mode A pieces if
    it is ``long`` and mode A cuts it, else the word itself."""
    if morpheme.part_of_speech_id() in _SUDACHI.skipped:
        return _NO_TERMS
    word = term_of(morpheme.normalized_form())
    if not word:
        return _NO_TERMS
    if long:
        split = morpheme.split(_SUDACHI.mode_a, add_single=False)
        if len(split) > 1:
            pieces = (term_of(sub.normalized_form()) for sub in split)
            return word, tuple(piece for piece in pieces if piece)
    return word, (word,)


def _with_spans(collector: _Collector, morpheme: Morpheme, offset: int) -> None:
    """A morpheme's terms with their places in the text (``analyse``, for snippets)."""
    start, end = offset + morpheme.begin(), offset + morpheme.end()
    if morpheme.part_of_speech_id() in _SUDACHI.skipped:
        return
    word = term_of(morpheme.normalized_form())
    collector.word(word, start, end)
    if not word:
        return
    if end - start > 2:
        split = morpheme.split(_SUDACHI.mode_a, add_single=False)
        if len(split) > 1:
            for sub in split:
                collector.part(
                    term_of(sub.normalized_form()), offset + sub.begin(), offset + sub.end()
                )
            return
    collector.part(word, start, end)


def _collect(text: str, spans: bool) -> _Collector:
    """Walk the morphemes of a cleaned text, letting Latin runs take over what they cover.

    Most morphemes end before the next Latin run and take the short way; for the index
    (``spans=False``) it is written inline, because this loop runs for every morpheme of every
    text ingested, and a word's terms come from ``_KnownWords``. A morpheme that touches a run
    goes through ``_overlapping``, which writes each run once. Only words of three or more
    characters are split into parts: mode A cuts hardly any two-character word (``年版``), and
    most morphemes are one or two characters long.
    """
    collector = _Collector(spans)
    words, parts = collector.words, collector.parts
    runs = [(m.start(), m.end()) for m in _LATIN_RUN.finditer(text)]
    runs.append((len(text) + 1, len(text) + 1))  # a sentinel: no run beyond the text
    tokenizer = _SUDACHI.tokenizer()
    known = _KNOWN_WORDS
    run_index = 0
    next_run = runs[0][0]
    done = 0  # text before this offset has been turned into terms
    for offset, chunk in _chunks(text):
        for morpheme in tokenizer.tokenize(chunk):
            start, end = offset + morpheme.begin(), offset + morpheme.end()
            if start >= done and end <= next_run:
                if spans:
                    _with_spans(collector, morpheme, offset)
                    continue
                found = known.terms(morpheme, end - start > 2)
                if found:
                    words.append(found[0])
                    parts.extend(found[1])
                continue
            while runs[run_index][1] <= start:
                run_index += 1
            done = _overlapping(collector, text, runs, run_index, start, end, done)
            while runs[run_index][1] <= done:
                run_index += 1
            next_run = runs[run_index][0]
    return collector


def _overlapping(
    collector: _Collector,
    text: str,
    runs: list[tuple[int, int]],
    run_index: int,
    start: int,
    end: int,
    done: int,
) -> int:
    """A morpheme that overlaps Latin runs: each run once, the text between them as is."""
    position = max(start, done)
    index = run_index
    while runs[index][0] < end:
        run_start, run_end = runs[index]
        if run_start > position:
            _remainder(collector, text, position, run_start)
        if run_end > done:
            _latin(collector, text, max(run_start, done), run_end)
        position = max(position, run_end)
        done = max(done, run_end)
        index += 1
    if position < end:
        _remainder(collector, text, position, end)
    return max(done, end)


def _tokens(terms: list[str], spans: list[tuple[int, int]]) -> tuple[Token, ...]:
    """Terms with their spans; an empty span becomes the character it came from.

    SudachiPy expands some compatibility characters into several morphemes (``㋀`` is
    ``1`` + ``月``); all but the first then have no width of their own.
    """
    return tuple(
        Token(term, start, end) if start < end else Token(term, max(end - 1, 0), max(end, 1))
        for term, (start, end) in zip(terms, spans, strict=True)
    )


def analyse(text: str) -> Analysis:
    """Clean ``text`` and cut it into words and parts, each with its place in the cleaned text."""
    cleaned = clean(text)
    collector = _collect(cleaned, spans=True)
    words = _tokens(collector.words, collector.word_spans)
    parts = _tokens(collector.parts, collector.part_spans)
    return Analysis(cleaned, words, parts)


def index_terms(text: str) -> tuple[str, str]:
    """The two index columns of a text: its words and its parts, each joined by spaces.

    The fast path of ``analyse`` for ingest: no offsets are kept. SudachiPy is given a copy
    of the text (``fresh_copy``), not the caller's string, which may be a document's.
    """
    collector = _collect(fresh_copy(clean(text)), spans=False)
    return " ".join(collector.words), " ".join(collector.parts)
