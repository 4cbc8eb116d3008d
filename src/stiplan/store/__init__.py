"""The store: the only code in stiplan that talks to the database.

``open_store(location)`` gives the SQLite ``Store`` for a path or the ``PostgresStore`` for a
``postgresql://`` URL, both ``StoreInterface``; ``Store.open(path)`` gives an embedded SQLite
file with the schema migrated; ``ingest`` writes
one document per transaction (idempotent by content hash); ``load_document`` rebuilds it; the
other read functions return row dataclasses for the query layer; ``search`` answers full-text
queries from the index that ``ingest`` writes in the same transaction. See ``docs/store.md``.
"""

from stiplan.store.errors import NotFound, StoreError
from stiplan.store.interface import StoreInterface
from stiplan.store.location import open_store, upgrade_store
from stiplan.store.rows import (
    Counts,
    DecisionGroupRow,
    DecisionSource,
    DocumentRow,
    ElementRow,
    FileRow,
    Found,
    IndexStatus,
    IngestResult,
    InitiativeListing,
    InitiativeRow,
    MinistryMatch,
    MinistryUse,
    ProgrammeMentionRow,
    SearchRow,
    SectionRow,
    Slice,
    SourceLine,
    WarningRow,
)
from stiplan.store.search_sql import SearchFilter
from stiplan.store.sqlite.backup import backup_store, restore_store
from stiplan.store.sqlite.store import Store
from stiplan.store.tables import ELEMENT_TYPES, UNIT_TYPES

__all__ = [
    "ELEMENT_TYPES",
    "UNIT_TYPES",
    "Counts",
    "DecisionGroupRow",
    "DecisionSource",
    "DocumentRow",
    "ElementRow",
    "FileRow",
    "Found",
    "IndexStatus",
    "IngestResult",
    "InitiativeListing",
    "InitiativeRow",
    "MinistryMatch",
    "MinistryUse",
    "NotFound",
    "ProgrammeMentionRow",
    "SearchFilter",
    "SearchRow",
    "SectionRow",
    "Slice",
    "SourceLine",
    "Store",
    "StoreError",
    "StoreInterface",
    "WarningRow",
    "backup_store",
    "open_store",
    "restore_store",
    "upgrade_store",
]
