"""Tracing a fact to its source: an element with its lines and children, a window of source
lines, and the page of the original PDF an element stands on (with its box)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from stiplan.ingest import PDF_MEDIA_TYPE
from stiplan.queries.base import QueryError, UnknownId, require_latest, resolve_document
from stiplan.readers.pdf import PdfError
from stiplan.readers.pdf.render import page_size, render_png
from stiplan.store import DocumentRow, ElementRow, NotFound, SourceLine, StoreError, StoreInterface
from stiplan.store.survey import ProvenanceRow


@dataclass(frozen=True, slots=True)
class PageImage:
    """The page of a PDF an element stands on, for showing it with the element's box.

    ``width`` and ``height`` are the page's size in points, the unit of ``box`` (``x0, top,
    x1, bottom`` from the page's top-left), so a viewer scales the box with the image. The
    image itself is ``page_png`` of ``document_id`` and ``page``.
    """

    document_id: str
    page: int
    width: float
    height: float
    box: tuple[float, float, float, float] | None


@dataclass(frozen=True, slots=True)
class ElementView:
    """An element with the source lines it came from and its direct children; with
    ``page_image`` when it was read from a PDF whose original is stored, and the type of its
    parent (``parent_type``: the page that shows it)."""

    element: ElementRow
    document: DocumentRow
    source: list[SourceLine]
    children: list[ElementRow]
    page_image: PageImage | None = None
    parent_type: str | None = None
    provenance: ProvenanceRow | None = None
    """For an element of a published survey edition: the ministry, revision and author it
    came from (``docs/survey.md``); None for an ingested report."""


def element(store: StoreInterface, element_id: str, with_page: bool = False) -> ElementView:
    """One element (or slide, or slide block), traced to its source lines (and, with
    ``with_page``, to its page of the original PDF: ``element_page``)."""
    try:
        try:
            row = store.element(element_id)
            children = store.children(row.id, row.document_id)
        except NotFound:
            row = store.slide_element(element_id)
            children = store.slide_children(row.id, row.document_id)
    except NotFound as error:
        raise UnknownId(
            f"ID {element_id!r} の要素はありません / no element with id {element_id!r}"
        ) from error
    except StoreError as error:  # the id is ambiguous across documents
        raise QueryError(str(error)) from error
    lines = store.source_lines(row.document_id, row.span.first_line, row.span.last_line)
    page = element_page(store, row) if with_page else None
    document = store.document(row.document_id)
    origin = next(
        (p for p in store.survey_provenance(row.document_id) if p.element_id == row.id), None
    )
    return ElementView(row, document, lines, children, page, _parent_type(store, row), origin)


def _parent_type(store: StoreInterface, row: ElementRow) -> str | None:
    """The type of the element ``row`` sits in (a slide's block sits in a slide), which says
    on which page ``row`` is shown; None for a chapter or a slide."""
    if row.parent_id is None:
        return None
    try:
        try:
            return store.element(row.parent_id, row.document_id).type
        except NotFound:
            return store.slide_element(row.parent_id, row.document_id).type
    except NotFound:  # pragma: no cover - a stored element's parent is stored with it
        return None


class PageCache(Protocol):
    """Where rendered page images are kept (the web app's is ``web/page_cache.py``, on disk):
    the image of ``page`` of the PDF with hash ``sha256`` at ``scale``, else ``render()``'s."""

    def get(self, sha256: str, page: int, scale: int, render: Callable[[], bytes]) -> bytes: ...


PAGE_SCALE = 2
"""Pixels per point of a page image (144 dpi): sharp enough for small Japanese type."""


def element_page(store: StoreInterface, row: ElementRow) -> PageImage | None:
    """The page ``row`` stands on, with its size; None for an element without a page or a
    document whose original PDF is not stored (text, or stored before originals were kept)."""
    if row.span.page is None:
        return None
    original = store.document_file_data(row.document_id)
    if original is None or original.media_type != PDF_MEDIA_TYPE:
        return None
    try:
        size = page_size(original.data, row.span.page)
    except PdfError:
        return None
    return PageImage(row.document_id, row.span.page, size.width, size.height, row.span.box)


def page_png(
    store: StoreInterface, document: str, page: int, cache: PageCache, scale: int = PAGE_SCALE
) -> bytes:
    """The PNG image of ``page`` of a stored PDF, rendered once and then read from ``cache``.

    ``UnknownId`` for an unknown document, one without a stored PDF (a text document) or a
    page the PDF does not have. Only reads the store.
    """
    document_id = resolve_document(store, document)
    assert document_id is not None
    kept = store.document_file(document_id)
    if kept is None or kept.media_type != PDF_MEDIA_TYPE:
        raise UnknownId(
            f"文書{document_id}にはページ画像がありません（PDFから読み取った文書ではありません）"
            f" / document {document_id} has no page images: it was not read from a PDF"
        )

    def render() -> bytes:
        original = store.document_file_data(document_id)
        assert original is not None
        try:
            return render_png(original.data, page, scale)
        except PdfError as error:
            raise UnknownId(
                f"文書{document_id}のページ画像を表示できません / document {document_id}: {error}"
            ) from error

    return cache.get(kept.sha256, page, scale, render)


def source_lines(store: StoreInterface, document: str, first: int, last: int) -> list[SourceLine]:
    """Lines ``first``..``last`` of a document (clipped to it)."""
    if first < 1 or last < first:
        raise QueryError(
            f"行の範囲 {first}-{last} は正しくありません / bad line range {first}-{last}"
        )
    doc = require_latest(store, document)
    return store.source_lines(doc.id, first, last)
