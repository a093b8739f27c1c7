-- One count row per question, with a column for each answer, instead of one row per answer
-- value: the dashboard reads a sixth of the rows, so ten years of rounds load within budget.

ALTER TABLE item_counts RENAME TO item_counts_by_value;

CREATE TABLE item_counts (
	round_id INTEGER NOT NULL REFERENCES rounds (id),
	audience TEXT NOT NULL CHECK (audience IN ('staff', 'consumer')),
	program_key INTEGER NOT NULL,
	item_id TEXT NOT NULL,
	-- "Not sure" / "Don't know", then each point of the scale.
	unsure INTEGER NOT NULL CHECK (unsure >= 0),
	answered_1 INTEGER NOT NULL CHECK (answered_1 >= 0),
	answered_2 INTEGER NOT NULL CHECK (answered_2 >= 0),
	answered_3 INTEGER NOT NULL CHECK (answered_3 >= 0),
	answered_4 INTEGER NOT NULL CHECK (answered_4 >= 0),
	answered_5 INTEGER NOT NULL CHECK (answered_5 >= 0),
	PRIMARY KEY (round_id, audience, program_key, item_id)
) WITHOUT ROWID;

INSERT INTO item_counts (round_id, audience, program_key, item_id, unsure, answered_1, answered_2, answered_3, answered_4, answered_5)
SELECT round_id, audience, program_key, item_id,
	total(answers) FILTER (WHERE value = 0), total(answers) FILTER (WHERE value = 1),
	total(answers) FILTER (WHERE value = 2), total(answers) FILTER (WHERE value = 3),
	total(answers) FILTER (WHERE value = 4), total(answers) FILTER (WHERE value = 5)
FROM item_counts_by_value
GROUP BY round_id, audience, program_key, item_id;

DROP TABLE item_counts_by_value;
