"""The document codec as data: for every kind of row, which model class it is, which table and
columns it fills, and how each attribute becomes a column value and back.

``encode.py`` (Document → rows) and ``decode.py`` (rows → Document) are walkers over these
tables and hold no per-kind code, so a new field is one edit here (with its column in
``tables.py`` and a migration). Each conversion keeps both directions side by side
(``Convert``), and so do spans and the ``attrs`` JSON.

- A ``Kind`` is one row per model object in its own table: the tree's elements (all in
  ``elements``, told apart by ``type``), slides, blocks and the five kinds of mention.
- A ``Side`` is a value of an object kept in a side table under the object's id: ministries,
  cited footnotes, a quantity, periods, deadlines, the elements citing a footnote.
- A ``Shape`` is a value type as columns of one row (a ``Period``, a ``Quantity``…).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Final

from stiplan.model import (
    Action,
    Block,
    BlockKind,
    Budget,
    Chapter,
    Deadline,
    DeadlineKind,
    Decision,
    DocumentKind,
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
from stiplan.store.tables import COLUMNS, Record

# -- conversions ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Convert:
    """How an attribute's value becomes a column value (``dump``) and back (``load``)."""

    dump: Callable[[Any], Any]
    load: Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _string_list(text: str) -> list[str]:
    value = json.loads(text)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"not a JSON list of strings: {text[:80]!r}")
    return value


def enum(kind: type[Enum]) -> Convert:
    """An enum member stored as its value."""
    return Convert(lambda member: member.value, kind)


def optional(inner: Convert) -> Convert:
    """``inner`` for a value that may be missing (NULL both ways)."""
    return Convert(
        lambda value: None if value is None else inner.dump(value),
        lambda value: None if value is None else inner.load(value),
    )


TEXT: Final = Convert(_same, _same)
INT: Final = Convert(_same, int)
BOOL: Final = Convert(_same, bool)  # 0/1 in SQLite, a boolean elsewhere
DECIMAL: Final = Convert(str, Decimal)  # text keeps a decimal exact: 2.0 stays 2.0
DATE: Final = Convert(date.isoformat, date.fromisoformat)
STRINGS: Final = Convert(lambda items: json.dumps(items, ensure_ascii=False), _string_list)


@dataclass(frozen=True, slots=True)
class Field:
    """One attribute of a model object kept in one column (or one key of the attrs JSON)."""

    column: str
    attr: str
    convert: Convert = TEXT


def fields(*names: str | tuple[str, Convert] | Field) -> tuple[Field, ...]:
    """Fields from short forms: ``"title"`` (same name, text), ``("number", INT)``."""
    made: list[Field] = []
    for name in names:
        if isinstance(name, Field):
            made.append(name)
        elif isinstance(name, str):
            made.append(Field(name, name))
        else:
            made.append(Field(name[0], name[0], name[1]))
    return tuple(made)


# -- spans and attrs: both directions ----------------------------------------------------------


def span_columns(span: Span, table: str) -> Record:
    """A span as the columns ``table`` has: its lines, and where the table keeps them (elements,
    slides, blocks) the page and box (JSON) of a PDF's element."""
    values = {
        "first_line": span.first_line,
        "last_line": span.last_line,
        "page": span.page,
        "box": json.dumps(list(span.box)) if span.box is not None else None,
    }
    return {column: value for column, value in values.items() if column in COLUMNS[table]}


def span_from_row(row: Record) -> Span:
    """The ``first_line``/``last_line`` pair of a row, with the ``page`` and ``box`` of a PDF's
    element when the row has them (migration 0009)."""
    page, box = row.get("page"), row.get("box")
    if page is None:
        return Span(int(row["first_line"]), int(row["last_line"]))
    corners = json.loads(box) if box else None
    return Span(
        int(row["first_line"]),
        int(row["last_line"]),
        int(page),
        (float(corners[0]), float(corners[1]), float(corners[2]), float(corners[3]))
        if corners
        else None,
    )


# json.dumps with any option builds a new encoder for every call; every element has attrs.
_ATTRS_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def dump_attrs(attrs: dict[str, Any]) -> str:
    """The ``attrs`` JSON text: sorted keys and real characters, so it is stable and readable."""
    return _ATTRS_ENCODER.encode(attrs)


def load_attrs(text: str) -> dict[str, Any]:
    """The ``attrs`` column as a dict (always a JSON object)."""
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError(f"attrs is not a JSON object: {text[:80]!r}")
    return value


# -- value types ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Shape:
    """A value type as columns of one row; ``inline`` are value attributes stored in the same
    row (a deadline's period)."""

    model: Callable[..., Any]
    fields: tuple[Field, ...]
    inline: tuple[tuple[str, Shape], ...] = ()

    def dump(self, value: Any) -> Record:
        row = {f.column: f.convert.dump(getattr(value, f.attr)) for f in self.fields}
        for attr, shape in self.inline:
            row.update(shape.dump(getattr(value, attr)))
        return row

    def load(self, row: Record, **more: Any) -> Any:
        values = {f.attr: f.convert.load(row[f.column]) for f in self.fields}
        values.update({attr: shape.load(row) for attr, shape in self.inline})
        return self.model(**values, **more)


@dataclass(frozen=True, slots=True)
class Scalar:
    """A plain value (a footnote number, an element id) as one column."""

    column: str
    convert: Convert = TEXT

    def dump(self, value: Any) -> Record:
        return {self.column: self.convert.dump(value)}

    def load(self, row: Record, **more: Any) -> Any:
        return self.convert.load(row[self.column])


PERIOD: Final = Shape(
    Period,
    fields(
        Field("start_date", "start", DATE),
        Field("end_date", "end", DATE),
        ("kind", enum(PeriodKind)),
        "text",
    ),
)
QUANTITY: Final = Shape(
    Quantity,  # its baseline is a period row of role "baseline" (a nested Side)
    fields(
        ("value", DECIMAL),
        "unit",
        "text",
        ("qualifier", optional(enum(Qualifier))),
        ("scale", INT),
        ("provisional", BOOL),
        Field("of_value", "of", optional(DECIMAL)),
        "per",
        ("derived", BOOL),
    ),
)
DEADLINE: Final = Shape(
    Deadline,
    fields(Field("deadline_kind", "kind", enum(DeadlineKind)), Field("deadline_text", "text")),
    inline=(("period", PERIOD),),
)
MINISTRY: Final = Shape(MinistryRef, fields("code", ("lead", BOOL), "raw"))
WARNING: Final = Shape(Warning, fields("code", "message", ("line", INT)))
DOCUMENT: Final = fields(
    ("kind", enum(DocumentKind)),
    "source_name",
    "content_hash",
    "title",
    "edition",
    ("plan", optional(INT)),
    Field("document_date", "date", optional(DATE)),
)
"""The ``documents`` columns read from the model as they are (``id``, ``ingested_at`` and
``line_count`` are written by the encoder; the lines, tree and mentions have tables)."""


# -- sides: values kept in side tables under their owner's id ----------------------------------


@dataclass(frozen=True, slots=True)
class Side:
    """An attribute kept as rows of ``table`` keyed by the owner's id in column ``key``.

    ``many``: a list, one row per item with its ``position``; else one optional value (a
    ``required`` one must be there). ``role`` tells apart the periods of one owner; ``nested``
    sides belong to the value but are keyed by the same owner (a quantity's baseline).
    """

    attr: str
    table: str
    key: str
    shape: Shape | Scalar
    many: bool = False
    role: str | None = None
    required: bool = False
    nested: tuple[Side, ...] = ()


MINISTRIES: Final = Side("ministries", "element_ministries", "element_id", MINISTRY, many=True)
FOOTNOTES: Final = Side(
    "footnotes", "footnote_citations", "element_id", Scalar("footnote_number", INT), many=True
)
CITED_BY: Final = Side(
    "cited_by", "footnote_cited_by", "footnote_id", Scalar("element_id"), many=True
)
DEADLINES: Final = Side("deadlines", "periods", "element_id", DEADLINE, many=True, role="deadline")
PERIOD_SIDE: Final = Side("period", "periods", "element_id", PERIOD, role="period")
QUANTITY_SIDE: Final = Side(
    "quantity",
    "quantities",
    "element_id",
    QUANTITY,
    nested=(Side("baseline", "periods", "element_id", PERIOD, role="baseline"),),
)


def _mention_quantity(attr: str) -> Side:
    baseline = Side("baseline", "mention_periods", "mention_id", PERIOD, role="baseline")
    return Side(
        attr, "mention_quantities", "mention_id", QUANTITY, required=True, nested=(baseline,)
    )


def _mention_period(attr: str, role: str, required: bool = False) -> Side:
    return Side(attr, "mention_periods", "mention_id", PERIOD, role=role, required=required)


# -- kinds: one row per object ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Kind:
    """A model class stored one row per object in ``table``, in the order ``ordinal`` keeps.

    ``attrs`` go to the JSON ``attrs`` column (elements only); ``children`` are the list
    attributes holding other kinds, in the order their ordinals count (an element's ordinal
    is its position among all children of its parent); ``parent`` is the column naming the
    parent object (``parent_id`` in ``elements``).
    """

    name: str
    model: Callable[..., Any]
    table: str
    fields: tuple[Field, ...] = ()
    attrs: tuple[Field, ...] = ()
    sides: tuple[Side, ...] = ()
    children: tuple[tuple[str, str], ...] = ()
    parent: str | None = None

    @property
    def typed(self) -> bool:
        """Whether rows of several kinds share the table, told apart by ``type``."""
        return self.table == "elements"


def _element(
    name: str,
    model: Callable[..., Any],
    own: tuple[Field, ...],
    attrs: tuple[Field, ...] = (),
    sides: tuple[Side, ...] = (),
    children: tuple[tuple[str, str], ...] = (),
) -> Kind:
    """An element of the tree: a row of ``elements`` of type ``name``."""
    return Kind(name, model, "elements", own, attrs, sides, children, parent="parent_id")


def _mention(
    name: str, model: Callable[..., Any], table: str, own: tuple[Field, ...], *sides: Side
) -> Kind:
    """A mention: its own fields, then the text and element every mention has."""
    return Kind(name, model, table, own + fields("text", "element_id"), sides=sides)


_NUMBERED = fields(("number", INT), "title")
_TEXT = fields("text")
_REPEATED = fields(("repeated", BOOL))
_NAMED = fields("name", "value_text")

KINDS: Final[dict[str, Kind]] = {
    kind.name: kind
    for kind in (
        _element(
            "chapter",
            Chapter,
            _NUMBERED,
            children=(("goals", "goal"), ("indicators", "indicator"), ("sections", "section")),
        ),
        _element(
            "section",
            Section,
            _NUMBERED,
            children=(
                ("paragraphs", "paragraph"),
                ("goals", "goal"),
                ("targets", "target"),
                ("indicators", "indicator"),
                ("subsections", "subsection"),
            ),
        ),
        _element(
            "subsection",
            Subsection,
            _NUMBERED,
            children=(("paragraphs", "paragraph"), ("initiatives", "initiative")),
        ),
        _element("paragraph", Paragraph, _TEXT, sides=(FOOTNOTES,)),
        _element("goal", Goal, _TEXT, fields("level"), sides=(FOOTNOTES,)),
        _element(
            "target",
            Target,
            _TEXT,
            _NAMED,
            sides=(FOOTNOTES, QUANTITY_SIDE, PERIOD_SIDE),
        ),
        _element(
            "indicator",
            Indicator,
            _TEXT,
            _NAMED,
            sides=(FOOTNOTES,),
            children=(("observations", "observation"),),
        ),
        _element(
            "observation", Observation, _TEXT, fields("label"), sides=(QUANTITY_SIDE, PERIOD_SIDE)
        ),
        _element(
            "initiative",
            Initiative,
            fields(("number", INT), Field("text", "commitment")),
            _REPEATED,
            sides=(MINISTRIES, FOOTNOTES, DEADLINES),
            children=(("status_items", "status_item"), ("actions", "action")),
        ),
        _element("status_item", StatusItem, _TEXT, _REPEATED, sides=(MINISTRIES, FOOTNOTES)),
        _element("action", Action, _TEXT, _REPEATED, sides=(MINISTRIES, FOOTNOTES, DEADLINES)),
        _element("footnote", Footnote, fields(("number", INT), "text"), sides=(CITED_BY,)),
        Kind("slide", Slide, "slides", _NUMBERED, children=(("blocks", "block"),)),
        Kind(
            "block",
            Block,
            "slide_blocks",
            fields(
                ("kind", enum(BlockKind)),
                ("level", INT),
                "text",
                ("cells", STRINGS),
                ("bold", STRINGS),
                ("repaired", BOOL),
                ("garbled", BOOL),
            ),
            parent="slide_id",
        ),
        _mention(
            "programme", Programme, "programmes", fields("name", ("kind", enum(ProgrammeKind)))
        ),
        _mention(
            "decision",
            Decision,
            "decisions",
            fields("body", "what", "action", ("planned", BOOL)),
            _mention_period("date", "date", required=True),
        ),
        _mention(
            "numeric_target",
            NumericTarget,
            "numeric_targets",
            fields("subject"),
            _mention_quantity("quantity"),
            _mention_period("period", "period"),
        ),
        _mention(
            "budget",
            Budget,
            "budgets",
            fields("subject", "kind"),
            _mention_quantity("amount"),
            _mention_period("period", "period"),
        ),
        _mention("organisation", Organisation, "organisations", fields("name")),
    )
}
"""Every kind of object, by name (an element's name is its ``elements.type``)."""

TOP: Final = (("chapters", "chapter"), ("footnotes", "footnote"), ("slides", "slide"))
"""The lists of ``Document`` that hold kinds at the top (chapters and footnotes share the
ordinals of the elements without parent)."""

MENTIONS: Final = (
    ("programmes", "programme"),
    ("decisions", "decision"),
    ("targets", "numeric_target"),
    ("budgets", "budget"),
    ("organisations", "organisation"),
)
"""The lists of ``Extractions``, each of one kind of mention."""
