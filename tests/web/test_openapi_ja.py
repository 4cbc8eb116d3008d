"""Every API route and parameter is described in Japanese and in English, in the OpenAPI
document and on the ``/api/v1/docs`` page (``web/openapi_ja.py``)."""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup

from stiplan.web.openapi_ja import PARAMS_JA, ROUTES_JA
from tests.web.conftest import Client

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _operations(client: Client) -> list[tuple[str, str, dict[str, Any]]]:
    schema = client.get("/api/v1/openapi.json").json()
    return [
        (method, path, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]


def _bilingual(described: dict[str, Any]) -> bool:
    ja, en = described.get("x-description-ja", ""), described.get("x-description-en", "")
    return bool(
        JAPANESE.search(ja)
        and en
        and re.search(r"[A-Za-z]{3}", en)
        and described["description"] == f"{ja}\n\n{en}"
    )


def test_every_route_and_parameter_is_described_in_both_languages(client: Client) -> None:
    missing = []
    for method, path, operation in _operations(client):
        if not _bilingual(operation):
            missing.append(f"{method} {path}")
        for parameter in operation.get("parameters", []):
            if not _bilingual(parameter):
                missing.append(f"{method} {path} ?{parameter['name']}")
    assert not missing, f"describe in web/openapi_ja.py (and in English at the route): {missing}"
    info = client.get("/api/v1/openapi.json").json()["info"]
    assert _bilingual(info)


def test_the_catalogue_names_only_routes_and_parameters_that_exist(client: Client) -> None:
    operations = _operations(client)
    assert set(ROUTES_JA) == {(method, path) for method, path, _ in operations}
    names = {p["name"] for _, _, op in operations for p in op.get("parameters", [])}
    keys = {key if isinstance(key, str) else key[1] for key in PARAMS_JA}
    assert keys == names


def test_the_reference_page_speaks_the_page_language(client: Client) -> None:
    ja = BeautifulSoup(client.get("/api/v1/docs").text, "html.parser")
    first = ja.select(".endpoint p")[0].get_text()
    assert JAPANESE.search(first) and "Every stored document" not in first
    headers = [th.get_text() for th in ja.select(".endpoint th")[:3]]
    assert headers == ["名前", "場所", "説明"]
    en = BeautifulSoup(client.get("/api/v1/docs", params={"lang": "en"}).text, "html.parser")
    assert en.select(".endpoint p")[0].get_text().startswith("Every stored document")
