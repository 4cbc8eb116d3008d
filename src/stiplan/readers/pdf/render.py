"""PDF pages as images (pypdfium2), for the dashboard's source view of a PDF element.

Pure functions of the PDF's bytes: no store, no files. PDFium is not thread-safe and the web
app renders from a pool of threads, so every call into it holds one lock. pypdfium2 is
imported on first use, keeping it off the start-up path of commands that never render.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from typing import Any

from stiplan.readers.pdf.pages import PdfError

_PDFIUM = threading.Lock()


@dataclass(frozen=True, slots=True)
class PageSize:
    """A page's width and height in points (1/72 inch), as the layout reader's boxes use."""

    width: float
    height: float


def _open(data: bytes) -> Any:
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise PdfError(
            "PDFを開けないのでページを表示できません"
            f" / cannot open the PDF to show its pages: {error}"
        ) from error


def _check_page(pdf: Any, page: int) -> None:
    count = len(pdf)
    if not 1 <= page <= count:
        raise PdfError(
            f"{page}ページはありません（全{count}ページ）"
            f" / no page {page}: the PDF has {count} page(s)",
            page,
        )


def page_size(data: bytes, page: int) -> PageSize:
    """The size of 1-based ``page``; ``PdfError`` if the PDF has no such page."""
    with _PDFIUM:
        pdf = _open(data)
        try:
            _check_page(pdf, page)
            width, height = pdf.get_page_size(page - 1)
        finally:
            pdf.close()
    return PageSize(float(width), float(height))


def render_png(data: bytes, page: int, scale: float) -> bytes:
    """1-based ``page`` drawn at ``scale`` pixels per point, as PNG bytes.

    The image is the whole page with nothing drawn on it: a highlight is the viewer's
    business, so one image serves every element of the page.
    """
    with _PDFIUM:
        pdf = _open(data)
        try:
            _check_page(pdf, page)
            bitmap = pdf[page - 1].render(scale=scale)
            image = bitmap.to_pil()
        finally:
            pdf.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
