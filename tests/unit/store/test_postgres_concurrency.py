"""Concurrency on PostgreSQL (issue 16): writers with stores of their own (so connections of
their own, as server workers have) ingest different documents at once and the same document
twice at the same moment, while readers query in a loop and a slow reader holds a read
transaction open. Bounded in time; the run must end with zero errors, every document stored
once, the same document created by exactly one writer, and the index consistent with it."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg

from stiplan import queries
from stiplan.model import Document
from stiplan.store.postgres.store import PostgresStore
from tests.unit.store.test_concurrency import BASE, Run, edition

DEADLINE_SECONDS = 90.0


def edition_text(n: int) -> str:
    """The text of ``test_concurrency.edition(n)``, for a file."""
    return BASE.replace(
        "【あるべき姿とその実現に向けた方向性】\n",
        f"【あるべき姿とその実現に向けた方向性】\n\n版{n}の追記として、方針を確認する。\n",
        1,
    )


def reader(run: Run, url: str) -> None:
    try:
        with PostgresStore.open(url, read_only=True) as store:
            while not run.stop.is_set():
                queries.documents(store)
                queries.search(store, "研究", limit=5)
                with run.lock:
                    run.reads += 1
    except Exception as error:  # every failure is the test's finding
        run.fail("reader", error)


def slow_reader(run: Run, url: str) -> None:
    """Holds a repeatable-read transaction open for a while, again and again."""
    try:
        with psycopg.connect(url) as conn:
            while not run.stop.is_set():
                conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
                conn.execute("SELECT count(*) FROM elements").fetchone()
                time.sleep(0.3)
                conn.execute("COMMIT")
    except Exception as error:
        run.fail("slow reader", error)


def writer(
    run: Run, url: str, documents: list[Document], twice: Document, gate: threading.Barrier
) -> None:
    try:
        with PostgresStore.open(url) as store:
            for document in documents:
                store.ingest(document)
            gate.wait(timeout=DEADLINE_SECONDS)  # both writers ingest `twice` at one moment
            created = store.ingest(twice).created
            with run.lock:
                run.created.append(created)
    except Exception as error:
        gate.abort()  # the other writer must not wait for this one
        run.fail("writer", error)


class PgRun(Run):
    def __init__(self) -> None:
        super().__init__()
        self.created: list[bool] = []


def test_concurrent_ingests_and_reads_on_postgresql(postgres_url: str) -> None:
    with PostgresStore.open(postgres_url) as store:
        store.ingest(edition(0))
    editions = [edition(n) for n in range(1, 7)]
    twice = edition(7)
    run = PgRun()
    gate = threading.Barrier(2)
    readers = [threading.Thread(target=reader, args=(run, postgres_url)) for _ in range(3)]
    readers.append(threading.Thread(target=slow_reader, args=(run, postgres_url)))
    writers = [
        threading.Thread(target=writer, args=(run, postgres_url, part, twice, gate))
        for part in (editions[0::2], editions[1::2])
    ]
    for thread in readers + writers:
        thread.start()
    began = time.monotonic()
    for thread in writers:
        thread.join(timeout=max(1.0, DEADLINE_SECONDS - (time.monotonic() - began)))
    run.stop.set()
    for thread in readers:
        thread.join(timeout=10)
    assert not any(t.is_alive() for t in readers + writers), "a thread did not finish in time"
    assert run.errors == []
    assert run.reads > 0
    assert sorted(run.created) == [False, True]  # one stored it, the other found it
    with PostgresStore.open(postgres_url, read_only=True) as store:
        stored = [d.source_name for d in queries.documents(store)]
        status = store.index_status()
    assert sorted(stored) == sorted(f"edition_{n}.txt" for n in range(8))
    assert status.documents == 8 and status.stale_document_ids == ()
    with psycopg.connect(postgres_url) as conn:
        (counted,) = conn.execute(
            "SELECT count(*) = (SELECT sum(unit_count) FROM search_documents) FROM search_units"
        ).fetchone() or (False,)
    assert counted, "search_documents.unit_count disagrees with the units stored"
    assert_indexes_consistent(postgres_url)


def assert_indexes_consistent(url: str) -> None:
    """PostgreSQL's own consistency check (``amcheck``): every B-tree index agrees with its
    table (``bt_index_parent_check`` with ``heapallindexed``: each row is in its index)."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
        indexes = conn.execute(
            "SELECT c.oid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE a.amname = 'btree' AND n.nspname = 'public' AND i.indisvalid"
        ).fetchall()
        assert indexes
        for (name,) in indexes:
            conn.execute("SELECT bt_index_parent_check(%s::regclass, true)", (name,))


def test_two_ingest_processes_at_once_store_each_document_once(
    postgres_url: str, tmp_path: Path
) -> None:
    """Two ``stiplan ingest`` processes (as two workers or two analysts would run them) over
    the same database, each with two documents of its own and one they share."""
    files = []
    for n in range(5):
        path = tmp_path / f"edition_{n}.txt"
        path.write_text(edition_text(n), encoding="utf-8")
        files.append(path)
    stiplan = str(Path(sys.executable).with_name("stiplan"))
    command = [stiplan, "ingest", "--db", postgres_url, "--json"]
    runs = [
        subprocess.Popen([*command, *map(str, part)], stdout=subprocess.PIPE, text=True)
        for part in ([files[0], files[1], files[4]], [files[2], files[3], files[4]])
    ]
    outputs = [run.communicate(timeout=DEADLINE_SECONDS)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    statuses = [o["status"] for out in outputs for o in json.loads(out)]
    assert statuses.count("created") == 5 and len(statuses) == 6  # the shared one: once
    with PostgresStore.open(postgres_url, read_only=True) as store:
        stored = sorted(d.source_name for d in store.documents())
    assert stored == [f"edition_{n}.txt" for n in range(5)]
