"""``stiplan.queries`` imports each re-exported name on first use (its docstring says why).

Each check that depends on what is already imported runs in a fresh interpreter, since this
test process has long imported every module.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys

from stiplan import queries
from tests.conftest import REPO


def _fresh(code: str) -> object:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(done.stdout)


def test_every_name_is_the_object_of_the_module_it_comes_from() -> None:
    exports = queries._EXPORTS  # type: ignore[attr-defined]
    assert len(exports) > 250
    for name, (module, attribute) in exports.items():
        assert getattr(queries, name) is getattr(importlib.import_module(module), attribute)
    assert set(exports) <= set(dir(queries))


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        queries.no_such_query  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as error:
        assert "no_such_query" in str(error)
    else:
        raise AssertionError("an unknown name was answered")


def test_a_function_named_like_its_module_stays_the_function() -> None:
    """Importing ``stiplan.queries.search`` binds the submodule on the package as ``search``;
    the package keeps the function ``search`` there, before and after."""
    found = _fresh(
        "import json, stiplan.queries.search, stiplan.queries.documents; "
        "from stiplan import queries; "
        "import stiplan.queries.indicators; "
        "print(json.dumps([callable(queries.search), callable(queries.documents), "
        "callable(queries.indicators), queries.search.__module__]))"
    )
    assert found == [True, True, True, "stiplan.queries.search"]


def test_the_cli_starts_without_the_analyses_and_the_survey() -> None:
    loaded = _fresh(
        "import json, sys, stiplan.cli; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith("
        "('stiplan.analysis.editions', 'stiplan.survey', 'stiplan.queries.briefings')))))"
    )
    assert loaded == []
