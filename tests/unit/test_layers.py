"""Layers point one way (docs/architecture.md): presenters → queries → store/analysis → ….

Imports are read with ``ast`` (``import x``, ``from x import y``, relative imports, imports
inside functions and under ``TYPE_CHECKING``), so no form of import slips past.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "stiplan"


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(path: Path, node: ast.ImportFrom) -> str:
    """The absolute module a ``from … import`` names (relative imports resolved)."""
    if node.level == 0:
        return node.module or ""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:])
    return (SRC / relative).is_dir() or (SRC / relative).with_suffix(".py").is_file()


def stiplan_imports(path: Path, text: str | None = None) -> set[str]:
    """Every ``stiplan`` module one file (or ``text`` standing at ``path``) imports;
    ``from stiplan import queries`` counts as ``stiplan.queries``, ``from stiplan import
    __version__`` as ``stiplan``."""
    found: set[str] = set()
    source = path.read_text(encoding="utf-8") if text is None else text
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = _resolve(path, node)
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                found.add(candidate if _is_module(candidate) else module)
    return {name for name in found if name == "stiplan" or name.startswith("stiplan.")}


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _files(*places: str) -> list[Path]:
    files: list[Path] = []
    for place in places:
        target = SRC / place
        files += sorted(target.rglob("*.py")) if target.is_dir() else [target]
    return files


def _rel(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


# --- presenters see only the query layer ---------------------------------------------------

PRESENTERS = ("cli", "web", "exports")
PRESENTER_MAY_IMPORT = (
    "stiplan",  # the package itself: ``__version__``
    "stiplan.queries",  # what presenters ask, with the view and error types they see
    "stiplan.model",  # the domain value types (Document, Period, Quantity…)
    "stiplan.settings",  # where the database lives
    "stiplan.cli",
    "stiplan.web",
    "stiplan.exports",  # presenters may use one another (a download renders an export)
)
KNOWN_OFFENDERS: dict[tuple[str, str], str] = {}
"""(file, module) pairs that still break the rule. Each must go; the list only shrinks (a
test fails on an entry that no longer offends)."""


def _forbidden(names: set[str]) -> set[str]:
    """The modules in ``names`` a presenter may not import."""
    return {n for n in names if n != "stiplan" and not _within(n, PRESENTER_MAY_IMPORT[1:])}


def _offences() -> set[tuple[str, str]]:
    return {
        (_rel(path), name)
        for path in _files(*PRESENTERS)
        for name in _forbidden(stiplan_imports(path))
    }


def test_presenters_import_only_the_query_layer() -> None:
    new = sorted(_offences() - KNOWN_OFFENDERS.keys())
    assert not new, (
        "presenters (cli, web, exports) import only stiplan.queries and stiplan.model; "
        f"re-export what they need from stiplan.queries: {new}"
    )


def test_known_offenders_still_offend() -> None:
    gone = sorted(KNOWN_OFFENDERS.keys() - _offences())
    assert not gone, f"fixed: remove from KNOWN_OFFENDERS: {gone}"


@pytest.mark.parametrize("place", ["cli", "cli/commands", "web/routes", "exports"])
def test_a_new_offender_in_any_presenter_module_is_caught(place: str) -> None:
    """Every module of a presenter package is read (the CLI is a package, not one file), and
    an import of the store from one of them is an offence."""
    probe = SRC / place / "probe.py"
    scanned = {path.parent for path in _files(*PRESENTERS)}
    assert any(probe.parent == d or d in probe.parent.parents for d in scanned), place
    text = "from stiplan.store import Store\nfrom stiplan.queries import documents\n"
    assert _forbidden(stiplan_imports(probe, text)) == {"stiplan.store"}


def test_every_module_of_the_cli_package_is_read() -> None:
    cli = sorted((SRC / "cli").rglob("*.py"))
    assert len(cli) >= 1 and set(cli) <= set(_files(*PRESENTERS))


def test_the_import_reader_sees_every_form() -> None:
    """The rule's own reader: a ``from`` import of a submodule, an import inside a function,
    a relative import and a plain ``import`` are all seen, as if the text stood in web/."""
    text = (
        "from stiplan import store, __version__\n"
        "def f():\n    from stiplan.analysis.progress import Status\n"
        "from ..readers import decode\n"
        "import stiplan.normalize.text\n"
    )
    assert stiplan_imports(SRC / "web" / "probe.py", text) == {
        "stiplan",
        "stiplan.store",
        "stiplan.analysis.progress",
        "stiplan.readers.decode",
        "stiplan.normalize.text",
    }


# --- the pure layers stay pure -------------------------------------------------------------


@pytest.mark.parametrize("path", _files("search"), ids=_rel)
def test_search_imports_only_itself_and_the_normalisers(path: Path) -> None:
    allowed = ("stiplan.search", "stiplan.normalize")
    assert all(_within(name, allowed) for name in stiplan_imports(path)), _rel(path)


@pytest.mark.parametrize("path", _files("search"), ids=_rel)
def test_search_has_no_sql(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "sqlite3" not in text and not re.search(r"\bSELECT\b|\bMATCH\b\s*\?", text)


@pytest.mark.parametrize("path", _files("store"), ids=_rel)
def test_the_store_does_not_import_presenters(path: Path) -> None:
    upward = ("stiplan.queries", "stiplan.cli", "stiplan.web", "stiplan.exports")
    assert not any(_within(name, upward) for name in stiplan_imports(path)), _rel(path)


@pytest.mark.parametrize("path", _files("readers", "normalize", "extract", "ingest.py"), ids=_rel)
def test_reading_does_not_import_the_store_or_later_stages(path: Path) -> None:
    later = ("stiplan.store", "stiplan.queries", "stiplan.analysis", "stiplan.cli")
    later += ("stiplan.web", "stiplan.exports")
    assert not any(_within(name, later) for name in stiplan_imports(path)), _rel(path)


_TEXT_READERS = [p for p in _files("readers") if "pdf" not in p.relative_to(SRC).parts]


@pytest.mark.parametrize("path", _TEXT_READERS, ids=_rel)
def test_the_text_readers_do_not_import_the_pdf_stage(path: Path) -> None:
    """One way: the PDF stage asks the follow-up reader what is structure (``opens_element``),
    the text readers know nothing of PDFs."""
    assert not any(_within(name, ("stiplan.readers.pdf",)) for name in stiplan_imports(path))
