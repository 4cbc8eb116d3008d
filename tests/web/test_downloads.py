"""Downloads: CSV (plain and for Excel), XLSX and the bulk ZIP hold what the pages show."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from stiplan.exports.csv_export import documents_to_csv
from stiplan.exports.tabular import Column, Table, safe_cell, table_to_csv, tables_to_xlsx
from stiplan.normalize.numbers import plain_decimal
from stiplan.readers.followup import read_followup
from tests.conftest import SAMPLES

from .conftest import Client


def _csv(body: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))


def test_initiatives_csv_matches_the_filtered_api(client: Client) -> None:
    params = {"ministry": "文", "lead_only": "true", "section": "2.(1)"}
    response = client.get("/download/initiatives.csv", params={**params, "lang": "en"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert not response.text.startswith("\ufeff")
    rows = _csv(response.text)
    api = client.get("/api/v1/initiatives", params=params).json()["items"]
    assert [r["initiative_id"] for r in rows] == [i["id"] for i in api]
    assert rows[0]["section"] == "2.(1)" and rows[0]["lead_ministries"] == "文"
    assert list(rows[0])[:3] == ["document_id", "initiative_id", "section"]


def test_excel_csv_has_a_bom_and_crlf(client: Client) -> None:
    response = client.get("/download/warnings.csv", params={"bom": "true", "lang": "en"})
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in response.content
    assert [r["line"] for r in _csv(response.text)] == [
        "1",
        "1",
        "47",
        "51",
        "97",
        "98",
        "142",
        "183",
    ]


def test_xlsx_has_japanese_headers_and_every_row(client: Client) -> None:
    response = client.get("/download/initiatives.xlsx", params={"ministry": "科技"})
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("文書ID", "取組ID", "節")
    total = client.get("/api/v1/initiatives", params={"ministry": "科技"}).json()["total"]
    assert len(rows) - 1 == total
    assert sheet.freeze_panes == "A2"


@pytest.mark.parametrize(
    "name",
    [
        "documents",
        "sections",
        "initiatives",
        "indicators",
        "targets",
        "ministries",
        "warnings",
        "lines",
        "elements",
    ],
)
def test_every_table_downloads_in_both_formats(client: Client, name: str) -> None:
    csv_rows = _csv(client.get(f"/download/{name}.csv").text)
    assert csv_rows, name
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/download/{name}.xlsx").content))
    assert book.active is not None and book.active.max_row == len(csv_rows) + 1
    # one header choice for both formats: Japanese by default, the English keys with lang=en
    for lang in ("ja", "en"):
        params = {"lang": lang}
        body = client.get(f"/download/{name}.csv", params=params).text
        csv_header = next(csv.reader(io.StringIO(body)))
        xlsx = client.get(f"/download/{name}.xlsx", params=params).content
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
        assert sheet is not None
        assert tuple(csv_header) == next(sheet.iter_rows(max_row=1, values_only=True)), lang
        assert all(h.isascii() for h in csv_header) == (lang == "en"), (name, csv_header)
        assert len(set(csv_header)) == len(csv_header), (name, csv_header)


def test_series_table_needs_an_indicator(built: Client) -> None:
    params = {"indicator": "doc2024:s11.ind1", "lang": "en"}
    rows = _csv(built.get("/download/series.csv", params=params).text)
    men = [r for r in rows if r["label"] == "男性"]
    assert [(r["value"], r["period"], r["period_end"]) for r in men] == [
        ("72.57", "2022年", "2022-12-31"),
        ("73.10", "2023年", "2023-12-31"),
    ]
    assert built.get("/download/series.csv").json()["error"]["status"] == 400


def test_bulk_zip_holds_every_document(client: Client) -> None:
    response = client.get("/download/all.zip")
    assert response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert {"README.txt", "documents.csv", "stiplan.json"} <= set(names)
    folders = {n.split("/")[0] for n in names if "/" in n}
    assert len(folders) == 2 and all("followup_202" in f for f in folders)
    for folder in folders:
        assert f"{folder}/initiatives.csv" in names and f"{folder}/{folder}.xlsx" in names
        book = openpyxl.load_workbook(io.BytesIO(archive.read(f"{folder}/{folder}.xlsx")))
        assert "具体的な取組" in book.sheetnames
    exported = json.loads(archive.read("stiplan.json"))
    assert len(exported["documents"]) == 2
    assert archive.read("documents.csv").startswith(b"\xef\xbb\xbf")


def test_formulas_are_never_run() -> None:
    table = Table("t", "t", (Column("a", "A"), Column("b", "B")), [{"a": "=HYPERLINK(1)", "b": 1}])
    assert table_to_csv(table).splitlines()[1] == "'=HYPERLINK(1),1"
    assert table_to_csv(table, excel=True).splitlines()[1] == "'=HYPERLINK(1),1"
    book = openpyxl.load_workbook(io.BytesIO(tables_to_xlsx([table])))
    cell = book.worksheets[0]["A2"]
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s"


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-3.5", "-3.5"),
        ("+12", "+12"),
        ("令和5年度", "令和5年度"),
    ],
)
def test_every_csv_cell_a_spreadsheet_would_run_is_neutralised(cell: str, written: str) -> None:
    assert safe_cell(cell) == written
    table = Table("t", "t", (Column("a", "A"),), [{"a": cell}])
    assert next(csv.reader(io.StringIO(table_to_csv(table).split("\r\n", 1)[1]))) == [written]


def test_document_and_progress_csv_exports_neutralise_formulas() -> None:
    text = (SAMPLES / "followup_2025.txt").read_text(encoding="utf-8")
    hostile = text.replace("【目標】\n\n- ・ ", '【目標】\n\n- ・ =HYPERLINK("x")', 1)
    document = read_followup(hostile, "hostile.txt")
    rows = list(csv.DictReader(io.StringIO(documents_to_csv([document], lang="en"))))
    goals = [r["text"] for r in rows if r["type"] == "goal" and "HYPERLINK" in r["text"]]
    assert goals and all(g.startswith("'=") for g in goals)


def test_sheet_names_are_made_valid_and_unique() -> None:
    tables = [Table("x", "a/b:c*d?[e]" * 4, (Column("k", "K"),), [])] * 2
    book = openpyxl.load_workbook(io.BytesIO(tables_to_xlsx(tables)))
    assert len(book.sheetnames) == 2 and all(len(n) <= 31 for n in book.sheetnames)
    assert not any(c in "".join(book.sheetnames) for c in "[]:*?/\\")


def test_html_reports_carry_the_report_policy_as_a_meta_tag() -> None:
    from stiplan.exports.csp import REPORT_POLICY
    from stiplan.exports.progress_report import to_html

    page = to_html([], [])
    assert '<meta http-equiv="Content-Security-Policy"' in page
    assert "default-src &#x27;none&#x27;" in page and "<script" not in page
    assert "script-src" not in REPORT_POLICY


def test_progress_gives_gap_and_achieved_ratio_in_api_and_table(client: Client) -> None:
    judged = client.get("/api/v1/progress").json()["assessments"]
    measured = [a for a in judged if a["achieved"] is not None]
    assert measured, "the sample store has a target with a latest value"
    for a in measured:
        # 達成率 and gap are two views of one latest value: target × 達成率 = target - gap
        target, gap = float(a["target_value"]), float(a["gap"])
        assert target * float(a["achieved"]) == pytest.approx(target - gap, rel=1e-3)
        assert float(a["latest"]["value"]) == pytest.approx(target - gap, rel=1e-3)
    english = client.get("/download/targets.csv", params={"lang": "en"}).text
    rows = {r["target_id"]: r for r in _csv(english)}
    for a in measured:
        assert float(rows[a["target_id"]]["achieved"]) == pytest.approx(
            float(a["achieved"]), abs=1e-4
        )


def test_gap_and_values_are_written_in_positional_notation(client: Client) -> None:
    # QA: the gap went through Decimal.normalize() and came out as 9.3E+10 or '-1.071E+9
    judged = client.get("/api/v1/progress").json()["assessments"]
    gaps = {a["target_id"]: a["gap"] for a in judged if a["gap"] is not None}
    # a round gap (9.3E+10 once normalised) is what went wrong
    assert any(Decimal(str(g)) % 10 == 0 and Decimal(str(g)) != 0 for g in gaps.values())
    for name in ("targets", "indicators"):
        body = client.get(f"/download/{name}.csv", params={"lang": "en"}).text
        assert not re.search(r"\dE[+-]\d", body), name
    rows = {r["target_id"]: r for r in _csv(client.get("/download/targets.csv?lang=en").text)}
    for target_id, gap in gaps.items():
        assert Decimal(rows[target_id]["gap"]) == Decimal(str(gap))
        assert re.fullmatch(r"-?\d+(\.\d*[1-9])?", rows[target_id]["gap"])


@pytest.mark.parametrize(
    ("value", "trim", "text"),
    [
        (Decimal("-1.071E+9"), True, "-1071000000"),
        (Decimal("3.3E+4"), True, "33000"),
        (Decimal("2.50"), True, "2.5"),
        (Decimal("2.50"), False, "2.50"),
        (Decimal("1E+3"), False, "1000"),
        (Decimal("1E-7"), False, "0.0000001"),
        (Decimal("100"), True, "100"),
    ],
)
def test_plain_decimal_never_writes_an_exponent(value: Decimal, trim: bool, text: str) -> None:
    assert plain_decimal(value, trim=trim) == text


@pytest.mark.parametrize(
    ("name", "keys"), [("targets", ("value", "gap")), ("indicators", ("value",))]
)
def test_xlsx_values_are_numbers_a_spreadsheet_can_sum(
    client: Client, name: str, keys: tuple[str, ...]
) -> None:
    """XLSX holds values and gaps as numbers equal to the CSV's exact decimals (text before)."""
    csv_rows = _csv(client.get(f"/download/{name}.csv", params={"lang": "en"}).text)
    xlsx = client.get(f"/download/{name}.xlsx", params={"lang": "en"}).content
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    assert sheet is not None
    header, *rows = list(sheet.iter_rows(values_only=True))
    checked = 0
    for csv_row, row in zip(csv_rows, rows, strict=True):
        cells = dict(zip(header, row, strict=True))
        for key in keys:
            if csv_row[key]:
                assert isinstance(cells[key], int | float), (key, cells[key])
                assert Decimal(str(cells[key])) == Decimal(csv_row[key])
                checked += 1
    assert checked > 0
    # text columns stay text, even when they hold only digits
    assert all(isinstance(cells, str) for cells in (r[0] for r in rows) if cells is not None)


def test_a_numeric_column_keeps_text_that_is_no_plain_decimal() -> None:
    table = Table("t", "t", (Column("value", "値", numeric=True),), [{"value": "約3割"}])
    sheet = openpyxl.load_workbook(io.BytesIO(tables_to_xlsx([table]))).active
    assert sheet is not None and sheet["A2"].value == "約3割"


def test_series_rows_name_the_place_of_their_indicator_in_each_edition(client: Client) -> None:
    """series.csv left 箇所 empty; each point now says where its edition puts the indicator."""
    rows = client.get("/api/v1/indicators").json()
    indicator = next(r for r in rows if r["place"])
    params = {"indicator": indicator["indicator"]["id"], "lang": "en"}
    series = _csv(client.get("/download/series.csv", params=params).text)
    assert len({r["document_id"] for r in series}) == 2  # both sample editions
    assert all(r["place"] == indicator["place"] for r in series), series
