"""Where the store lives: ``--db PATH``, else ``$STIPLAN_DB``, else the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

DB_ENV = "STIPLAN_DB"
DB_FILENAME = "stiplan.sqlite"


def default_db_path() -> Path:
    """The embedded store of this user (e.g. ``~/.local/share/stiplan/stiplan.sqlite``)."""
    return Path(user_data_dir("stiplan", appauthor=False)) / DB_FILENAME


def resolve_db_path(option: Path | None) -> Path:
    """The store to use: an explicit option wins over the environment, which wins the default."""
    if option is not None:
        return option
    from_env = os.environ.get(DB_ENV, "").strip()
    return Path(from_env) if from_env else default_db_path()
