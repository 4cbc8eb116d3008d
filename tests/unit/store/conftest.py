"""A factory of documents built in code, and helpers to look at the raw tables.

The documents are made up for the tests (no corpus text): small enough to reason about, rich
enough to touch every table and every value type.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from stiplan.model import (
    Action,
    Block,
    BlockKind,
    Budget,
    Chapter,
    Deadline,
    DeadlineKind,
    Decision,
    Document,
    DocumentKind,
    Extractions,
    Footnote,
    Goal,
    Indicator,
    Initiative,
    MinistryRef,
    NumericTarget,
    Observation,
    Organisation,
    Paragraph,
    Period,
    PeriodKind,
    Programme,
    ProgrammeKind,
    Qualifier,
    Quantity,
    Section,
    Slide,
    Span,
    StatusItem,
    Subsection,
    Target,
    Warning,
)
from stiplan.store import Store
from stiplan.store.interface import StoreInterface
from stiplan.store.tables import Record

Snapshot = dict[str, list[tuple[object, ...]]]


def fy(year: int, text: str = "") -> Period:
    """A fiscal year period (April–March)."""
    return Period(
        date(year, 4, 1), date(year + 1, 3, 31), PeriodKind.FISCAL_YEAR, text or f"{year}年度"
    )


def by(year: int) -> Deadline:
    """A ``YYYY年度までに`` deadline."""
    return Deadline(fy(year), DeadlineKind.BY, f"{year}年度までに")


def lead(code: str) -> MinistryRef:
    return MinistryRef(code, lead=True, raw=f"<u>{code}</u>")


def plain(code: str) -> MinistryRef:
    return MinistryRef(code, lead=False, raw=code)


def _initiative(
    p: str,
    ident: str,
    number: int,
    line: int,
    ministries: list[MinistryRef],
    *,
    repeated: bool = False,
    footnotes: list[int] | None = None,
    deadlines: list[Deadline] | None = None,
    status_items: list[StatusItem] | None = None,
    actions: list[Action] | None = None,
) -> Initiative:
    """An initiative; by default with one plain status item and one untagged action."""
    default_item = StatusItem(f"{p}{ident}.st1", f"実施状況 {ident}", Span(line + 1, line + 1))
    default_action = Action(f"{p}{ident}.a1", f"今後の取組 {ident}", Span(line + 2, line + 2))
    return Initiative(
        f"{p}{ident}",
        number,
        f"取組 {ident} を推進する。",
        Span(line, line + 2),
        ministries=ministries,
        repeated=repeated,
        footnotes=footnotes or [],
        deadlines=deadlines or [],
        status_items=[default_item] if status_items is None else status_items,
        actions=[default_action] if actions is None else actions,
    )


def make_document(
    doc_id: str = "doc2023",
    content_hash: str = "hash-2023",
    edition: str = "2023",
    prefix: str | None = None,
) -> Document:
    """A follow-up report with two chapters, three sections and five initiatives.

    ``prefix`` starts every element id (default: the document id), so two editions can be
    made with the same element ids by passing the same prefix.

    Ministry layout, which the filter tests rely on:
    - 1.(1) ① i1: 【<u>文</u>、経】; status item 【文】; action 【<u>総</u>、文】
    - 1.(1) ① i2: 【経】 (repeated); action 【文】
    - 1.(2) ① i3: 【<u>環</u>】
    - 1.(2) ② i4: 【文】; action 【<u>国</u>】
    - 2.(2) ① i5: 【<u>文</u>】
    """
    p = f"{prefix if prefix is not None else doc_id}:"
    lines = [f"行{n} テキスト ' \" ; <b>" for n in range(1, 61)]
    target = Target(
        f"{p}s11.t1",
        "論文数を約2倍にする",
        Span(6, 7),
        footnotes=[1],
        name="論文数",
        value_text="約2倍",
        quantity=Quantity(
            Decimal("2.0"),
            "倍",
            "約2倍",
            qualifier=Qualifier.ABOUT,
            baseline=fy(2000, "2000年度"),
        ),
        period=fy(2025, "2025年度"),
    )
    observations = [
        Observation(
            f"{p}s11.ind1.o1",
            "男性 72.57歳（令和4年）",
            Span(9, 9),
            label="男性",
            quantity=Quantity(Decimal("72.57"), "歳", "72.57歳"),
            period=Period(date(2022, 1, 1), date(2022, 12, 31), PeriodKind.YEAR, "令和4年"),
        ),
        Observation(
            f"{p}s11.ind1.o2",
            "38位／67か国（暫定値）",
            Span(10, 10),
            label="順位",
            quantity=Quantity(
                Decimal("38"), "位", "38位／67か国", provisional=True, of=Decimal("67")
            ),
        ),
        Observation(
            f"{p}s11.ind1.o3",
            "1兆500億円/年",
            Span(10, 10),
            quantity=Quantity(Decimal("1050000000000"), "円", "1兆500億円", scale=12, per="年"),
        ),
    ]
    s11 = Section(
        f"{p}s11",
        1,
        "研究力の強化",
        Span(3, 20),
        paragraphs=[Paragraph(f"{p}s11.p1", "あるべき姿。", Span(4, 4), footnotes=[1, 2])],
        goals=[Goal(f"{p}s11.g1", "section", "目標を達成する", Span(5, 5))],
        targets=[target],
        indicators=[
            Indicator(
                f"{p}s11.ind1",
                "参考指標",
                Span(8, 10),
                footnotes=[2],
                name="健康寿命",
                value_text="72.57歳",
                observations=observations,
            )
        ],
        subsections=[
            Subsection(
                f"{p}s11.ss1",
                1,
                "人材",
                Span(11, 20),
                initiatives=[
                    _initiative(
                        p,
                        "i1",
                        1,
                        12,
                        ministries=[lead("文"), plain("経")],
                        footnotes=[1],
                        deadlines=[by(2025), Deadline(fy(2023), DeadlineKind.TARGET, "目途")],
                        status_items=[
                            StatusItem(f"{p}i1.st1", "状況", Span(13, 13), ministries=[plain("文")])
                        ],
                        actions=[
                            Action(
                                f"{p}i1.a1",
                                "次の一手",
                                Span(14, 14),
                                ministries=[lead("総"), plain("文")],
                                deadlines=[by(2024)],
                                footnotes=[2],
                            )
                        ],
                    ),
                    _initiative(
                        p,
                        "i2",
                        2,
                        15,
                        ministries=[plain("経")],
                        repeated=True,
                        actions=[
                            Action(
                                f"{p}i2.a1",
                                "再掲の一手",
                                Span(17, 17),
                                ministries=[plain("文")],
                                repeated=True,
                            )
                        ],
                    ),
                ],
            )
        ],
    )
    s12 = Section(
        f"{p}s12",
        2,
        "産学連携",
        Span(21, 35),
        subsections=[
            Subsection(
                f"{p}s12.ss1",
                1,
                "環境",
                Span(22, 27),
                initiatives=[_initiative(p, "i3", 1, 23, ministries=[lead("環")])],
            ),
            Subsection(
                f"{p}s12.ss2",
                2,
                "国土",
                Span(28, 35),
                initiatives=[
                    _initiative(
                        p,
                        "i4",
                        1,
                        29,
                        ministries=[plain("文")],
                        actions=[
                            Action(f"{p}i4.a1", "整備", Span(31, 31), ministries=[lead("国")])
                        ],
                    )
                ],
            ),
        ],
    )
    s22 = Section(
        f"{p}s22",
        2,
        "社会実装",
        Span(41, 55),
        subsections=[
            Subsection(
                f"{p}s22.ss1",
                1,
                "実装",
                Span(42, 55),
                initiatives=[_initiative(p, "i5", 1, 43, ministries=[lead("文")])],
            )
        ],
    )
    chapters = [
        Chapter(
            f"{p}c1",
            1,
            "知の創出",
            Span(1, 35),
            goals=[Goal(f"{p}c1.g1", "chapter", "大目標", Span(2, 2))],
            indicators=[Indicator(f"{p}c1.ind1", "章の指標", Span(2, 2))],
            sections=[s11, s12],
        ),
        Chapter(f"{p}c2", 2, "社会の変革", Span(40, 55), sections=[s22]),
    ]
    return Document(
        id=doc_id,
        kind=DocumentKind.FOLLOWUP,
        source_name=f"followup-{edition}.md",
        content_hash=content_hash,
        title="フォローアップ",
        lines=lines,
        edition=edition,
        chapters=chapters,
        footnotes=[
            Footnote(f"{p}fn1", 1, "内閣府調べ", Span(58, 58), [f"{p}s11.p1", f"{p}s11.t1"]),
            Footnote(f"{p}fn2", 2, "文部科学省調べ", Span(59, 59), [f"{p}s11.p1"]),
        ],
        warnings=[
            Warning("unknown_ministry", "府省略称「謎」が辞書にありません", 12),
            Warning("odd_number", "数値が読めません", 9),
        ],
    )


def make_briefing(doc_id: str = "brief25", content_hash: str = "hash-brief-2025") -> Document:
    """A slide deck with two slides and one mention of every kind.

    Slide 1 (lines 1–6): a title, a bold bullet with a nested bullet, a table row, a source.
    Slide 2 (lines 8–12): a repaired (vertical) paragraph and a garbled one.
    """
    p = f"{doc_id}:"
    lines = [f"スライド行{n} ' \" ;" for n in range(1, 13)]
    s1 = Slide(
        f"{p}sl1",
        1,
        "研究力強化の方向性",
        Span(1, 6),
        [
            Block(f"{p}sl1.b1", BlockKind.TITLE, "研究力強化の方向性", Span(1, 1)),
            Block(
                f"{p}sl1.b2",
                BlockKind.BULLET,
                "SIPを推進する",
                Span(2, 2),
                bold=["SIP"],
            ),
            Block(f"{p}sl1.b3", BlockKind.BULLET, "博士人材を倍増", Span(3, 3), level=2),
            Block(
                f"{p}sl1.b4",
                BlockKind.TABLE_ROW,
                "年度 | 予算",
                Span(4, 4),
                cells=["年度", "", "予算"],
            ),
            Block(f"{p}sl1.b5", BlockKind.SOURCE, "出典：内閣府作成", Span(5, 6)),
        ],
    )
    s2 = Slide(
        f"{p}sl2",
        2,
        "",
        Span(8, 12),
        [
            Block(f"{p}sl2.b1", BlockKind.PARAGRAPH, "内閣府", Span(8, 10), repaired=True),
            Block(f"{p}sl2.b2", BlockKind.PARAGRAPH, "読めない क", Span(12, 12), garbled=True),
        ],
    )
    day = Period(date(2025, 6, 6), date(2025, 6, 6), PeriodKind.DAY, "令和7年6月6日")
    found = Extractions(
        programmes=[
            Programme(
                f"{p}pg1",
                "戦略的イノベーション創造プログラム",
                ProgrammeKind.PROGRAMME,
                "SIP",
                Span(2, 2),
                f"{p}sl1.b2",
            )
        ],
        decisions=[
            Decision(
                f"{p}dc1",
                day,
                "閣議",
                "研究力強化戦略",
                "閣議決定",
                "「研究力強化戦略」（令和7年6月6日閣議決定）",
                Span(2, 2),
                f"{p}sl1.b2",
                planned=True,
            )
        ],
        targets=[
            NumericTarget(
                f"{p}nt1",
                "博士人材",
                Quantity(Decimal(2), "倍", "倍増", baseline=fy(2020, "2020年度")),
                Period(date(2030, 1, 1), date(2030, 12, 31), PeriodKind.YEAR, "2030年"),
                "博士人材を倍増",
                Span(3, 3),
                f"{p}sl1.b3",
            )
        ],
        budgets=[
            Budget(
                f"{p}bg1",
                "戦略的イノベーション創造プログラム",
                Quantity(Decimal("28000000000"), "円", "280億円", scale=8),
                fy(2025, "令和7年度"),
                "補正予算",
                "令和7年度補正予算 280億円",
                Span(4, 4),
                f"{p}sl1.b4",
            ),
            Budget(
                f"{p}bg2",
                "大学ファンド",
                Quantity(Decimal(1), "円", "1円"),
                None,
                "基金",
                "",
                Span(4, 4),
                f"{p}sl1.b4",
            ),
        ],
        organisations=[
            Organisation(f"{p}og1", "内閣府", "内閣府", Span(5, 5), f"{p}sl1.b5"),
        ],
    )
    return Document(
        id=doc_id,
        kind=DocumentKind.SLIDES,
        source_name="briefing-2025.txt",
        content_hash=content_hash,
        title="研究力強化の方向性",
        lines=lines,
        edition="2025",
        warnings=[Warning("garbled_text", "読めない文字", 12)],
        slides=[s1, s2],
        extractions=found,
    )


def snapshot(path: Path) -> Snapshot:
    """Every row of every stiplan table, sorted, read with a separate plain connection.

    SQLite's own tables (``sqlite_stat1``, the planner statistics ``ingest`` refreshes) are
    not data and are left out.
    """
    with sqlite3.connect(path) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
            )
        ]
        result = {
            t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables
        }
    conn.close()
    return result


FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_docsize", "_config", "_content")


def logical(tables: Snapshot) -> Snapshot:
    """A snapshot without FTS5's shadow tables, whose bytes keep deletion records.

    A rolled-back transaction restores them exactly (so failure tests compare raw snapshots);
    a deletion leaves them different from a never-written index even though the index holds
    no term any more, which ``indexed_terms`` checks instead.
    """
    return {
        name: rows
        for name, rows in tables.items()
        if not (name.startswith("search_fts") and name.endswith(FTS_SHADOW_SUFFIXES))
    }


def indexed_terms(path: Path) -> list[tuple[str, int]]:
    """Every term in the full-text index with the number of units holding it (fts5vocab)."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, search_fts, 'row')")
        found = [(str(t), int(n)) for t, n in conn.execute("SELECT term, doc FROM vocab")]
    conn.close()
    return found


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "stiplan.sqlite"


Snap = Callable[[], Snapshot]
"""Every row of every table of the store under test, as ``snapshot`` reads them."""
InsertRows = Callable[[Any, str, list[Record]], None]


def postgres_snapshot(url: str) -> Snapshot:
    """``snapshot`` of a PostgreSQL database: every table of the public schema, rows sorted."""
    import psycopg

    with psycopg.connect(url) as conn:
        query = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        tables = [str(r[0]) for r in conn.execute(query)]
        return {
            t: sorted(conn.execute(f"SELECT * FROM {t}".encode()).fetchall(), key=repr)
            for t in tables
        }


@pytest.fixture
def snap(backend: str, request: pytest.FixtureRequest) -> Snap:
    """A snapshot of the store under test, taken when called (either backend)."""
    if backend == "postgres":
        url = request.getfixturevalue("postgres_url")
        return lambda: postgres_snapshot(url)
    path = request.getfixturevalue("db_path")
    return lambda: snapshot(path)


def replace_insert_rows(
    monkeypatch: pytest.MonkeyPatch, make: Callable[[InsertRows], InsertRows]
) -> None:
    """Put ``make(real)`` in place of the row writer of both backends (a seam to break an
    ingest at a chosen table)."""
    from stiplan.store.postgres import writes
    from stiplan.store.sqlite import inserts

    monkeypatch.setattr(inserts, "insert_rows", make(inserts.insert_rows))
    monkeypatch.setattr(writes, "insert_rows", make(writes.insert_rows))


BACKENDS = ("sqlite", "postgres")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that takes ``store`` runs on both backends, unless it also looks at the
    SQLite file itself (asks for ``db_path``) or is marked ``sqlite_only`` (FTS5 internals,
    SQLite locking); those run on SQLite alone."""
    if "store" not in metafunc.fixturenames:
        return
    sqlite_only = "db_path" in metafunc.fixturenames or any(
        mark.name == "sqlite_only" for mark in metafunc.definition.iter_markers()
    )
    metafunc.parametrize("backend", ("sqlite",) if sqlite_only else BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(backend: str, request: pytest.FixtureRequest) -> Iterator[StoreInterface]:
    """An open, empty store: SQLite at ``db_path``, or a fresh PostgreSQL database."""
    if backend == "postgres":
        from stiplan.store.postgres.store import PostgresStore

        with PostgresStore.open(request.getfixturevalue("postgres_url")) as pg:
            yield pg
        return
    with Store.open(request.getfixturevalue("db_path")) as opened:
        yield opened


@pytest.fixture
def doc() -> Document:
    return make_document()
