"""The store: the only code in stiplan that talks to the database.

``Store.open(path)`` gives an embedded SQLite file with the schema migrated; ``ingest`` writes
one document per transaction (idempotent by content hash); ``load_document`` rebuilds it; the
other read functions return row dataclasses for the query layer. See ``docs/store.md``.
"""

from stiplan.store.errors import NotFound, StoreError
from stiplan.store.repository import Store
from stiplan.store.rows import (
    Counts,
    DocumentRow,
    ElementRow,
    Found,
    IngestResult,
    InitiativeRow,
    MinistryMatch,
    SectionRow,
    SourceLine,
    WarningRow,
)

__all__ = [
    "Counts",
    "DocumentRow",
    "ElementRow",
    "Found",
    "IngestResult",
    "InitiativeRow",
    "MinistryMatch",
    "NotFound",
    "SectionRow",
    "SourceLine",
    "Store",
    "StoreError",
    "WarningRow",
]
