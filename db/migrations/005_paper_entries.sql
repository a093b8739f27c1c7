-- How many paper forms each manager typed in, per round and group (audience and program).
--
-- A manager who types in made-up paper forms beside a few real answers can subtract them from
-- the published figures and read the real ones: no minimum group size stops someone who adds
-- answers. So paper entry is made visible, and the anonymity promise still holds:
--   * only a count per round, audience, program and account: nothing about any response, no
--     time, and no key that joins a count to a response, an answer or a comment;
--   * the count is raised in the same transaction that stores the paper response, so a form
--     that was refused or failed counts nothing;
--   * the table is WITHOUT ROWID, keyed by the group and the account, so the rows say nothing
--     of the order forms were typed in. program_key is the program's id, or 0 for an
--     agency-wide link, as in response_counts.

CREATE TABLE paper_entries (
	round_id INTEGER NOT NULL REFERENCES rounds (id),
	audience TEXT NOT NULL CHECK (audience IN ('staff', 'consumer')),
	program_key INTEGER NOT NULL,
	user_id INTEGER NOT NULL REFERENCES users (id),
	forms INTEGER NOT NULL CHECK (forms > 0),
	PRIMARY KEY (round_id, audience, program_key, user_id)
) WITHOUT ROWID;
