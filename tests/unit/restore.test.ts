import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '$lib/server/backup';
import { migrations, openDatabase } from '$lib/server/db';
import { databaseInUse, restoreDatabase, RestoreError } from '$lib/server/restore';

const newestSchema = Math.max(...migrations.map((migration) => migration.version));
const when = new Date('2026-11-20T03:00:00Z');

/** A database of this app, with the migrations applied and one program, and a backup of it. */
function databaseAndBackup() {
	const folder = mkdtempSync(join(tmpdir(), 'apc-restore-'));
	const path = join(folder, 'app.sqlite');
	const database = openDatabase(path);
	database.exec("INSERT INTO programs (name) VALUES ('In the backup')");
	const backup = join(folder, 'backup.sqlite');
	backupDatabase(database, backup);
	database.exec("INSERT INTO programs (name) VALUES ('Added after the backup')");
	return { folder, path, database, backup };
}

const programs = (path: string) => {
	const database = new Database(path, { readonly: true, fileMustExist: true });
	try {
		return database.prepare('SELECT name FROM programs ORDER BY name').pluck().all();
	} finally {
		database.close();
	}
};

/** Every file in the folder, with a hash of its bytes: to show that nothing changed at all. */
const folderState = (folder: string) =>
	Object.fromEntries(
		readdirSync(folder).map((name) => [
			name,
			createHash('sha256')
				.update(readFileSync(join(folder, name)))
				.digest('hex')
		])
	);

describe('restoring a backup', () => {
	it('puts the copy in place and keeps the database that was there aside, with its log', () => {
		const { folder, path, database, backup } = databaseAndBackup();
		database.close();
		const aside = restoreDatabase(backup, path, newestSchema, when);
		expect(aside).toBe(`${path}.before-restore-2026-11-20T030000Z`);
		expect(programs(path)).toEqual(['In the backup']);
		expect(programs(aside!)).toEqual(['Added after the backup', 'In the backup']);
		expect(readdirSync(folder).filter((name) => name.includes('.restoring-'))).toEqual([]);
		// The restored database opens as the app's own, and takes new answers.
		const restored = openDatabase(path);
		restored.exec("INSERT INTO programs (name) VALUES ('After the restore')");
		restored.close();
		expect(programs(path)).toEqual(['After the restore', 'In the backup']);
	});

	it('gives the copy the permissions of the database it replaces', () => {
		const { path, database, backup } = databaseAndBackup();
		database.close();
		const mode = statSync(path).mode & 0o777;
		restoreDatabase(backup, path, newestSchema, when);
		expect(statSync(path).mode & 0o777).toBe(mode);
	});

	it('puts a copy in place where there is no database yet', () => {
		const { folder, database, backup } = databaseAndBackup();
		database.close();
		const fresh = join(folder, 'new', 'app.sqlite');
		expect(restoreDatabase(backup, fresh, newestSchema, when)).toBeNull();
		expect(programs(fresh)).toEqual(['In the backup']);
		expect(statSync(fresh).mode & 0o777).toBe(0o600);
	});

	it('refuses a damaged file and changes nothing', () => {
		const { folder, path, database, backup } = databaseAndBackup();
		database.close();
		const bytes = readFileSync(backup);
		const pageSize = 4096;
		const damaged: Record<string, Buffer | ((file: string) => void)> = {
			'cut in half': (file) => truncateSync(file, Math.floor(bytes.length / 2 / pageSize) * pageSize + 100),
			'a page overwritten': Buffer.concat([bytes.subarray(0, 3 * pageSize), Buffer.alloc(pageSize, 0x5a), bytes.subarray(4 * pageSize)]),
			'not a database': Buffer.from('This is a note, not a database. '.repeat(200)),
			empty: Buffer.alloc(0)
		};
		const before = folderState(folder);
		for (const [how, damage] of Object.entries(damaged)) {
			const file = join(mkdtempSync(join(tmpdir(), 'apc-damaged-')), 'backup.sqlite');
			writeFileSync(file, typeof damage === 'function' ? bytes : damage);
			if (typeof damage === 'function') damage(file);
			expect(() => restoreDatabase(file, path, newestSchema, when), how).toThrow(RestoreError);
			expect(() => restoreDatabase(file, path, newestSchema, when), how).toThrow(/Nothing was changed/);
			expect(folderState(folder), how).toEqual(before);
		}
	});

	it('refuses a database of a newer version of the app, or of another program', () => {
		const { folder, path, database, backup } = databaseAndBackup();
		database.close();
		const before = folderState(folder);
		const newer = join(mkdtempSync(join(tmpdir(), 'apc-newer-')), 'newer.sqlite');
		writeFileSync(newer, readFileSync(backup));
		const editing = new Database(newer);
		editing.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(newestSchema + 1, 'from_the_future');
		editing.close();
		expect(() => restoreDatabase(newer, path, newestSchema, when)).toThrow(
			new RegExp(`made by a newer version of the app \\(schema ${newestSchema + 1}; this version knows up to ${newestSchema}\\)`)
		);
		const other = join(mkdtempSync(join(tmpdir(), 'apc-other-')), 'other.sqlite');
		new Database(other).exec('CREATE TABLE recipes (name TEXT)');
		expect(() => restoreDatabase(other, path, newestSchema, when)).toThrow(/not a database of this app/);
		expect(() => restoreDatabase(join(folder, 'missing.sqlite'), path, newestSchema, when)).toThrow(/There is no file/);
		expect(() => restoreDatabase(path, path, newestSchema, when)).toThrow(/is the database itself/);
		expect(folderState(folder)).toEqual(before);
	});

	it('refuses while another process has the database open, and changes nothing', async () => {
		const { folder, path, database, backup } = databaseAndBackup();
		database.close();
		expect(databaseInUse(path)).toBe(false);
		// A server of its own: another process, holding the database open as the server does.
		const holder = spawn(
			process.execPath,
			[
				'-e',
				`const db = new (require('better-sqlite3'))(${JSON.stringify(path)}); db.pragma('journal_mode = WAL'); db.prepare('SELECT 1').get(); console.log('open'); setInterval(() => {}, 1000);`
			],
			{ cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] }
		);
		try {
			await new Promise<void>((done) => holder.stdout!.once('data', () => done()));
			const before = folderState(folder);
			expect(databaseInUse(path)).toBe(true);
			expect(() => restoreDatabase(backup, path, newestSchema, when)).toThrow(
				/has the database at .* open\. Stop the server first; nothing was changed\./
			);
			expect(folderState(folder)).toEqual(before);
		} finally {
			holder.kill();
			await new Promise((done) => holder.once('exit', done));
		}
		expect(databaseInUse(path)).toBe(false);
		expect(existsSync(restoreDatabase(backup, path, newestSchema, when)!)).toBe(true);
	});
});
