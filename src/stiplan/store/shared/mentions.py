"""Reading the mentions extraction found (programmes, decisions, numeric targets, budgets,
organisations) across the documents of a store (either backend), each with the document it
came from.

A mention is decoded by the same code as in ``load_document`` (``decode``), so it reads the
same whichever way it was loaded.
"""

from __future__ import annotations

from typing import TypeVar

from stiplan.model import Budget, Decision, DocumentKind, NumericTarget, Organisation, Programme
from stiplan.store import sql
from stiplan.store.codec import KINDS
from stiplan.store.decode import Decoder
from stiplan.store.reading import Fetching
from stiplan.store.rows import Found
from stiplan.store.tables import COLUMNS, TableRows

M = TypeVar("M")


class Mentions(Fetching):
    """Each kind of mention, of one document or of all, in document then reading order."""

    def programmes(self, document_id: str | None = None) -> list[Found[Programme]]:
        """Programme mentions, of one document or of all, in document then reading order."""
        return self._mentions("programme", document_id, Programme)

    def decisions(self, document_id: str | None = None) -> list[Found[Decision]]:
        """Dated decisions, of one document or of all (the query layer sorts them by date)."""
        return self._mentions("decision", document_id, Decision)

    def numeric_targets(self, document_id: str | None = None) -> list[Found[NumericTarget]]:
        """Numeric targets read from briefings, of one document or of all."""
        return self._mentions("numeric_target", document_id, NumericTarget)

    def budgets(self, document_id: str | None = None) -> list[Found[Budget]]:
        """Budget amounts, of one document or of all."""
        return self._mentions("budget", document_id, Budget)

    def organisations(self, document_id: str | None = None) -> list[Found[Organisation]]:
        """Organisation mentions, of one document or of all."""
        return self._mentions("organisation", document_id, Organisation)

    def _mentions(self, name: str, document_id: str | None, model: type[M]) -> list[Found[M]]:
        """One kind of mention with its values, decoded as ``load_document`` decodes it."""
        if document_id is not None:
            self._require_document(document_id)
        kind = KINDS[name]
        values: TableRows = {
            kind.table: self._fetch(*sql.mentions_sql(kind.table, COLUMNS[kind.table], document_id))
        }
        for side in ("mention_quantities", "mention_periods"):
            values[side] = self._fetch(*sql.mention_values_sql(side, COLUMNS[side], document_id))
        found: list[Found[M]] = []
        for row, item in Decoder(values).every(kind):
            assert isinstance(item, model)
            kind_of = DocumentKind(row["document_kind"])
            name = row["document_title"] or row["source_name"]
            found.append(Found(row["document_id"], row["source_name"], kind_of, item, name))
        return found
