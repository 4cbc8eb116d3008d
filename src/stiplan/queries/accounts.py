"""Users and who may act: adding and changing users, checking an actor against an action, and
signing in (with throttling). Every write and every refusal lands in the audit trail
(``queries.audit``); presenters (CLI ``users``, web ``/login``) only call these functions.

The CLI is run by the server's operator: ``--user`` names who acts, without a password. While
a store has no users it is a single analyst's store and the operator may do anything (the
first user added must be an admin); once users exist, each write needs a ``--user`` (CLI) or
a signed-in user (web) whose role allows it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from stiplan.auth import passwords, throttle
from stiplan.auth.roles import (
    ROLES,
    USER_MANAGE,
    Actor,
    Role,
    refusal,
)
from stiplan.auth.sessions import fingerprint
from stiplan.queries.base import QueryError, UnknownId
from stiplan.queries.ministries import resolve_ministry
from stiplan.store import StoreInterface
from stiplan.store.accounts import AuditEvent, AuditFilter, UserRow

_NAME = re.compile(r"^[^\s\x00-\x1f\x7f]{1,64}$")
SECRET_SETTING = "session_secret"


class Refused(QueryError):
    """An action the actor may not take (recorded in the audit trail before it is raised).
    ``status`` is what the web answers: 401 without a signed-in user, 403 with one."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class LoginRefused(QueryError):
    """A failed sign-in: wrong name or password, or too many failures (``retry_after``
    seconds to wait). The message never says which of name or password was wrong."""

    def __init__(self, message: str, retry_after: int = 0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class UserView:
    """A user as shown: everything but the password hash."""

    name: str
    role: str
    ministries: tuple[str, ...]
    active: bool
    created_at: str
    updated_at: str


def now_text(now: datetime | None = None) -> str:
    """An audit time: ISO 8601 in UTC, to the second."""
    return (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")


def users_configured(store: StoreInterface) -> bool:
    """Whether the store has any user (then writes need one, and the web offers sign-in)."""
    return bool(store.users())


def list_users(store: StoreInterface) -> list[UserView]:
    """Every user, without password hashes."""
    return [_view(u) for u in store.users()]


def _view(user: UserRow) -> UserView:
    return UserView(
        user.name, user.role, user.ministries, user.active, user.created_at, user.updated_at
    )


def actor_of(store: StoreInterface, name: str, client: str = "") -> Actor:
    """The actor a name stands for: its role if it is an active user, else no role (refused
    by every check once users exist)."""
    user = store.user(name)
    if user is None or not user.active:
        return Actor(name, None, (), client)
    return Actor(name, Role(user.role), user.ministries, client)


def record(
    store: StoreInterface,
    actor: Actor,
    action: str,
    target: str = "",
    *,
    before: object = None,
    after: object = None,
    outcome: str = "ok",
    reason: str = "",
) -> AuditEvent:
    """Append one entry to the audit trail (``before``/``after`` as JSON) and return it."""
    event = audit_event(actor, action, target, before, after, outcome, reason)
    store.record(event)
    return event


def audit_event(
    actor: Actor,
    action: str,
    target: str,
    before: object = None,
    after: object = None,
    outcome: str = "ok",
    reason: str = "",
) -> AuditEvent:
    return AuditEvent(
        at=now_text(),
        actor=actor.name,
        action=action,
        target=target,
        before=None if before is None else json.dumps(before, ensure_ascii=False),
        after=None if after is None else json.dumps(after, ensure_ascii=False),
        outcome=outcome,
        reason=reason,
        client=actor.client,
    )


def authorize(
    store: StoreInterface,
    actor: Actor,
    action: str,
    *,
    audit_action: str | None = None,
    target: str = "",
    ministry: str | None = None,
) -> None:
    """Let ``actor`` take ``action`` or raise ``Refused`` after recording the refusal
    (as ``audit_action``, default ``action``). A store without users lets its operator do
    anything (an anonymous web visitor never writes: the web has no writes without users)."""
    if not users_configured(store) and not actor.client:
        return
    why = refusal(actor, action, ministry)
    if why is None:
        return
    record(store, actor, audit_action or action, target, outcome="refused", reason=why)
    raise Refused(f"{actor.name or 'anonymous'}: {why}", 401 if actor.role is None else 403)


@dataclass(slots=True)
class RefusalTarget:
    """What a refused write was aimed at, as precisely as known when it was refused: a round
    named by its edition becomes the round's id once found, then ``round/ministry``."""

    target: str


@contextmanager
def refusal_recorded(
    store: StoreInterface, actor: Actor, action: str, target: str
) -> Iterator[RefusalTarget]:
    """Record a write refused for what it asks, as ``authorize`` records one refused for who
    asks: a workbook with errors, an acceptance of a stale revision, a publish of a round not
    yet accepted. The trail then shows every attempt, not only those that changed something;
    the error goes on to the caller unchanged. The block may narrow the target it yields, so
    that a refusal names what a success would have named."""
    aimed = RefusalTarget(target)
    try:
        yield aimed
    except Refused:
        raise  # recorded by ``authorize``
    except (QueryError, ValueError) as error:
        reason = " ".join(str(error).split())[:REASON_LENGTH]
        record(store, actor, action, aimed.target, outcome="refused", reason=reason)
        raise


REASON_LENGTH = 500
"""At most this many characters of a refusal's message go into the trail."""


# -- user changes ------------------------------------------------------------------------------


def authorize_user_change(store: StoreInterface, actor: Actor, action: str, name: str) -> None:
    """Check a user change before asking for its input (a password nobody may set is never
    asked for); ``action`` names it in the trail (``user.add``, ``user.passwd``…)."""
    authorize(store, actor, USER_MANAGE, audit_action=action, target=name)


def _check_name(name: str) -> None:
    if not _NAME.match(name):
        raise QueryError(
            f"利用者名 {name!r} は使えません（1〜64文字、空白・制御文字は使えません）"
            f" / user name {name!r}: 1–64 characters, no spaces or control characters"
        )


def _scope(role: str, ministries: list[str]) -> tuple[str, ...]:
    if role not in ROLES:
        raise QueryError(
            f"役割 {role!r} はありません（{', '.join(ROLES)} のいずれかです）"
            f" / unknown role {role!r}; one of {', '.join(ROLES)}"
        )
    codes = tuple(sorted({resolve_ministry(m) for m in ministries if m.strip()}))
    if role == Role.MINISTRY and not codes:
        raise QueryError(
            "府省の役割（ministry）には --ministry を1つ以上指定してください"
            " / the ministry role needs at least one --ministry"
        )
    if role != Role.MINISTRY and codes:
        raise QueryError(
            f"--ministry は府省の役割（ministry）にだけ指定できます（{role} には指定できません）"
            f" / --ministry applies only to the ministry role, not {role}"
        )
    return codes


def add_user(
    store: StoreInterface, actor: Actor, name: str, role: str, ministries: list[str], password: str
) -> UserView:
    """Create a user (``user.add``); the first user of a store must be an admin."""
    authorize(store, actor, USER_MANAGE, audit_action="user.add", target=name)
    _check_name(name)
    codes = _scope(role, ministries)
    if store.user(name) is not None:
        raise QueryError(
            f"利用者 {name!r} は既に登録されています（変更は users passwd、停止は users disable）"
            f" / user {name!r} exists already (users passwd / users disable)"
        )
    if not users_configured(store) and role != Role.ADMIN:
        raise QueryError(
            "最初の利用者は管理者（--role admin）として登録してください"
            " / the first user must be an admin (--role admin)"
        )
    try:
        hashed = passwords.hash_password(password)
    except passwords.PasswordRefused as error:
        raise QueryError(str(error)) from error
    stamp = now_text()
    user = UserRow(name, role, hashed, True, codes, stamp, stamp)
    after = {"role": role, "ministries": list(codes), "active": True}
    store.save_user(user, audit_event(actor, "user.add", name, after=after))
    return _view(user)


def _existing(store: StoreInterface, name: str) -> UserRow:
    user = store.user(name)
    if user is None:
        raise UnknownId(f"利用者 {name!r} は登録されていません / no user {name!r}")
    return user


def disable_user(store: StoreInterface, actor: Actor, name: str) -> UserView:
    """Stop a user from signing in (``user.disable``); the row stays for the audit trail.
    The last active admin cannot be disabled (nobody could manage users any more)."""
    authorize(store, actor, USER_MANAGE, audit_action="user.disable", target=name)
    user = _existing(store, name)
    admins = [u for u in store.users() if u.active and u.role == Role.ADMIN]
    if user.active and user.role == Role.ADMIN and len(admins) == 1:
        raise QueryError(
            f"{name} は最後の有効な管理者です（先に別の管理者を登録してください）"
            f" / {name} is the last active admin; add another admin first"
        )
    changed = replace(user, active=False, updated_at=now_text())
    event = audit_event(actor, "user.disable", name, {"active": user.active}, {"active": False})
    store.save_user(changed, event)
    return _view(changed)


def set_password(store: StoreInterface, actor: Actor, name: str, password: str) -> UserView:
    """Give a user a new password (``user.passwd``); it ends the user's sessions. The audit
    entry says the password changed, never what it is."""
    authorize(store, actor, USER_MANAGE, audit_action="user.passwd", target=name)
    user = _existing(store, name)
    try:
        hashed = passwords.hash_password(password)
    except passwords.PasswordRefused as error:
        raise QueryError(str(error)) from error
    changed = replace(user, password_hash=hashed, updated_at=now_text())
    store.save_user(changed, audit_event(actor, "user.passwd", name, after={"password": "changed"}))
    return _view(changed)


# -- signing in --------------------------------------------------------------------------------


def _failures(store: StoreInterface, filters: AuditFilter) -> list[datetime]:
    rows = store.audit(filters, limit=throttle.ADDRESS_POLICY.free + 25)
    return [datetime.fromisoformat(r.event.at) for r in rows]


def _lock(store: StoreInterface, name: str, client: str, now: datetime) -> datetime | None:
    """Until when sign-in is refused for this name or this address (failures since the
    user's last success count for the name; every failure in the window counts for the
    address, so one account of one's own does not reset an address's count)."""
    since = now_text(now - throttle.POLICY.window)
    last_ok = store.audit(AuditFilter(action="login", target=name, outcome="ok"), limit=1)
    user_since = max(since, last_ok[0].event.at) if last_ok else since
    by_name = _failures(
        store, AuditFilter(since=user_since, action="login", target=name, outcome="refused")
    )
    locks = [throttle.locked(by_name, now)]
    if client:
        by_client = _failures(
            store, AuditFilter(since=since, action="login", client=client, outcome="refused")
        )
        locks.append(throttle.locked(by_client, now, throttle.ADDRESS_POLICY))
    found = [lock for lock in locks if lock is not None]
    return max(found) if found else None


def login(store: StoreInterface, name: str, password: str, client: str) -> Actor:
    """Check a name and password; the actor on success. Refusals (``LoginRefused``), the
    throttled ones included, and successes are recorded in the audit trail."""
    now = datetime.now(UTC)
    someone = Actor(name, None, (), client)
    until = _lock(store, name, client, now)
    if until is not None:
        wait = max(1, int((until - now).total_seconds()) + 1)
        record(store, someone, "login.throttled", name, outcome="refused", reason="throttled")
        raise LoginRefused(
            "ログインの失敗が続いたため、しばらく待ってから再度お試しください"
            " / too many failed attempts; try again later",
            retry_after=wait,
        )
    user = store.user(name)
    hashed = user.password_hash if user is not None else passwords.dummy_hash()
    matches = passwords.verify_password(hashed, password)
    if user is None or not user.active or not matches:
        why = "unknown user" if user is None else "disabled" if not user.active else "password"
        record(store, someone, "login", name, outcome="refused", reason=why)
        raise LoginRefused("利用者名またはパスワードが違います / wrong user name or password")
    actor = Actor(name, Role(user.role), user.ministries, client)
    event = audit_event(actor, "login", name)
    if passwords.needs_rehash(user.password_hash):
        rehashed = replace(user, password_hash=passwords.hash_password(password))
        store.save_user(rehashed, replace(event, after=json.dumps({"rehashed": True})))
    else:
        store.record(event)
    return actor


def logout(store: StoreInterface, actor: Actor) -> None:
    """Record a sign-out (the presenter drops the session)."""
    record(store, actor, "logout", actor.name)


def session_actor(store: StoreInterface, name: str, print_: str, client: str) -> Actor | None:
    """The actor a session names, if the user is still active and its password unchanged."""
    user = store.user(name)
    if user is None or not user.active or fingerprint(user.password_hash) != print_:
        return None
    return Actor(name, Role(user.role), user.ministries, client)


def password_fingerprint(store: StoreInterface, name: str) -> str:
    """The fingerprint a new session of ``name`` carries (``auth.sessions``)."""
    return fingerprint(_existing(store, name).password_hash)


def session_secret(store: StoreInterface, create: bool) -> str | None:
    """The key that signs session cookies, kept in the store so every worker shares it;
    made (random) when ``create`` and none is stored yet."""
    found = store.setting(SECRET_SETTING)
    if found is not None or not create:
        return found
    import secrets

    return store.put_setting(SECRET_SETTING, secrets.token_urlsafe(48))
