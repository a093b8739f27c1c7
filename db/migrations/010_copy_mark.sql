-- A mark that tells this agency's reflection copies from another agency's.
--
-- A staff member may keep a copy of their own answers on their device, or as a file, to see their
-- own change across rounds. The copy is read only in their browser and never sent here. It carries
-- this mark so that a file from another agency's server is refused instead of being read as this
-- agency's rounds. The mark is not a secret and is the same for every copy of this agency: it
-- links nobody to anything.

ALTER TABLE agency ADD COLUMN copy_mark TEXT NOT NULL DEFAULT '';
UPDATE agency SET copy_mark = lower(hex(randomblob(16)));
