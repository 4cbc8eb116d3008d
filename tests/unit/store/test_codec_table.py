"""The codec table covers the schema: every element type has a kind, and every column of a
table the codec writes is filled by some kind or side, so a column added to ``tables.py``
without its entry in ``codec.py`` fails here rather than being written as NULL."""

from __future__ import annotations

from stiplan.store.codec import KINDS, Kind, Scalar, Side
from stiplan.store.tables import COLUMNS, ELEMENT_TYPES

_STRUCTURE = {"document_id", "id", "ordinal", "first_line", "last_line", "page", "box"}


def _kind_columns(kind: Kind) -> set[str]:
    own = {f.column for f in kind.fields} | _STRUCTURE
    if kind.parent is not None:
        own.add(kind.parent)
    if kind.typed:
        own |= {"type", "attrs"}
    return own


def _sides(kind: Kind) -> list[Side]:
    found: list[Side] = []
    pending = list(kind.sides)
    while pending:
        side = pending.pop()
        found.append(side)
        pending.extend(side.nested)
    return found


def _side_columns(side: Side) -> set[str]:
    shape = side.shape
    columns = {"document_id", side.key, "role", "position"}
    if isinstance(shape, Scalar):
        return columns | {shape.column}
    columns |= {f.column for f in shape.fields}
    for _, inline in shape.inline:
        columns |= {f.column for f in inline.fields}
    return columns


def test_every_element_type_has_a_kind_in_the_elements_table() -> None:
    assert [k.name for k in KINDS.values() if k.typed] == list(ELEMENT_TYPES)


def test_every_column_the_codec_writes_is_filled_by_some_kind_or_side() -> None:
    filled: dict[str, set[str]] = {}
    for kind in KINDS.values():
        filled.setdefault(kind.table, set()).update(_kind_columns(kind))
        for side in _sides(kind):
            filled.setdefault(side.table, set()).update(_side_columns(side))
    for table, columns in filled.items():
        missing = set(COLUMNS[table]) - columns
        assert not missing, f"{table}: no kind or side fills {sorted(missing)}"


def test_every_kind_names_fields_its_model_has() -> None:
    for kind in KINDS.values():
        slots = set(getattr(kind.model, "__slots__", ())) | set(
            getattr(kind.model, "__dataclass_fields__", {})
        )
        named = {f.attr for f in kind.fields + kind.attrs} | {s.attr for s in kind.sides}
        named |= {attr for attr, _ in kind.children}
        assert named <= slots, (kind.name, sorted(named - slots))
        assert {"id", "span"} <= slots
