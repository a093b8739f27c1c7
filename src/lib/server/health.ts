import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { databasePath, db, withPatience } from './db';
import { MigrationError } from './migrate';
import { isOrderErasurePending } from './order-erasure';

/** Why the service can't work as it should. */
export type HealthProblem = 'migration-failed' | 'cannot-open' | 'read-only' | 'disk-full' | 'cannot-write';

/** Below this much free space the service calls the disk full: a save needs room to grow the log. */
const MINIMUM_FREE_BYTES = 1024 * 1024;

/**
 * Whether an error is the database failing to store (a full disk, a read-only file, an I/O
 * error, a write lock held too long), not bad input.
 */
export function isStorageFailure(problem: unknown): boolean {
	return /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|BUSY|LOCKED)/.test(sqliteCode(problem));
}

/** An SQLite error's code (SQLITE_FULL, SQLITE_READONLY_DBMOVED, …), or '' for any other error. */
function sqliteCode(problem: unknown): string {
	const code = (problem as { code?: unknown } | null)?.code;
	return typeof code === 'string' ? code : '';
}

const isReadOnly = (problem: unknown) => sqliteCode(problem).startsWith('SQLITE_READONLY');

/** Why the database could not be opened and brought up to date, or null when it was. */
export function openingProblem(): HealthProblem | null {
	try {
		db();
		return null;
	} catch (problem) {
		if (problem instanceof MigrationError) return 'migration-failed';
		return isReadOnly(problem) || !writable(databasePath()) ? 'read-only' : 'cannot-open';
	}
}

/** Whether the database file (or, before it exists, its folder) may be written. */
function writable(path: string): boolean {
	try {
		accessSync(existsSync(path) ? path : dirname(path), constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

/**
 * Whether the service can take answers now: the database is open and up to date, there is room
 * on its disk, and it can take the write lock (a read-only file can't). Nothing is written. When
 * it can, also whether the file still owes the rewrite that erases the order answers came in.
 */
export function checkHealth(): { ok: true; schema: number; orderErasure: 'pending' | 'done' } | { ok: false; problem: HealthProblem } {
	const opening = openingProblem();
	if (opening) return { ok: false, problem: opening };
	const path = databasePath();
	if (path !== ':memory:') {
		const disk = statfsSync(dirname(path));
		if (disk.bavail * disk.bsize < MINIMUM_FREE_BYTES) return { ok: false, problem: 'disk-full' };
	}
	const database = db();
	// Wait little for the write lock: someone else holding it shows the database can be written.
	const writing = withPatience(200, (): HealthProblem | null => {
		try {
			database.exec('BEGIN IMMEDIATE');
		} catch (problem) {
			if (!/^SQLITE_(BUSY|LOCKED)/.test(sqliteCode(problem))) return isReadOnly(problem) ? 'read-only' : 'cannot-write';
		} finally {
			if (database.inTransaction) database.exec('ROLLBACK');
		}
		return null;
	});
	if (writing) return { ok: false, problem: writing };
	const schema = database.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number;
	// Still ok: answers can be taken; the file just holds the last closed round's order for a while.
	return { ok: true, schema, orderErasure: isOrderErasurePending() ? 'pending' : 'done' };
}
