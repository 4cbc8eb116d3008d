"""CSRF tokens: one random token per session, sent back with every form (a hidden field) or
script request (a header) and compared in constant time."""

from __future__ import annotations

import hmac
import secrets

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_tokens_match(expected: str, given: str | None) -> bool:
    """Whether the token sent matches the session's (both non-empty)."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())
