"""The original file kept with a document (a PDF's bytes, written by ``ingest`` in the same
transaction), read back for showing its pages."""

from __future__ import annotations

from stiplan.model import SourceFile
from stiplan.store import sql
from stiplan.store.reading import Fetching
from stiplan.store.rows import FileRow


class Files(Fetching):
    """What file a document was read from, and its bytes."""

    def document_file(self, document_id: str) -> FileRow | None:
        """The original file kept with a document (a PDF), without its bytes; None for a text
        document. ``NotFound`` if there is no such document."""
        self._require_document(document_id)
        found = self._fetch(*sql.document_file_sql(document_id))
        if not found:
            return None
        row = found[0]
        return FileRow(row["document_id"], row["media_type"], row["sha256"], int(row["size"]))

    def document_file_data(self, document_id: str) -> SourceFile | None:
        """The original file kept with a document, bytes and all; None for a text document."""
        self._require_document(document_id)
        found = self._fetch(*sql.document_file_sql(document_id, with_data=True))
        if not found:
            return None
        return SourceFile(found[0]["media_type"], bytes(found[0]["data"]))
