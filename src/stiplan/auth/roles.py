"""Roles, the actor who acts, and which role may take which action.

``admin`` manages users and may do anything the secretariat does; ``secretariat`` ingests
documents and reads the audit trail; ``ministry`` acts only for its ministry codes (the survey
issue gives it writes; today it may only read). Which actions exist and who may take them is
the table ``ALLOWED``: a new write adds its action there, and every check goes through
``refusal``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    SECRETARIAT = "secretariat"
    MINISTRY = "ministry"


ROLES = tuple(r.value for r in Role)

USER_MANAGE = "user.manage"
INGEST = "ingest"
AUDIT_READ = "audit.read"
STORE_MAINTAIN = "store.maintain"
"""Rebuilding the search index and upgrading the schema: the admin and the secretariat."""
STORE_RESTORE = "store.restore"
"""Replacing the whole store with a backup: the admin only."""
MINISTRY_WRITE = "ministry.write"
"""A write on behalf of a ministry (the survey's edits): the ministry role within its scope,
the secretariat and the admin everywhere."""
SURVEY_MANAGE = "survey.manage"
"""Running a follow-up survey round (open, accept, return, publish): the admin and the
secretariat."""

ALLOWED: Mapping[str, frozenset[Role]] = {
    USER_MANAGE: frozenset({Role.ADMIN}),
    INGEST: frozenset({Role.ADMIN, Role.SECRETARIAT}),
    AUDIT_READ: frozenset({Role.ADMIN, Role.SECRETARIAT}),
    STORE_MAINTAIN: frozenset({Role.ADMIN, Role.SECRETARIAT}),
    STORE_RESTORE: frozenset({Role.ADMIN}),
    MINISTRY_WRITE: frozenset({Role.ADMIN, Role.SECRETARIAT, Role.MINISTRY}),
    SURVEY_MANAGE: frozenset({Role.ADMIN, Role.SECRETARIAT}),
}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: a signed-in (web) or named (CLI ``--user``) user with a role, or someone
    without one (``role`` None: an anonymous visitor, an unknown name, or the operator of a
    store that has no users). ``client`` is the web client's address ('' for the CLI)."""

    name: str
    role: Role | None = None
    ministries: tuple[str, ...] = ()
    client: str = ""

    @property
    def signed_in(self) -> bool:
        return self.role is not None


def refusal(actor: Actor, action: str, ministry: str | None = None) -> str | None:
    """Why ``actor`` may not take ``action`` (for ``ministry``, if the action is scoped), or
    None when it may. An unknown action is refused: a write that forgot to declare its action
    is closed, not open."""
    allowed = ALLOWED.get(action)
    if allowed is None:
        return f"未定義の操作です（{action!r}） / unknown action {action!r}"
    if actor.role is None:
        return (
            "役割のある利用者で行ってください（Web ではログイン、CLI では --user）"
            " / requires a user with a role (sign in on the web, --user on the CLI)"
        )
    if actor.role not in allowed:
        role = actor.role.value
        return f"役割 {role} には {action} の権限がありません / role {role} may not {action}"
    if actor.role is Role.MINISTRY and ministry is not None and ministry not in actor.ministries:
        return (
            f"{ministry} は {actor.name} の担当外です"
            f" / ministry {ministry} is outside the scope of {actor.name}"
        )
    return None
