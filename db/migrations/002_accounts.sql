-- Managers and admins, and their sessions (as in the Lucia guide: only a hash of each session
-- secret is stored). Nothing here is ever joined to a response.

CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	username TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 1 AND 64),
	password_hash TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('admin', 'manager')),
	disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
	id TEXT PRIMARY KEY,
	secret_hash BLOB NOT NULL,
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	last_verified_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Single-use codes for 'code' survey links. A used code is only marked used: no response
-- refers to it, and nothing records when it was used.
CREATE TABLE survey_codes (
	code TEXT PRIMARY KEY,
	link_token TEXT NOT NULL REFERENCES survey_links (token) ON DELETE CASCADE,
	used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
) WITHOUT ROWID;
CREATE INDEX survey_codes_by_link ON survey_codes (link_token);
