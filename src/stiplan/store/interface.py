"""What every stiplan store offers, named once: the SQLite ``Store`` and the PostgreSQL
``PostgresStore`` implement the same methods, and queries, CLI and web are typed against this.

How a store is opened is the backend's own business (a file path, a server URL;
``location.open_store`` picks), so the interface starts at an open store.
``tests/unit/store/test_interface.py`` checks that both offer exactly these methods with these
signatures; mypy checks the types in ``sqlite/store.py`` and ``postgres/store.py``. What each
method promises is written where it is implemented and in ``docs/store.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from types import TracebackType
from typing import Protocol, Self

from stiplan.model import (
    Budget,
    Decision,
    Document,
    NumericTarget,
    Organisation,
    Programme,
    SourceFile,
)
from stiplan.search.query import SearchQuery
from stiplan.store.accounts import AuditEvent, AuditFilter, AuditRow, UserRow
from stiplan.store.rows import (
    Counts,
    DecisionGroupRow,
    DocumentRow,
    ElementRow,
    FileRow,
    Found,
    IndexStatus,
    IngestResult,
    InitiativeListing,
    InitiativeRow,
    MinistryUse,
    ProgrammeMentionRow,
    SearchRow,
    SectionRow,
    Slice,
    SourceLine,
    WarningRow,
)
from stiplan.store.search_sql import SearchFilter


class StoreInterface(Protocol):
    """An open store: writes of whole documents, reads for the query layer, search."""

    where: str
    """What the store is, for messages (a file name, ``:memory:``)."""

    # -- life cycle and writes -------------------------------------------------------------------
    def close(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def ingest(self, document: Document, original: SourceFile | None = None) -> IngestResult: ...
    def delete_document(self, document_id: str) -> None: ...

    # -- search index ----------------------------------------------------------------------------
    def search(
        self,
        query: SearchQuery,
        filters: SearchFilter | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchRow]: ...
    def reindex(self) -> IndexStatus: ...
    def index_status(self) -> IndexStatus: ...
    def index_mark(self) -> int: ...
    def stale_documents(self) -> tuple[str, ...]: ...

    # -- documents and their trees ---------------------------------------------------------------
    def load_document(self, document_id: str) -> Document: ...
    def documents(self) -> list[DocumentRow]: ...
    def document(self, document_id: str) -> DocumentRow: ...
    def counts(self, document_id: str) -> Counts: ...
    def counts_by_document(self, document_ids: Sequence[str]) -> dict[str, Counts]: ...
    def slide_element(self, element_id: str, document_id: str | None = None) -> ElementRow: ...
    def slide_children(self, slide_id: str, document_id: str) -> list[ElementRow]: ...
    def sections(self, document_id: str | None = None) -> list[SectionRow]: ...
    def initiatives(
        self,
        section: str | None = None,
        ministry: str | None = None,
        lead_only: bool = False,
        document_id: str | None = None,
    ) -> list[InitiativeRow]: ...
    def initiative_listing(
        self,
        section: str | None = None,
        ministry: str | None = None,
        lead_only: bool = False,
        document_id: str | None = None,
    ) -> InitiativeListing: ...
    def element(self, element_id: str, document_id: str | None = None) -> ElementRow: ...
    def children(self, element_id: str, document_id: str | None = None) -> list[ElementRow]: ...
    def source_lines(
        self, document_id: str, first_line: int, last_line: int
    ) -> list[SourceLine]: ...
    def warnings(self, document_id: str | None = None) -> list[WarningRow]: ...
    def elements(self, element_type: str, document_id: str | None = None) -> list[ElementRow]: ...
    def ministry_use(self, document_id: str | None = None) -> list[MinistryUse]: ...

    # -- mentions and files ----------------------------------------------------------------------
    def programmes(self, document_id: str | None = None) -> list[Found[Programme]]: ...
    def decisions(self, document_id: str | None = None) -> list[Found[Decision]]: ...
    def numeric_targets(self, document_id: str | None = None) -> list[Found[NumericTarget]]: ...
    def budgets(self, document_id: str | None = None) -> list[Found[Budget]]: ...
    def organisations(self, document_id: str | None = None) -> list[Found[Organisation]]: ...
    def programme_mentions(
        self,
        document_id: str | None = None,
        linked_only: bool = False,
        offset: int = 0,
        limit: int = 50,
    ) -> Slice[ProgrammeMentionRow]: ...
    def decision_groups(
        self,
        document_id: str | None = None,
        since: date | None = None,
        until: date | None = None,
        offset: int = 0,
        limit: int = 50,
        sources: int = 5,
    ) -> Slice[DecisionGroupRow]: ...
    def document_file(self, document_id: str) -> FileRow | None: ...
    def document_file_data(self, document_id: str) -> SourceFile | None: ...

    # -- users, shared settings and the audit trail (issue 16; shared/accounts.py)
    def users(self) -> list[UserRow]: ...
    def user(self, name: str) -> UserRow | None: ...
    def save_user(self, user: UserRow, event: AuditEvent) -> None: ...
    def setting(self, name: str) -> str | None: ...
    def put_setting(self, name: str, value: str) -> str: ...
    def record(self, event: AuditEvent) -> None: ...
    def audit(
        self, filters: AuditFilter | None = None, limit: int = 100, offset: int = 0
    ) -> list[AuditRow]: ...
    def audit_count(self, filters: AuditFilter | None = None) -> int: ...
