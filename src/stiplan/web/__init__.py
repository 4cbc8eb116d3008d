"""The web dashboard and JSON API: a FastAPI app over the same store as the CLI.

``create_app(db_path)`` builds the app (nothing happens at import): ``api`` holds the JSON routes
under ``/api/v1``, ``pages`` the server-rendered HTML pages, ``downloads`` the CSV/XLSX/zip
files. Every route is a thin call to ``stiplan.queries``; no SQL and no parsing here.
"""

from stiplan.web.app import create_app

__all__ = ["create_app"]
