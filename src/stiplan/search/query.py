"""What a person types in a search box, read into a query the index can answer.

Two pure steps, so each can be tested alone:

``parse_query(text)`` reads the syntax only (no dictionary needed):

- words separated by blanks (ASCII or 全角) must all be found (AND);
- ``"…"``, ``“…”`` or ``「…」`` is a phrase: its words in this order, next to each other;
- ``OR`` (upper case) or ``|`` between two items: either will do;
- ``-word`` or ``-"phrase"`` excludes what it names (exclusions cannot be OR'ed);
- ``word*`` finds words that begin with ``word`` (``コンピュ*``, ``SIP*``).

``prepare(parsed)`` cuts every item into index terms with ``stiplan.search.tokenize``: a word
typed without spaces is a phrase of its terms (``博士人材`` → ``博士 人材`` next to each other),
matched among the index's words (mode C) or its parts (mode A), whichever finds it.

Nothing the user types reaches the index as syntax: items become lists of terms, which the store
quotes. The only exception either step raises is ``SearchQueryError``, with a message meant for
the person who typed the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stiplan.normalize.text import clean
from stiplan.search.tokenize import analyse, term_of

MAX_QUERY_CHARS = 1000
MAX_ITEMS = 32

_OPENING_QUOTES = {'"': '"＂“”', "＂": '"＂“”', "“": '"＂“”', "”": '"＂“”', "「": "」", "『": "』"}
_MINUS = "-－"
_STARS = "*＊"
_OR_WORDS = frozenset({"OR", "|", "｜"})
# Letters spaced out by a PDF and pasted into the box: ``S I P 4 D`` is one word, as in clean().
_SPACED_LETTERS = re.compile(r"(?<!\S)[A-Za-z0-9](?: [A-Za-z0-9](?!\S))+")


class SearchQueryError(ValueError):
    """A query that cannot be searched for (empty, only exclusions, too long), said plainly."""


@dataclass(frozen=True, slots=True)
class Item:
    """One thing to look for, as typed: a word or a quoted phrase, maybe a prefix."""

    text: str
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Group:
    """Items joined by OR (one item when there was no OR); ``negated`` excludes them."""

    items: tuple[Item, ...]
    negated: bool = False


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query's syntax: every group must match, except negated groups, which must not."""

    groups: tuple[Group, ...]


@dataclass(frozen=True, slots=True)
class _Token:
    """A lexical piece of the query: an item, possibly negated, or the OR operator."""

    item: Item | None
    negated: bool = False


def _read_phrase(text: str, start: int) -> tuple[str, int]:
    """A quoted phrase from the opening quote at ``start``; unclosed quotes run to the end."""
    closers = _OPENING_QUOTES[text[start]]
    end = start + 1
    while end < len(text) and text[end] not in closers:
        end += 1
    return text[start + 1 : end], min(end + 1, len(text))


def _read_word(text: str, start: int) -> tuple[str, int]:
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end], end


def _lex(text: str) -> list[_Token]:
    """Cut the query into items and OR operators; never fails."""
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        negated = text[position] in _MINUS and position + 1 < len(text)
        negated = negated and not text[position + 1].isspace()
        start = position + 1 if negated else position
        if text[start] in _OPENING_QUOTES:
            body, position = _read_phrase(text, start)
            prefix = position < len(text) and text[position] in _STARS
            position += 1 if prefix else 0
            tokens.append(_Token(Item(body, phrase=True, prefix=prefix), negated))
            continue
        word, position = _read_word(text, start)
        if not negated and word in _OR_WORDS:
            tokens.append(_Token(None))
            continue
        prefix = len(word) > 1 and word[-1] in _STARS
        tokens.append(_Token(Item(word.rstrip(_STARS) if prefix else word, prefix=prefix), negated))
    return tokens


def _group(tokens: list[_Token]) -> list[Group]:
    """Join items around OR; an OR next to an exclusion or at either end is ignored."""
    groups: list[Group] = []
    joining = False
    for token in tokens:
        if token.item is None:
            joining = bool(groups) and not groups[-1].negated
            continue
        if joining and not token.negated:
            last = groups.pop()
            groups.append(Group((*last.items, token.item)))
        else:
            groups.append(Group((token.item,), token.negated))
        joining = False
    return groups


def parse_query(text: str) -> ParsedQuery:
    """Read the syntax of a query (see the module docstring); raises only SearchQueryError."""
    if len(text) > MAX_QUERY_CHARS:
        raise SearchQueryError(
            f"検索語が長すぎます（{len(text)}文字、{MAX_QUERY_CHARS}文字まで）"
            f" / the query is {len(text)} characters long; at most {MAX_QUERY_CHARS} are searched"
        )
    text = _SPACED_LETTERS.sub(lambda m: m.group().replace(" ", ""), text)
    groups = _group(_lex(text))
    if sum(len(g.items) for g in groups) > MAX_ITEMS:
        raise SearchQueryError(
            f"検索語は{MAX_ITEMS}個までです / the query has more than {MAX_ITEMS} words or phrases"
        )
    return ParsedQuery(tuple(groups))


@dataclass(frozen=True, slots=True)
class Pattern:
    """One item as index terms: ``words`` (mode C) or ``parts`` (mode A), in order.

    Several terms are a phrase (next to each other). With ``prefix``, the last term only has
    to begin a term of the index. ``text`` is the item as cleaned, for messages.
    """

    words: tuple[str, ...]
    parts: tuple[str, ...]
    prefix: bool
    text: str


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A query ready for the index: each of ``required`` needs one of its patterns to match;
    none of ``excluded`` may match. ``text`` is the query as typed."""

    required: tuple[tuple[Pattern, ...], ...]
    excluded: tuple[Pattern, ...]
    text: str

    def positive_patterns(self) -> tuple[Pattern, ...]:
        """Every pattern that finds something, for highlighting."""
        return tuple(p for group in self.required for p in group)


def _patterns(item: Item) -> list[Pattern]:
    """The patterns of one item: none if it holds no word (only punctuation)."""
    analysis = analyse(item.text)
    words = [t.term for t in analysis.words]
    parts = [t.term for t in analysis.parts]
    if not words:
        return []
    if not item.prefix:
        return [Pattern(tuple(words), tuple(parts or words), False, analysis.text)]
    # The last term is cut short by the user: keep its surface, not its normalised form.
    last_word = analysis.words[-1]
    last_part = analysis.parts[-1] if analysis.parts else last_word
    words[-1] = term_of(analysis.text[last_word.start : last_word.end]) or words[-1]
    parts = parts or list(words)
    parts[-1] = term_of(analysis.text[last_part.start : last_part.end]) or parts[-1]
    found = [Pattern(tuple(words), tuple(parts), True, analysis.text)]
    whole = "" if item.phrase else term_of(clean(item.text))
    if whole and (whole,) != tuple(words):
        # ``量子コン*`` is cut into 量子 + コン; the typed text as one prefix also finds
        # ``量子コンピュータ`` where the dictionary keeps it as one word.
        found.append(Pattern((whole,), (whole,), True, analysis.text))
    return found


def prepare(parsed: ParsedQuery, text: str = "") -> SearchQuery:
    """Turn every item into index terms; items without words (``!!``) are dropped.

    Raises SearchQueryError when nothing is left to look for, or only exclusions.
    """
    required: list[tuple[Pattern, ...]] = []
    excluded: list[Pattern] = []
    for group in parsed.groups:
        patterns = [p for item in group.items for p in _patterns(item)]
        if not patterns:
            continue
        if group.negated:
            excluded.extend(patterns)
        else:
            required.append(tuple(patterns))
    if not required:
        if excluded:
            raise SearchQueryError(
                "除く語（-語）だけでは検索できません。探す語か句を加えてください"
                " / the query only excludes words (-word); add a word or phrase to look for"
            )
        raise SearchQueryError("探す語がありません / the query has no word to look for")
    return SearchQuery(tuple(required), tuple(excluded), text)


def build_query(text: str) -> SearchQuery:
    """Parse and prepare a query as typed; raises only SearchQueryError."""
    return prepare(parse_query(text), text)
