-- 0005: search units for slide decks (briefings): a unit is an element, a slide or a block.
--
-- Portable SQL, as 0001, 0002 and 0004. 0002's search_units could only name an element (its
-- foreign key referenced `elements`), so the blocks of briefings, which live in
-- `slide_blocks` (0004), could not be indexed. The table is rebuilt with one nullable
-- reference per kind of unit, each a real foreign key that cascades:
--
--   element_id  → elements      (follow-up reports: paragraphs, initiatives, titles…)
--   slide_id    → slides        (a slide, a unit of its title)
--   block_id    → slide_blocks  (a block of a slide; garbled blocks are never units)
--
-- Exactly one of the three is set, and `type` says which (`slide`, `block`, or the element's
-- type); CHECK constraints hold both rules. A unit is unique within its document per
-- reference; the slide and block references are unique through partial indexes, so that the
-- follow-up reports' units (most of the index) carry no index entries for them. `document_id`
-- now references `documents` itself, since it no longer always goes through `elements`.
--
-- The rows of the old table are copied with their unit numbers and terms, so the full-text
-- index (0003, whose triggers go with the old table and come back in 0006) stays valid
-- without a rebuild. Briefings stored before this migration had no units: their row in
-- search_documents is removed, which makes them stale (`stiplan search` says so) until
-- `stiplan reindex` indexes their slides and blocks.

CREATE TABLE search_units_v5 (
    unit_no INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    element_id TEXT,
    slide_id TEXT,
    block_id TEXT,
    type TEXT NOT NULL,
    section_id TEXT,
    tags_from TEXT,
    terms TEXT NOT NULL,
    subterms TEXT NOT NULL,
    CHECK (
        (CASE WHEN element_id IS NULL THEN 0 ELSE 1 END)
        + (CASE WHEN slide_id IS NULL THEN 0 ELSE 1 END)
        + (CASE WHEN block_id IS NULL THEN 0 ELSE 1 END) = 1
    ),
    CHECK (slide_id IS NULL OR type = 'slide'),
    CHECK (block_id IS NULL OR type = 'block'),
    CHECK (element_id IS NULL OR type NOT IN ('slide', 'block')),
    UNIQUE (document_id, element_id),
    FOREIGN KEY (document_id, element_id) REFERENCES elements (document_id, id) ON DELETE CASCADE,
    FOREIGN KEY (document_id, slide_id) REFERENCES slides (document_id, id) ON DELETE CASCADE,
    FOREIGN KEY (document_id, block_id) REFERENCES slide_blocks (document_id, id) ON DELETE CASCADE
);

INSERT INTO search_units_v5 (
    unit_no, document_id, element_id, slide_id, block_id, type, section_id, tags_from, terms,
    subterms
)
SELECT unit_no, document_id, element_id, NULL, NULL, type, section_id, tags_from, terms, subterms
  FROM search_units;

DROP TABLE search_units;

ALTER TABLE search_units_v5 RENAME TO search_units;

CREATE UNIQUE INDEX search_units_slide ON search_units (document_id, slide_id)
    WHERE slide_id IS NOT NULL;

CREATE UNIQUE INDEX search_units_block ON search_units (document_id, block_id)
    WHERE block_id IS NOT NULL;

DELETE FROM search_documents
 WHERE document_id IN (SELECT id FROM documents WHERE kind = 'slides');
