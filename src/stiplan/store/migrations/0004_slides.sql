-- 0004: slide decks (briefings) and what extraction finds in any document.
--
-- Same rules as 0001: portable SQL (plain types, string keys chosen by the readers, foreign keys
-- with ON DELETE CASCADE, no SQLite-only clauses), every key scoped by document_id.
--
-- Slides and their blocks get tables of their own rather than rows in `elements`, whose type
-- list is fixed by a CHECK constraint that SQLite cannot alter in place. Mentions (programmes,
-- decisions, numeric targets, budgets, organisations) point at the element or block they were
-- found in by `element_id`; that column is not a foreign key because it may name either kind.

CREATE TABLE slides (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    PRIMARY KEY (document_id, id)
);

CREATE TABLE slide_blocks (
    document_id TEXT NOT NULL,
    id TEXT NOT NULL,
    slide_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('title', 'bullet', 'table_row', 'paragraph', 'source')),
    level INTEGER NOT NULL,
    text TEXT NOT NULL,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    cells TEXT NOT NULL,
    bold TEXT NOT NULL,
    repaired BOOLEAN NOT NULL,
    garbled BOOLEAN NOT NULL,
    PRIMARY KEY (document_id, id),
    FOREIGN KEY (document_id, slide_id) REFERENCES slides (document_id, id) ON DELETE CASCADE
);

CREATE INDEX slide_blocks_slide ON slide_blocks (document_id, slide_id, ordinal);

CREATE TABLE programmes (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('strategy', 'plan', 'programme')),
    text TEXT NOT NULL,
    element_id TEXT NOT NULL,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    PRIMARY KEY (document_id, id)
);

CREATE INDEX programmes_name ON programmes (name);

CREATE TABLE decisions (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    body TEXT NOT NULL,
    what TEXT NOT NULL,
    action TEXT NOT NULL,
    planned BOOLEAN NOT NULL,
    text TEXT NOT NULL,
    element_id TEXT NOT NULL,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    PRIMARY KEY (document_id, id)
);

CREATE TABLE numeric_targets (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    element_id TEXT NOT NULL,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    PRIMARY KEY (document_id, id)
);

CREATE TABLE budgets (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    subject TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    element_id TEXT NOT NULL,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    PRIMARY KEY (document_id, id)
);

CREATE TABLE organisations (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    element_id TEXT NOT NULL,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    PRIMARY KEY (document_id, id)
);

CREATE INDEX organisations_name ON organisations (name);

-- Values of mentions: the quantity of a numeric target or budget, and their periods (role
-- `date` of a decision, `period` of a target or budget, `baseline` of a relative quantity).
CREATE TABLE mention_quantities (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    mention_id TEXT NOT NULL,
    value TEXT NOT NULL,
    unit TEXT NOT NULL,
    text TEXT NOT NULL,
    qualifier TEXT,
    scale INTEGER NOT NULL,
    provisional BOOLEAN NOT NULL,
    of_value TEXT,
    per TEXT,
    PRIMARY KEY (document_id, mention_id)
);

CREATE TABLE mention_periods (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    mention_id TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('date', 'period', 'baseline')),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (document_id, mention_id, role)
);

CREATE INDEX mention_periods_start ON mention_periods (role, start_date);
