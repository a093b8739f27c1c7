-- Whether the database file still owes the rewrite that erases the order answers came in.
--
-- Closing a round rewrites the file (VACUUM, then an emptied write-ahead log), but a reader (a
-- backup, a report tool, the sqlite3 shell) can keep that rewrite from finishing. So the close
-- sets `pending` in its own transaction, and only a finished rewrite clears it: the server retries
-- until then, and says so to admins and on /healthz. One row, no time: nothing here dates a round.
--
-- A database closed by an earlier version may have missed its rewrite, so one with any closed
-- round starts out pending, and is rewritten at the next start-up.

CREATE TABLE order_erasure (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	pending INTEGER NOT NULL CHECK (pending IN (0, 1))
);
INSERT INTO order_erasure (id, pending) SELECT 1, EXISTS (SELECT 1 FROM rounds WHERE status = 'closed');
