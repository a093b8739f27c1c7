import type { Database } from 'better-sqlite3';
import { closeSync, chmodSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomToken } from './random';

/**
 * Writes a consistent copy of the database to `file`, while others go on reading and writing it.
 * `VACUUM INTO` copies one snapshot, taken when it starts, and rewrites every table in key order,
 * so the copy keeps no trace of the order answers came in. The copy is written beside `file`,
 * made as private as the database, forced to disk, and only then put in place: a failed backup
 * leaves no partial file behind. An existing `file` is replaced only when `replace` is set.
 */
export function backupDatabase(database: Database, file: string, { replace = false } = {}): void {
	const partial = `${file}.partial-${randomToken().slice(0, 8)}`;
	try {
		database.prepare('VACUUM INTO ?').run(partial);
		if (database.name !== ':memory:') chmodSync(partial, statSync(database.name).mode & 0o777);
		syncToDisk(partial);
		if (replace) renameSync(partial, file);
		else linkSync(partial, file); // fails, changing nothing, if `file` exists
		syncToDisk(dirname(file));
	} finally {
		if (existsSync(partial)) rmSync(partial);
	}
}

/** Forces a file, or a folder's list of files, to disk. */
export function syncToDisk(path: string): void {
	const descriptor = openSync(path, 'r');
	try {
		fsyncSync(descriptor);
	} finally {
		closeSync(descriptor);
	}
}

/** A time for a file name, in UTC, sorting as it reads: `2026-11-20T030000Z`. */
export function fileNameTime(date: Date): string {
	return date
		.toISOString()
		.replace(/:/g, '')
		.replace(/\.\d+Z$/, 'Z');
}
