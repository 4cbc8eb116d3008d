"""A fixture that makes argon2 cheap for tests (the real parameters cost ~64 MiB and tens of
milliseconds per hash; the tests hash hundreds of times). What is tested is the same code
with other parameters: hashing, verifying and rehashing when parameters change."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher

from stiplan.auth import passwords

CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(passwords, "_hasher", lambda: CHEAP)
    passwords.dummy_hash.cache_clear()
    yield
    passwords.dummy_hash.cache_clear()
