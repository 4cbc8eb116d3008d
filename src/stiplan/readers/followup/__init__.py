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
from stiplan.readers.followup.rules import RULES, is_whole_block_heading, opens_element
from stiplan.readers.followup.state import TABLE_HEADER, Block, State
from stiplan.readers.truncation import end_warning

__all__ = [
    "RULES",
    "TABLE_HEADER",
    "Block",
    "State",
    "clean_lines",
    "content_hash",
    "guess_edition",
    "is_whole_block_heading",
    "opens_element",
    "read_followup",
    "read_followup_lines",
    "split_name_value",
]

# --- the reader ----------------------------------------------------------------------------


_HASH_CHARS = 1 << 20
"""Characters of text encoded at a time for ``content_hash``."""


def content_hash(text: str) -> str:
    """The identity of a document's content: the same text in any encoding is one document.

    The SHA-256 of the text's UTF-8, fed a piece at a time: the whole UTF-8 at once was one
    more copy of a large report beside its bytes, its text and its lines.
    """
    digest = hashlib.sha256()
    for start in range(0, len(text), _HASH_CHARS):
        digest.update(text[start : start + _HASH_CHARS].encode("utf-8"))
    return digest.hexdigest()


def read_followup(text: str, source_name: str) -> Document:
    """Read a decoded follow-up report into a ``Document`` (never raises on odd content)."""
    return read_followup_lines(text.split("\n"), content_hash(text), source_name)


def read_followup_lines(lines: list[str], digest: str, source_name: str) -> Document:
    """``read_followup`` of a text already cut into lines, with its ``content_hash``.

    The lines become the document's ``lines``; taking them rather than the text lets a caller
    (``ingest``) drop the text before the tree is built: a large report's text alone is
    about three quarters of its file's size.
    """
    state = State(lines)
    for line_no, line in enumerate(lines, start=1):
        for rule in RULES:
            if rule(state, line_no, line):
                break
    cut = end_warning(lines, state.in_table)
    if cut is not None:
        state.warnings.append(cut)
    return finish(state, digest, source_name)
