"""Commands that run stiplan: the dashboard over a store, the demo over the bundled samples,
and the version."""

from __future__ import annotations

import getpass
import os
import shutil
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from stiplan import __version__, queries
from stiplan.cli.base import DbOption, HostOption, PortOption, fail, open_store, out
from stiplan.cli.tables import print_outcomes
from stiplan.queries import StoreError
from stiplan.settings import default_db_path, resolve_db, shown_location

PublicOption = Annotated[
    bool,
    typer.Option(
        "--public/--private",
        help="With users in the store: --public (default) lets anyone read, --private asks "
        "everyone to sign in first.",
    ),
]
SecureCookiesOption = Annotated[
    bool,
    typer.Option(
        "--secure-cookies",
        help="Mark the session cookie Secure (when the server is reached over https, e.g. "
        "behind a reverse proxy).",
    ),
]


def serve(
    db: DbOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    public: PublicOption = True,
    secure_cookies: SecureCookiesOption = False,
) -> None:
    """Serve the web dashboard and JSON API (/api/v1) over the store. Without users it is
    read-only; with users (stiplan users add) people sign in, and sign-ins and refusals are
    recorded in the audit trail."""
    try:
        location = resolve_db(db)
    except StoreError as error:
        fail(str(error))
    _serve(location, host, port, public, secure_cookies)


def _serve(
    path: Path | str, host: str, port: int, public: bool = True, secure_cookies: bool = False
) -> None:
    """Open the store and serve it until interrupted (Ctrl+C)."""
    import uvicorn  # imported here: the other commands do not need the web stack

    from stiplan.web import create_app

    try:
        web_app = create_app(path, read_only=True, public=public, secure_cookies=secure_cookies)
    except (StoreError, queries.QueryError) as error:
        fail(str(error))
    mode = "with sign-in" if web_app.state.auth.enabled else "read-only"
    out.print(
        f"serving {escape(shown_location(path))} {mode} at http://{host}:{port}/  (Ctrl+C stops)"
    )
    uvicorn.run(web_app, host=host, port=port, log_level="info")


def demo(
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Store for the demo (default: a fresh demo.sqlite)."),
    ] = None,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Only ingest and summarise; do not start the server.")
    ] = False,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
) -> None:
    """Ingest the bundled sample reports and briefing into a fresh demo store, then serve the
    dashboard."""
    path = db or default_db_path().with_name("demo.sqlite")
    if path.exists():
        if db is not None:
            fail(f"{path} exists; the demo only writes a fresh store (remove it or pick another)")
        path.unlink()
    samples = queries.sample_paths()
    if not samples:
        fail("no sample documents found (samples/*.txt)")
    with open_store(path, create=True) as store:
        outcomes = queries.ingest_paths(store, samples)
        queries.record_ingest(store, queries.Actor(getpass.getuser()), outcomes)
    print_outcomes(outcomes)
    _print_demo_hints(path, samples)
    if any(o.status is queries.IngestStatus.REJECTED for o in outcomes):
        raise typer.Exit(1)
    if not no_serve:
        _serve(path, host, port)


def _print_demo_hints(path: Path, samples: list[Path]) -> None:
    """Where the demo store is and a few commands to try on it."""
    out.print(f"\ndemo store: {escape(str(path))}")
    out.print(f"try: stiplan initiatives --db {escape(str(path))} --ministry 文 --lead-only")
    out.print(f"     stiplan search --db {escape(str(path))} 博士人材")
    out.print(f"     stiplan programmes --db {escape(str(path))} --linked")
    out.print(f"     stiplan timeline --db {escape(str(path))}")
    for pdf in (p for p in samples if p.suffix == ".pdf"):
        out.print(
            f"（{escape(pdf.name)} は PDF から読んだ版: "
            "ダッシュボードの「p. N」で元のページ画像を表示）"
        )
    if shutil.which("stiplan") is None and os.environ.get("VIRTUAL_ENV") is None:
        out.print("(stiplan is installed in .venv: run .venv/bin/stiplan)")


def version() -> None:
    """Print the stiplan version."""
    typer.echo(__version__)
