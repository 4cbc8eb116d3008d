"""What each page's tables hold, as flat ``Table``s for CSV and XLSX downloads.

One builder per table name, each calling the same query function as the page that shows the
table, so a download holds exactly what the page shows (with the same filters). Column keys
are the API's field names; headers are Japanese.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from stiplan import queries
from stiplan.exports.csv_export import HEADERS_JA as ELEMENT_HEADERS
from stiplan.exports.csv_export import element_rows
from stiplan.exports.tabular import Cell, Column, Table
from stiplan.model import MinistryRef
from stiplan.queries import ElementRow, InitiativeRow, StoreInterface
from stiplan.web.i18n import reason_text
from stiplan.web.warning_catalogue import warning_label


@dataclass(frozen=True, slots=True)
class TableParams:
    """Filters a table may take; each builder uses those it understands."""

    document: str | None = None
    section: str | None = None
    ministry: str | None = None
    lead_only: bool = False
    indicator: str | None = None


# Columns of plain decimals (``queries.plain_decimal``): numbers in an XLSX download.
_NUMERIC = frozenset({"value", "gap"})


def _columns(*pairs: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(key, header, key in _NUMERIC) for key, header in pairs)


def _codes(refs: tuple[MinistryRef, ...], lead: bool = False) -> str:
    return "、".join(r.code for r in refs if r.lead or not lead)


def documents_table(store: StoreInterface, _: TableParams) -> Table:
    columns = _columns(
        ("document_id", "文書ID"),
        ("source_name", "ファイル"),
        ("title", "表題"),
        ("date", "日付"),
        ("edition", "版"),
        ("line_count", "行数"),
        ("sections", "節"),
        ("initiatives", "取組"),
        ("targets", "主要指標"),
        ("indicators", "参考指標"),
        ("warnings", "警告"),
        ("ingested_at", "取込日時"),
    )
    rows: list[dict[str, Cell]] = [
        {
            "document_id": s.document.id,
            "source_name": s.document.source_name,
            "title": s.document.title,
            "date": s.document.date.isoformat() if s.document.date else "",
            "edition": s.document.edition,
            "line_count": s.document.line_count,
            "sections": s.counts.sections,
            "initiatives": s.counts.initiatives,
            "targets": s.counts.targets,
            "indicators": s.counts.indicators,
            "warnings": s.counts.warnings,
            "ingested_at": s.document.ingested_at,
        }
        for s in queries.document_list(store)
    ]
    return Table("documents", "文書", columns, rows)


def sections_table(store: StoreInterface, params: TableParams) -> Table:
    columns = _columns(
        ("document_id", "文書ID"),
        ("section_id", "節ID"),
        ("section", "節"),
        ("title", "表題"),
        ("subsections", "項"),
        ("initiatives", "取組"),
        ("targets", "主要指標"),
        ("indicators", "参考指標"),
        ("first_line", "開始行"),
        ("last_line", "終了行"),
    )
    rows: list[dict[str, Cell]] = [
        {
            "document_id": s.document_id,
            "section_id": s.id,
            "section": s.full_label,
            "title": s.title,
            "subsections": s.subsection_count,
            "initiatives": s.initiative_count,
            "targets": s.target_count,
            "indicators": s.indicator_count,
            "first_line": s.span.first_line,
            "last_line": s.span.last_line,
        }
        for s in queries.document_sections(store, params.document)
    ]
    return Table("sections", "節", columns, rows)


INITIATIVE_COLUMNS = _columns(
    ("document_id", "文書ID"),
    ("initiative_id", "取組ID"),
    ("section", "節"),
    ("subsection", "項"),
    ("number", "番号"),
    ("commitment", "基本計画における具体的な取組"),
    ("ministries", "担当府省"),
    ("lead_ministries", "主担当"),
    ("repeated", "再掲"),
    ("status_items", "実施状況の項目数"),
    ("actions", "今後の取組方針の項目数"),
    ("first_line", "開始行"),
    ("last_line", "終了行"),
)


def initiative_row(r: InitiativeRow) -> dict[str, Cell]:
    return {
        "document_id": r.document_id,
        "initiative_id": r.id,
        "section": r.section_label,
        "subsection": r.subsection_number,
        "number": r.number,
        "commitment": r.commitment,
        "ministries": _codes(r.ministries),
        "lead_ministries": _codes(r.ministries, lead=True),
        "repeated": "1" if r.repeated else "",
        "status_items": r.status_item_count,
        "actions": r.action_count,
        "first_line": r.span.first_line,
        "last_line": r.span.last_line,
    }


def initiatives_table(store: StoreInterface, params: TableParams) -> Table:
    found = queries.initiative_list(
        store, params.section, params.ministry, params.lead_only, params.document
    )
    return Table(
        "initiatives", "具体的な取組", INITIATIVE_COLUMNS, [initiative_row(r) for r in found.items]
    )


OBSERVATION_COLUMNS = _columns(
    ("document_id", "文書ID"),
    ("indicator_id", "指標ID"),
    ("place", "箇所"),
    ("name", "指標"),
    ("observation_id", "値ID"),
    ("label", "区分"),
    ("value", "値"),
    ("unit", "単位"),
    ("value_text", "記載"),
    ("provisional", "暫定値"),
    ("derived_from", "語から導出"),
    ("period", "時点"),
    ("period_end", "時点（終了日）"),
    ("first_line", "開始行"),
    ("last_line", "終了行"),
)


def _observation_cells(obs: ElementRow | None) -> dict[str, Cell]:
    if obs is None:
        return {}
    q, p = obs.quantity, obs.period
    return {
        "observation_id": obs.id,
        "label": str(obs.attrs.get("label", "")),
        "value": None if q is None else queries.plain_decimal(q.value),
        "unit": None if q is None else q.unit,
        "value_text": obs.text if q is None else q.text,
        "provisional": "1" if q is not None and q.provisional else "",
        "derived_from": q.text if q is not None and q.derived else "",
        "period": None if p is None else p.text,
        "period_end": None if p is None else p.end.isoformat(),
    }


def _indicator_rows(row: queries.IndicatorRow) -> Iterator[dict[str, Cell]]:
    ind = row.indicator
    base: dict[str, Cell] = {
        "document_id": ind.document_id,
        "indicator_id": ind.id,
        "place": row.place,
        "name": str(ind.attrs.get("name", "")),
        "value_text": str(ind.attrs.get("value_text", "")) or ind.text,
        "first_line": ind.span.first_line,
        "last_line": ind.span.last_line,
    }
    observations: list[ElementRow | None] = [*row.observations] or [None]
    for obs in observations:
        yield {**base, **_observation_cells(obs)}


def indicators_table(store: StoreInterface, params: TableParams) -> Table:
    rows = [r for ind in queries.indicators(store, params.document) for r in _indicator_rows(ind)]
    return Table("indicators", "参考指標", OBSERVATION_COLUMNS, rows)


def series_table(store: StoreInterface, params: TableParams) -> Table:
    if params.indicator is None:
        raise queries.QueryError(
            "系列の表には indicator=<指標ID> が必要です"
            " / the series table needs indicator=<indicator id>"
        )
    detail = queries.indicator(store, params.indicator, params.document)
    name = str(detail.indicator.attrs.get("name", ""))
    rows: list[dict[str, Cell]] = [
        {
            "document_id": p.document.id,
            "indicator_id": p.indicator_id,
            "place": p.place,
            "name": name,
            "first_line": p.observation.span.first_line,
            "last_line": p.observation.span.last_line,
            **_observation_cells(p.observation),
        }
        for p in detail.series
    ]
    return Table("series", "推移", OBSERVATION_COLUMNS, rows)


def targets_table(store: StoreInterface, params: TableParams) -> Table:
    columns = _columns(
        ("document_id", "文書ID"),
        ("target_id", "主要指標ID"),
        ("place", "箇所"),
        ("name", "指標"),
        ("value_text", "記載"),
        ("value", "目標値"),
        ("unit", "単位"),
        ("period", "目標時期"),
        ("status", "進捗"),
        ("ratio", "実績÷必要な伸び"),
        ("gap", "目標までの差"),
        ("achieved", "達成率"),
        ("reason", "判定の根拠"),
        ("reason_code", "根拠コード"),
        ("reason_ja", "判定の根拠（日本語）"),
        ("first_line", "開始行"),
        ("last_line", "終了行"),
    )
    judged = {a.target_id: a for a in queries.document_progress(store, params.document).assessments}
    rows: list[dict[str, Cell]] = []
    for r in queries.targets(store, params.document):
        t, a = r.target, judged.get(r.target.id)
        rows.append(
            {
                "document_id": t.document_id,
                "target_id": t.id,
                "place": r.place,
                "name": str(t.attrs.get("name", "")),
                "value_text": str(t.attrs.get("value_text", "")) or t.text,
                "value": None if t.quantity is None else queries.plain_decimal(t.quantity.value),
                "unit": None if t.quantity is None else t.quantity.unit,
                "period": None if t.period is None else t.period.text,
                "status": None if a is None else a.status.value,
                "ratio": None if a is None or a.ratio is None else str(round(a.ratio, 4)),
                "gap": None
                if a is None or a.gap is None
                else queries.plain_decimal(a.gap, trim=True),
                "achieved": None if a is None or a.achieved is None else str(round(a.achieved, 4)),
                "reason": None if a is None else a.reason,
                "reason_code": None if a is None else a.reason_code,
                "reason_ja": None if a is None else reason_text(a, "ja"),
                "first_line": t.span.first_line,
                "last_line": t.span.last_line,
            }
        )
    return Table("targets", "主要指標", columns, rows)


def ministries_table(store: StoreInterface, params: TableParams) -> Table:
    columns = _columns(
        ("code", "略称"),
        ("name_ja", "名称"),
        ("name_en", "名称（英語）"),
        ("initiatives", "取組のタグ"),
        ("initiatives_lead", "取組のうち主担当"),
        ("actions", "今後の取組方針のタグ"),
        ("actions_lead", "方針のうち主担当"),
        ("status_items", "実施状況のタグ"),
    )
    rows: list[dict[str, Cell]] = [
        {
            "code": m.code,
            "name_ja": m.info.name_ja if m.info else "",
            "name_en": m.info.name_en if m.info else "",
            "initiatives": m.use.initiatives,
            "initiatives_lead": m.use.initiatives_lead,
            "actions": m.use.actions,
            "actions_lead": m.use.actions_lead,
            "status_items": m.use.status_items,
        }
        for m in queries.ministries(store, params.document)
    ]
    return Table("ministries", "府省", columns, rows)


def warnings_table(store: StoreInterface, params: TableParams) -> Table:
    columns = _columns(
        ("document_id", "文書ID"),
        ("line", "行"),
        ("code", "コード"),
        ("label", "種類"),
        ("message", "内容"),
    )
    rows: list[dict[str, Cell]] = [
        {
            "document_id": w.document_id,
            "line": w.line,
            "code": w.code,
            "label": warning_label(w.code),
            "message": w.message,
        }
        for w in queries.document_warnings(store, params.document)
    ]
    return Table("warnings", "読取警告", columns, rows)


def lines_table(store: StoreInterface, params: TableParams) -> Table:
    doc = queries.latest_document(store, params.document)
    columns = _columns(("document_id", "文書ID"), ("line", "行"), ("text", "本文"))
    found = (
        []
        if doc is None or not doc.line_count
        else queries.source_lines(store, doc.id, 1, doc.line_count)
    )
    rows: list[dict[str, Cell]] = [
        {"document_id": ln.document_id, "line": ln.line_no, "text": ln.text} for ln in found
    ]
    return Table("lines", "原文", columns, rows)


def elements_table(store: StoreInterface, params: TableParams) -> Table:
    """Every element of one document, as the CLI's CSV export lays them out."""
    doc = queries.latest_document(store, params.document)
    docs = [] if doc is None else queries.load_documents(store, doc.id)
    rows = [row for d in docs for row in element_rows(d)]
    return Table("elements", "全要素", _columns(*ELEMENT_HEADERS.items()), rows)


Builder = Callable[[StoreInterface, TableParams], Table]
TABLES: dict[str, Builder] = {
    "documents": documents_table,
    "sections": sections_table,
    "initiatives": initiatives_table,
    "indicators": indicators_table,
    "series": series_table,
    "targets": targets_table,
    "ministries": ministries_table,
    "warnings": warnings_table,
    "lines": lines_table,
    "elements": elements_table,
}
# What the bulk download holds for each document (documents itself once, for all).
PER_DOCUMENT = (
    "sections",
    "initiatives",
    "targets",
    "indicators",
    "ministries",
    "warnings",
    "elements",
    "lines",
)
