-- The survey core: the agency's settings, programs, rounds, survey links and anonymous responses.
--
-- Anonymity is kept by the shape of these tables, not by a setting:
--   * responses, answers and comments hold nothing about the respondent beyond round, audience,
--     program, language, channel and instrument version: no time, address, agent or account;
--   * their keys are random 16-byte blobs and the tables are WITHOUT ROWID, so neither the ids
--     nor the stored row order say in which order people answered;
--   * comments share no key with responses, so a comment can't lead back to its ratings.

CREATE TABLE agency (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	name TEXT NOT NULL DEFAULT 'Our agency' CHECK (length(name) BETWEEN 1 AND 200),
	minimum_group_size INTEGER NOT NULL DEFAULT 5 CHECK (minimum_group_size >= 3),
	minimum_comment_group_size INTEGER NOT NULL DEFAULT 10
		CHECK (minimum_comment_group_size >= minimum_group_size)
);
INSERT INTO agency (id) VALUES (1);

CREATE TABLE programs (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
	retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
);

-- A round is one survey period; it is the only unit of time a response carries.
CREATE TABLE rounds (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
	instrument_version TEXT NOT NULL,
	planned_start TEXT CHECK (planned_start IS NULL OR date(planned_start) = planned_start),
	planned_end TEXT CHECK (planned_end IS NULL OR date(planned_end) = planned_end),
	opened_at INTEGER,
	closed_at INTEGER,
	CHECK (status = 'draft' OR opened_at IS NOT NULL),
	CHECK (status <> 'closed' OR closed_at IS NOT NULL)
);

-- Which sections each audience answers in a round.
CREATE TABLE round_sections (
	round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	audience TEXT NOT NULL CHECK (audience IN ('staff', 'consumer')),
	section_id TEXT NOT NULL,
	PRIMARY KEY (round_id, audience, section_id)
) WITHOUT ROWID;

CREATE TABLE round_programs (
	round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	program_id INTEGER NOT NULL REFERENCES programs (id),
	PRIMARY KEY (round_id, program_id)
) WITHOUT ROWID;

-- A survey link: an unguessable token (160 random bits) for one round, one audience and,
-- optionally, one program. 'code' links also ask for a single-use code.
CREATE TABLE survey_links (
	token TEXT PRIMARY KEY CHECK (length(token) >= 26),
	round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	audience TEXT NOT NULL CHECK (audience IN ('staff', 'consumer')),
	program_id INTEGER REFERENCES programs (id),
	mode TEXT NOT NULL DEFAULT 'open' CHECK (mode IN ('open', 'code'))
) WITHOUT ROWID;
CREATE UNIQUE INDEX survey_links_one_per_group
	ON survey_links (round_id, audience, ifnull(program_id, 0));

CREATE TABLE responses (
	id BLOB PRIMARY KEY CHECK (length(id) = 16),
	round_id INTEGER NOT NULL REFERENCES rounds (id),
	audience TEXT NOT NULL CHECK (audience IN ('staff', 'consumer')),
	program_id INTEGER REFERENCES programs (id),
	language TEXT NOT NULL CHECK (language IN ('en', 'es')),
	channel TEXT NOT NULL CHECK (channel IN ('web', 'kiosk', 'paper')),
	instrument_version TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX responses_by_group ON responses (round_id, audience, program_id);

-- One row per answered item; a skipped item has no row. 0 is "Not sure" / "Don't know".
CREATE TABLE answers (
	response_id BLOB NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
	item_id TEXT NOT NULL,
	value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 5),
	PRIMARY KEY (response_id, item_id)
) WITHOUT ROWID;

CREATE TABLE comments (
	id BLOB PRIMARY KEY CHECK (length(id) = 16),
	round_id INTEGER NOT NULL REFERENCES rounds (id),
	audience TEXT NOT NULL CHECK (audience IN ('staff', 'consumer')),
	program_id INTEGER REFERENCES programs (id),
	body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 4000)
) WITHOUT ROWID;
CREATE INDEX comments_by_group ON comments (round_id, audience, program_id);

-- A closed round never reopens: results were shown from it, and reopening would let someone
-- compare before and after one more answer.
CREATE TRIGGER rounds_closed_is_final BEFORE UPDATE OF status ON rounds
	WHEN OLD.status = 'closed' AND NEW.status <> 'closed'
BEGIN
	SELECT RAISE(ABORT, 'A closed round never reopens');
END;
