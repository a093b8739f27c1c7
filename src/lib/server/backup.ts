import type { Database } from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { randomToken } from './random';

/**
 * Writes a consistent copy of the database to `file`, while others go on reading and writing it.
 * `VACUUM INTO` copies one snapshot, taken when it starts, and rewrites every table in key order,
 * so the copy keeps no trace of the order answers came in. The copy is written beside `file`
 * and renamed into place only when whole: a failed backup leaves no partial file behind.
 */
export function backupDatabase(database: Database, file: string): void {
	const partial = `${file}.partial-${randomToken().slice(0, 8)}`;
	try {
		database.prepare('VACUUM INTO ?').run(partial);
		renameSync(partial, file);
	} finally {
		if (existsSync(partial)) rmSync(partial);
	}
}
