"""The query layer's refusals read Japanese first: ``"日本語の文 / English sentence"``.

Every ``raise QueryError(...)`` (``UnknownId``, ``PageOutOfRange``, ``LoginRefused``… and any
other subclass) in ``src/stiplan/queries`` whose message is a string or f-string literal is
read with ``ast``: its text before the first `` / `` must hold Japanese. A message with no
literal words of its own (``str(error)``, ``f"{name}: {why}"``, a variable) passes another
error's text through and is not checked here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

QUERIES = Path(__file__).resolve().parents[2] / "src" / "stiplan" / "queries"
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
ROOTS = {"QueryError"}


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def _error_classes(trees: list[ast.Module]) -> set[str]:
    """``QueryError`` and every class of the query layer derived from it."""
    found = set(ROOTS)
    classes = [c for tree in trees for c in ast.walk(tree) if isinstance(c, ast.ClassDef)]
    grown = True
    while grown:
        new = {c.name for c in classes if any(_name(b) in found for b in c.bases)} - found
        found |= new
        grown = bool(new)
    return found


def _literal(message: ast.expr) -> str | None:
    """The message's own text, ``{}`` for each value put in; None when it is no literal."""
    if isinstance(message, ast.Constant) and isinstance(message.value, str):
        return message.value
    if isinstance(message, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "{}" for part in message.values
        )
    return None


def literal_refusals(source: str, errors: set[str]) -> list[tuple[int, str]]:
    """(line, text) of each refusal built in ``source`` (raised, or returned to be raised)
    whose message has words of its own, in line order."""
    found = []
    for node in ast.walk(ast.parse(source)):
        call = node.exc if isinstance(node, ast.Raise) else getattr(node, "value", None)
        if not isinstance(node, ast.Raise | ast.Return) or not isinstance(call, ast.Call):
            continue
        if _name(call.func) not in errors or not call.args:
            continue
        text = _literal(call.args[0])
        if text is not None and any(c.isalpha() for c in text.replace("{}", "")):
            found.append((call.lineno, text))  # else a pass-through of another error's text
    return sorted(found)


def japanese_first(text: str) -> bool:
    """Japanese, then `` / ``, then the English."""
    japanese, _, english = text.partition(" / ")
    return bool(JAPANESE.search(japanese) and english)


def english_only(source: str, errors: set[str]) -> list[tuple[int, str]]:
    """The refusals of ``source`` whose literal message is not Japanese first."""
    return [
        (line, text) for line, text in literal_refusals(source, errors) if not japanese_first(text)
    ]


def _sources() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in sorted(QUERIES.glob("*.py"))}


def test_every_literal_refusal_is_japanese_first() -> None:
    sources = _sources()
    errors = _error_classes([ast.parse(s) for s in sources.values()])
    assert {"UnknownId", "PageOutOfRange", "LoginRefused"} <= errors
    bad = [
        f"{path.name}:{line}: {text}"
        for path, source in sources.items()
        for line, text in english_only(source, errors)
    ]
    assert not bad, "messages not 'Japanese / English':\n" + "\n".join(bad)


def test_the_scan_finds_the_refusals() -> None:
    """Not vacuous: the scan sees the query layer's many literal refusals."""
    sources = _sources()
    errors = _error_classes([ast.parse(s) for s in sources.values()])
    assert sum(len(literal_refusals(s, errors)) for s in sources.values()) >= 50


def test_the_scan_tells_english_only_from_japanese_first_and_pass_through() -> None:
    source = (
        "def f(x, error):\n"
        "    if x == 1:\n"
        "        raise UnknownId(f'no thing {x!r}')\n"
        "    if x == 2:\n"
        "        raise QueryError(f'--due {x!r}: not a date (令和8年6月30日)')\n"
        "    if x == 3:\n"
        "        raise UnknownId(f'{x} はありません / no {x}')\n"
        "    if x == 4:\n"
        "        raise QueryError(str(error))\n"
        "    if x == 5:\n"
        "        raise Refused(f'{x}: {error}', 403)\n"
        "    return UnknownId('no section')\n"
    )
    errors = {"QueryError", "UnknownId", "Refused"}
    assert [line for line, _ in english_only(source, errors)] == [3, 5, 12]
