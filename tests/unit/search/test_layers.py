"""The search package stays pure: no database, no upward imports (ARCHITECTURE: layers)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[3] / "src" / "stiplan"
IMPORT = re.compile(r"^\s*(?:from|import)\s+(stiplan(?:\.\w+)*)", re.MULTILINE)


def imports(folder: str) -> dict[str, set[str]]:
    return {
        path.name: set(IMPORT.findall(path.read_text(encoding="utf-8")))
        for path in (SRC / folder).glob("*.py")
    }


@pytest.mark.parametrize("module", sorted(imports("search")))
def test_search_imports_only_itself_and_the_normalisers(module: str) -> None:
    allowed = ("stiplan.search", "stiplan.normalize")
    assert all(name.startswith(allowed) for name in imports("search")[module]), module


@pytest.mark.parametrize("module", sorted(imports("search")))
def test_search_has_no_sql(module: str) -> None:
    text = (SRC / "search" / module).read_text(encoding="utf-8")
    assert "sqlite3" not in text and not re.search(r"\bSELECT\b|\bMATCH\b\s*\?", text)


def test_the_store_does_not_import_presenters() -> None:
    for module, names in imports("store").items():
        assert not any(n.startswith(("stiplan.queries", "stiplan.cli")) for n in names), module
