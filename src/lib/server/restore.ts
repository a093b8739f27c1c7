/**
 * Putting a backup back in the database's place (`npm run restore -- FILE`): only a whole copy
 * of this app's database, with a schema this version knows, only while no server holds the
 * database, and keeping the database that was there aside. A refused restore changes nothing.
 */
import Database from 'better-sqlite3';
import { chmodSync, chownSync, constants, copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileNameTime, syncToDisk } from './backup';
import { randomToken } from './random';

export class RestoreError extends Error {}

/**
 * Why a copy of the database can't be put in place, or null when it can: it must open, pass
 * SQLite's integrity check, and have a schema no newer than this version's (the server brings an
 * older one up to date when it starts). `name` is how the copy is named in the reason.
 */
export function backupProblem(copy: string, name: string, newestSchema: number): string | null {
	let database: Database.Database | undefined;
	try {
		database = new Database(copy, { readonly: true, fileMustExist: true });
		const problems = (database.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
		if (problems.join() !== 'ok') return `${name} is damaged: ${problems.slice(0, 3).join('; ')}.`;
		const hasSchema = database.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'schema_migrations'").pluck().get();
		if (!hasSchema) return `${name} is not a database of this app: it has no schema_migrations table.`;
		const schema = Number(database.prepare('SELECT max(version) FROM schema_migrations').pluck().get());
		if (schema > newestSchema) {
			return `${name} was made by a newer version of the app (schema ${schema}; this version knows up to ${newestSchema}). Update the app first.`;
		}
		return null;
	} catch (problem) {
		return `${name} can't be read as a database: ${problem instanceof Error ? problem.message : problem}.`;
	} finally {
		database?.close();
	}
}

/**
 * Whether a process (a running server, a backup) has the database open. The app's database is
 * always in WAL mode, where every open connection keeps a lock that stops anyone else from taking
 * the database for themselves; so this tries to.
 */
export function databaseInUse(path: string): boolean {
	if (!existsSync(path)) return false;
	const database = new Database(path, { fileMustExist: true, timeout: 500 });
	try {
		// In exclusive mode SQLite takes the file for itself, with no shared memory that others would see.
		database.pragma('locking_mode = EXCLUSIVE');
		database.exec('BEGIN EXCLUSIVE');
		database.exec('COMMIT');
		return false;
	} catch (problem) {
		// Anything else (a damaged file, say) means no one could be using it.
		return /^SQLITE_(BUSY|LOCKED)/.test(String((problem as { code?: unknown }).code));
	} finally {
		database.close();
	}
}

/**
 * Puts a copy of `backup` in the place of the database at `path`, after checking it; the database
 * that was there (with its `-wal` and `-shm` files) is kept as `PATH.before-restore-TIME`.
 * Returns that name, or null when there was no database. Run as root, the restored file gets the
 * old database's owner, so the service's own user can still write it.
 */
export function restoreDatabase(backup: string, path: string, newestSchema: number, now = new Date()): string | null {
	if (!existsSync(backup)) throw new RestoreError(`There is no file ${backup}.`);
	if (resolve(backup) === resolve(path)) throw new RestoreError(`${backup} is the database itself; name a backup.`);
	mkdirSync(dirname(path), { recursive: true });
	const copy = `${path}.restoring-${randomToken().slice(0, 8)}`;
	try {
		copyFileSync(backup, copy, constants.COPYFILE_EXCL);
		const problem = backupProblem(copy, backup, newestSchema);
		if (problem) throw new RestoreError(`${problem} Nothing was changed.`);
		if (databaseInUse(path)) {
			throw new RestoreError(`Something (the server?) has the database at ${path} open. Stop the server first; nothing was changed.`);
		}
		if (existsSync(path)) takeOwnerOf(path, copy);
		else chmodSync(copy, 0o600);
		syncToDisk(copy);
		const aside = existsSync(path) ? moveAside(path, now) : null;
		renameSync(copy, path);
		syncToDisk(dirname(path));
		return aside;
	} finally {
		for (const leftover of [copy, `${copy}-wal`, `${copy}-shm`, `${copy}-journal`]) rmSync(leftover, { force: true });
	}
}

/** Gives `file` the permissions of `model`, and its owner when run as root (who alone may change it). */
function takeOwnerOf(model: string, file: string): void {
	const { uid, gid, mode } = statSync(model);
	if (process.getuid?.() === 0) chownSync(file, uid, gid);
	chmodSync(file, mode & 0o777);
}

/** Renames the database, and its write-ahead log and shared-memory files with it, to a name of its own. */
function moveAside(path: string, now: Date): string {
	const aside = `${path}.before-restore-${fileNameTime(now)}`;
	renameSync(path, aside);
	for (const suffix of ['-wal', '-shm']) {
		if (existsSync(`${path}${suffix}`)) renameSync(`${path}${suffix}`, `${aside}${suffix}`);
	}
	syncToDisk(dirname(path));
	return aside;
}
