"""The attrs JSON is what json.dumps with sorted keys and real characters gives."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from stiplan.store.codec import dump_attrs

_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@given(st.dictionaries(st.text(), _VALUES, max_size=5))
def test_dump_attrs_is_json_dumps_sorted_with_real_characters(attrs: dict[str, Any]) -> None:
    assert dump_attrs(attrs) == json.dumps(attrs, ensure_ascii=False, sort_keys=True)
