"""The resolver the passes after the line rules share: element ids, citations and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from stiplan.model import (
    Warning,
)
from stiplan.normalize.markers import extract_footnote_refs
from stiplan.normalize.text import clean
from stiplan.readers.followup.state import RawText


@dataclass(slots=True)
class Resolver:
    """Builds model elements with ids and records which element cites which footnote."""

    doc_id: str
    warnings: list[Warning]
    codes: frozenset[str] = frozenset()
    citations: dict[int, list[str]] = field(default_factory=dict)
    cite_lines: dict[int, int] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)

    def unique(self, element_id: str, line: int) -> str:
        """A heading number seen twice (``（1）`` … ``（1）``) must not merge two elements."""
        candidate, n = element_id, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{element_id}-{n}"
        if n > 1:
            self.warnings.append(
                Warning(
                    "duplicate_heading_number", f"見出し番号が重複しています（{candidate}）", line
                )
            )
        self.taken.add(candidate)
        return candidate

    def cite(self, element_id: str, refs: list[int], line: int) -> list[int]:
        for number in refs:
            holders = self.citations.setdefault(number, [])
            if element_id not in holders:
                holders.append(element_id)
            self.cite_lines.setdefault(number, line)
        return refs

    def text(self, element_id: str, raw: RawText, joiner: str) -> tuple[str, list[int]]:
        joined = joiner.join(t for _, t in raw.pieces)
        plain, refs = extract_footnote_refs(joined)
        self.cite(element_id, refs, raw.span.first_line)
        return clean_lines(plain), refs

    def warn(self, code: str, message: str, line: int) -> None:
        self.warnings.append(Warning(code, message, line))


def clean_lines(text: str) -> str:
    """``clean`` each line (PDF spacing, Kangxi radicals) but keep the bullet's line breaks."""
    return "\n".join(clean(line) for line in text.strip().split("\n"))
