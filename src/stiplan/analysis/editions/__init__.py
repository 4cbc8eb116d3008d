"""Editions of a follow-up report: which documents belong together, and what changed between two.

Each year's follow-up report rewrites the status of every initiative and refreshes the data, and
no official document says what changed. ``report_parts`` groups read documents into report parts
(same chapter, sections that agree where both have them) and orders each part's editions by the
date of their data. ``compare`` matches two editions element by element and returns an
``EditionDiff``: a tree that mirrors the document (chapters → sections → subsections →
initiatives → status items and actions; indicators → observations; targets; prose; footnotes),
in which every node says whether it was kept, changed, added or removed, and every match
carries its ``Score`` with the texts and numbers it was computed from. ``differences`` and
``matches`` flatten the tree for reports and tests.

Matching rules, weights and thresholds are in ``docs/editions.md``; the text comparison is in
``stiplan.analysis.similarity`` and the assignment in ``stiplan.analysis.matching``. Everything
here is pure: documents in, data out.

The package: ``types`` (the result types), ``parts`` (report parts and edition order),
``matching`` (the first half of ``compare``: every element matched), ``tree`` (the second
half: the diff tree built from the matches) and ``views`` (the flat views). Import from the
package: every public name is re-exported here.
"""

from stiplan.analysis.editions.matching import (
    FOOTNOTE_MIN_TEXT,
    HEADING_MIN_SCORE,
    INITIATIVE_MIN_TEXT,
    ITEM_MIN_TEXT,
    LABEL_MIN_TEXT,
    NAME_MIN_TEXT,
    SLOT_MIN_TEXT,
)
from stiplan.analysis.editions.parts import (
    data_until,
    edition_info,
    edition_order,
    report_parts,
    same_part,
)
from stiplan.analysis.editions.tree import (
    compare,
    ministry_change,
    period_changed,
    value_changed,
)
from stiplan.analysis.editions.types import (
    Change,
    ChapterDiff,
    Difference,
    EditionDiff,
    EditionInfo,
    FootnoteDiff,
    IndicatorDiff,
    InitiativeDiff,
    ItemDiff,
    Match,
    MinistryChange,
    ObservationDiff,
    Pair,
    Ref,
    ReportPart,
    SectionCounts,
    SectionDiff,
    SubsectionDiff,
    TargetDiff,
    Value,
)
from stiplan.analysis.editions.views import (
    chapter_differences,
    differences,
    footnote_differences,
    matches,
    section_differences,
)

__all__ = [
    "FOOTNOTE_MIN_TEXT",
    "HEADING_MIN_SCORE",
    "INITIATIVE_MIN_TEXT",
    "ITEM_MIN_TEXT",
    "LABEL_MIN_TEXT",
    "NAME_MIN_TEXT",
    "SLOT_MIN_TEXT",
    "Change",
    "ChapterDiff",
    "Difference",
    "EditionDiff",
    "EditionInfo",
    "FootnoteDiff",
    "IndicatorDiff",
    "InitiativeDiff",
    "ItemDiff",
    "Match",
    "MinistryChange",
    "ObservationDiff",
    "Pair",
    "Ref",
    "ReportPart",
    "SectionCounts",
    "SectionDiff",
    "SubsectionDiff",
    "TargetDiff",
    "Value",
    "chapter_differences",
    "compare",
    "data_until",
    "differences",
    "edition_info",
    "edition_order",
    "footnote_differences",
    "matches",
    "ministry_change",
    "period_changed",
    "report_parts",
    "same_part",
    "section_differences",
    "value_changed",
]
