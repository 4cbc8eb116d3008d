"""Jinja2 rendering of the pages: one environment per app, autoescaping always on.

Templates get the request's language and translator (``t``), a ``url`` helper that builds
paths from route names (path parameters quoted, the rest as a query string) and formatters
for the model's values. Document text reaches the templates as plain strings and is escaped
like any other value: a ``<script>`` in a report is shown, never run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from stiplan.model import Period, Quantity, subsection_mark
from stiplan.queries import (
    LINES_PER_PAGE,
    format_amount,
    format_day,
    known_plans,
    ministry_info,
    page_of_line,
    plain_runs,
    plan_info,
)
from stiplan.web.deps import language
from stiplan.web.i18n import translator
from stiplan.web.twins import twin_url
from stiplan.web.warning_catalogue import warning_explanation, warning_label

# Names of path parameters in this app's routes; every other parameter is a query parameter.
PATH_PARAMS = frozenset(
    {
        "document_id",
        "section_id",
        "initiative_id",
        "indicator_id",
        "element_id",
        "code",
        "name",
        "path",
        "page_no",
        "round_id",
    }
)
NAV = (
    ("overview", "page_overview"),
    ("search", "page_search"),
    ("indicators", "page_indicators"),
    ("initiatives", "page_initiatives"),
    ("progress", "page_progress"),
    ("ministries", "page_ministries"),
    ("editions", "page_editions"),
    ("programmes", "page_programmes"),
    ("timeline", "page_timeline"),
    ("warnings", "page_warnings"),
    ("documents", "page_documents"),
    ("api", "page_api_docs"),
)


def make_environment() -> Environment:
    """The template environment: package templates, autoescape, undefined names are errors."""
    env = Environment(
        loader=PackageLoader("stiplan.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["period"] = period_text
    env.filters["quantity"] = quantity_text
    env.filters["number"] = number_text
    env.filters["day"] = day_text
    env.filters["code_spans"] = code_spans
    env.filters["plain_runs"] = plain_runs
    env.filters["amount"] = format_amount
    env.filters["subsection_mark"] = subsection_mark
    env.globals["ministry_info"] = ministry_info
    env.globals["plan_info"] = plan_info
    env.globals["known_plans"] = known_plans
    env.globals["LINES_PER_PAGE"] = LINES_PER_PAGE
    env.globals["warning_label"] = warning_label
    env.globals["warning_explanation"] = warning_explanation
    return env


class Renderer:
    """Renders pages of one app (it needs the app's routes to build links)."""

    def __init__(self, app: FastAPI) -> None:
        self._app = app
        self._env = make_environment()
        self._env.globals["source_url"] = self.source_url
        self._paths: dict[tuple[str, tuple[str, ...]], str] = {}

    def source_url(self, element_id: str) -> str:
        """The source view of an element: its text beside its lines (and a PDF's page)."""
        return self.url("page_source", element_id=element_id)

    def url(self, route: str, /, **params: Any) -> str:
        """The path of ``route``; parameters that are not in the path go in the query.

        Path parameters are those named in ``PATH_PARAMS`` (a convention of this app's routes);
        empty, None and False values are left out of the query.
        """
        path_params = {k: quote(str(v), safe=":") for k, v in params.items() if k in PATH_PARAMS}
        query = {
            k: ("true" if v is True else str(v))
            for k, v in params.items()
            if k not in PATH_PARAMS and v is not None and v is not False and v != ""
        }
        path = self._path(route, path_params)
        return f"{path}?{urlencode(query)}" if query else path

    def _path(self, route: str, params: dict[str, str]) -> str:
        """``url_path_for`` through a template kept per route and parameter names: finding a
        route walks every route of the app, and a page of 50 rows builds hundreds of links
        (most of a list page's rendering time before). A route whose parameters refuse the
        placeholder (an int) is looked up each time."""
        key = (route, tuple(sorted(params)))
        template = self._paths.get(key)
        if template is None:
            marks = {name: f"\x00{name}\x00" for name in key[1]}
            try:
                template = str(self._app.url_path_for(route, **marks))
            except (ValueError, AssertionError):
                return str(self._app.url_path_for(route, **params))
            self._paths[key] = template
        for name, value in params.items():
            template = template.replace(f"\x00{name}\x00", value)
        return template

    def line_url(self, document_id: str, first: int, last: int | None = None) -> str:
        """The document page showing ``first`` (to ``last``), scrolled to it."""
        anchor = f"L{first}" if last is None or last == first else f"L{first}-L{last}"
        page = page_of_line(first)
        path = self.url("page_document", document_id=document_id, page=page if page > 1 else None)
        return f"{path}#{anchor}"

    def page(
        self,
        request: Request,
        template: str,
        context: Mapping[str, Any],
        status: int = 200,
        nav: str = "",
    ) -> HTMLResponse:
        """A page rendered with the request's language and the shared helpers."""
        lang = language(request)
        html = self._env.get_template(template).render(
            request=request,
            **self._helpers(lang),
            nav=NAV,
            current=nav,
            switch_url=_switch_url(request, "ja" if lang == "en" else "en"),
            json_url=twin_url(self._app, self._app.state.page_routes, request.scope),
            **context,
        )
        return HTMLResponse(html, status_code=status)

    def part(self, request: Request, template: str, context: Mapping[str, Any]) -> Markup:
        """A piece of a page, without the layout: what one request alone does not change
        (no request, no navigation), so that the caller may keep it for later requests."""
        lang = language(request)
        return Markup(self._env.get_template(template).render(**self._helpers(lang), **context))

    def _helpers(self, lang: str) -> dict[str, Any]:
        """What every template is given: the language, its translator and the link builders."""
        return {"lang": lang, "t": translator(lang), "url": self.url, "line_url": self.line_url}


def _switch_url(request: Request, lang: str) -> str:
    """The same page in the other language."""
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    query.append(("lang", lang))
    return f"{quote(request.url.path, safe='/:')}?{urlencode(query)}"


def code_spans(text: str) -> Markup:
    """Text with ````names```` (as docstrings and the OpenAPI descriptions write them) shown
    as ``<code>``; everything else escaped."""
    escaped = str(escape(text))
    return Markup(re.sub(r"``(.+?)``", r"<code>\1</code>", escaped))


def period_text(period: Period | None) -> str:
    """A period as written in the document."""
    return "" if period is None else period.text


def day_text(day: date | str | None) -> str:
    """A date in both calendars (``2023年9月14日（令和5年）``), given as a date or as an ISO
    text (a survey round's due date); empty when there is none."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return "" if day is None else format_day(day)


def quantity_text(quantity: Quantity | None) -> str:
    """A quantity as written, with 暫定値 when provisional; a count read from a word
    (``全都道府県``) shows the number beside the word, marked as derived."""
    if quantity is None:
        return ""
    if quantity.derived:
        amount = format_amount(quantity.value, quantity.unit)
        return f"{quantity.text}（={amount}、語から導出）"
    return quantity.text + ("（暫定値）" if quantity.provisional else "")


def number_text(value: Decimal | int | float) -> str:
    """A number with thousands separators and no meaningless trailing zeros."""
    if isinstance(value, Decimal):
        text = f"{value:,f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return f"{value:,}"
