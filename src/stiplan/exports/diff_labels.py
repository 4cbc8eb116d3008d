"""The edition diff in words of one language: where a difference is, what it is, its sources.

``analysis/editions/labels.py`` says where every element sits (section, indicator,
initiative, position) as plain data; this module turns that into the label a person reads,
``2.(1) 研究力の強化 — 指標「論文数」 観測値2`` in Japanese (the default) or the same in English,
with every word taken from the message catalogue (``web/i18n.py``). Document text (titles,
names, commitments) is never translated; a long commitment is shortened for the label.
"""

from __future__ import annotations

from stiplan.model import Span
from stiplan.queries import DiffPlace, EditionInfo, MinistryChange, Ref
from stiplan.web.i18n import translator

# A commitment or a name longer than this is cut (with …) in a label: the row shows the text.
NAME_CHARS = 30


def shorten(text: str, limit: int = NAME_CHARS) -> str:
    """``text`` without its leading bullet, cut to ``limit`` characters with ``…``."""
    text = " ".join(text.split()).lstrip("○◯●・ ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class DiffWords:
    """The words of one language for a diff: labels, code names, sources, editions."""

    def __init__(self, lang: str) -> None:
        self.lang = "en" if lang == "en" else "ja"
        self.t = translator(self.lang)

    def __call__(self, key: str, **params: object) -> str:
        text = self.t(key)
        return text.format(**params) if params else text

    def what(self, code: str) -> str:
        """What a difference code means (``observation_changed`` → 値の変更)."""
        key = f"diff_code_{code}"
        text = self.t(key)
        return code if text == key else text

    def place(self, place: DiffPlace | None, where: str) -> str:
        """Where an element is, by section number and title and by name (see module doc)."""
        if place is None:
            return where
        if place.kind == "footnote":
            return self("diff_place_footnote", number=place.number or "")
        head = f"{place.heading.where} {place.heading.title}".strip() if place.heading else ""
        inner = self._inner(place)
        if not head:
            return inner or where
        return f"{head} — {inner}" if inner else head

    def _inner(self, place: DiffPlace) -> str:
        """The part of a label below the section heading."""
        kind = place.kind
        if kind in ("chapter", "section"):
            return ""
        if kind in ("target", "indicator"):
            return self(f"diff_place_{kind}", name=shorten(place.name))
        if kind == "observation":
            text = self("diff_place_indicator", name=shorten(place.owner))
            return f"{text} {self._observation(place)}"
        if kind == "subsection" or (kind == "paragraph" and place.subsection):
            sub = self._subsection(place)
            if kind == "subsection":
                return sub
            return f"{sub} {self('diff_place_paragraph', number=place.number or '')}"
        if kind == "initiative":
            return self._initiative(place.owner_number, place.name)
        if kind in ("status_item", "action"):
            row = self._initiative(place.owner_number, place.owner)
            return f"{row} {self(f'diff_place_{kind}', number=place.number or '')}"
        return self(f"diff_place_{kind}", number=place.number or "")

    def _observation(self, place: DiffPlace) -> str:
        number = place.number or ""
        if place.name:
            return self("diff_place_observation_label", number=number, label=place.name)
        return self("diff_place_observation", number=number)

    def _subsection(self, place: DiffPlace) -> str:
        sub = place.subsection
        if sub is None:
            return ""
        head = place.heading.where if place.heading else ""
        local = sub.where[len(head) :] if head and sub.where.startswith(head) else sub.where
        return f"{local} {sub.title}".strip()

    def _initiative(self, number: str, commitment: str) -> str:
        return self("diff_place_initiative", number=number, name=shorten(commitment))

    def lines(self, span: Span) -> str:
        """``12–13行（3ページ）``: the lines of a span and, for a PDF, its page."""
        if span.last_line == span.first_line:
            lines = self("diff_line", first=span.first_line)
        else:
            lines = self("diff_lines", first=span.first_line, last=span.last_line)
        if span.page is None:
            return lines
        return self("diff_source_page", lines=lines, page=self("diff_page", page=span.page))

    def source(self, side: str, ref: Ref | None) -> str:
        """``旧 12–13行``: one side's source lines, empty when the side has no element."""
        if ref is None:
            return ""
        return f"{self(f'diff_{side}')} {self.lines(ref.span)}"

    def ministries(self, change: MinistryChange) -> str:
        """``追加 外、削除 経；主担当に 経`` in the catalogue's words."""
        parts = [
            f"{self(key)} {' '.join(codes)}"
            for key, codes in (
                ("ministries_added", change.added),
                ("ministries_removed", change.removed),
                ("lead_gained", change.lead_gained),
                ("lead_lost", change.lead_lost),
            )
            if codes
        ]
        return self("diff_list_separator").join(parts)

    def edition_name(self, info: EditionInfo) -> str:
        """``2025年版``, or the file name when the edition year is unknown."""
        return self("diff_edition_name", edition=info.edition) if info.edition else info.source_name

    def edition_facts(self, info: EditionInfo) -> str:
        """What identifies one side's document: edition, how recent its data, file and id."""
        until = info.data_until.isoformat() if info.data_until else self("diff_unknown")
        return self(
            "diff_edition_facts",
            edition=info.edition or self("diff_unknown"),
            until=until,
            file=info.source_name,
            id=info.document_id,
        )

    def edition_line(self, info: EditionInfo) -> str:
        """The document behind one side: its title (else file name) and its facts."""
        name = info.title or info.source_name
        return self("diff_edition_line", name=name, facts=self.edition_facts(info))
