-- 0012: people who may sign in to a shared deployment (issue 16; docs/deploy.md, "Users, roles
-- and the audit trail").
--
-- A user has one role: 'admin' (manages users), 'secretariat' (ingests, reads the audit trail)
-- or 'ministry' (scoped to the ministry codes listed in user_ministries). Passwords are kept
-- only as argon2 hashes (the hash text names its own parameters). A disabled user keeps its
-- row, so the audit trail can still name it; active is 1 or 0. Times are ISO 8601 in UTC.
-- app_settings holds values the deployment shares, such as the key that signs session
-- cookies, so that every server worker signs and checks with the same key.

CREATE TABLE users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('admin', 'secretariat', 'ministry')),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE user_ministries (
    user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    ministry TEXT NOT NULL,
    PRIMARY KEY (user_name, ministry)
);

CREATE TABLE app_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
