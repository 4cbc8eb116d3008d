"""SQL of the long lists the dashboard pages through: programme mentions and the timeline.

Both are grouped and cut to one page in SQL, so that a page costs a few indexed queries
whatever the size of the archive: the programmes' mentions one row per place (a table row's
initiative, status and action name a programme on the same lines: one place), the decisions
one row per decision across documents (same date, what and verb), with its first few sources.
Builders are pure and return ``(sql, params)`` like ``stiplan.store.sql``; the SQL is portable
(CTEs, window functions, no SQLite-only clause).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stiplan.store.sql import Query


@dataclass(frozen=True, slots=True)
class ProgrammeFilter:
    """Which programme mentions: of one document (or all); only programmes a follow-up
    report names too (``linked_only``)."""

    document_id: str | None = None
    linked_only: bool = False


@dataclass(frozen=True, slots=True)
class DecisionFilter:
    """Which decisions: of one document (or all), dated overlapping ``since``..``until``."""

    document_id: str | None = None
    since: date | None = None
    until: date | None = None


def _places_cte(f: ProgrammeFilter) -> Query:
    """``places``: every (programme, document, first line) once, so the elements read from
    one table row (initiative, status, action) are one place; ``named``: how many stored
    documents name each (all of them, whatever the filter)."""
    where: list[str] = []
    params: list[object] = []
    if f.document_id is not None:
        where.append("m.document_id = ?")
        params.append(f.document_id)
    if f.linked_only:
        where.append(
            "m.name IN (SELECT l.name FROM programmes l JOIN documents ld "
            "ON ld.id = l.document_id WHERE ld.kind = 'followup')"
        )
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    sql = (
        "WITH places AS (SELECT m.name, MIN(m.kind) AS kind, m.document_id, m.first_line, "
        "MAX(m.last_line) AS last_line, MIN(m.element_id) AS element_id, MIN(m.text) AS text "
        f"FROM programmes m{clause} GROUP BY m.name, m.document_id, m.first_line), "
        "named AS (SELECT name, COUNT(DISTINCT document_id) AS named_in "
        "FROM programmes WHERE name IN (SELECT name FROM places) GROUP BY name)"
    )
    return sql, tuple(params)


def programme_count_sql(f: ProgrammeFilter) -> Query:
    """How many places ``programme_page_sql`` pages through."""
    cte, params = _places_cte(f)
    return f"{cte} SELECT COUNT(*) AS total FROM places", params


def programme_page_sql(f: ProgrammeFilter, offset: int, limit: int) -> Query:
    """One page of places: programmes named in most documents first, then by name, edition,
    document and line; each with its document and the title of where it stands (the slide,
    or the nearest titled element: subsection, section, chapter)."""
    cte, params = _places_cte(f)
    order = "n.named_in DESC, p.name, d.edition, d.source_name, p.first_line"
    sql = (
        f"{cte}, picked AS (SELECT p.*, n.named_in FROM places p "
        "JOIN named n ON n.name = p.name JOIN documents d ON d.id = p.document_id "
        f"ORDER BY {order} LIMIT ? OFFSET ?) "
        "SELECT p.*, d.source_name, d.kind AS document_kind, d.title AS document_title, "
        "d.edition, s.title AS slide_title, e0.type AS element_type, "
        "COALESCE(e0.title, e1.title, e2.title, e3.title, e4.title) AS element_title "
        "FROM picked p JOIN documents d ON d.id = p.document_id "
        "LEFT JOIN slide_blocks b ON b.document_id = p.document_id AND b.id = p.element_id "
        "LEFT JOIN slides s ON s.document_id = p.document_id "
        "AND s.id = COALESCE(b.slide_id, p.element_id) "
        "LEFT JOIN elements e0 ON e0.document_id = p.document_id AND e0.id = p.element_id "
        "LEFT JOIN elements e1 ON e1.document_id = p.document_id AND e1.id = e0.parent_id "
        "LEFT JOIN elements e2 ON e2.document_id = p.document_id AND e2.id = e1.parent_id "
        "LEFT JOIN elements e3 ON e3.document_id = p.document_id AND e3.id = e2.parent_id "
        "LEFT JOIN elements e4 ON e4.document_id = p.document_id AND e4.id = e3.parent_id "
        "ORDER BY p.named_in DESC, p.name, d.edition, d.source_name, p.first_line"
    )
    return sql, (*params, limit, offset)


_KEY = ("start_date", "end_date", "what", "action")


def _decisions_cte(f: DecisionFilter) -> Query:
    """``found``: each place stating a decision once (elements read from one table row are one
    place); ``decided``: one row per decision (same date, what and verb) across documents."""
    where = ["p.role = 'date'"]
    params: list[object] = []
    if f.document_id is not None:
        where.append("m.document_id = ?")
        params.append(f.document_id)
    if f.since is not None:
        where.append("p.end_date >= ?")
        params.append(f.since.isoformat())
    if f.until is not None:
        where.append("p.start_date <= ?")
        params.append(f.until.isoformat())
    key = ", ".join(_KEY)
    sql = (
        f"WITH found AS (SELECT {key}, m.document_id, m.first_line, MAX(m.body) AS body, "
        "MIN(CASE WHEN m.planned THEN 1 ELSE 0 END) AS planned, MIN(m.element_id) AS element_id, "
        "MAX(m.last_line) AS last_line, MIN(p.kind) AS date_kind, MIN(p.text) AS date_text "
        "FROM decisions m JOIN mention_periods p "
        "ON p.document_id = m.document_id AND p.mention_id = m.id "
        f"WHERE {' AND '.join(where)} GROUP BY {key}, m.document_id, m.first_line), "
        f"decided AS (SELECT {key}, MIN(date_kind) AS date_kind, MIN(date_text) AS date_text, "
        "MAX(body) AS body, MIN(planned) AS planned, COUNT(*) AS source_count "
        f"FROM found GROUP BY {key})"
    )
    return sql, tuple(params)


def decision_count_sql(f: DecisionFilter) -> Query:
    """How many decisions ``decision_page_sql`` pages through."""
    cte, params = _decisions_cte(f)
    return f"{cte} SELECT COUNT(*) AS total FROM decided", params


def decision_page_sql(f: DecisionFilter, offset: int, limit: int, sources: int) -> Query:
    """One page of decisions, oldest first, each repeated once per source (at most
    ``sources`` of them, newest edition first) with the source's document."""
    cte, params = _decisions_cte(f)
    key = ", ".join(_KEY)
    same = " AND ".join(f"r.{c} = g.{c}" for c in _KEY)
    sql = (
        f"{cte}, page AS (SELECT * FROM decided ORDER BY {key} LIMIT ? OFFSET ?), "
        "ranked AS (SELECT f.document_id, f.element_id, f.first_line, f.last_line, "
        f"{', '.join(f'f.{c}' for c in _KEY)}, d.source_name, d.title AS document_title, "
        f"d.edition, ROW_NUMBER() OVER (PARTITION BY {', '.join(f'f.{c}' for c in _KEY)} "
        "ORDER BY d.edition DESC, d.source_name, f.first_line) AS rank "
        "FROM found f JOIN documents d ON d.id = f.document_id "
        f"WHERE ({', '.join(f'f.{c}' for c in _KEY)}) IN (SELECT {key} FROM page)) "
        "SELECT g.*, r.document_id, r.element_id, r.first_line, r.last_line, r.source_name, "
        "r.document_title, r.edition, r.rank FROM page g JOIN ranked r "
        f"ON {same} WHERE r.rank <= ? "
        f"ORDER BY {', '.join(f'g.{c}' for c in _KEY)}, r.rank"
    )
    return sql, (*params, limit, offset, sources)
