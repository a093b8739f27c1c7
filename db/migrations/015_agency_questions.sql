-- The agency's own questions, asked beside the deck's under the same rules. Each is a statement
-- for staff, for consumers, or a mirrored pair, on one of the survey's two scales, in English and
-- (optionally) Spanish. Its id is its stable question id (`agency.ID`); AUTOINCREMENT keeps an id
-- from ever being used twice, even after the newest question is deleted by a restore.
-- A question's words are corrected in place until a round that asked it closes; after that a new
-- wording is a new question that replaces the old one, which is retired and keeps its history.

CREATE TABLE agency_questions (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	scale TEXT NOT NULL CHECK (scale IN ('practice', 'agreement')),
	-- What managers read in tables and pickers.
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
	staff_en TEXT CHECK (length(staff_en) BETWEEN 1 AND 200),
	staff_es TEXT CHECK (length(staff_es) BETWEEN 1 AND 200),
	consumer_en TEXT CHECK (length(consumer_en) BETWEEN 1 AND 200),
	consumer_es TEXT CHECK (length(consumer_es) BETWEEN 1 AND 200),
	-- The question whose wording this one replaced, once that one had been asked in a closed round.
	replaces INTEGER REFERENCES agency_questions (id),
	created_at INTEGER NOT NULL,
	-- Not asked from the next round on; it stays in results for the rounds that asked it.
	retired_at INTEGER,
	CHECK (staff_en IS NOT NULL OR consumer_en IS NOT NULL),
	CHECK (staff_es IS NULL OR staff_en IS NOT NULL),
	CHECK (consumer_es IS NULL OR consumer_en IS NOT NULL)
);

-- At most 20 questions of the agency's own are asked at once.
CREATE TRIGGER agency_questions_at_most_20_active
BEFORE INSERT ON agency_questions
WHEN NEW.retired_at IS NULL AND (SELECT count(*) FROM agency_questions WHERE retired_at IS NULL) >= 20
BEGIN
	SELECT RAISE(ABORT, 'at most 20 active agency questions');
END;

-- Which of the agency's questions a round asks. A round that is not a draft asks what it asked.
CREATE TABLE round_questions (
	round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
	question_id INTEGER NOT NULL REFERENCES agency_questions (id),
	PRIMARY KEY (round_id, question_id)
) WITHOUT ROWID;
CREATE INDEX round_questions_by_question ON round_questions (question_id);
