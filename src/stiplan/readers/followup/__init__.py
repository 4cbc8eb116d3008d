"""The follow-up report reader: decoded text → ``Document`` tree with spans and warnings.

Built like markdown-it's block parser: a shared ``State`` and an ordered list of small named
rules ``rule(state, line_no, line) -> bool``; the first rule that accepts a line consumes it.
Rules only collect raw pieces (with their line numbers) into builders; ``finish`` then
resolves them in later passes: footnote markers, ministry tags, table cells, ids, spans and
the links between footnotes and the elements that cite them.

The format and its traps are described in ``docs/followup-format.md``. The reader is a pure
function: no database, no printing.
"""

from __future__ import annotations

import hashlib

from stiplan.model import Document
from stiplan.readers.followup.bullets import split_name_value
from stiplan.readers.followup.resolve import finish, guess_edition
from stiplan.readers.followup.resolver import clean_lines
from stiplan.readers.followup.rules import RULES
from stiplan.readers.followup.state import CIRCLED, TABLE_HEADER, Block, State
from stiplan.readers.truncation import end_warning

__all__ = [
    "CIRCLED",
    "RULES",
    "TABLE_HEADER",
    "Block",
    "State",
    "clean_lines",
    "content_hash",
    "guess_edition",
    "read_followup",
    "split_name_value",
]

# --- the reader ----------------------------------------------------------------------------


def content_hash(text: str) -> str:
    """The identity of a document's content: the same text in any encoding is one document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_followup(text: str, source_name: str) -> Document:
    """Read a decoded follow-up report into a ``Document`` (never raises on odd content)."""
    lines = text.split("\n")
    state = State(lines)
    for line_no, line in enumerate(lines, start=1):
        for rule in RULES:
            if rule(state, line_no, line):
                break
    cut = end_warning(lines, state.in_table)
    if cut is not None:
        state.warnings.append(cut)
    digest = content_hash(text)
    return finish(state, digest, source_name)
