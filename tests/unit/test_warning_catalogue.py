"""Every warning code the code base can store has a Japanese and an English label and
explanation in ``web/warning_catalogue.py``.

The codes are collected from the source with ``ast``: the first argument (or ``code=``) of
every call to ``Warning(…)`` or a ``warn(…)`` helper, as a string literal, a module constant
or a local name whose assignments hold string literals (``kind = "a" if … else "b"``). A
name that is a parameter of the enclosing function is a pass-through helper (its callers are
read instead); anything else fails the test, so a new way of building a warning cannot slip
past unseen.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from stiplan.model import Warning
from stiplan.web.warning_catalogue import WARNINGS, warning_explanation, warning_label

SRC = Path(__file__).resolve().parents[2] / "src" / "stiplan"
BUILDERS = frozenset({"Warning", "warn", "_warn"})


def _strings(node: ast.AST) -> set[str]:
    return {
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def _assigned(scope: ast.AST, name: str) -> set[str]:
    """String literals assigned to ``name`` anywhere in ``scope``."""
    found: set[str] = set()
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                found |= _strings(node.value)
    return found


def _parameters(tree: ast.Module) -> dict[int, set[str]]:
    """Line → parameter names of the functions around that line."""
    around: dict[int, set[str]] = {}
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            names = {a.arg for a in [*fn.args.args, *fn.args.kwonlyargs, *fn.args.posonlyargs]}
            for line in range(fn.lineno, (fn.end_lineno or fn.lineno) + 1):
                around.setdefault(line, set()).update(names)
    return around


def _code_argument(call: ast.Call) -> ast.expr | None:
    if call.args:
        return call.args[0]
    return next((k.value for k in call.keywords if k.arg == "code"), None)


def _builder(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def emitted_codes() -> tuple[set[str], list[str]]:
    """Every warning code in the source, and the calls whose code could not be read."""
    codes: set[str] = set()
    unread: list[str] = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        params = _parameters(tree)
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or _builder(call) not in BUILDERS:
                continue
            arg = _code_argument(call)
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                codes.add(arg.value)
            elif isinstance(arg, ast.Name) and _assigned(tree, arg.id):
                codes |= _assigned(tree, arg.id)
            elif not (isinstance(arg, ast.Name) and arg.id in params.get(call.lineno, set())):
                unread.append(f"{path.relative_to(SRC)}:{call.lineno}")
    return codes, unread


def test_the_collector_reads_every_way_a_warning_is_built() -> None:
    codes, unread = emitted_codes()
    assert not unread, f"warning code not readable from the source: {unread}"
    # the known shapes: a literal, a module constant, a conditional local, a truncation constant
    assert {"cells_merged", "plan_unknown", "unknown_ministry_code", "file_ends_mid_element"} <= (
        codes
    )


def test_every_emitted_code_has_both_labels_and_explanations() -> None:
    codes, _ = emitted_codes()
    missing = sorted(codes - WARNINGS.keys())
    assert not missing, f"add these codes to web/warning_catalogue.py: {missing}"
    for code in codes:
        entry = WARNINGS[code]
        assert entry.label_ja and entry.label_en and entry.explanation_ja and entry.explanation_en
        assert not entry.label_ja.isascii() and entry.label_en.isascii(), code


def test_the_catalogue_holds_no_stale_code() -> None:
    codes, _ = emitted_codes()
    assert WARNINGS.keys() <= codes, sorted(WARNINGS.keys() - codes)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_labels_in_each_language_and_an_unknown_code_shown_as_is(lang: str) -> None:
    assert warning_label("cells_merged", lang) == WARNINGS["cells_merged"].label(lang)
    assert warning_label("from_a_newer_version", lang) == "from_a_newer_version"
    assert warning_explanation("from_a_newer_version", lang) == ""
    assert Warning("cells_merged", "…", 1).code in WARNINGS
