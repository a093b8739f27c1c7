import Database from 'better-sqlite3';
import { db } from './db';

interface Waiting {
	work: () => void;
	resolve: () => void;
	reject: (problem: unknown) => void;
}

let waiting: Waiting[] = [];

/**
 * Runs `work` in a write transaction shared with every other piece of work that arrives before
 * the event loop next turns, and resolves only once that transaction is committed. Forcing the
 * write-ahead log to disk is the dearest part of a save; a room of people pressing Send together
 * now pays for it once.
 *
 * Each piece runs inside its own savepoint: when it refuses (throws an error of its own), only
 * its writes are undone, its promise rejects with the error, and the others go on. When the
 * database fails, or the commit itself does, every promise rejects: nothing of the group was
 * saved, and nobody is told otherwise.
 */
export function commitTogether(work: () => void): Promise<void> {
	return new Promise((resolve, reject) => {
		waiting.push({ work, resolve, reject });
		if (waiting.length === 1) setImmediate(commitWaiting);
	});
}

function commitWaiting(): void {
	const group = waiting;
	waiting = [];
	const failures = new Map<Waiting, unknown>();
	try {
		const database = db();
		// Never inside another transaction: then this commit would be only a savepoint's release.
		if (database.inTransaction) throw new Error('A transaction was left open; nothing of this group is saved');
		database
			.transaction(() => {
				for (const piece of group) {
					try {
						// A nested transaction is a savepoint, rolled back alone if `work` throws.
						database.transaction(piece.work)();
					} catch (problem) {
						// A piece's own refusal (a closed round, a used code) undoes only that piece. A
						// database error (a full disk, an I/O error) may have undone more, or failed to
						// undo: then nothing of the group is saved, and every sender is told so.
						if (problem instanceof Database.SqliteError || !database.inTransaction) throw problem;
						failures.set(piece, problem);
					}
				}
			})
			.immediate();
	} catch (problem) {
		for (const piece of group) piece.reject(problem);
		return;
	}
	for (const piece of group) {
		if (failures.has(piece)) piece.reject(failures.get(piece));
		else piece.resolve();
	}
}
