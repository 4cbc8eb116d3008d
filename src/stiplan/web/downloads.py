"""Downloads: any table as CSV (UTF-8, or with a BOM for Excel) or XLSX, and everything as ZIP.

``/download/{table}.csv`` and ``/download/{table}.xlsx`` take the same filters as the page
that shows the table (``document``, ``section``, ``ministry``, ``lead_only``, ``indicator``);
``/download/all.zip`` holds, for every stored document, each table as CSV with a BOM and one
workbook with a sheet per table, plus the whole JSON export.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from stiplan import queries
from stiplan.exports.json_export import documents_to_json
from stiplan.exports.tabular import Table, table_to_csv, tables_to_xlsx
from stiplan.queries import StoreInterface
from stiplan.web.deps import (
    ID_MAX,
    PRINTABLE,
    DocumentParam,
    LeadParam,
    MinistryParam,
    SectionParam,
    StoreDep,
)
from stiplan.web.errors import API_ERRORS
from stiplan.web.tables import PER_DOCUMENT, TABLES, TableParams

router = APIRouter(prefix="/download", tags=["downloads"], responses=API_ERRORS)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TableName = Annotated[
    str, Path(description=f"One of: {', '.join(TABLES)}.", max_length=40, pattern=r"^[a-z_]+$")
]
IndicatorParam = Annotated[
    str | None,
    Query(description="Indicator id (for the series table).", max_length=ID_MAX, pattern=PRINTABLE),
]
BomParam = Annotated[
    bool,
    Query(description="Start with a UTF-8 BOM so Excel reads Japanese."),
]
HeaderLangParam = Annotated[
    Literal["ja", "en"],
    Query(
        alias="lang",
        description="Language of the header row: ja (Japanese, the default) or en (the "
        "English keys).",
    ),
]


def _params(
    document: str | None,
    section: str | None,
    ministry: str | None,
    lead_only: bool,
    indicator: str | None,
) -> TableParams:
    """Empty form fields mean "no filter"."""
    return TableParams(
        document or None, section or None, ministry or None, lead_only, indicator or None
    )


def _table(store: StoreInterface, name: str, params: TableParams) -> Table:
    builder = TABLES.get(name)
    if builder is None:
        raise queries.UnknownId(
            f"表 {name!r} はありません（{', '.join(TABLES)}）"
            f" / no table named {name!r}; use one of {', '.join(TABLES)}"
        )
    return builder(store, params)


def _attachment(content: bytes, filename: str, media_type: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


def _filename(name: str, document: str | None, suffix: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", document or "")[:40]
    return f"stiplan-{name}{'-' + safe if safe else ''}.{suffix}"


@router.get("/{name}.csv", name="download_csv")
def csv_table(
    store: StoreDep,
    name: TableName,
    document: DocumentParam = None,
    section: SectionParam = None,
    ministry: MinistryParam = None,
    lead_only: LeadParam = False,
    indicator: IndicatorParam = None,
    bom: BomParam = False,
    lang: HeaderLangParam = "ja",
) -> Response:
    """A table as CSV, Japanese headers by default (``lang=en``: English); ``bom=true`` for
    Excel (formula-like cells are neutralised)."""
    table = _table(store, name, _params(document, section, ministry, lead_only, indicator))
    text = table_to_csv(table, excel=bom, lang=lang)
    return _attachment(
        text.encode("utf-8"), _filename(name, document, "csv"), "text/csv; charset=utf-8"
    )


@router.get("/{name}.xlsx", name="download_xlsx")
def xlsx_table(
    store: StoreDep,
    name: TableName,
    document: DocumentParam = None,
    section: SectionParam = None,
    ministry: MinistryParam = None,
    lead_only: LeadParam = False,
    indicator: IndicatorParam = None,
    lang: HeaderLangParam = "ja",
) -> Response:
    """A table as an Excel workbook with one sheet (the same headers as the CSV)."""
    table = _table(store, name, _params(document, section, ministry, lead_only, indicator))
    content = tables_to_xlsx([table], lang=lang)
    return _attachment(content, _filename(name, document, "xlsx"), XLSX_TYPE)


@router.get(
    "/all.zip",
    name="download_all",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}, "description": "Every table."}},
)
def everything(store: StoreDep) -> Response:
    """Every table of every stored document (CSV with BOM and XLSX, Japanese headers) and the
    JSON export."""
    return _attachment(bulk_zip(store), "stiplan-all.zip", "application/zip")


def bulk_zip(store: StoreInterface) -> bytes:
    """The bulk download: a folder per document, plus documents.csv and stiplan.json."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", _readme())
        archive.writestr(
            "documents.csv", table_to_csv(TABLES["documents"](store, TableParams()), excel=True)
        )
        for doc in queries.documents(store):
            folder = re.sub(r"[^\w.-]", "_", f"{doc.id}_{doc.source_name.rsplit('.', 1)[0]}")
            params = TableParams(document=doc.id)
            tables = [TABLES[name](store, params) for name in PER_DOCUMENT]
            for table in tables:
                archive.writestr(f"{folder}/{table.name}.csv", table_to_csv(table, excel=True))
            archive.writestr(f"{folder}/{folder}.xlsx", tables_to_xlsx(tables))
        archive.writestr("stiplan.json", documents_to_json(queries.load_documents(store)))
    return buffer.getvalue()


def _readme() -> str:
    return (
        "stiplan bulk download\r\n"
        f"made {datetime.now(UTC).isoformat(timespec='seconds')}\r\n\r\n"
        "documents.csv          every stored document with its counts\r\n"
        "<id>_<file>/*.csv      each table of one document (UTF-8 with BOM for Excel,\r\n"
        "                       Japanese headers; ?lang=en on a single table for English)\r\n"
        "<id>_<file>/*.xlsx     the same tables as one workbook\r\n"
        "stiplan.json           every document as a tree (see docs/export.md)\r\n"
        "first_line/last_line   the lines of the source text each row was read from\r\n"
    )
