"""Errors of the store: one family so that callers (CLI, API) can translate them at the edge."""

from __future__ import annotations


class StoreError(Exception):
    """Anything the store could not do; the message names the file or id involved."""


class NotFound(StoreError):
    """An id (document or element) that the store does not hold."""
