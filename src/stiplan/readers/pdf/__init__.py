"""The PDF reader's first stage: pages → layout lines in the text conversion's format.

``read_pdf`` turns a PDF into ``LayoutLine``s (text, page, box); ``stiplan.ingest`` then runs the
text readers (``read_followup`` / ``read_slides``) on their text and ``provenance.place``
puts each element's page and box on its span. See ``docs/pdf.md``.
"""

from stiplan.readers.pdf.pages import LayoutLine, PdfError, PdfText, is_pdf, read_pdf

__all__ = ["LayoutLine", "PdfError", "PdfText", "is_pdf", "read_pdf"]
