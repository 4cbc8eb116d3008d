-- 0006 for PostgreSQL: the tsvector column and its GIN index again, on the search_units
-- table that 0005 rebuilt (as ../0006_search_fts_units.sql brings back FTS5's triggers).
-- The function stiplan_terms_vector of 0003 is unchanged.

ALTER TABLE search_units ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    setweight(stiplan_terms_vector(terms), 'A') || setweight(stiplan_terms_vector(subterms), 'B')
) STORED;

CREATE INDEX search_units_tsv ON search_units USING GIN (tsv);
