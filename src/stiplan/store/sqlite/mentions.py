"""Reading the mentions extraction found (programmes, decisions, numeric targets, budgets,
organisations) across the documents of a SQLite store, each with the document it came from.

A mention is decoded by the same code as in ``load_document`` (``decode``), so it reads the
same whichever way it was loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from stiplan.model import Budget, Decision, DocumentKind, NumericTarget, Organisation, Programme
from stiplan.store import sql
from stiplan.store.decode import MentionIndex
from stiplan.store.rows import Found
from stiplan.store.sqlite.base import Connected
from stiplan.store.tables import COLUMNS, TableRows

M = TypeVar("M")


class Mentions(Connected):
    """Each kind of mention, of one document or of all, in document then reading order."""

    def programmes(self, document_id: str | None = None) -> list[Found[Programme]]:
        """Programme mentions, of one document or of all, in document then reading order."""
        return self._mentions("programmes", document_id, MentionIndex.programmes)

    def decisions(self, document_id: str | None = None) -> list[Found[Decision]]:
        """Dated decisions, of one document or of all (the query layer sorts them by date)."""
        return self._mentions("decisions", document_id, MentionIndex.decisions)

    def numeric_targets(self, document_id: str | None = None) -> list[Found[NumericTarget]]:
        """Numeric targets read from briefings, of one document or of all."""
        return self._mentions("numeric_targets", document_id, MentionIndex.targets)

    def budgets(self, document_id: str | None = None) -> list[Found[Budget]]:
        """Budget amounts, of one document or of all."""
        return self._mentions("budgets", document_id, MentionIndex.budgets)

    def organisations(self, document_id: str | None = None) -> list[Found[Organisation]]:
        """Organisation mentions, of one document or of all."""
        return self._mentions("organisations", document_id, MentionIndex.organisations)

    def _mentions(
        self,
        table: str,
        document_id: str | None,
        build: Callable[[MentionIndex], list[M]],
    ) -> list[Found[M]]:
        """One mention table's rows with their values, decoded as ``load_document`` does."""
        if document_id is not None:
            self._require_document(document_id)
        rows = self._fetch(*sql.mentions_sql(table, COLUMNS[table], document_id))
        values: TableRows = {table: rows}
        for side in ("mention_quantities", "mention_periods"):
            values[side] = self._fetch(*sql.mention_values_sql(side, COLUMNS[side], document_id))
        items = build(MentionIndex(values))
        ordered = sorted(rows, key=lambda r: (r["document_id"], r["ordinal"]))
        return [
            Found(r["document_id"], r["source_name"], DocumentKind(r["document_kind"]), item)
            for r, item in zip(ordered, items, strict=True)
        ]
