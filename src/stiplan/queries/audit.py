"""The audit trail as presenters read it (``stiplan audit``, the ``/audit`` page and its
downloads), and the entries of writes made outside ``queries.accounts`` (ingest).

Reading the trail is itself guarded: admins and the secretariat only, once users exist.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from stiplan.auth.roles import AUDIT_READ, INGEST, Actor
from stiplan.queries.accounts import audit_event, authorize
from stiplan.queries.base import QueryError
from stiplan.queries.documents import IngestOutcome, IngestStatus
from stiplan.store import StoreInterface
from stiplan.store.accounts import AuditFilter, AuditRow

AUDIT_PER_PAGE = 50
AUDIT_EXPORT_MAX = 100_000
AUDIT_COLUMNS = (
    ("id", "番号"),
    ("at", "日時 (UTC)"),
    ("actor", "利用者"),
    ("action", "操作"),
    ("target", "対象"),
    ("outcome", "結果"),
    ("reason", "理由"),
    ("client", "接続元"),
    ("before", "変更前"),
    ("after", "変更後"),
)
"""The columns of the trail, in order, with their Japanese header (CLI table, page, exports)."""


@dataclass(frozen=True, slots=True)
class AuditPage:
    """One page of the trail, newest first, and how many entries match in all."""

    rows: list[AuditRow]
    total: int
    page: int
    pages: int
    filters: AuditFilter


def audit_filter(
    since: date | None = None,
    user: str | None = None,
    action: str | None = None,
    outcome: str | None = None,
) -> AuditFilter:
    """The filter of a request: from the start of ``since`` (UTC), by user, by action (an
    exact name, or a prefix ending in ``.``), by outcome (``ok`` / ``refused``)."""
    if outcome not in (None, "ok", "refused"):
        raise QueryError(
            f"結果（outcome）は ok か refused で指定してください（{outcome!r} は指定できません）"
            f" / outcome is ok or refused, not {outcome!r}"
        )
    start = None if since is None else datetime.combine(since, time(), UTC).isoformat()
    return AuditFilter(since=start, actor=user or None, action=action or None, outcome=outcome)


def audit_page(
    store: StoreInterface,
    actor: Actor,
    filters: AuditFilter,
    page: int = 1,
    per_page: int = AUDIT_PER_PAGE,
) -> AuditPage:
    """One page of the entries matching ``filters`` (refused and recorded for a role that may
    not read the trail)."""
    authorize(store, actor, AUDIT_READ, audit_action="audit.read")
    total = store.audit_count(filters)
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    rows = store.audit(filters, limit=per_page, offset=(page - 1) * per_page)
    return AuditPage(rows, total, page, pages, filters)


def audit_rows(store: StoreInterface, actor: Actor | None, filters: AuditFilter) -> list[AuditRow]:
    """Every entry matching ``filters``, newest first (up to ``AUDIT_EXPORT_MAX``), for the
    CLI and the downloads. ``actor`` None is the CLI's operator, who holds the store itself
    and reads it unchecked; a web reader is checked like ``audit_page``."""
    if actor is not None:
        authorize(store, actor, AUDIT_READ, audit_action="audit.read")
    return store.audit(filters, limit=AUDIT_EXPORT_MAX)


def audit_record(row: AuditRow) -> dict[str, str | int | None]:
    """One entry as a flat record keyed like ``AUDIT_COLUMNS`` (JSON, CSV, XLSX)."""
    e = row.event
    return {
        "id": row.id,
        "at": e.at,
        "actor": e.actor,
        "action": e.action,
        "target": e.target,
        "outcome": e.outcome,
        "reason": e.reason,
        "client": e.client,
        "before": e.before,
        "after": e.after,
    }


def authorize_ingest(store: StoreInterface, actor: Actor, sources: Sequence[str]) -> None:
    """Let ``actor`` ingest or raise ``Refused`` (recorded, naming the files)."""
    authorize(store, actor, INGEST, target=", ".join(sources)[:500])


def record_ingest(store: StoreInterface, actor: Actor, outcomes: Sequence[IngestOutcome]) -> None:
    """One audit entry per file ingested: its document id and status (a file refused for
    bad input is recorded as ``refused`` with the reason)."""
    for outcome in outcomes:
        rejected = outcome.status is IngestStatus.REJECTED
        after = {"status": outcome.status.value, "document_id": outcome.document_id}
        event = audit_event(
            actor,
            INGEST,
            outcome.document_id or outcome.source,
            after=None if rejected else {**after, "source": outcome.source},
            outcome="refused" if rejected else "ok",
            reason=(outcome.error or "")[:500] if rejected else "",
        )
        store.record(event)


def audit_json(rows: Sequence[AuditRow]) -> list[dict[str, object]]:
    """Entries for ``--json``: ``before``/``after`` parsed back into values."""
    found: list[dict[str, object]] = []
    for row in rows:
        record: dict[str, object] = dict(audit_record(row))
        for key in ("before", "after"):
            text = record[key]
            record[key] = None if text is None else json.loads(str(text))
        found.append(record)
    return found
