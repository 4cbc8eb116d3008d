"""Where a store lives: a file path for SQLite, a ``postgresql://`` URL for PostgreSQL.

URLs are recognised so they are never taken for a file name (``--db postgresql://…`` used to
create a folder ``postgresql:``); a scheme the store does not serve is refused clearly, and
so is a PostgreSQL URL where only an SQLite file will do (``sqlite_path``: backups, ``serve``
until it serves PostgreSQL). ``open_store`` is the one place that picks the backend.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from stiplan.store.errors import StoreError

if TYPE_CHECKING:
    from stiplan.store.interface import StoreInterface

# A scheme of two or more letters then ":/" — one letter would be a Windows drive ("C:/").
# ``Path`` folds "//" into "/", so "postgresql://h/db" may arrive as "postgresql:/h/db".
_URL = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]+):/")
POSTGRES_SCHEMES = frozenset({"postgresql", "postgres"})


def url_scheme(location: str | Path) -> str | None:
    """The lower-cased URL scheme of ``location``, or ``None`` when it is a file path."""
    match = _URL.match(str(location))
    return match.group("scheme").lower() if match else None


def is_postgres(location: str | Path) -> bool:
    """Whether ``location`` names a PostgreSQL database."""
    return url_scheme(location) in POSTGRES_SCHEMES


def sqlite_path(location: str | Path) -> Path:
    """``location`` as the path of an SQLite store; a URL is refused, never made a folder."""
    scheme = url_scheme(location)
    if scheme is None:
        return Path(location)
    if scheme in POSTGRES_SCHEMES:
        raise StoreError(
            "ここでは SQLite のファイルパスが必要です; PostgreSQL のストアは使えません "
            f"(this needs an SQLite file, not a PostgreSQL URL): {redacted(location)}"
        )
    raise StoreError(
        f"ストアの URL スキーム {scheme}:// は使えません; SQLite のファイルパスか "
        f"postgresql:// の URL を指定してください (unsupported store URL scheme): "
        f"{redacted(location)}"
    )


def redacted(location: str | Path) -> str:
    """The location without a password, so an error message never shows one."""
    return re.sub(r"(:/{1,2}[^:/@]+):[^@/]*@", r"\1:***@", str(location))


def _postgres_url(location: str | Path) -> str:
    """A PostgreSQL URL as given; one that went through ``Path`` lost a slash and is refused
    rather than guessed at."""
    if isinstance(location, Path):
        raise StoreError(
            f"PostgreSQL の URL はパスとしてではなく文字列で渡してください "
            f"(pass the URL as text, not as a path): {redacted(location)}"
        )
    return location


def open_store(
    location: str | Path,
    read_only: bool = False,
    pool_size: int | None = None,
    create: bool = True,
) -> StoreInterface:
    """The store at ``location``: a ``postgresql://`` URL opens ``PostgresStore`` (psycopg is
    imported only then) with at most ``pool_size`` connections (default
    ``postgres.connection.POOL_SIZE``), a path opens SQLite's ``Store`` (one connection);
    other URLs are refused. ``create=False`` refuses a SQLite file that does not exist instead
    of creating it (a PostgreSQL database is never created here: the server refuses a missing
    one)."""
    if is_postgres(location):
        from stiplan.store.postgres.store import PostgresStore

        url = _postgres_url(location)
        if pool_size is None:
            return PostgresStore.open(url, read_only=read_only)
        return PostgresStore.open(url, read_only=read_only, pool_size=pool_size)
    from stiplan.store.sqlite.store import Store

    return Store.open(sqlite_path(location), read_only=read_only, create=create)


def upgrade_store(location: str | Path) -> list[int]:
    """Apply the migrations the store at ``location`` lacks (creating it if new); the
    versions applied now, oldest first (empty when it was up to date)."""
    if is_postgres(location):
        from stiplan.store.postgres.store import upgrade

        return upgrade(_postgres_url(location))
    from stiplan.store.sqlite.lifecycle import upgrade as upgrade_sqlite

    return upgrade_sqlite(sqlite_path(location))
