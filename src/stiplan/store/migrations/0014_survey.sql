-- 0014: the follow-up survey (issue 17; docs/survey.md): rounds, each ministry's review state,
-- the revisions ministries hand in and where each element of a published edition came from.
--
-- survey_rounds: one round of the survey for a new edition, opened from a stored follow-up
-- report (source_document). id is '<edition>-<n>' (2026-1); secret keys the HMAC that signs
-- the round's workbooks; state is 'open' until the round is published as published_document.
-- survey_ministries: the review state of each ministry that owns rows of the round (未着手,
-- 作業中, 提出済, 差戻し, 確定), with the last comment (a return's reason), who set it and,
-- once accepted, which revision was accepted (the one publishing uses).
-- survey_revisions: every hand-in of a ministry (a workbook import or a web save), numbered
-- 1, 2… per ministry and never changed; content is JSON (queries.survey / survey.content);
-- draft is 1 for a draft (作業中). survey_provenance: for each element of a published edition
-- filled from a revision, which ministry, revision and author gave it. Times are ISO 8601 UTC.
-- The schema is the same on PostgreSQL (no variant file).

CREATE TABLE survey_rounds (
    id TEXT PRIMARY KEY,
    edition TEXT NOT NULL,
    source_document TEXT NOT NULL,
    due TEXT,
    secret TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'published')),
    published_document TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

CREATE TABLE survey_ministries (
    round_id TEXT NOT NULL REFERENCES survey_rounds (id) ON DELETE CASCADE,
    ministry TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('未着手', '作業中', '提出済', '差戻し', '確定')),
    comment TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    accepted_revision INTEGER,
    PRIMARY KEY (round_id, ministry)
);

CREATE TABLE survey_revisions (
    round_id TEXT NOT NULL REFERENCES survey_rounds (id) ON DELETE CASCADE,
    ministry TEXT NOT NULL,
    number INTEGER NOT NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    draft INTEGER NOT NULL CHECK (draft IN (0, 1)),
    source TEXT NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (round_id, ministry, number)
);

CREATE TABLE survey_provenance (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    element_id TEXT NOT NULL,
    round_id TEXT NOT NULL,
    ministry TEXT NOT NULL,
    revision INTEGER NOT NULL,
    author TEXT NOT NULL,
    PRIMARY KEY (document_id, element_id)
);
