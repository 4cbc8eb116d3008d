"""Two ministries importing at the same moment, each with a store (a connection) of its own as
two server workers or two CLI runs would: both revisions are stored, both states set, both
imports in the audit trail."""

from __future__ import annotations

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
