"""``StoreInterface`` names every method of ``Store`` and of ``PostgresStore`` (bar how they are
opened), signature and all, so that neither backend can drift from the one list."""

from __future__ import annotations

import inspect

import pytest

from stiplan.store import Store
from stiplan.store.interface import StoreInterface
from stiplan.store.postgres.store import PostgresStore

_OPENERS = {"open", "memory"}  # how a store is opened belongs to its backend


def _public(cls: type) -> dict[str, inspect.Signature]:
    names = {n for n in dir(cls) if not n.startswith("_") or n in {"__enter__", "__exit__"}}
    return {
        name: inspect.signature(getattr(cls, name))
        for name in names
        if callable(getattr(cls, name)) and name not in _OPENERS
    }


@pytest.mark.parametrize("backend", [Store, PostgresStore], ids=["sqlite", "postgres"])
def test_the_interface_names_every_method_of_the_store_with_its_signature(backend: type) -> None:
    offered = _public(backend)
    named = _public(StoreInterface)
    assert sorted(offered) == sorted(named)
    for name, signature in named.items():
        assert str(offered[name]) == str(signature), name
