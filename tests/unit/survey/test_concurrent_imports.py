"""Two ministries importing at the same moment, each with a store (a connection) of its own as
two server workers or two CLI runs would: both revisions are stored, both states set, both
imports in the audit trail."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from stiplan import queries
from stiplan.queries import StoreInterface
from stiplan.store import Store
from tests.unit.survey.conftest import actor, saved, workbook_of


def _own_store(store: StoreInterface, request: pytest.FixtureRequest) -> StoreInterface:
    if isinstance(store, Store):
        return Store.open(Path(store.where))
    from stiplan.store.postgres.store import PostgresStore

    return PostgresStore.open(request.getfixturevalue("postgres_url"))


def test_two_ministries_importing_at_once_both_end_with_a_revision(
    people: StoreInterface, round_id: str, request: pytest.FixtureRequest
) -> None:
    files = {
        "mext": (saved(workbook_of(people, round_id, "文")), "文部科学省.xlsx"),
        "cstp": (saved(workbook_of(people, round_id, "科技")), "科技.xlsx"),
    }
    stores = {name: _own_store(people, request) for name in files}
    start = threading.Barrier(len(files))
    failures: list[BaseException] = []

    def hand_in(name: str) -> None:
        try:
            store = stores[name]
            start.wait()
            for _ in range(3):  # three hand-ins each: revisions 1, 2, 3
                data, file_name = files[name]
                queries.import_workbook(store, actor(store, name), round_id, data, file_name)
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=hand_in, args=(name,)) for name in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for store in stores.values():
        store.close()
    assert not failures, failures
    numbers = {
        m: [r.number for r in queries.survey_revisions(people, round_id, m)] for m in ("文", "科技")
    }
    assert numbers == {"文": [1, 2, 3], "科技": [1, 2, 3]}
    states = {m.ministry: m.state for m in queries.round_status(people, round_id).ministries}
    assert states == {"文": "提出済", "科技": "提出済"}
    imports = people.audit(queries.AuditFilter(action="survey.import"), limit=10)
    assert len(imports) == 6


def test_two_cli_processes_importing_at_once_both_end_with_a_revision(
    people: StoreInterface, round_id: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The same with two ``stiplan survey import`` processes on one store."""
    db = people.where if isinstance(people, Store) else request.getfixturevalue("postgres_url")
    paths = {}
    for name, ministry in (("mext", "文"), ("cstp", "科技")):
        paths[name] = tmp_path / f"{ministry}.xlsx"
        paths[name].write_bytes(saved(workbook_of(people, round_id, ministry)))
    command = [sys.executable, "-c", "from stiplan.cli import app; app()"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    running = [
        subprocess.Popen(
            [
                *command,
                "survey",
                "import",
                round_id,
                str(path),
                "--db",
                db,
                "--user",
                name,
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name, path in paths.items()
    ]
    outcomes = [process.communicate(timeout=120) for process in running]
    assert [p.returncode for p in running] == [0, 0], outcomes
    ministries = sorted(r.ministry for r in queries.survey_revisions(people, round_id))
    assert ministries == ["文", "科技"]
