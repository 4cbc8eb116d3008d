"""``stiplan users add|list|disable|passwd``: the people who may sign in to a shared
deployment, and the ``--user`` option every writing command takes.

The CLI is run by the server's operator. ``--user`` names who acts (no password: whoever runs
the CLI holds the store); while the store has no users the operator may do anything, and once
users exist each write needs a ``--user`` whose role allows it (admin for users; admin or
secretariat for ingest). Refusals exit 1 with the reason and are recorded in the audit trail.
Passwords are read from a prompt (not echoed, asked twice) or from stdin with
``--password-stdin``; never from the command line, where other users of the machine and the
shell history would see them.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from typing import Annotated, TypeVar

import typer
from rich.markup import escape

from stiplan import queries
from stiplan.cli.base import DbOption, JsonOption, fail, open_store, out
from stiplan.cli.render import Column, Kind, answer, print_json, print_table
from stiplan.queries import Actor, StoreInterface

T = TypeVar("T")

UserOption = Annotated[
    str | None,
    typer.Option(
        "--user",
        "-u",
        help="Who acts, for the audit trail and the role check (default: the OS user name). "
        "Once the store has users, it must name one whose role allows the write.",
    ),
]
PasswordStdinOption = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password from the first line of stdin."),
]

users_app = typer.Typer(
    help="Manage the users of a shared deployment (roles admin, secretariat, ministry).",
    no_args_is_help=True,
)


def cli_actor(store: StoreInterface, user: str | None) -> Actor:
    """Who acts on this run: the ``--user`` named (with its role, if it is an active user),
    else the OS user name (with no role: enough only while the store has no users)."""
    name = user or getpass.getuser()
    if user is None or not queries.users_configured(store):
        return Actor(name)
    return queries.actor_of(store, name)


def guarded(user: str | None, action: Callable[[], T]) -> T:
    """Run a write; a refusal becomes a clear message and exit 1 (``--user`` hinted when it
    was not given)."""
    try:
        return action()
    except queries.Refused as refused:
        hint = "" if user else " (name who acts with --user NAME)"
        fail(f"refused: {refused}{hint}")


def acting(db: str | None, user: str | None, write: Callable[[StoreInterface, Actor], T]) -> T:
    """Open the store, name who acts (``cli_actor``) and run one ``guarded`` write: the
    whole of most writing commands before they print."""
    with open_store(db) as store:
        actor = cli_actor(store, user)
        return guarded(user, lambda: write(store, actor))


def read_password(from_stdin: bool) -> str:
    """The new password: stdin's first line, or a hidden prompt asked twice."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    text: str = typer.prompt("パスワード (password)", hide_input=True, confirmation_prompt=True)
    return text


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="User name (sign-in name).")],
    role: Annotated[str, typer.Option("--role", "-r", help="admin, secretariat or ministry.")],
    ministry: Annotated[
        list[str] | None,
        typer.Option(
            "--ministry",
            "-m",
            help="For the ministry role: a ministry code or official name (repeatable).",
        ),
    ] = None,
    password_stdin: PasswordStdinOption = False,
    user: UserOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add a user. The first user of a store must be an admin."""
    with open_store(db, create=True) as store:
        actor = cli_actor(store, user)
        # check the role before asking for a password nobody may set
        guarded(user, lambda: queries.authorize_user_change(store, actor, "user.add", name))
        password = read_password(password_stdin)
        view = guarded(
            user, lambda: queries.add_user(store, actor, name, role, ministry or [], password)
        )
    _done(view, as_json, f"added {escape(view.name)} ({view.role})")


@users_app.command("list")
def list_(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List users with their role, ministries and whether they may sign in."""
    with open_store(db) as store:
        rows = queries.list_users(store)
    answer(rows, as_json, print_users)


@users_app.command("disable")
def disable(
    name: Annotated[str, typer.Argument(help="User name.")],
    user: UserOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Stop a user from signing in (the user stays in the audit trail)."""
    view = acting(db, user, lambda store, actor: queries.disable_user(store, actor, name))
    _done(view, as_json, f"disabled {escape(view.name)}")


@users_app.command("passwd")
def passwd(
    name: Annotated[str, typer.Argument(help="User name.")],
    password_stdin: PasswordStdinOption = False,
    user: UserOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Set a user's password (ends the user's sessions)."""
    with open_store(db) as store:
        actor = cli_actor(store, user)
        guarded(user, lambda: queries.authorize_user_change(store, actor, "user.passwd", name))
        password = read_password(password_stdin)
        view = guarded(user, lambda: queries.set_password(store, actor, name, password))
    _done(view, as_json, f"password of {escape(view.name)} changed")


def _done(view: queries.UserView, as_json: bool, message: str) -> None:
    """The user as changed: JSON for machines, a line for people."""
    if as_json:
        print_json(view)
    else:
        out.print(message)


def print_users(rows: list[queries.UserView]) -> None:
    columns = [
        Column("name", Kind.KEY),
        Column("role", Kind.KEY),
        Column("ministries"),
        Column("active", Kind.KEY),
        Column("updated", drop=1),
    ]
    cells = [
        [
            escape(r.name),
            r.role,
            escape("、".join(r.ministries)),
            "yes" if r.active else "no",
            r.updated_at,
        ]
        for r in rows
    ]
    print_table("users", columns, cells)
