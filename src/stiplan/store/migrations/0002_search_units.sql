-- 0002: the search index, its portable part.
--
-- One row per text unit: every element that has a text (or, for chapters, sections and
-- subsections, a title). `terms` and `subterms` are the unit's search terms, pre-tokenised by
-- stiplan.search.tokenize and joined by spaces: the words (SudachiPy mode C, Latin words whole)
-- and the parts (mode A, Latin words cut at - / &). Any full-text engine can index them as
-- they are: SQLite's FTS5 does so in 0003; PostgreSQL would use a tsvector of the same
-- columns (docs/store.md). `unit_no` is chosen by the store (no generated ids).
--
-- For the filters, without joins while ranking: `type` is the element's type (copied),
-- `section_id` the section the element lies in, `tags_from` the element whose ministry tags
-- apply to the unit: its own, else its initiative's.

CREATE TABLE search_units (
    unit_no INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL,
    element_id TEXT NOT NULL,
    type TEXT NOT NULL,
    section_id TEXT,
    tags_from TEXT,
    terms TEXT NOT NULL,
    subterms TEXT NOT NULL,
    UNIQUE (document_id, element_id),
    FOREIGN KEY (document_id, element_id) REFERENCES elements (document_id, id) ON DELETE CASCADE
);

-- Which documents are indexed, and by which tokenizer (terms version, SudachiPy and its
-- dictionary): an index built by another tokenizer may miss words and needs a reindex.
CREATE TABLE search_documents (
    document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    tokenizer TEXT NOT NULL,
    unit_count INTEGER NOT NULL
);
