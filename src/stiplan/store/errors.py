"""Errors of the store: one family so that callers (CLI, API) can translate them at the edge."""

from __future__ import annotations


class StoreError(Exception):
    """Anything the store could not do; the message names the file or id involved."""


class NotFound(StoreError):
    """An id (document or element) that the store does not hold."""


def missing_store(path: object) -> str:
    """The refusal of a store file that does not exist (a mistyped ``--db``, or nothing
    ingested yet), in Japanese with the English after it."""
    return (
        f"{path}: ストアがありません（--db のパスを確かめるか、先に stiplan ingest で文書を"
        "取り込んでください） / no stiplan store here (check the --db path, or ingest "
        "documents first)"
    )
