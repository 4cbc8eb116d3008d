-- 0003: the search index, its SQLite part (SQLite only, on purpose; see docs/store.md).
--
-- An FTS5 index over the pre-tokenised columns of search_units (external content: the terms
-- are stored once, in search_units). The terms are already cut and normalised, so the
-- tokenizer only splits at spaces: `ascii` keeps every non-ASCII character inside a token, and
-- tokenchars keeps the joiners a term may hold (stiplan.search.tokenize.TERM_JOINERS).
--
-- Triggers keep the index in step with search_units, so the store writes only the portable
-- table, and deleting a document (which cascades to search_units) also empties its entries.
-- On PostgreSQL this file would instead add a generated tsvector column over terms and
-- subterms with a GIN index; nothing else changes.

CREATE VIRTUAL TABLE search_fts USING fts5 (
    terms,
    subterms,
    content = 'search_units',
    content_rowid = 'unit_no',
    tokenize = "ascii tokenchars '-./&%'"
);

CREATE TRIGGER search_units_indexed AFTER INSERT ON search_units BEGIN
    INSERT INTO search_fts (rowid, terms, subterms)
    VALUES (new.unit_no, new.terms, new.subterms);
END;

CREATE TRIGGER search_units_unindexed AFTER DELETE ON search_units BEGIN
    INSERT INTO search_fts (search_fts, rowid, terms, subterms)
    VALUES ('delete', old.unit_no, old.terms, old.subterms);
END;
