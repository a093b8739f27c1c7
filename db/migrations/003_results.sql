-- Results and "You said, we did".
--
-- A closed round never changes, so its counts are written once, when it closes, in the same
-- transaction: results read these small tables and never scan the answers. program_key is the
-- program's id, or 0 for answers that came through an agency-wide link.

CREATE TABLE item_counts (
	round_id INTEGER NOT NULL REFERENCES rounds (id),
	audience TEXT NOT NULL CHECK (audience IN ('staff', 'consumer')),
	program_key INTEGER NOT NULL,
	item_id TEXT NOT NULL,
	value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 5),
	answers INTEGER NOT NULL CHECK (answers > 0),
	PRIMARY KEY (round_id, audience, program_key, item_id, value)
) WITHOUT ROWID;

CREATE TABLE response_counts (
	round_id INTEGER NOT NULL REFERENCES rounds (id),
	audience TEXT NOT NULL CHECK (audience IN ('staff', 'consumer')),
	program_key INTEGER NOT NULL,
	responses INTEGER NOT NULL CHECK (responses > 0),
	PRIMARY KEY (round_id, audience, program_key)
) WITHOUT ROWID;

-- Rounds closed before this migration get their counts now.
INSERT INTO item_counts (round_id, audience, program_key, item_id, value, answers)
SELECT responses.round_id, responses.audience, ifnull(responses.program_id, 0), answers.item_id, answers.value, count(*)
FROM answers
JOIN responses ON responses.id = answers.response_id
JOIN rounds ON rounds.id = responses.round_id
WHERE rounds.status = 'closed'
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO response_counts (round_id, audience, program_key, responses)
SELECT responses.round_id, responses.audience, ifnull(responses.program_id, 0), count(*)
FROM responses JOIN rounds ON rounds.id = responses.round_id
WHERE rounds.status = 'closed'
GROUP BY 1, 2, 3;

-- "You said, we did": what the agency changed, tied to a round and to items.
CREATE TABLE actions (
	id INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES rounds (id),
	happened_on TEXT NOT NULL CHECK (date(happened_on) = happened_on),
	description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
	description_es TEXT CHECK (description_es IS NULL OR length(description_es) BETWEEN 1 AND 1000),
	published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1))
);

CREATE TABLE action_items (
	action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
	item_id TEXT NOT NULL,
	PRIMARY KEY (action_id, item_id)
) WITHOUT ROWID;

-- The public "You said, we did" page is off until an admin turns it on.
ALTER TABLE agency ADD COLUMN public_page INTEGER NOT NULL DEFAULT 0 CHECK (public_page IN (0, 1));
