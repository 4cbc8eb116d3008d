"""Whole document trees, as the exports write them."""

from __future__ import annotations

from stiplan.model import Document
from stiplan.queries.base import resolve_document
from stiplan.store import StoreInterface


def load_documents(store: StoreInterface, document: str | None = None) -> list[Document]:
    """Whole document trees, for the exports."""
    document_id = resolve_document(store, document)
    ids = [document_id] if document_id else [d.id for d in store.documents()]
    return [store.load_document(i) for i in ids]
