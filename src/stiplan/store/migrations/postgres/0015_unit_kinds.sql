-- 0015 for PostgreSQL, as ../0015_unit_kinds.sql without FTS5: a search unit's number carries
-- its kind (stiplan.store.search_sql.KIND_SLOTS).
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
