"""Lists a page at a time: the bounds a caller may ask for, where a page sits in its list,
and the refusal of a page past the last (the web answers 404 naming the last page)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from stiplan.queries.base import QueryError, UnknownId

T = TypeVar("T")

PER_PAGE = 50
"""Rows on one page of a paged list (documents, programmes, timeline) unless the caller
asks otherwise."""
MAX_PER_PAGE = 200
"""The most rows one page of those lists holds, so that a page's cost stays bounded."""


class PageOutOfRange(UnknownId):
    """A page past the last page of a list (the web answers 404 and names the last page)."""


@dataclass(frozen=True, slots=True)
class Paging:
    """Where a page sits in its list: ``page`` of ``pages`` (from 1), ``per_page`` rows a
    page, ``total`` rows in the whole list."""

    page: int
    per_page: int
    total: int
    pages: int


def check_bounds(page: int, per_page: int) -> None:
    """Refuse a page below 1 or a page size outside 1..``MAX_PER_PAGE`` (``QueryError``)."""
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise QueryError(
            f"ページは1以上、1ページの件数（per_page）は1〜{MAX_PER_PAGE}で指定してください"
            f" / page must be 1 or more and per_page 1 to {MAX_PER_PAGE}"
        )


def paging_of(page: int, per_page: int, total: int) -> Paging:
    """The paging of a list of ``total`` rows; a page past the last is ``PageOutOfRange``."""
    pages = max(1, -(-total // per_page))
    if page > pages:
        raise PageOutOfRange(
            f"ページ{page}はありません（全{pages}ページ、{total}件）"
            f" / page {page} is past the last page ({pages} pages, {total} rows)"
        )
    return Paging(page, per_page, total, pages)


def page_of(rows: list[T], page: int, per_page: int) -> tuple[Paging, list[T]]:
    """Page ``page`` of a whole list already in hand (kept by a memo, or short): where it sits
    and its rows. Refuses a page out of bounds as ``check_bounds`` and ``paging_of`` do."""
    check_bounds(page, per_page)
    start = (page - 1) * per_page
    return paging_of(page, per_page, len(rows)), rows[start : start + per_page]
