-- 0016: the kept rankings of frequent words (stiplan.store.search_sql.frequent_keep_sql).
--
-- A search ranks every match by BM25 and sorts them all to interleave the types
-- (docs/search.md, "Ranking"); for a word held by tens of thousands of units that is most of
-- the time a search takes. The store keeps, for each word held by many units
-- (search_sql.FREQUENT_UNITS), the first rounds of its unfiltered ranking: every type's best
-- matches with their rank and round, so that a page of it is read in order from here.
-- Rewritten in the transaction of every change to the index (ingest, delete, reindex); the
-- store fills them when it applies this migration to a store that holds units. Both stores
-- keep them (stiplan.store.shared.frequent).
CREATE TABLE search_frequent_words (
    expression TEXT PRIMARY KEY,  -- the query as the full-text engine takes it
    rounds INTEGER NOT NULL       -- how many rounds are kept: pages up to this deep
);

CREATE TABLE search_frequent (
    expression TEXT NOT NULL REFERENCES search_frequent_words (expression) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    rank DOUBLE PRECISION NOT NULL,  -- as the engine ranked: lower is better
    unit_no INTEGER NOT NULL,
    PRIMARY KEY (expression, round, rank, unit_no)
);
