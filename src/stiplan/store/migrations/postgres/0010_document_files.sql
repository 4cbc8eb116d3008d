-- 0010 for PostgreSQL: the same table as ../0010_document_files.sql with the bytes as BYTEA
-- (PostgreSQL has no BLOB). Variants in this folder replace the migration of the same number
-- on PostgreSQL; the SQLite loader never reads this folder (docs/store.md, "Migrations").

CREATE TABLE document_files (
    document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    media_type TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    data BYTEA NOT NULL
);
