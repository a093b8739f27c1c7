-- The minimum group sizes a closed round's results are released under, fixed when it closes.
--
-- The small-group rules hide a figure by comparing counts with the minimum. Were a closed round's
-- results worked out again under a new minimum, a figure hidden under one minimum could be shown
-- under another, and someone who read both (a report printed before the change, the pages after)
-- could subtract one from the other down to a single person's answer. So each round keeps the
-- minimums in force when it closed, and a change to the agency's settings applies to rounds that
-- close afterwards. Rounds already closed keep the settings as they are now.

ALTER TABLE rounds ADD COLUMN minimum_group_size INTEGER CHECK (minimum_group_size IS NULL OR minimum_group_size >= 3);
ALTER TABLE rounds ADD COLUMN minimum_comment_group_size INTEGER
	CHECK (minimum_comment_group_size IS NULL OR minimum_comment_group_size >= minimum_group_size);

UPDATE rounds
SET minimum_group_size = (SELECT minimum_group_size FROM agency WHERE id = 1),
	minimum_comment_group_size = (SELECT minimum_comment_group_size FROM agency WHERE id = 1)
WHERE status = 'closed';

-- A closed round always has them.
CREATE TRIGGER rounds_close_with_minimums BEFORE UPDATE OF status ON rounds
WHEN NEW.status = 'closed' AND (NEW.minimum_group_size IS NULL OR NEW.minimum_comment_group_size IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'a round closes with the minimum group sizes its results are released under');
END;
