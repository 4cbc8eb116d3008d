-- 0013: the audit trail (issue 16): one row per write or attempted write, never changed.
--
-- actor: the user name (or the OS user for a CLI run without users, or '' for an anonymous
-- web visitor); at: ISO 8601 UTC; action: a dotted name ('user.add', 'ingest', 'login'…);
-- target: what was acted on (a user name, a document id or file); before/after: JSON text
-- (NULL when there is nothing to show); outcome: 'ok' or 'refused'; reason: why a refusal;
-- client: the web client's address ('' for the CLI). The id orders entries as written.
-- Append-only: the two triggers refuse any UPDATE or DELETE (PostgreSQL's variant uses
-- rules). No foreign keys: an entry outlives what it names.

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    before_json TEXT,
    after_json TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused')),
    reason TEXT NOT NULL DEFAULT '',
    client TEXT NOT NULL DEFAULT ''
);

CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_actor ON audit (actor, at);
CREATE INDEX audit_action ON audit (action, at);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
