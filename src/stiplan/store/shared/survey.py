"""The follow-up survey's tables for both stores: rounds, review states, revisions and the
provenance of published editions (migration 0014).

As with users (``shared/accounts.py``), every change is written together with its audit entry
in one transaction (``_write``). A revision's number is given inside that transaction
(``MAX + 1`` under the write lock), so two hand-ins at once get two numbers and both are kept.
Publishing writes the new edition, its provenance, the round's state and the audit entry in
the ingest transaction of each backend (``_ingest``).
"""

from __future__ import annotations

from collections.abc import Sequence

from stiplan.model import Document, SourceFile
from stiplan.store.accounts import AuditEvent
from stiplan.store.rows import IngestResult
from stiplan.store.shared.accounts import Accounts, Statement, event_statement
from stiplan.store.survey import MinistryStateRow, ProvenanceRow, RevisionRow, RoundRow
from stiplan.store.tables import Record

_ROUNDS = (
    "SELECT id, edition, source_document, due, secret, state, published_document, created_at, "
    "created_by FROM survey_rounds"
)
_STATES = (
    "SELECT round_id, ministry, state, comment, updated_at, updated_by, accepted_revision "
    "FROM survey_ministries"
)
_REVISIONS = (
    "SELECT round_id, ministry, number, author, created_at, draft, source, content "
    "FROM survey_revisions"
)
_PROVENANCE = (
    "SELECT document_id, element_id, round_id, ministry, revision, author FROM survey_provenance"
)
_INSERT_ROUND = (
    "INSERT INTO survey_rounds (id, edition, source_document, due, secret, state, "
    "published_document, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_UPSERT_STATE = (
    "INSERT INTO survey_ministries (round_id, ministry, state, comment, updated_at, updated_by, "
    "accepted_revision) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (round_id, ministry) DO UPDATE "
    "SET state = excluded.state, comment = excluded.comment, updated_at = excluded.updated_at, "
    "updated_by = excluded.updated_by, accepted_revision = excluded.accepted_revision"
)
_INSERT_REVISION = (
    "INSERT INTO survey_revisions (round_id, ministry, number, author, created_at, draft, "
    "source, content) SELECT ?, ?, COALESCE(MAX(number), 0) + 1, ?, ?, ?, ?, ? "
    "FROM survey_revisions WHERE round_id = ? AND ministry = ?"
)
_INSERT_PROVENANCE = (
    "INSERT INTO survey_provenance (document_id, element_id, round_id, ministry, revision, "
    "author) VALUES (?, ?, ?, ?, ?, ?)"
)
_PUBLISH = (
    "UPDATE survey_rounds SET state = 'published', published_document = ? "
    "WHERE id = ? AND state = 'open'"
)


def state_statement(state: MinistryStateRow) -> Statement:
    """Set one ministry's state in a round."""
    return _UPSERT_STATE, (
        state.round_id,
        state.ministry,
        state.state,
        state.comment,
        state.updated_at,
        state.updated_by,
        state.accepted_revision,
    )


def publish_statements(
    round_id: str, document_id: str, provenance: Sequence[ProvenanceRow], event: AuditEvent
) -> list[Statement]:
    """What publishing writes besides the document: the round's state, the provenance of
    the elements, the audit entry."""
    rows: list[Statement] = [
        (
            _INSERT_PROVENANCE,
            (p.document_id, p.element_id, p.round_id, p.ministry, p.revision, p.author),
        )
        for p in provenance
    ]
    return [(_PUBLISH, (document_id, round_id)), *rows, event_statement(event)]


class Survey(Accounts):
    """Read and write survey rounds; every change carries its audit entry."""

    def _ingest(
        self, document: Document, original: SourceFile | None, also: Sequence[Statement]
    ) -> IngestResult:
        """Store a document with ``also`` in the same transaction (each backend's ingest)."""
        raise NotImplementedError

    def open_round(
        self, round_: RoundRow, states: Sequence[MinistryStateRow], event: AuditEvent
    ) -> None:
        """Create a round with the starting state of each of its ministries."""
        row = (
            round_.id,
            round_.edition,
            round_.source_document,
            round_.due,
            round_.secret,
            round_.state,
            round_.published_document,
            round_.created_at,
            round_.created_by,
        )
        statements = [(_INSERT_ROUND, row), *map(state_statement, states), event_statement(event)]
        self._write(statements, f"open survey round {round_.id!r}")

    def survey_rounds(self) -> list[RoundRow]:
        """Every round, oldest first."""
        return [_round(r) for r in self._fetch(_ROUNDS + " ORDER BY created_at, id")]

    def survey_round(self, round_id: str) -> RoundRow | None:
        """The round of that id, or None."""
        found = self._fetch(_ROUNDS + " WHERE id = ?", (round_id,))
        return _round(found[0]) if found else None

    def survey_states(self, round_id: str) -> list[MinistryStateRow]:
        """The state of every ministry of a round, by ministry code."""
        query = _STATES + " WHERE round_id = ? ORDER BY ministry"
        return [_state(r) for r in self._fetch(query, (round_id,))]

    def set_survey_state(self, state: MinistryStateRow, event: AuditEvent) -> None:
        """Change one ministry's state (accept, return…) with its audit entry."""
        what = f"set the state of {state.ministry} in {state.round_id!r}"
        self._write([state_statement(state), event_statement(event)], what)

    def add_revision(
        self, revision: RevisionRow, state: MinistryStateRow, event: AuditEvent
    ) -> None:
        """Keep a new revision (numbered after the ministry's last one), set the ministry's
        state and append the audit entry, in one transaction."""
        r = revision
        params = (r.round_id, r.ministry, r.author, r.created_at, int(r.draft), r.source)
        insert = (_INSERT_REVISION, (*params, r.content, r.round_id, r.ministry))
        what = f"store a revision of {r.ministry} in {r.round_id!r}"
        self._write([insert, state_statement(state), event_statement(event)], what)

    def survey_revisions(self, round_id: str, ministry: str | None = None) -> list[RevisionRow]:
        """The revisions of a round (of one ministry), by ministry and number."""
        query = _REVISIONS + " WHERE round_id = ?"
        params: list[object] = [round_id]
        if ministry is not None:
            query += " AND ministry = ?"
            params.append(ministry)
        return [_revision(r) for r in self._fetch(query + " ORDER BY ministry, number", params)]

    def publish_round(
        self,
        document: Document,
        original: SourceFile | None,
        round_id: str,
        provenance: Sequence[ProvenanceRow],
        event: AuditEvent,
    ) -> IngestResult:
        """Store the round's new edition, its provenance, the round's ``published`` state and
        the audit entry in one transaction (content already stored: nothing is written)."""
        also = publish_statements(round_id, document.id, provenance, event)
        return self._ingest(document, original, also)

    def survey_provenance(self, document_id: str) -> list[ProvenanceRow]:
        """Where each element of a published edition came from (empty for an ingested one)."""
        query = _PROVENANCE + " WHERE document_id = ? ORDER BY element_id"
        return [_provenance(r) for r in self._fetch(query, (document_id,))]


def _round(r: Record) -> RoundRow:
    return RoundRow(
        r["id"],
        r["edition"],
        r["source_document"],
        r["due"],
        r["secret"],
        r["state"],
        r["published_document"],
        r["created_at"],
        r["created_by"],
    )


def _state(r: Record) -> MinistryStateRow:
    accepted = r["accepted_revision"]
    return MinistryStateRow(
        r["round_id"],
        r["ministry"],
        r["state"],
        r["comment"],
        r["updated_at"],
        r["updated_by"],
        None if accepted is None else int(accepted),
    )


def _revision(r: Record) -> RevisionRow:
    return RevisionRow(
        r["round_id"],
        r["ministry"],
        int(r["number"]),
        r["author"],
        r["created_at"],
        bool(r["draft"]),
        r["source"],
        r["content"],
    )


def _provenance(r: Record) -> ProvenanceRow:
    return ProvenanceRow(
        r["document_id"],
        r["element_id"],
        r["round_id"],
        r["ministry"],
        int(r["revision"]),
        r["author"],
    )
