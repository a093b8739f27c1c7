-- "You said, we did" as a plan: who leads each change, the round by which it should show in the
-- results, and where it stands.
--
-- The lead is free text, a name or a role ("Front desk lead"). The due round is any round the
-- agency has or will run, drafts included; a change is overdue when it is still planned or under
-- way and its due round has closed. Changes recorded before this were recorded as things the
-- agency had already changed ("what changed, and when"), so they are done, with no lead or due
-- round, as nobody wrote one down.

ALTER TABLE actions ADD COLUMN lead TEXT CHECK (lead IS NULL OR length(lead) BETWEEN 1 AND 100);
ALTER TABLE actions ADD COLUMN due_round_id INTEGER REFERENCES rounds (id);
ALTER TABLE actions ADD COLUMN status TEXT NOT NULL DEFAULT 'done' CHECK (status IN ('planned', 'under-way', 'done', 'dropped'));
