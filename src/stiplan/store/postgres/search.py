"""Full-text search on PostgreSQL: the query as a ``tsquery`` over the ``tsv`` column of
``search_units`` (migration 0003's PostgreSQL variant), ranked by ``ts_rank_cd``.

The same prepared ``SearchQuery`` that becomes an FTS5 expression on SQLite
(``search_sql.fts_match``) becomes a tsquery here, term for term, so both stores find the same
units: a pattern's words among the words (weight A) or its parts among the parts (weight B),
several terms as a phrase (``<->``, next to each other), a prefix on the last term (``:*``),
groups joined by ``&``, exclusions by ``& !``. Each term is a quoted lexeme; it reaches the
server only inside one parameter. Ranking differs from SQLite's BM25 (``docs/search.md``).
"""

from __future__ import annotations

from collections.abc import Sequence

from stiplan.search.query import Pattern, SearchQuery
from stiplan.store.search_sql import PARTS_WEIGHT, WORDS_WEIGHT, Engine


def _lexeme(term: str, weight: str, prefix: bool) -> str:
    """One term as a quoted tsquery lexeme restricted to a weight (``'科学':A``)."""
    quoted = term.replace("\\", "\\\\").replace("'", "''")
    return f"'{quoted}':{'*' if prefix else ''}{weight}"


def _phrase(terms: Sequence[str], weight: str, prefix: bool) -> str:
    """Terms next to each other, all of one weight; ``prefix`` applies to the last."""
    last = len(terms) - 1
    return " <-> ".join(_lexeme(term, weight, prefix and i == last) for i, term in enumerate(terms))


def pattern_tsquery(pattern: Pattern) -> str:
    """One pattern: its words among the words (A), or its parts among the parts (B)."""
    sides = [
        f"({_phrase(terms, weight, pattern.prefix)})"
        for terms, weight in ((pattern.words, "A"), (pattern.parts, "B"))
        if terms
    ]
    return "(" + " | ".join(sides) + ")"


def tsquery(query: SearchQuery) -> str:
    """The tsquery of a prepared query: every group, none of the exclusions."""
    groups = [" | ".join(pattern_tsquery(p) for p in group) for group in query.required]
    required = " & ".join(f"({g})" for g in groups)
    if not query.excluded:
        return required
    excluded = " | ".join(pattern_tsquery(p) for p in query.excluded)
    return f"({required}) & !({excluded})"


_WEIGHTS = f"{{0, 0, {PARTS_WEIGHT / WORDS_WEIGHT}, 1}}"
"""``ts_rank_cd``'s weights of D, C, B, A (at most 1): a part counts half a word, as in BM25."""

TSVECTOR = Engine(
    source="(SELECT CAST(? AS tsquery) AS query) q\n  CROSS JOIN search_units u",
    units="",
    match="u.tsv @@ q.query",
    rank=f"-ts_rank_cd(CAST('{_WEIGHTS}' AS float4[]), u.tsv, q.query)",
    unit="u.unit_no",
    kind="u.type",
    kind_value=str,
    no_index="",
    expression=tsquery,
)
"""The tsvector engine for ``search_sql.search_sql``: lower rank is better, as with BM25."""


FREQUENT_TERMS_SQL = (
    "SELECT word AS term FROM ts_stat('SELECT tsv FROM search_units') "
    "WHERE ndoc >= ? ORDER BY ndoc DESC, word"
)
"""The terms held by ``?`` units or more (words or parts alike), the most frequent first:
PostgreSQL's count over every unit's ``tsv``, for the kept rankings of frequent words."""
