"""Where a store lives: a file path for SQLite; URLs are recognised so they are never taken
for a file name (``--db postgresql://…`` used to create a folder ``postgresql:``).

Only paths are served today; a PostgreSQL URL is refused with a clear ``StoreError`` until the
PostgreSQL store (issue 16) exists, and any other scheme is refused as unsupported.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from stiplan.store.errors import StoreError

if TYPE_CHECKING:
    from stiplan.store.sqlite.store import Store

# A scheme of two or more letters then ":/" — one letter would be a Windows drive ("C:/").
# ``Path`` folds "//" into "/", so "postgresql://h/db" may arrive as "postgresql:/h/db".
_URL = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]+):/")
POSTGRES_SCHEMES = frozenset({"postgresql", "postgres"})


def url_scheme(location: str | Path) -> str | None:
    """The lower-cased URL scheme of ``location``, or ``None`` when it is a file path."""
    match = _URL.match(str(location))
    return match.group("scheme").lower() if match else None


def sqlite_path(location: str | Path) -> Path:
    """``location`` as the path of an SQLite store; a URL is refused, never made a folder."""
    scheme = url_scheme(location)
    if scheme is None:
        return Path(location)
    if scheme in POSTGRES_SCHEMES:
        raise StoreError(
            f"PostgreSQL のストアはまだ使えません (not yet supported): {_redacted(location)}"
        )
    raise StoreError(
        f"ストアの URL スキーム {scheme}:// は使えません; SQLite のファイルパスを指定してください"
        f" (unsupported store URL scheme): {_redacted(location)}"
    )


def _redacted(location: str | Path) -> str:
    """The location without a password, so an error message never shows one."""
    return re.sub(r"(:/{1,2}[^:/@]+):[^@/]*@", r"\1:***@", str(location))


def open_store(location: str | Path, read_only: bool = False) -> Store:
    """The store at ``location``: a path opens SQLite; a URL is refused (see ``sqlite_path``).

    The one place that will pick the PostgreSQL implementation for a ``postgresql://`` URL.
    """
    from stiplan.store.sqlite.store import Store

    return Store.open(sqlite_path(location), read_only=read_only)
