"""Japanese full-text search, the pure part: terms, queries and snippets (no database).

``tokenize`` cuts cleaned text into index terms with SudachiPy; ``query`` reads what a person
types (phrases, OR, exclusions, prefixes) into a ``SearchQuery`` of terms; ``snippet`` marks
what was found in a hit's text. The index itself is kept by ``stiplan.store`` and asked
through ``stiplan.queries.search``. See ``docs/search.md``.
"""

from stiplan.search.query import (
    ParsedQuery,
    Pattern,
    SearchQuery,
    SearchQueryError,
    build_query,
    parse_query,
    prepare,
)
from stiplan.search.snippet import Segment, Snippet, snippet
from stiplan.search.tokenize import Analysis, Token, analyse, index_terms

__all__ = [
    "Analysis",
    "ParsedQuery",
    "Pattern",
    "SearchQuery",
    "SearchQueryError",
    "Segment",
    "Snippet",
    "Token",
    "analyse",
    "build_query",
    "index_terms",
    "parse_query",
    "prepare",
    "snippet",
]
