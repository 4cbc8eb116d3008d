"""The kept rankings of frequent words, written once for both backends (``docs/search.md``,
"Frequent words"; migration 0016): which words, how they are kept, and when.

A search of a word held by tens of thousands of units spends nearly all its time scoring and
sorting every match. The store therefore keeps the first rounds of the unfiltered ranking of
each such word, as a reader types it, and a search reads its page from there
(``search_sql.frequent_search_sql``). Each backend finds the frequent terms with its own
engine (FTS5's vocabulary, PostgreSQL's ``ts_stat``) and runs the statements on the
connection that changed the index, in that transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager

from stiplan.search.query import SearchQueryError, build_query
from stiplan.store import search_sql
from stiplan.store.search_sql import Engine

Run = Callable[[str, Sequence[object]], object]
"""Runs one statement (``?`` placeholders) on the connection of the writing transaction."""


def frequent_expressions(terms: Iterable[str], engine: Engine) -> Iterator[str]:
    """The engine's expressions of what a reader typing each term gets (``build_query``),
    once each."""
    seen: set[str] = set()
    for term in terms:
        try:
            expression = engine.expression(build_query(term))
        except SearchQueryError:  # a term of punctuation or a stray letter: nothing to type
            continue
        if expression not in seen:
            seen.add(expression)
            yield expression


def drop_frequent(run: Run) -> None:
    """Drop every kept ranking: BM25 weighs a match against the whole index, so any change
    to it can reorder any word."""
    for statement in search_sql.FREQUENT_CLEAR_SQL:
        run(statement, ())


def keep_frequent(run: Run, terms: Iterable[str], engine: Engine, rounds: int) -> None:
    """Keep, in place of the kept ones, the first ``rounds`` rounds of the ranking of every
    term in ``terms`` as a reader types it (``search_sql.frequent_keep_sql``)."""
    drop_frequent(run)
    for expression in frequent_expressions(terms, engine):
        for query, params in search_sql.frequent_keep_sql(expression, rounds, engine):
            run(query, params)


class FrequentUpkeep:
    """When a store keeps the rankings: in the transaction of every change to the index, or,
    inside a ``batch``, once at its end (the writes inside only drop them)."""

    frequent_units: int = search_sql.FREQUENT_UNITS
    """From how many units on a word's ranking is kept; tests lower it."""
    frequent_rounds: int = search_sql.FREQUENT_ROUNDS
    _batches = 0
    _frequent_due = False

    def _upkeep(self, run: Run, terms: Callable[[int], list[str]], engine: Engine) -> None:
        """What a write that changed the index does, in its transaction (``run``): keep the
        rankings of the words ``terms`` finds in ``frequent_units`` units or more; inside a
        batch, only drop them, and the batch keeps them again at its end."""
        if self._batches:
            self._frequent_due = True
            drop_frequent(run)
        else:
            keep_frequent(run, terms(self.frequent_units), engine, self.frequent_rounds)

    def batch(self) -> AbstractContextManager[None]:
        """Writes made inside are each committed as usual, but the kept rankings of frequent
        words are brought up to date once, at the end, instead of after each: ingesting a
        hundred documents into a 50 MB store would otherwise rank its frequent words a
        hundred times. Meanwhile searches rank afresh."""
        return self._batch()

    @contextmanager
    def _batch(self) -> Iterator[None]:
        self._batches += 1
        try:
            yield
        finally:
            self._batches -= 1
            if not self._batches and self._frequent_due:
                self._frequent_due = False
                self._keep_frequent_alone()

    def _keep_frequent_alone(self) -> None:
        """Keep the rankings in a transaction of their own (the backend's)."""
        raise NotImplementedError
