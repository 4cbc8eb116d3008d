"""Round trips: what goes in comes back equal, both through the pure codec and the database."""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from stiplan.store.decode import decode_document
from stiplan.store.encode import encode_document

from .conftest import make_briefing, make_document

T = TypeVar("T")


def test_codec_round_trip_without_database(doc: Document) -> None:
    assert decode_document(encode_document(doc, "2024-01-01T00:00:00+00:00")) == doc


def test_database_round_trip_of_a_rich_document(store: Store, doc: Document) -> None:
    result = store.ingest(doc)
    assert result.created
    assert result.document_id == doc.id
    assert store.load_document(doc.id) == doc


def test_round_trip_survives_reopening_the_file(db_path: Path, doc: Document) -> None:
    with Store.open(db_path) as first:
        first.ingest(doc)
    with Store.open(db_path) as second:
        loaded = second.load_document(doc.id)
    assert loaded == doc
    # Decimal exactness: the written form comes back, not a float approximation.
    target = loaded.chapters[0].sections[0].targets[0]
    assert target.quantity is not None
    assert str(target.quantity.value) == "2.0"
    observation = loaded.chapters[0].sections[0].indicators[0].observations[2]
    assert observation.quantity is not None
    assert observation.quantity.value == Decimal("1050000000000")


def test_a_briefing_round_trips_through_codec_and_database(store: Store) -> None:
    briefing = make_briefing()
    assert decode_document(encode_document(briefing, "t")) == briefing
    store.ingest(briefing)
    assert store.load_document(briefing.id) == briefing


def test_empty_document_round_trips(store: Store) -> None:
    empty = Document("e", DocumentKind.SLIDES, "e.txt", "h-e", "", lines=[])
    store.ingest(empty)
    assert store.load_document("e") == empty


# -- hypothesis -----------------------------------------------------------------------------

NASTY = [
    "'; DROP TABLE documents; --",
    "<script>alert(1)</script>",
    "\"quoted\" and 'single'",
    "Robert'); DELETE FROM elements;--",
    "😀🇯🇵 科学技術・イノベーション",
    "",
    " ",
    "\\",
    "%_*",
    "\u3000全角空白\u3000",
]
texts = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30),
)
short_ids = st.text(string.ascii_letters + string.digits + ":._-'\"; ", min_size=1, max_size=8)
decimals = st.decimals(allow_nan=False, allow_infinity=False)
small = st.integers(min_value=-(2**31), max_value=2**31)


@st.composite
def spans(draw: st.DrawFn) -> Span:
    first = draw(st.integers(min_value=1, max_value=10_000))
    return Span(first, first + draw(st.integers(min_value=0, max_value=50)))


@st.composite
def pdf_spans(draw: st.DrawFn) -> Span:
    """A span that may carry a PDF page and box: elements, slides and blocks keep both."""
    lines = draw(spans())
    page = draw(st.none() | st.integers(min_value=1, max_value=999))
    if page is None:
        return lines
    corner = st.floats(allow_nan=False, allow_infinity=False, width=32)
    box = draw(st.none() | st.tuples(corner, corner, corner, corner))
    return Span(lines.first_line, lines.last_line, page, box)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(st.dates(min_value=date(1868, 1, 1)))
    end = draw(st.dates(min_value=start))
    return Period(start, end, draw(st.sampled_from(PeriodKind)), draw(texts))


deadlines = st.builds(Deadline, periods(), st.sampled_from(DeadlineKind), texts)
ministries = st.builds(MinistryRef, texts, st.booleans(), texts)
quantities = st.builds(
    Quantity,
    value=decimals,
    unit=texts,
    text=texts,
    qualifier=st.none() | st.sampled_from(Qualifier),
    scale=small,
    provisional=st.booleans(),
    of=st.none() | decimals,
    per=st.none() | texts,
    baseline=st.none() | periods(),
    derived=st.booleans(),
)
numbers = st.lists(small, max_size=3)


class _Ids:
    """Unique element ids for one drawn document: a drawn stem plus a counter."""

    def __init__(self, stem: str) -> None:
        self.stem = stem
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return f"{self.stem}{self.count}"


@st.composite
def documents(draw: st.DrawFn) -> Document:
    ids = _Ids(draw(short_ids))

    def few(build: Callable[[], T], most: int = 2) -> list[T]:
        return [build() for _ in range(draw(st.integers(0, most)))]

    def observation() -> Observation:
        return Observation(
            ids(),
            draw(texts),
            draw(pdf_spans()),
            draw(texts),
            draw(st.none() | quantities),
            draw(st.none() | periods()),
        )

    def indicator() -> Indicator:
        return Indicator(
            ids(),
            draw(texts),
            draw(pdf_spans()),
            draw(numbers),
            draw(texts),
            draw(texts),
            few(observation),
        )

    def goal() -> Goal:
        return Goal(ids(), draw(texts), draw(texts), draw(pdf_spans()), draw(numbers))

    def target() -> Target:
        return Target(
            ids(),
            draw(texts),
            draw(pdf_spans()),
            draw(numbers),
            draw(texts),
            draw(texts),
            draw(st.none() | quantities),
            draw(st.none() | periods()),
        )

    def action() -> Action:
        return Action(
            ids(),
            draw(texts),
            draw(pdf_spans()),
            draw(st.lists(ministries, max_size=3)),
            draw(numbers),
            draw(st.lists(deadlines, max_size=2)),
            draw(st.booleans()),
        )

    def status_item() -> StatusItem:
        return StatusItem(
            ids(),
            draw(texts),
            draw(pdf_spans()),
            draw(st.lists(ministries, max_size=2)),
            draw(numbers),
            draw(st.booleans()),
        )

    def initiative() -> Initiative:
        return Initiative(
            ids(),
            draw(small),
            draw(texts),
            draw(pdf_spans()),
            draw(st.lists(ministries, max_size=3)),
            draw(st.booleans()),
            draw(numbers),
            draw(st.lists(deadlines, max_size=2)),
            few(status_item),
            few(action),
        )

    def paragraph() -> Paragraph:
        return Paragraph(ids(), draw(texts), draw(pdf_spans()), draw(numbers))

    def subsection() -> Subsection:
        return Subsection(
            ids(), draw(small), draw(texts), draw(pdf_spans()), few(initiative), few(paragraph)
        )

    def section() -> Section:
        paragraphs = few(paragraph)
        return Section(
            ids(),
            draw(small),
            draw(texts),
            draw(pdf_spans()),
            paragraphs,
            few(goal),
            few(target),
            few(indicator),
            few(subsection),
        )

    def chapter() -> Chapter:
        return Chapter(
            ids(),
            draw(small),
            draw(texts),
            draw(pdf_spans()),
            few(goal),
            few(indicator),
            few(section),
        )

    def block() -> Block:
        return Block(
            ids(),
            draw(st.sampled_from(BlockKind)),
            draw(texts),
            draw(pdf_spans()),
            draw(small),
            draw(st.lists(texts, max_size=3)),
            draw(st.lists(texts, max_size=2)),
            draw(st.booleans()),
            draw(st.booleans()),
        )

    def slide() -> Slide:
        return Slide(ids(), draw(small), draw(texts), draw(pdf_spans()), few(block, 3))

    def extractions() -> Extractions:
        return Extractions(
            programmes=few(
                lambda: Programme(
                    ids(),
                    draw(texts),
                    draw(st.sampled_from(ProgrammeKind)),
                    draw(texts),
                    draw(spans()),
                    draw(texts),
                )
            ),
            decisions=few(
                lambda: Decision(
                    ids(),
                    draw(periods()),
                    draw(texts),
                    draw(texts),
                    draw(texts),
                    draw(texts),
                    draw(spans()),
                    draw(texts),
                    draw(st.booleans()),
                )
            ),
            targets=few(
                lambda: NumericTarget(
                    ids(),
                    draw(texts),
                    draw(quantities),
                    draw(st.none() | periods()),
                    draw(texts),
                    draw(spans()),
                    draw(texts),
                )
            ),
            budgets=few(
                lambda: Budget(
                    ids(),
                    draw(texts),
                    draw(quantities),
                    draw(st.none() | periods()),
                    draw(texts),
                    draw(texts),
                    draw(spans()),
                    draw(texts),
                )
            ),
            organisations=few(
                lambda: Organisation(ids(), draw(texts), draw(texts), draw(spans()), draw(texts))
            ),
        )

    chapters = few(chapter)
    slides = few(slide)
    found = extractions()
    footnotes = [
        Footnote(
            ids(),
            draw(small),
            draw(texts),
            draw(pdf_spans()),
            draw(st.lists(short_ids, max_size=3)),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    warnings = draw(st.lists(st.builds(Warning, texts, texts, small), max_size=3))
    return Document(
        id=draw(short_ids),
        kind=draw(st.sampled_from(DocumentKind)),
        source_name=draw(texts),
        content_hash=draw(texts),
        title=draw(texts),
        lines=draw(st.lists(texts, max_size=5)),
        edition=draw(texts),
        chapters=chapters,
        footnotes=footnotes,
        warnings=warnings,
        slides=slides,
        extractions=found,
        plan=draw(st.none() | st.integers(min_value=1, max_value=20)),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_document_round_trips_through_the_database(document: Document) -> None:
    with Store.memory() as fresh:
        assert fresh.ingest(document).created
        assert fresh.load_document(document.id) == document


@settings(max_examples=100, deadline=None)
@given(documents())
def test_any_document_round_trips_through_the_codec(document: Document) -> None:
    assert decode_document(encode_document(document, "t")) == document


def test_factory_editions_share_element_ids_when_asked() -> None:
    a = make_document("a", "ha", prefix="x")
    b = make_document("b", "hb", prefix="x")
    assert a.chapters[0].id == b.chapters[0].id
