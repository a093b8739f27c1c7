import { db, sql, withPatience } from './db';

/**
 * Erasing the order answers came in. SQLite places a new row in its page, and appends each
 * transaction's pages to the write-ahead log, in the order they were written: while a round is
 * open, the raw file holds the order of submission, and each commit ties a comment and a spent
 * single-use code to the ratings sent with them. Closing a round rewrites the file: VACUUM
 * rewrites every table in key order (random, for responses, answers and comments) and the
 * checkpoints empty the log. A reader elsewhere (a backup, a report tool, the sqlite3 shell) keeps
 * that from finishing, so the close marks the rewrite as owed, and it is tried until it is done.
 */

/** How long one try waits for a reader to let go; it is better to try again later than to stall the server. */
const PATIENCE_MILLISECONDS = 200;

/** Seconds before the next try after `failures` failed ones: 30, doubling, at most 5 minutes. */
export function retryDelaySeconds(failures: number): number {
	return Math.min(30 * 2 ** failures, 300);
}

let retry: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

/** Records that the rewrite is owed; called in the transaction that closes a round, so it can't be lost. */
export function markOrderErasurePending(): void {
	sql('UPDATE order_erasure SET pending = 1 WHERE id = 1').run();
}

export function isOrderErasurePending(): boolean {
	return sql<[], number>('SELECT pending FROM order_erasure WHERE id = 1').pluck().get() === 1;
}

/**
 * One try at the rewrite, when it is owed. It counts as done only when VACUUM ran and the log was
 * then emptied; only then is the mark cleared, and the log emptied once more so it doesn't hold
 * even that. Returns whether nothing is owed any more. It can't run inside a transaction.
 */
function eraseSubmissionOrder(): boolean {
	try {
		if (!isOrderErasurePending()) return true;
		return withPatience(PATIENCE_MILLISECONDS, () => {
			// A reader holding the log now would hold back the rewritten pages too: no use rewriting yet.
			if (!emptyLog()) return false;
			db().exec('VACUUM');
			if (!emptyLog()) return false;
			sql('UPDATE order_erasure SET pending = 0 WHERE id = 1').run();
			if (emptyLog()) return true;
			// A reader came in between: the log holds the cleared mark, so the rewrite is owed until it is emptied.
			markOrderErasurePending();
			return false;
		});
	} catch (problem) {
		console.warn('Could not rewrite the database file to erase the order answers came in:', problem);
		return false;
	}
}

/**
 * Erases the order answers came in now if it can; if not, tries again on a timer, waiting longer
 * each time, until it has. The timer never keeps the process alive. Returns whether it is done.
 */
export function finishOrderErasure(): boolean {
	if (eraseSubmissionOrder()) {
		clearTimeout(retry);
		retry = undefined;
		failures = 0;
		return true;
	}
	if (retry) return false;
	const delay = retryDelaySeconds(failures++);
	console.warn(
		`The database file still holds the order answers came in: something kept it from being rewritten (a backup or a database tool reading it?). Trying again in ${delay} seconds.`
	);
	retry = setTimeout(() => {
		retry = undefined;
		finishOrderErasure();
	}, delay * 1000);
	retry.unref();
	return false;
}

/** Copies the write-ahead log into the database file and empties it; whether it is now empty. */
function emptyLog(): boolean {
	const [result] = db().pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
	// An emptied log reports 0 frames in it and 0 copied; a database without a log (in memory), -1.
	return result.busy === 0 && result.log === result.checkpointed && result.log <= 0;
}
