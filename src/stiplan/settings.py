"""Where the store lives: ``--db PATH|URL``, else ``$STIPLAN_DB``, else the user's data
directory (a ``postgresql://`` URL names a PostgreSQL store: ``resolve_db``).

Rendered page images of PDFs are cached in ``$STIPLAN_CACHE_DIR``, else the user's cache
directory (``web/page_cache.py``); never in the store, which the web app opens read-only.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

DB_ENV = "STIPLAN_DB"
DB_FILENAME = "stiplan.sqlite"
CACHE_ENV = "STIPLAN_CACHE_DIR"


def default_db_path() -> Path:
    """The embedded store of this user (e.g. ``~/.local/share/stiplan/stiplan.sqlite``)."""
    return Path(user_data_dir("stiplan", appauthor=False)) / DB_FILENAME


def resolve_db_path(option: str | Path | None) -> Path:
    """The store to use: an explicit option wins over the environment, which wins the default.

    A URL (``postgresql://…``, ``mysql://…``) is refused with a ``StoreError`` rather than
    taken for a file path (see ``store/location.py``).
    """
    from stiplan.store.location import sqlite_path

    if option is not None:
        return sqlite_path(option)
    from_env = os.environ.get(DB_ENV, "").strip()
    return sqlite_path(from_env) if from_env else default_db_path()


def resolve_db(option: str | Path | None) -> str | Path:
    """The store to use, as ``resolve_db_path`` chooses it, where PostgreSQL is served too: a
    ``postgresql://`` URL stays text (``store.location.open_store`` opens it); a path or an
    unsupported URL goes through ``resolve_db_path``."""
    from stiplan.store.location import is_postgres

    chosen = option if option is not None else os.environ.get(DB_ENV, "").strip() or None
    if chosen is not None and is_postgres(chosen):
        return chosen  # a Path here lost a slash: open_store refuses it, saying so
    return resolve_db_path(option)


def is_postgres_url(location: str | Path) -> bool:
    """Whether ``location`` is a ``postgresql://`` URL (for presenters, which do not import
    the store)."""
    from stiplan.store.location import is_postgres

    return is_postgres(location)


def shown_location(location: str | Path) -> str:
    """``location`` for a message: a URL without its password."""
    from stiplan.store.location import redacted

    return redacted(location)


def checked_db_path(location: Path | str) -> Path:
    """``location`` as a store file path; a URL raises ``StoreError`` instead of naming a file."""
    from stiplan.store.location import sqlite_path

    return sqlite_path(location)


def default_cache_dir() -> Path:
    """Where page images are cached: ``$STIPLAN_CACHE_DIR``, else the user's cache directory
    (e.g. ``~/.cache/stiplan/pages``)."""
    from_env = os.environ.get(CACHE_ENV, "").strip()
    if from_env:
        return Path(from_env)
    return Path(user_cache_dir("stiplan", appauthor=False)) / "pages"
