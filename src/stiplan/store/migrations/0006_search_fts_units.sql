-- 0006: the search index's triggers again, over the table 0005 rebuilt (SQLite only, on
-- purpose, as 0003; see docs/store.md).
--
-- Dropping the old search_units in 0005 dropped the two triggers that keep the FTS5 index
-- (search_fts, 0003) in step with it. They come back unchanged: the full-text index knows
-- units only by number and terms, so slide and block units are indexed exactly as element
-- units are, and a cascade from a deleted document (through elements, slides or
-- slide_blocks) still takes every entry out. The FTS5 table itself is untouched: 0005 kept
-- every unit's number and terms.
--
-- On PostgreSQL this file would instead re-add the generated tsvector column over terms and
-- subterms, with its GIN index, to the rebuilt table.

CREATE TRIGGER search_units_indexed AFTER INSERT ON search_units BEGIN
    INSERT INTO search_fts (rowid, terms, subterms)
    VALUES (new.unit_no, new.terms, new.subterms);
END;

CREATE TRIGGER search_units_unindexed AFTER DELETE ON search_units BEGIN
    INSERT INTO search_fts (search_fts, rowid, terms, subterms)
    VALUES ('delete', old.unit_no, old.terms, old.subterms);
END;
