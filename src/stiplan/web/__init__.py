"""The web dashboard and JSON API: a FastAPI app over the same store as the CLI.

``create_app(db_path)`` builds the app (nothing happens at import): ``api`` holds the JSON routes
under ``/api/v1``, ``pages`` the server-rendered HTML pages, ``downloads`` the CSV/XLSX/zip
files. Every route is a thin call to ``stiplan.queries``; no SQL and no parsing here.

``create_app`` is imported on first use, so that the CLI can use the message catalogue
(``web.i18n``, plain data) without loading FastAPI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stiplan.web.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from stiplan.web.app import create_app

        return create_app
    raise AttributeError(name)
