-- 0015 for PostgreSQL, as ../0015_search_by_number.sql without FTS5: a search unit's number
-- carries its kind (stiplan.store.search_sql.KIND_SLOTS), and search_unit_ministries lists the
-- units each ministry answers for (at the end).
--
-- unit_no = sequence * 32 + the code of the unit's type, the code being the type's place in
-- stiplan.store.tables.UNIT_TYPES (a test holds this list to it). The search ranks the
-- matches of each kind apart (docs/search.md, "Ranking"); reading the kind from the number
-- instead of from the unit's row took a third off a search of a common word. The sequence is
-- the old number, so units keep their order, and an ingest still numbers after the last.
--
-- Two steps, through negative numbers, so that no new number meets an old one while the
-- table is rewritten (PostgreSQL checks the primary key row by row).
UPDATE search_units SET unit_no = -unit_no;

UPDATE search_units SET unit_no = (-unit_no) * 32 + CASE type
        WHEN 'chapter' THEN 0
        WHEN 'section' THEN 1
        WHEN 'subsection' THEN 2
        WHEN 'paragraph' THEN 3
        WHEN 'goal' THEN 4
        WHEN 'target' THEN 5
        WHEN 'indicator' THEN 6
        WHEN 'observation' THEN 7
        WHEN 'initiative' THEN 8
        WHEN 'status_item' THEN 9
        WHEN 'action' THEN 10
        WHEN 'footnote' THEN 11
        WHEN 'slide' THEN 12
        WHEN 'block' THEN 13
        ELSE 31
    END;

-- The tsvector column and its GIN index (0006) belong to the row and need no rebuild.

-- The units each ministry answers for, so that a ministry filter picks the matches by their
-- numbers (an index range of this table) instead of reading every match's row and its tags:
-- a unit answers for the ministries tagged on its `tags_from` element (docs/search.md,
-- "Filters"). Written with the units, at ingest and reindex; it goes with them (cascade).
CREATE TABLE search_unit_ministries (
    unit_no INTEGER NOT NULL REFERENCES search_units (unit_no) ON DELETE CASCADE,
    code TEXT NOT NULL,
    lead BOOLEAN NOT NULL,
    PRIMARY KEY (code, lead, unit_no)
);

CREATE INDEX search_unit_ministries_unit ON search_unit_ministries (unit_no);

INSERT INTO search_unit_ministries (unit_no, code, lead)
SELECT DISTINCT u.unit_no, m.code, m.lead
  FROM search_units u
  JOIN element_ministries m ON m.document_id = u.document_id AND m.element_id = u.tags_from;
