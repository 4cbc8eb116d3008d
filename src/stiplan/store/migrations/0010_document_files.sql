-- 0010: the original file of a document read from PDF, kept so that its pages can be shown
-- (docs/pdf.md, "Page images").
--
-- One row per document whose original is kept: the bytes as ingested, their media type
-- ('application/pdf') and the SHA-256 of the bytes (hex), which keys cached page images so
-- that two PDFs read to the same text (hence the same document id) never share an image.
-- Text documents keep no row: their decoded lines (source_lines) are their source. The row
-- goes with its document (ON DELETE CASCADE).

CREATE TABLE document_files (
    document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    media_type TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    data BLOB NOT NULL
);
