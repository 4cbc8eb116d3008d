-- 0001: the first schema of the store.
--
-- Portable SQL on purpose: the same statements are meant to run on PostgreSQL. Hence plain types
-- (TEXT, INTEGER, BOOLEAN), explicit string keys chosen by the readers, foreign keys with
-- ON DELETE CASCADE, and no AUTOINCREMENT, WITHOUT ROWID or conflict clauses.
--
-- Element ids come from the readers and are only promised to be unique within one document, so
-- every element-level key is (document_id, element id). Two editions of one report may then
-- reuse the same ids for the same rows, which is what matching across editions wants.

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    source_name TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    edition TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    line_count INTEGER NOT NULL
);

CREATE TABLE source_lines (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    line_no INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (document_id, line_no)
);

CREATE TABLE elements (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    parent_id TEXT,
    type TEXT NOT NULL CHECK (type IN (
        'chapter', 'section', 'subsection', 'paragraph', 'goal', 'target', 'indicator',
        'observation', 'initiative', 'status_item', 'action', 'footnote'
    )),
    ordinal INTEGER NOT NULL,
    number INTEGER,
    title TEXT,
    text TEXT,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    attrs TEXT NOT NULL,
    PRIMARY KEY (document_id, id),
    FOREIGN KEY (document_id, parent_id) REFERENCES elements (document_id, id) ON DELETE CASCADE
);

CREATE INDEX elements_parent ON elements (document_id, parent_id, ordinal);
CREATE INDEX elements_type ON elements (type, document_id);

CREATE TABLE element_ministries (
    document_id TEXT NOT NULL,
    element_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    lead BOOLEAN NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (document_id, element_id, position),
    FOREIGN KEY (document_id, element_id) REFERENCES elements (document_id, id) ON DELETE CASCADE
);

CREATE INDEX element_ministries_code ON element_ministries (code, lead);

CREATE TABLE footnote_citations (
    document_id TEXT NOT NULL,
    element_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    footnote_number INTEGER NOT NULL,
    PRIMARY KEY (document_id, element_id, position),
    FOREIGN KEY (document_id, element_id) REFERENCES elements (document_id, id) ON DELETE CASCADE
);

CREATE INDEX footnote_citations_number ON footnote_citations (document_id, footnote_number);

CREATE TABLE footnote_cited_by (
    document_id TEXT NOT NULL,
    footnote_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    element_id TEXT NOT NULL,
    PRIMARY KEY (document_id, footnote_id, position),
    FOREIGN KEY (document_id, footnote_id) REFERENCES elements (document_id, id) ON DELETE CASCADE
);

CREATE TABLE quantities (
    document_id TEXT NOT NULL,
    element_id TEXT NOT NULL,
    value TEXT NOT NULL,
    unit TEXT NOT NULL,
    text TEXT NOT NULL,
    qualifier TEXT,
    scale INTEGER NOT NULL,
    provisional BOOLEAN NOT NULL,
    of_value TEXT,
    per TEXT,
    PRIMARY KEY (document_id, element_id),
    FOREIGN KEY (document_id, element_id) REFERENCES elements (document_id, id) ON DELETE CASCADE
);

CREATE TABLE periods (
    document_id TEXT NOT NULL,
    element_id TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('period', 'deadline', 'baseline')),
    position INTEGER NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    deadline_kind TEXT,
    deadline_text TEXT,
    PRIMARY KEY (document_id, element_id, role, position),
    FOREIGN KEY (document_id, element_id) REFERENCES elements (document_id, id) ON DELETE CASCADE
);

CREATE INDEX periods_end ON periods (role, end_date);

CREATE TABLE warnings (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    line INTEGER NOT NULL,
    PRIMARY KEY (document_id, position)
);

CREATE INDEX warnings_code ON warnings (code);
