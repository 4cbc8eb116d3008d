"""``stiplan users``, ``stiplan audit`` and ``ingest --user``: the CLI's side of issue 16, with
its role matrix: every writing command tried as nobody, as each role and as an unknown or
disabled name; each refusal exits 1 with a clear message, writes nothing but its audit entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stiplan.cli import app
from stiplan.store import Store
from tests.conftest import SAMPLES
from tests.unit.auth.cheap import cheap_hashes  # noqa: F401 (autouse fixture)

runner = CliRunner()
PASSWORD = "a long enough password"
SAMPLE = SAMPLES / "followup_2024.txt"


def run(*args: str | Path, password: str | None = None) -> tuple[int, str]:
    stdin = None if password is None else password + "\n"
    result = runner.invoke(app, [str(a) for a in args], input=stdin)
    return result.exit_code, result.output


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "users.sqlite"


@pytest.fixture
def team(db: Path) -> Path:
    """A store with an admin, a secretariat user, a ministry user and a disabled user."""
    steps = [
        ("root", "admin", [], None),
        ("sec", "secretariat", [], "root"),
        ("mext", "ministry", ["--ministry", "文", "--ministry", "経済産業省"], "root"),
        ("gone", "secretariat", [], "root"),
    ]
    for name, role, extra, actor in steps:
        who = ["--user", actor] if actor else []
        code, output = run(
            "users",
            "add",
            name,
            "--role",
            role,
            *extra,
            *who,
            "--password-stdin",
            "--db",
            db,
            password=PASSWORD,
        )
        assert code == 0, output
    assert run("users", "disable", "gone", "--user", "root", "--db", db)[0] == 0
    return db


def _state(db: Path) -> tuple[list[object], list[object], int]:
    """What a refused command must not change: users, documents; and the trail's length."""
    with Store.open(db) as store:
        return store.users(), store.documents(), store.audit_count()


def _last(db: Path) -> dict[str, object]:
    code, output = run("audit", "--json", "--limit", "1", "--db", db)
    assert code == 0, output
    entry: dict[str, object] = json.loads(output)[0]
    return entry


def test_users_list_shows_roles_scopes_and_disabled_users(team: Path) -> None:
    code, output = run("users", "list", "--json", "--db", team)
    assert code == 0
    rows = {r["name"]: r for r in json.loads(output)}
    assert rows["mext"]["ministries"] == ["文", "経"]
    assert rows["gone"]["active"] is False and rows["root"]["role"] == "admin"
    assert "password" not in output and "argon2" not in output


def test_a_password_prompt_is_hidden_and_asked_twice(db: Path) -> None:
    result = runner.invoke(
        app,
        ["users", "add", "root", "--role", "admin", "--db", str(db)],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    mismatch = runner.invoke(
        app,
        ["users", "passwd", "root", "--user", "root", "--db", str(db)],
        input=f"{PASSWORD}\nsomething else entirely\n{PASSWORD}\n{PASSWORD}\n",
    )
    assert mismatch.exit_code == 0 and PASSWORD not in mismatch.output


WRITES = {
    "ingest": (["ingest", SAMPLE], {"admin", "secretariat"}),
    "users add": (
        ["users", "add", "newbie", "--role", "secretariat", "--password-stdin"],
        {"admin"},
    ),
    "users disable": (["users", "disable", "sec"], {"admin"}),
    "users passwd": (["users", "passwd", "mext", "--password-stdin"], {"admin"}),
}
ACTORS = {"root": "admin", "sec": "secretariat", "mext": "ministry", "gone": None, "ghost": None}
AUDIT_ACTION = {
    "ingest": "ingest",
    "users add": "user.add",
    "users disable": "user.disable",
    "users passwd": "user.passwd",
}


@pytest.mark.parametrize("command", sorted(WRITES))
@pytest.mark.parametrize("actor", [None, *ACTORS])
def test_role_matrix_of_the_cli(team: Path, command: str, actor: str | None) -> None:
    args, allowed = WRITES[command]
    who = [] if actor is None else ["--user", actor]
    before = _state(team)
    code, output = run(*args, *who, "--db", team, password=PASSWORD)
    role = ACTORS.get(actor or "")
    if role in allowed:
        assert code == 0, output
        assert _last(team)["outcome"] == "ok"
        return
    assert code == 1
    assert "refused" in output
    if actor is None:
        assert "--user" in output  # says how to name who acts
    users, documents, trail = _state(team)
    assert (users, documents) == before[:2] and trail == before[2] + 1
    entry = _last(team)
    assert entry["action"] == AUDIT_ACTION[command] and entry["outcome"] == "refused"
    assert entry["actor"] != "" and entry["reason"]


MAINTENANCE = {
    "reindex": ({"admin", "secretariat"}, "store.reindex"),
    "restore": ({"admin"}, "store.restore"),
}


@pytest.mark.parametrize("command", sorted(MAINTENANCE))
@pytest.mark.parametrize("actor", [None, *ACTORS])
def test_restore_and_reindex_are_guarded_and_recorded(
    team: Path, tmp_path: Path, command: str, actor: str | None
) -> None:
    """Rebuilding the index and replacing the store are writes too: refused (exit 1, nothing
    changed, the refusal recorded) unless the role allows them, recorded when done."""
    backup = tmp_path / "backup.sqlite"
    assert run("backup", backup, "--db", team)[0] == 0
    allowed, action = MAINTENANCE[command]
    args = ["reindex"] if command == "reindex" else ["restore", backup]
    who = [] if actor is None else ["--user", actor]
    before = _state(team)
    code, output = run(*args, *who, "--db", team)
    entry = _last(team)
    assert entry["action"] == action
    if ACTORS.get(actor or "") in allowed:
        assert code == 0, output
        assert entry["outcome"] == "ok" and entry["actor"] == actor
        return
    assert code == 1 and "refused" in output
    users, documents, trail = _state(team)
    assert (users, documents) == before[:2] and trail == before[2] + 1
    assert entry["outcome"] == "refused" and entry["reason"]


def test_without_users_the_operator_ingests_and_is_recorded(db: Path) -> None:
    code, output = run("ingest", SAMPLE, "--db", db)
    assert code == 0, output
    entry = _last(db)
    assert entry["action"] == "ingest" and entry["outcome"] == "ok" and entry["actor"]
    after = entry["after"]
    assert isinstance(after, dict) and after["status"] == "created"
    code, output = run("ingest", SAMPLE, "--user", "analyst", "--db", db)
    assert code == 0 and _last(db)["actor"] == "analyst"


def test_a_rejected_file_is_recorded_as_refused(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, _ = run("ingest", bad, "--db", db)
    assert code == 1
    entry = _last(db)
    assert entry["outcome"] == "refused" and "empty.txt" in str(entry["target"])


def test_audit_filters(team: Path) -> None:
    run("ingest", SAMPLE, "--user", "sec", "--db", team)
    code, output = run("audit", "--actor", "sec", "--json", "--db", team)
    assert code == 0 and {e["action"] for e in json.loads(output)} == {"ingest"}
    code, output = run("audit", "--action", "user.", "--json", "--db", team)
    actions = [e["action"] for e in json.loads(output)]
    assert actions and all(a.startswith("user.") for a in actions)
    assert run("audit", "--since", "2999-01-01", "--json", "--db", team)[1].strip() == "[]"
    code, output = run("audit", "--since", "yesterday", "--db", team)
    assert code == 1 and "YYYY-MM-DD" in output
    code, output = run("audit", "--outcome", "maybe", "--db", team)
    assert code == 1 and "ok or refused" in output
    code, output = run("audit", "--db", team)
    assert code == 0 and "user.add" in output


def test_a_private_server_without_users_is_refused(db: Path) -> None:
    Store.open(db).close()
    code, output = run("serve", "--private", "--db", db)
    assert code == 1 and "needs users" in output


def test_an_upgrade_that_applies_migrations_is_recorded(db: Path) -> None:
    code, output = run("db", "upgrade", "--db", db, "--user", "operator")
    assert code == 0, output
    entry = _last(db)
    assert (entry["action"], entry["actor"], entry["outcome"]) == (
        "store.upgrade",
        "operator",
        "ok",
    )
    assert run("db", "upgrade", "--db", db)[0] == 0  # nothing to apply: nothing recorded
    assert _last(db)["id"] == entry["id"]
