-- A note is at most 2,000 characters, as the survey form says and the server checks
-- (src/lib/limits.ts); the table's own guard allowed 4,000. SQLite can't change a CHECK in
-- place, so the table is made again with the same columns and index, and its rows copied over
-- in key order. No note was ever stored longer than 2,000 characters. The new table and index
-- each take the page the old ones freed, so a new database is laid out as it was before.

DROP INDEX comments_by_group;
ALTER TABLE comments RENAME TO comments_before_007;
CREATE TABLE comments (
	id BLOB PRIMARY KEY CHECK (length(id) = 16),
	round_id INTEGER NOT NULL REFERENCES rounds (id),
	audience TEXT NOT NULL CHECK (audience IN ('staff', 'consumer')),
	program_id INTEGER REFERENCES programs (id),
	body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 2000)
) WITHOUT ROWID;
INSERT INTO comments (id, round_id, audience, program_id, body)
	SELECT id, round_id, audience, program_id, body FROM comments_before_007 ORDER BY id;
DROP TABLE comments_before_007;
CREATE INDEX comments_by_group ON comments (round_id, audience, program_id);
