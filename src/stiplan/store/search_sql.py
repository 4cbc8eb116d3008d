"""SQL of the search index: pure builders of ``(sql, params)``, tested alone.

The ranking and filter SQL is written once for both backends; what differs is the full-text
engine, an ``Engine`` value: SQLite's FTS5 (``FTS5`` here: the ``MATCH`` expression, ``bm25()``
and the FTS5 commands) or PostgreSQL's tsvector (``stiplan.store.postgres.search.TSVECTOR``:
``tsv @@ tsquery`` and ``ts_rank_cd``), both over the same pre-tokenised terms of the portable
``search_units`` table (``docs/search.md``).

User input never enters the SQL text, and never enters the MATCH expression as syntax: the
expression is built from the terms of a prepared ``SearchQuery``, each quoted as an FTS5
string, and passed as a parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from stiplan.search.query import Pattern, SearchQuery
from stiplan.store.errors import StoreError
from stiplan.store.sql import Query, section_clause
from stiplan.store.tables import SEARCH_COLUMNS, UNIT_TYPES, Record

WORDS_WEIGHT = 2.0
"""bm25 weight of a match among a unit's words (mode C): a whole word counts double."""
PARTS_WEIGHT = 1.0
"""bm25 weight of a match among a unit's parts (mode A): ``科学`` inside ``文部科学省``."""


@dataclass(frozen=True, slots=True)
class SearchFilter:
    """The filters of ``Store.search``; ``None`` means "any".

    ``section`` is a label (``(2)``, ``1.(2)``) or a section id; ``ministry`` a code tagged on
    the unit's element or, for status items and actions without a tag, on their initiative;
    ``lead_only`` keeps units where that ministry is underlined (lead).
    """

    document_id: str | None = None
    edition: str | None = None
    section: str | None = None
    ministry: str | None = None
    lead_only: bool = False
    element_type: str | None = None
    plan: int | None = None  # a Basic Plan's ordinal (documents.plan)


def _string(terms: Sequence[str], prefix: bool) -> str:
    """Terms as one FTS5 string (a phrase when several); ``*`` makes the last a prefix."""
    body = " ".join(term.replace('"', '""') for term in terms)
    return f'"{body}"' + (" *" if prefix else "")


def pattern_match(pattern: Pattern) -> str:
    """One pattern: its words among the words, or its parts among the parts."""
    if pattern.words == pattern.parts:
        return "{terms subterms} : " + _string(pattern.words, pattern.prefix)
    words = _string(pattern.words, pattern.prefix)
    parts = _string(pattern.parts, pattern.prefix)
    return f"(terms : {words} OR subterms : {parts})"


def fts_match(query: SearchQuery) -> str:
    """The FTS5 expression of a prepared query: every group, none of the exclusions."""
    groups = [" OR ".join(pattern_match(p) for p in group) for group in query.required]
    required = " AND ".join(f"({g})" for g in groups)
    if not query.excluded:
        return required
    excluded = " OR ".join(pattern_match(p) for p in query.excluded)
    return f"({required}) NOT ({excluded})"


KIND_SLOTS = 32
"""A unit's number carries its kind: ``unit_no = sequence × KIND_SLOTS + kind code``
(migration 0015). The ranking interleaves kinds, so it needs the kind of every match; read
from the number, it costs no lookup of the unit's row, which took a third of a search of a
common word. The sequence keeps the units in the order they were written."""
OTHER_KIND = KIND_SLOTS - 1
"""The code of a type ``UNIT_TYPES`` does not list (no stored unit has one)."""


_KIND_CODES = {unit_type: code for code, unit_type in enumerate(UNIT_TYPES)}


def kind_code(unit_type: str) -> int:
    """The code of a unit type in unit numbers: its place in ``UNIT_TYPES``, which only ever
    grows at its end (migration 0015 holds the same list), else ``OTHER_KIND``."""
    return _KIND_CODES.get(unit_type, OTHER_KIND)


def unit_number(sequence: int, unit_type: str) -> int:
    """The number of the ``sequence``-th unit written, of type ``unit_type``."""
    return sequence * KIND_SLOTS + kind_code(unit_type)


def numbered_units(units: Iterable[Record], first: int) -> Iterator[Record]:
    """A document's units, each given its ``unit_no`` (``unit_number``) from the sequence
    ``first`` on (``next_unit_sequence_sql``), as both stores number them."""
    for sequence, unit in enumerate(units, start=first):
        unit["unit_no"] = unit_number(sequence, unit["type"])
        yield unit


@dataclass(frozen=True, slots=True)
class Engine:
    """A full-text engine as the ranking SQL needs it: pieces of SQL, each a constant.

    ``source`` is the FROM clause that yields the matching units (holding the one ``?`` of
    the query expression, or none); ``units`` the join that brings in their rows as ``u``
    where a filter needs them (empty when ``source`` already has them); ``match`` the
    condition that a unit matches (the expression's ``?`` when ``source`` has none); ``rank``
    a score where lower is better; ``unit`` the unit number; ``kind`` the unit's kind and
    ``kind_value`` a type as ``kind`` holds it; ``no_index`` a prefix that keeps the planner
    from an index (SQLite's unary ``+``; nothing on PostgreSQL); ``expression`` turns a
    prepared query into the engine's query text, passed as a parameter.
    """

    source: str
    units: str
    match: str
    rank: str
    unit: str
    kind: str
    kind_value: Callable[[str], object]
    no_index: str
    expression: Callable[[SearchQuery], str]


FTS5 = Engine(
    source="search_fts",
    units="JOIN search_units u ON u.unit_no = search_fts.rowid",
    match="search_fts MATCH ?",
    rank=f"bm25(search_fts, {WORDS_WEIGHT}, {PARTS_WEIGHT})",
    unit="search_fts.rowid",
    kind=f"search_fts.rowid % {KIND_SLOTS}",
    kind_value=kind_code,
    no_index="+",
    expression=fts_match,
)
"""SQLite's FTS5 index ``search_fts`` (migrations 0003, 0006), external content over
``search_units``; a match's kind is read from its number (``KIND_SLOTS``)."""


def _filter_clauses(filters: SearchFilter, engine: Engine) -> tuple[str, str, tuple[object, ...]]:
    """Joins and WHERE conditions for the filters set, and their parameters.

    Only what a filter needs is joined: the unit row (``u``, the engine's ``units``) carries
    the document and section id; documents (``d``) and the section with its chapter (``s``,
    ``c``) are joined only for the edition and section filters. The type filter reads the
    engine's ``kind`` and the ministry filter the units a ministry answers for
    (``search_unit_ministries``), so neither needs the unit row on SQLite.
    """
    joins: list[str] = []
    clauses: list[str] = []
    params: list[object] = []
    if filters.element_type is not None:
        clauses.append(f"{engine.kind} = ?")
        params.append(engine.kind_value(filters.element_type))
    needs_units = any(
        value is not None
        for value in (filters.document_id, filters.edition, filters.plan, filters.section)
    )
    if needs_units and engine.units:
        joins.append(engine.units)
    if filters.document_id is not None:
        clauses.append("u.document_id = ?")
        params.append(filters.document_id)
    if filters.edition is not None:
        joins.append("JOIN documents d ON d.id = u.document_id")
        clauses.append("d.edition = ?")
        params.append(filters.edition)
    if filters.plan is not None:
        clauses.append("u.document_id IN (SELECT id FROM documents WHERE plan = ?)")
        params.append(filters.plan)
    if filters.section is not None:
        joins.append("JOIN elements s ON s.document_id = u.document_id AND s.id = u.section_id")
        joins.append("JOIN elements c ON c.document_id = s.document_id AND c.id = s.parent_id")
        clause, values = section_clause(filters.section)
        clauses.append(clause)
        params.extend(values)
    if filters.lead_only and filters.ministry is None:
        raise StoreError("lead_only needs a ministry: whose lead should the hits have?")
    if filters.ministry is not None:
        # The ministry's units, one index range, against each match's number. Unary + keeps
        # SQLite from looking up FTS5 once per unit of the ministry instead.
        lead = " AND lead = ?" if filters.lead_only else ""
        clauses.append(
            f"{engine.no_index}{engine.unit} IN (SELECT unit_no FROM search_unit_ministries"
            f" WHERE code = ?{lead})"
        )
        params.extend([filters.ministry, True] if filters.lead_only else [filters.ministry])
    condition = "".join(f" AND {clause}" for clause in clauses)
    return "".join(f"\n  {join}" for join in joins), condition, tuple(params)


def _rounds_sql(engine: Engine, joins: str, condition: str) -> str:
    """The CTEs ``matched`` and ``rounds``: every match with its rank and its **round**, its
    place among the matches of its own type by BM25 (``ROW_NUMBER() OVER (PARTITION BY
    type …)``, ties in index order). Parameters: the MATCH, the filters'."""
    return f"""
WITH matched AS (
SELECT {engine.unit} AS unit_no, {engine.kind} AS kind,
       {engine.rank} AS rank
  FROM {engine.source}{joins}
 WHERE {engine.match}{condition}),
rounds AS (
SELECT unit_no, rank,
       ROW_NUMBER() OVER (PARTITION BY kind ORDER BY rank, unit_no) AS round
  FROM matched)"""


def _ranked_sql(engine: Engine, joins: str, condition: str) -> str:
    """The CTE ``ranked``: one page of ``(unit_no, rank, round)`` in ranking order.

    Units are ordered by round (``_rounds_sql``), then by BM25, then by index order, which is
    a total order. A unit of round ``r`` has at least ``r - 1`` units before it, so rounds
    after ``offset + limit`` are dropped before the page is sorted.
    Parameters: the MATCH, the filters', ``offset + limit``, ``limit``, ``offset``.
    """
    return f"""{_rounds_sql(engine, joins, condition)},
ranked AS (
SELECT unit_no, rank, round
  FROM rounds
 WHERE round <= ?
 ORDER BY round, rank, unit_no
 LIMIT ? OFFSET ?)"""


def _one_type_ranked_sql(engine: Engine, joins: str, condition: str) -> str:
    """``ranked`` when a type filter leaves one type: the same order (round = place in the
    BM25 order), found by a sort that keeps only ``offset + limit`` units, as before types
    were interleaved. Parameters: ``offset``, the MATCH, the filters', ``limit``, ``offset``.
    """
    return f"""
WITH ranked AS (
SELECT unit_no, rank, skipped + ROW_NUMBER() OVER (ORDER BY rank, unit_no) AS round
  FROM (
SELECT {engine.unit} AS unit_no, ? AS skipped,
       {engine.rank} AS rank
  FROM {engine.source}{joins}
 WHERE {engine.match}{condition}
 ORDER BY rank, {engine.unit}
 LIMIT ? OFFSET ?) AS page)"""


def search_sql(
    match: str, filters: SearchFilter, limit: int, offset: int = 0, engine: Engine | None = None
) -> Query:
    """One page of units for a MATCH expression, types interleaved, with element and place.

    The order is ``docs/search.md``'s ranking rule (``_ranked_sql``), a total order, so that
    pages cut from it at any ``offset`` neither repeat nor skip a hit. Ranking runs over the
    index and the unit rows alone (joined to other tables only as far as the filters need);
    only the page is joined for what a hit shows (``_page_sql``).
    """
    engine = engine or FTS5
    joins, condition, params = _filter_clauses(filters, engine)
    if filters.element_type is None:
        ranked = _ranked_sql(engine, joins, condition)
        values: tuple[object, ...] = (match, *params, offset + limit, limit, offset)
    else:
        ranked = _one_type_ranked_sql(engine, joins, condition)
        values = (offset, match, *params, limit, offset)
    return _page_sql(ranked), values


def _page_sql(ranked: str) -> str:
    """A page of hits from the CTE ``ranked`` (``unit_no``, ``rank``, ``round``), each with
    its element and place. A unit names an element, a slide or a block (migration 0005):
    exactly one of the three joins finds a row, and the hit's id, text and lines are that
    row's."""
    return f"""{ranked}
SELECT r.rank, r.round, u.document_id,
       COALESCE(u.element_id, u.block_id, u.slide_id) AS element_id,
       u.section_id, u.tags_from, u.type,
       COALESCE(e.text, b.text) AS text, COALESCE(e.title, sl.title) AS title,
       COALESCE(e.first_line, b.first_line, sl.first_line) AS first_line,
       COALESCE(e.last_line, b.last_line, sl.last_line) AS last_line,
       d.source_name, d.edition, d.title AS document_title,
       s.number AS section_number, c.number AS chapter_number,
       COALESCE(s.title, hs.title) AS heading, hs.number AS slide_number
  FROM ranked r
  JOIN search_units u ON u.unit_no = r.unit_no
  LEFT JOIN elements e ON e.document_id = u.document_id AND e.id = u.element_id
  LEFT JOIN slide_blocks b ON b.document_id = u.document_id AND b.id = u.block_id
  LEFT JOIN slides sl ON sl.document_id = u.document_id AND sl.id = u.slide_id
  LEFT JOIN slides hs ON hs.document_id = u.document_id
       AND hs.id = COALESCE(u.slide_id, b.slide_id)
  JOIN documents d ON d.id = u.document_id
  LEFT JOIN elements s ON s.document_id = u.document_id AND s.id = u.section_id
  LEFT JOIN elements c ON c.document_id = s.document_id AND c.id = s.parent_id
 ORDER BY r.round, r.rank, r.unit_no"""


FREQUENT_UNITS = 20_000
"""A word found in this many units or more gets its ranking kept (``search_frequent``,
migration 0016). Scoring and sorting every match costs about 2.5 µs a match on a small
server, so from about 20,000 matches a search of the word alone would take longer than the
50 ms a search aims at; below that, keeping the ranking would cost more than it saves."""
FREQUENT_ROUNDS = 200
"""How many rounds of a frequent word's ranking are kept: pages up to ``offset + limit =
200`` (ten pages of 20) are read from the kept ranking, deeper ones ranked afresh."""

FREQUENT_MIGRATION = 16
"""The migration that creates the kept rankings, empty: the store fills them once applied."""

FREQUENT_CLEAR_SQL = ("DELETE FROM search_frequent", "DELETE FROM search_frequent_words")
"""Every kept ranking goes when the index changes: BM25 weighs a word by how many units hold
it and a unit by its length against the average, so one new unit can reorder any word."""


VOCABULARY_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary "
    "USING fts5vocab(main, search_fts, 'row')"
)
"""FTS5's own count of the units that hold each term, private to the connection."""
VOCABULARY_DROP_SQL = "DROP TABLE IF EXISTS temp.search_vocabulary"


def frequent_terms_sql(units: int) -> Query:
    """The terms held by ``units`` units or more, the most frequent first."""
    return (
        "SELECT term FROM temp.search_vocabulary WHERE doc >= ? ORDER BY doc DESC, term",
        (units,),
    )


def frequent_keep_sql(expression: str, rounds: int, engine: Engine) -> list[Query]:
    """Keep the first ``rounds`` rounds of the unfiltered ranking of ``expression`` (the
    engine's query text): every type's best ``rounds`` matches with their rank and round,
    computed by the same SQL as a search (``_rounds_sql``), so that a page read from them is
    the page a search would rank."""
    keep = f"""{_rounds_sql(engine, "", "")}
INSERT INTO search_frequent (expression, round, rank, unit_no)
SELECT ?, round, rank, unit_no FROM rounds WHERE round <= ?"""
    return [
        (
            "INSERT INTO search_frequent_words (expression, rounds) VALUES (?, ?)",
            (expression, rounds),
        ),
        (keep, (expression, expression, rounds)),
    ]


def frequent_search_sql(
    expression: str, element_type: str | None, limit: int, offset: int
) -> Query:
    """One page of hits read from the kept ranking of ``expression`` (``frequent_keep_sql``),
    in the order ``search_sql`` would give, optionally of one type (whose rounds are then its
    places, read from the unit's number). No rows when the ranking is not kept, or not as
    deep as the page (``offset + limit`` rounds)."""
    kind = "" if element_type is None else f" AND unit_no % {KIND_SLOTS} = ?"
    ranked = f"""
WITH ranked AS (
SELECT unit_no, rank, round
  FROM search_frequent
 WHERE expression = ? AND round <= ?{kind}
   AND (SELECT rounds FROM search_frequent_words WHERE expression = ?) >= ?
 ORDER BY round, rank, unit_no
 LIMIT ? OFFSET ?)"""
    depth = offset + limit
    kinds: tuple[object, ...] = () if element_type is None else (kind_code(element_type),)
    return _page_sql(ranked), (expression, depth, *kinds, expression, depth, limit, offset)


def ministries_of_sql(pairs: Sequence[tuple[str, str]]) -> Query:
    """The ministry tags of the given ``(document_id, element_id)`` pairs, in tag order.

    The pairs are joined as a VALUES list rather than tested with ``IN``, so that each one
    is looked up through the primary key instead of scanning every tag.
    """
    if not pairs:
        return "SELECT NULL AS document_id WHERE 1 = 0", ()
    values = ", ".join("(?, ?)" for _ in pairs)
    sql = (
        f"WITH wanted (document_id, element_id) AS (VALUES {values}) "
        "SELECT m.document_id, m.element_id, m.position, m.code, m.lead, m.raw "
        "FROM wanted w JOIN element_ministries m "
        "ON m.document_id = w.document_id AND m.element_id = w.element_id "
        "ORDER BY m.document_id, m.element_id, m.position"
    )
    return sql, tuple(value for pair in pairs for value in pair)


def unit_sources_sql(document_id: str) -> Query:
    """What ``index_units`` needs of a stored document: its elements and its tagged elements."""
    return (
        "SELECT document_id, id, parent_id, type, ordinal, text, title FROM elements "
        "WHERE document_id = ?",
        (document_id,),
    )


_SLIDE_SOURCES = {
    "slides": "document_id, id, ordinal, title",
    "slide_blocks": "document_id, id, slide_id, ordinal, kind, level, text, garbled",
}


def slide_sources_sql(table: str, document_id: str) -> Query:
    """What ``slide_units`` needs of a stored briefing: its ``slides`` or ``slide_blocks``."""
    return f"SELECT {_SLIDE_SOURCES[table]} FROM {table} WHERE document_id = ?", (document_id,)


def tagged_elements_sql(document_id: str) -> Query:
    """The ids of a document's elements that carry ministry tags."""
    return (
        "SELECT DISTINCT element_id FROM element_ministries WHERE document_id = ?",
        (document_id,),
    )


SCRATCH_FIELDS = SEARCH_COLUMNS["search_units"][1:]
"""The columns of a unit before the store numbers it (``search_units`` without ``unit_no``)."""

SCRATCH_CREATE_SQL = (
    "CREATE TEMP TABLE index_scratch (position INTEGER PRIMARY KEY, "
    + ", ".join(f"{field} TEXT" for field in SCRATCH_FIELDS)
    + ")"
)
"""Where ``Store.ingest`` keeps a document's units between tokenising and writing them: a
temporary table, private to the connection, in SQLite's temp file (``docs/store.md``)."""
SCRATCH_INSERT_SQL = (
    f"INSERT INTO temp.index_scratch (position, {', '.join(SCRATCH_FIELDS)}) "
    f"VALUES (?, {', '.join('?' * len(SCRATCH_FIELDS))})"
)
SCRATCH_SELECT_SQL = f"SELECT {', '.join(SCRATCH_FIELDS)} FROM temp.index_scratch ORDER BY position"
SCRATCH_DROP_SQL = "DROP TABLE IF EXISTS temp.index_scratch"


UNITS_DELETE_SQL = "DELETE FROM search_units WHERE document_id = ?"
INDEXED_DOCUMENT_DELETE_SQL = "DELETE FROM search_documents WHERE document_id = ?"


UNIT_MINISTRIES_CLEAR_SQL = "DELETE FROM search_unit_ministries"
"""A full rebuild starts from nothing: rows left by units deleted without the foreign keys'
cascade (another tool, or SQLite with foreign keys off) would otherwise meet the numbers the
rebuild gives again."""


def unit_ministries_sql(document_id: str) -> Query:
    """Record which ministries a document's units answer for (``search_unit_ministries``,
    migration 0015): those tagged on each unit's ``tags_from`` element. Run once its units
    are written."""
    return (
        "INSERT INTO search_unit_ministries (unit_no, code, lead) "
        "SELECT DISTINCT u.unit_no, m.code, m.lead FROM search_units u "
        "JOIN element_ministries m "
        "ON m.document_id = u.document_id AND m.element_id = u.tags_from "
        "WHERE u.document_id = ?",
        (document_id,),
    )


def next_unit_sequence_sql() -> Query:
    """The sequence of the next unit written (``unit_number``; numbers are chosen by the
    store, never generated)."""
    return (
        f"SELECT COALESCE(MAX(unit_no), 0) / {KIND_SLOTS} + 1 AS next_no FROM search_units",
        (),
    )


def stale_documents_sql(tokenizer: str) -> Query:
    """Documents not indexed, or indexed by another tokenizer than ``tokenizer``."""
    return (
        "SELECT d.id FROM documents d "
        "LEFT JOIN search_documents x ON x.document_id = d.id "
        "WHERE x.document_id IS NULL OR x.tokenizer <> ? ORDER BY d.id",
        (tokenizer,),
    )


INDEX_MARK_SQL = "SELECT COALESCE(MAX(unit_no), 0) AS mark FROM search_units"
"""The highest unit number: it moves whenever a rebuild renumbers units (``Store.index_mark``)."""


def index_counts_sql() -> Query:
    """How many documents and units the index holds."""
    return (
        "SELECT (SELECT COUNT(*) FROM search_documents) AS documents, "
        "(SELECT COUNT(*) FROM search_units) AS units",
        (),
    )


INDEX_BYTES_SQL = (
    "SELECT COALESCE(SUM(pgsize), 0) AS bytes FROM dbstat "
    "WHERE name LIKE 'search\\_%' ESCAPE '\\' "
    "OR name LIKE 'sqlite\\_autoindex\\_search\\_%' ESCAPE '\\'"
)
"""Bytes on disk of the index's tables and their indexes, every one named ``search_…`` (the
units, FTS5's shadow tables, the ministries' units, the kept rankings) (SQLite's dbstat;
None where it is not compiled in)."""

OPTIMIZE_SQL = "INSERT INTO search_fts (search_fts) VALUES ('optimize')"
"""FTS5: merge the index's segments into one, which makes queries faster after a rebuild."""
