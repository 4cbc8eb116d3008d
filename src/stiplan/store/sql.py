"""SQL builders for the read functions: pure, so a test can look at the SQL and its parameters.

Each builder returns ``(sql, params)`` with ``?`` placeholders; values never enter the text.
The SQL sticks to what PostgreSQL also understands (row values, CTEs, correlated subqueries),
so only the placeholder style would need translating.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from stiplan.model import parse_section_label
from stiplan.store.errors import StoreError

Query = tuple[str, tuple[object, ...]]

ELEMENT_COLUMNS = (
    "document_id, id, parent_id, type, ordinal, number, title, text, first_line, last_line, attrs,"
    " page, box"
)


@dataclass(frozen=True, slots=True)
class InitiativeFilter:
    """The filters of ``Store.initiatives``; ``None`` means "any"."""

    section: str | None = None
    ministry: str | None = None
    lead_only: bool = False
    document_id: str | None = None


def documents_sql(document_id: str | None = None) -> Query:
    """Stored documents, oldest edition first."""
    sql = (
        "SELECT id, kind, source_name, content_hash, title, edition, ingested_at, line_count, "
        "plan, document_date FROM documents"
    )
    if document_id is None:
        return sql + " ORDER BY edition, ingested_at, id", ()
    return sql + " WHERE id = ?", (document_id,)


DOCUMENT_ID_FOR_HASH = "SELECT id FROM documents WHERE content_hash = ?"
CONTENT_HASH_OF_DOCUMENT = "SELECT content_hash FROM documents WHERE id = ?"
DOCUMENT_DELETE = "DELETE FROM documents WHERE id = ?"
"""Removes a document; the foreign keys cascade to every table under it."""

DOCUMENT_FILE_INSERT = (
    "INSERT INTO document_files (document_id, media_type, sha256, size, data) "
    "VALUES (?, ?, ?, ?, ?)"
)


def document_file_sql(document_id: str, with_data: bool = False) -> Query:
    """A document's kept original file (``document_files``): what it is, and its bytes only
    when asked (a cached page image needs the hash, not the megabytes)."""
    data = ", data" if with_data else ""
    return (
        f"SELECT document_id, media_type, sha256, size{data} FROM document_files "
        "WHERE document_id = ?",
        (document_id,),
    )


def sections_sql(document_id: str | None) -> Query:
    """Sections with their chapter and the counts of what hangs under them."""
    sql = """
SELECT s.document_id, s.id, c.id AS chapter_id, c.number AS chapter_number, s.number, s.title,
       s.first_line, s.last_line,
       (SELECT COUNT(*) FROM elements x
         WHERE x.document_id = s.document_id AND x.parent_id = s.id
           AND x.type = 'subsection') AS subsection_count,
       (SELECT COUNT(*) FROM elements x
          JOIN elements sub ON sub.document_id = x.document_id AND sub.id = x.parent_id
         WHERE x.document_id = s.document_id AND sub.parent_id = s.id
           AND x.type = 'initiative') AS initiative_count,
       (SELECT COUNT(*) FROM elements x
         WHERE x.document_id = s.document_id AND x.parent_id = s.id
           AND x.type = 'target') AS target_count,
       (SELECT COUNT(*) FROM elements x
         WHERE x.document_id = s.document_id AND x.parent_id = s.id
           AND x.type = 'indicator') AS indicator_count
  FROM elements s
  JOIN elements c ON c.document_id = s.document_id AND c.id = s.parent_id
 WHERE s.type = 'section'"""
    params: tuple[object, ...] = ()
    if document_id is not None:
        sql += " AND s.document_id = ?"
        params = (document_id,)
    return sql + "\n ORDER BY s.document_id, c.ordinal, s.ordinal", params


def _picked_initiatives(filters: InitiativeFilter) -> Query:
    """The body of the ``picked`` CTE: initiatives with their place, after every filter."""
    sql = """
SELECT i.document_id, i.id, c.number AS chapter_number, s.id AS section_id,
       s.number AS section_number, sub.id AS subsection_id, sub.number AS subsection_number,
       i.number, i.text, i.first_line, i.last_line, i.attrs,
       c.ordinal AS c_ord, s.ordinal AS s_ord, sub.ordinal AS sub_ord, i.ordinal AS i_ord
  FROM elements i
  JOIN elements sub ON sub.document_id = i.document_id AND sub.id = i.parent_id
  JOIN elements s ON s.document_id = sub.document_id AND s.id = sub.parent_id
  JOIN elements c ON c.document_id = s.document_id AND c.id = s.parent_id
 WHERE i.type = 'initiative'"""
    params: list[object] = []
    if filters.document_id is not None:
        sql += " AND i.document_id = ?"
        params.append(filters.document_id)
    if filters.section is not None:
        clause, values = section_clause(filters.section)
        sql += " AND " + clause
        params.extend(values)
    if filters.lead_only and filters.ministry is None:
        raise StoreError("lead_only needs a ministry: whose lead should the initiatives have?")
    if filters.ministry is not None:
        clause, values = _ministry_clause(filters.ministry, filters.lead_only)
        sql += " AND " + clause
        params.extend(values)
    return sql, tuple(params)


def section_clause(section: str) -> Query:
    """Match a section by label (``(2)``, ``1.(2)``) or else by element id."""
    label = parse_section_label(section)
    if label is None:
        return "s.id = ?", (section,)
    chapter, number = label
    if chapter is None:
        return "s.number = ?", (number,)
    return "(c.number = ? AND s.number = ?)", (chapter, number)


def _ministry_clause(code: str, lead_only: bool) -> Query:
    """A ministry tagged on the initiative itself or on one of its actions (lead if asked)."""
    lead = " AND m.lead = ?" if lead_only else ""
    sql = f"""EXISTS (
    SELECT 1 FROM element_ministries m
      JOIN elements x ON x.document_id = m.document_id AND x.id = m.element_id
     WHERE x.document_id = i.document_id
       AND (x.id = i.id OR (x.parent_id = i.id AND x.type = 'action'))
       AND m.code = ?{lead})"""
    return sql, (code, True) if lead_only else (code,)


def initiatives_sql(filters: InitiativeFilter) -> Query:
    """Initiatives in document order, with the counts of their status items and actions."""
    picked, params = _picked_initiatives(filters)
    sql = f"""
WITH picked AS ({picked})
SELECT p.document_id, p.id, p.chapter_number, p.section_id, p.section_number, p.subsection_id,
       p.subsection_number, p.number, p.text, p.first_line, p.last_line, p.attrs,
       (SELECT COUNT(*) FROM elements x WHERE x.document_id = p.document_id
           AND x.parent_id = p.id AND x.type = 'status_item') AS status_item_count,
       (SELECT COUNT(*) FROM elements x WHERE x.document_id = p.document_id
           AND x.parent_id = p.id AND x.type = 'action') AS action_count
  FROM picked p
 ORDER BY p.document_id, p.c_ord, p.s_ord, p.sub_ord, p.i_ord"""
    return sql, params


def initiative_ministries_sql(filters: InitiativeFilter) -> Query:
    """The ministry tags of the picked initiatives and of their actions, in tag order.

    Two arms, each walking down from the picked initiatives by key (their own tags; their
    actions by parent, then those actions' tags): one join with ``x.id = p.id OR x.parent_id =
    p.id`` made SQLite read every tag of the document first, five times slower on a real
    report. The initiative's own tags come first (``side``), then its actions' in order.
    """
    picked, params = _picked_initiatives(filters)
    sql = f"""
WITH picked AS ({picked})
SELECT p.document_id AS document_id, p.id AS initiative_id, p.id AS element_id,
       'initiative' AS type, 0 AS side, 0 AS ordinal, m.position AS position, m.code, m.lead,
       m.raw
  FROM picked p
  JOIN element_ministries m ON m.document_id = p.document_id AND m.element_id = p.id
UNION ALL
SELECT p.document_id, p.id AS initiative_id, x.id AS element_id, x.type,
       1 AS side, x.ordinal, m.position, m.code, m.lead, m.raw
  FROM picked p
  JOIN elements x ON x.document_id = p.document_id AND x.parent_id = p.id
                 AND x.type = 'action'
  JOIN element_ministries m ON m.document_id = x.document_id AND m.element_id = x.id
 ORDER BY document_id, initiative_id, side, ordinal, position"""
    return sql, params


def element_owners_sql(element_id: str, document_id: str | None) -> Query:
    """The documents that hold an element with this id (one, several editions, or none)."""
    sql = "SELECT document_id FROM elements WHERE id = ?"
    if document_id is None:
        return sql, (element_id,)
    return sql + " AND document_id = ?", (element_id, document_id)


def elements_sql(where: str, params: tuple[object, ...], order: str = "e.ordinal") -> Query:
    """Elements matching a WHERE clause over alias ``e`` (written by this module's callers).

    ``order`` is ``e.ordinal`` (siblings) or ``e.first_line, e.ordinal`` (document order of
    elements under different parents); callers pass one of those constants, never input.
    """
    return f"SELECT {ELEMENT_COLUMNS} FROM elements e WHERE {where} ORDER BY {order}", params


def elements_of_type_where(element_type: str, document_id: str) -> Query:
    """The WHERE clause (alias ``e``) for every element of one type in one document."""
    return "e.document_id = ? AND e.type = ?", (document_id, element_type)


def ministry_use_sql(document_id: str | None) -> Query:
    """How often each ministry code is tagged, by element type and lead flag."""
    sql = """
SELECT m.code, x.type, m.lead, COUNT(*) AS count
  FROM element_ministries m
  JOIN elements x ON x.document_id = m.document_id AND x.id = m.element_id"""
    params: tuple[object, ...] = ()
    if document_id is not None:
        sql += "\n WHERE m.document_id = ?"
        params = (document_id,)
    return sql + "\n GROUP BY m.code, x.type, m.lead\n ORDER BY m.code, x.type, m.lead", params


def element_side_sql(table: str, columns: str, where: str, params: tuple[object, ...]) -> Query:
    """Rows of a side table for the elements matching ``where`` (alias ``e``)."""
    sql = (
        f"SELECT {columns} FROM {table} t WHERE (t.document_id, t.element_id) IN "
        f"(SELECT e.document_id, e.id FROM elements e WHERE {where})"
    )
    return sql, params


_COUNTED_TABLES = (
    ("warning", "warnings"),
    ("slide", "slides"),
    ("block", "slide_blocks"),
    ("programme", "programmes"),
    ("decision", "decisions"),
    ("numeric_target", "numeric_targets"),
    ("budget", "budgets"),
    ("organisation", "organisations"),
)


def counts_sql(document_id: str) -> Query:
    """Element counts by type for one document, then the rows of the other counted tables
    (warnings, slides, blocks, mentions) each as a type of its own."""
    sql = "SELECT type, COUNT(*) AS count FROM elements WHERE document_id = ? GROUP BY type"
    for label, table in _COUNTED_TABLES:
        sql += f" UNION ALL SELECT '{label}', COUNT(*) FROM {table} WHERE document_id = ?"
    return sql, (document_id,) * (1 + len(_COUNTED_TABLES))


def counts_by_document_sql(document_ids: Sequence[str]) -> Query:
    """The rows of ``counts_sql`` for the given documents at once, each with its document id,
    so a page of the document list costs one query, and reads only that page's rows (not the
    whole archive's)."""
    marks = ", ".join("?" for _ in document_ids) or "NULL"
    where = f"WHERE document_id IN ({marks})"
    sql = (
        f"SELECT document_id, type, COUNT(*) AS count FROM elements {where}"
        " GROUP BY document_id, type"
    )
    for label, table in _COUNTED_TABLES:
        sql += (
            f" UNION ALL SELECT document_id, '{label}', COUNT(*) FROM {table} {where}"
            " GROUP BY document_id"
        )
    return sql, tuple(document_ids) * (1 + len(_COUNTED_TABLES))


def mentions_sql(table: str, columns: tuple[str, ...], document_id: str | None) -> Query:
    """The mentions of one table (``programmes``, ``decisions``…) with their document's name
    and kind, in document then reading order."""
    names = ", ".join(f"m.{c}" for c in columns)
    sql = (
        f"SELECT {names}, d.source_name, d.title AS document_title, d.kind AS document_kind "
        f"FROM {table} m JOIN documents d ON d.id = m.document_id"
    )
    if document_id is None:
        return sql + " ORDER BY m.document_id, m.ordinal", ()
    return sql + " WHERE m.document_id = ? ORDER BY m.ordinal", (document_id,)


def mention_values_sql(table: str, columns: tuple[str, ...], document_id: str | None) -> Query:
    """Rows of ``mention_quantities`` or ``mention_periods``, of one document or all."""
    sql = f"SELECT {', '.join(columns)} FROM {table}"
    if document_id is None:
        return sql, ()
    return sql + " WHERE document_id = ?", (document_id,)


def slide_rows_sql(
    table: str, columns: tuple[str, ...], where: str, params: tuple[object, ...]
) -> Query:
    """Rows of ``slides`` or ``slide_blocks`` matching ``where`` (written by this module's
    callers, with ``?`` placeholders), in order."""
    return f"SELECT {', '.join(columns)} FROM {table} WHERE {where} ORDER BY ordinal", params


def warnings_sql(document_id: str | None) -> Query:
    """Warnings in document, then reading, order."""
    sql = "SELECT document_id, position, code, message, line FROM warnings"
    if document_id is None:
        return sql + " ORDER BY document_id, position", ()
    return sql + " WHERE document_id = ? ORDER BY position", (document_id,)


def source_lines_sql(document_id: str, first_line: int, last_line: int) -> Query:
    """Lines ``first_line``..``last_line`` (inclusive) of one document."""
    return (
        "SELECT document_id, line_no, text FROM source_lines "
        "WHERE document_id = ? AND line_no BETWEEN ? AND ? ORDER BY line_no",
        (document_id, first_line, last_line),
    )
