"""Writers never fail because of readers: ingests while readers hold read transactions.

Several reader threads, each with its own read-only store (as the dashboard's workers have),
query the store in a loop, and one of them keeps a read transaction open for a while, as a
slow page does; meanwhile two writer threads ingest six different editions and both ingest the
same edition once more at the same moment. Bounded in time; the run must end with every
document stored once and zero errors. (In the rollback journal a reader's lock made an ingest
fail with "database is locked"; the store now uses WAL and retries a refused begin.)
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from stiplan import queries
from stiplan.ingest import read_bytes
from stiplan.model import Document
from stiplan.store import Store
from tests.conftest import SAMPLES

DEADLINE_SECONDS = 90.0
BASE = (SAMPLES / "followup_2024.txt").read_text(encoding="utf-8")


def edition(n: int) -> Document:
    """The sample with one more prose line: another content hash, so another document."""
    text = BASE.replace(
        "【あるべき姿とその実現に向けた方向性】\n",
        f"【あるべき姿とその実現に向けた方向性】\n\n版{n}の追記として、方針を確認する。\n",
        1,
    )
    return read_bytes(text.encode("utf-8"), f"edition_{n}.txt")


class Run:
    def __init__(self) -> None:
        self.stop = threading.Event()
        self.errors: list[str] = []
        self.reads = 0
        self.lock = threading.Lock()

    def fail(self, where: str, error: BaseException) -> None:
        with self.lock:
            self.errors.append(f"{where}: {type(error).__name__}: {error}")


def reader(run: Run, path: Path) -> None:
    try:
        with Store.open(path, read_only=True) as store:
            while not run.stop.is_set():
                queries.documents(store)
                queries.search(store, "研究", limit=5)
                with run.lock:
                    run.reads += 1
    except Exception as error:  # every failure is the test's finding
        run.fail("reader", error)


def slow_reader(run: Run, path: Path) -> None:
    """Holds a read transaction open for a while, again and again, as a slow page does."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        while not run.stop.is_set():
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM elements").fetchone()
            time.sleep(0.3)
            conn.execute("COMMIT")
        conn.close()
    except Exception as error:
        run.fail("slow reader", error)


def writer(run: Run, path: Path, documents: list[Document]) -> None:
    try:
        with Store.open(path) as store:
            for document in documents:
                store.ingest(document)
    except Exception as error:
        run.fail("writer", error)


def test_ingests_succeed_while_readers_read(tmp_path: Path) -> None:
    path = tmp_path / "busy.sqlite"
    with Store.open(path) as store:
        store.ingest(edition(0))
    editions = [edition(n) for n in range(1, 7)]
    twice = edition(7)
    run = Run()
    readers = [threading.Thread(target=reader, args=(run, path)) for _ in range(3)]
    readers.append(threading.Thread(target=slow_reader, args=(run, path)))
    writers = [
        threading.Thread(target=writer, args=(run, path, [*editions[0::2], twice])),
        threading.Thread(target=writer, args=(run, path, [*editions[1::2], twice])),
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
    with Store.open(path, read_only=True) as store:
        stored = {d.source_name for d in queries.documents(store)}
    assert stored == {f"edition_{n}.txt" for n in range(8)}
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
