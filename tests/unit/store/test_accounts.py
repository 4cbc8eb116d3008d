"""Users and the audit trail in the store, and the query layer over them: user changes with
their audit entries in one transaction, an append-only trail, sign-in and its throttling
(issue 16)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from stiplan import queries
from stiplan.auth import throttle
from stiplan.queries import Actor, Role
from stiplan.store import Store, StoreError
from stiplan.store.accounts import AuditEvent, AuditFilter
from tests.unit.auth.cheap import cheap_hashes  # noqa: F401 (autouse fixture)

PASSWORD = "a long enough password"
OPERATOR = Actor("operator")


@pytest.fixture
def people(store: Store) -> Store:
    queries.add_user(store, OPERATOR, "root", "admin", [], PASSWORD)
    admin = queries.actor_of(store, "root")
    queries.add_user(store, admin, "sec", "secretariat", [], PASSWORD)
    queries.add_user(store, admin, "mext", "ministry", ["文部科学省", "経"], PASSWORD)
    return store


def _actions(store: Store) -> list[tuple[str, str, str, str]]:
    rows = reversed(store.audit(limit=1000))
    return [(r.event.actor, r.event.action, r.event.target, r.event.outcome) for r in rows]


def test_users_are_stored_with_hashes_roles_and_resolved_ministries(people: Store) -> None:
    views = {u.name: u for u in queries.list_users(people)}
    assert {n: v.role for n, v in views.items()} == {
        "root": "admin",
        "sec": "secretariat",
        "mext": "ministry",
    }
    assert views["mext"].ministries == ("文", "経")  # an official name resolves to its code
    stored = people.user("mext")
    assert stored is not None and stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in repr(people.audit(limit=100))
    assert _actions(people) == [
        ("operator", "user.add", "root", "ok"),
        ("root", "user.add", "sec", "ok"),
        ("root", "user.add", "mext", "ok"),
    ]


def test_the_first_user_must_be_an_admin_and_names_and_scopes_are_checked(store: Store) -> None:
    with pytest.raises(queries.QueryError, match="first user"):
        queries.add_user(store, OPERATOR, "sec", "secretariat", [], PASSWORD)
    with pytest.raises(queries.QueryError, match="role"):
        queries.add_user(store, OPERATOR, "x", "superuser", [], PASSWORD)
    with pytest.raises(queries.QueryError, match="ministry"):
        queries.add_user(store, OPERATOR, "x", "ministry", [], PASSWORD)
    with pytest.raises(queries.QueryError, match="user name"):
        queries.add_user(store, OPERATOR, "two words", "admin", [], PASSWORD)
    with pytest.raises(queries.QueryError, match="文字"):
        queries.add_user(store, OPERATOR, "x", "admin", [], "short")
    assert store.users() == [] and store.audit() == []


def test_user_changes_need_an_admin_and_refusals_are_recorded(people: Store) -> None:
    before = people.users()
    for name in ("sec", "mext", "nobody"):
        actor = queries.actor_of(people, name)
        with pytest.raises(queries.Refused) as refused:
            queries.add_user(people, actor, "new", "admin", [], PASSWORD)
        assert refused.value.status == (401 if name == "nobody" else 403)
    assert people.users() == before
    refusals = [a for a in _actions(people) if a[3] == "refused"]
    assert refusals == [(n, "user.add", "new", "refused") for n in ("sec", "mext", "nobody")]


def test_disable_and_passwd_end_sign_in_and_are_recorded(people: Store) -> None:
    admin = queries.actor_of(people, "root")
    fingerprint = queries.password_fingerprint(people, "sec")
    assert queries.session_actor(people, "sec", fingerprint, "") is not None
    queries.set_password(people, admin, "sec", "another long password")
    assert queries.session_actor(people, "sec", fingerprint, "") is None
    queries.disable_user(people, admin, "mext")
    with pytest.raises(queries.LoginRefused):
        queries.login(people, "mext", PASSWORD, "10.0.0.1")
    with pytest.raises(queries.QueryError, match="last active admin"):
        queries.disable_user(people, admin, "root")
    trail = people.audit(AuditFilter(action="user."), limit=10)
    passwd = next(r for r in trail if r.event.action == "user.passwd")
    assert passwd.event.after == '{"password": "changed"}'
    disable = next(r for r in trail if r.event.action == "user.disable")
    assert (disable.event.before, disable.event.after) == ('{"active": true}', '{"active": false}')


def test_the_audit_trail_is_append_only(people: Store, backend: str) -> None:
    """SQLite's triggers refuse an UPDATE or DELETE; PostgreSQL's rules turn them into nothing.
    Either way the trail keeps every entry as written."""
    if backend == "sqlite":
        conn = people._conn
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE audit SET actor = 'someone else'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM audit")
        conn.rollback()
    else:
        with people._pool.connection() as conn:  # type: ignore[attr-defined]
            conn.execute("UPDATE audit SET actor = 'someone else'")
            conn.execute("DELETE FROM audit")
    assert len(people.audit()) == 3
    assert "someone else" not in {r.event.actor for r in people.audit()}


def test_audit_filters_and_paging(people: Store) -> None:
    for i in range(7):
        people.record(AuditEvent(f"2030-01-0{i + 1}T00:00:00+00:00", "bot", "ingest", f"d{i}"))
    assert people.audit_count(AuditFilter(actor="bot")) == 7
    page = people.audit(AuditFilter(actor="bot"), limit=3, offset=3)
    assert [r.event.target for r in page] == ["d3", "d2", "d1"]  # newest first
    assert people.audit_count(AuditFilter(since="2030-01-05")) == 3
    assert people.audit_count(AuditFilter(action="user.")) == 3
    assert people.audit_count(AuditFilter(action="user")) == 0
    assert people.audit_count(AuditFilter(outcome="refused")) == 0


def test_a_failed_user_write_leaves_neither_user_nor_entry(people: Store) -> None:
    bad = people.user("sec")
    assert bad is not None
    from dataclasses import replace

    broken = replace(bad, role="emperor")  # refused by the table's CHECK
    with pytest.raises(StoreError):
        people.save_user(broken, AuditEvent("2030-01-01T00:00:00+00:00", "x", "user.add"))
    assert people.user("sec") == bad and len(people.audit()) == 3


def test_sign_in_records_success_and_failure(people: Store) -> None:
    actor = queries.login(people, "sec", PASSWORD, "10.0.0.1")
    assert actor.role is Role.SECRETARIAT and actor.client == "10.0.0.1"
    with pytest.raises(queries.LoginRefused, match="wrong user name or password"):
        queries.login(people, "sec", "wrong password!!", "10.0.0.1")
    with pytest.raises(queries.LoginRefused, match="wrong user name or password"):
        queries.login(people, "ghost", PASSWORD, "10.0.0.1")
    logins = people.audit(AuditFilter(action="login"), limit=10)
    assert [(r.event.target, r.event.outcome, r.event.reason) for r in logins] == [
        ("ghost", "refused", "unknown user"),
        ("sec", "refused", "password"),
        ("sec", "ok", ""),
    ]
    assert all(r.event.client == "10.0.0.1" for r in logins)


def test_repeated_failures_lock_the_name_then_the_address(people: Store) -> None:
    for _ in range(throttle.POLICY.free):
        with pytest.raises(queries.LoginRefused) as refused:
            queries.login(people, "sec", "wrong password!!", "10.0.0.2")
        assert refused.value.retry_after == 0
    with pytest.raises(queries.LoginRefused) as locked:  # the right password, but locked
        queries.login(people, "sec", PASSWORD, "10.0.0.3")
    assert 0 < locked.value.retry_after <= throttle.POLICY.base.total_seconds() + 1
    assert people.audit_count(AuditFilter(action="login.throttled")) == 1
    # the name's lock does not close the address for other names, until the address itself
    # has failed often (more room than a name: one office, one address)
    assert queries.login(people, "root", PASSWORD, "10.0.0.2").role is Role.ADMIN
    spare = throttle.ADDRESS_POLICY.free - throttle.POLICY.free
    for i in range(spare):
        with pytest.raises(queries.LoginRefused):
            queries.login(people, f"guess{i}", "wrong password!!", "10.0.0.2")
    with pytest.raises(queries.LoginRefused) as by_address:
        queries.login(people, "root", PASSWORD, "10.0.0.2")
    assert by_address.value.retry_after > 0
    assert queries.login(people, "root", PASSWORD, "10.0.0.4").role is Role.ADMIN


def test_old_failures_and_a_success_reset_the_count(people: Store) -> None:
    old = (datetime.now(UTC) - throttle.POLICY.window - timedelta(minutes=1)).isoformat()
    for _ in range(throttle.POLICY.free + 3):
        people.record(AuditEvent(old, "sec", "login", "sec", outcome="refused", client="x"))
    assert queries.login(people, "sec", PASSWORD, "x").name == "sec"


def test_a_hash_with_old_parameters_is_replaced_at_sign_in(people: Store) -> None:
    from dataclasses import replace

    from argon2 import PasswordHasher

    user = people.user("sec")
    assert user is not None
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    people.save_user(replace(user, password_hash=weak), AuditEvent("t", "x", "user.passwd"))
    queries.login(people, "sec", PASSWORD, "")
    renewed = people.user("sec")
    assert renewed is not None and renewed.password_hash != weak
    assert queries.login(people, "sec", PASSWORD, "").name == "sec"


def test_the_session_secret_is_made_once_and_kept(store: Store) -> None:
    assert queries.session_secret(store, create=False) is None
    first = queries.session_secret(store, create=True)
    assert first and queries.session_secret(store, create=True) == first
