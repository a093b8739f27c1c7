import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '$lib/server/backup';

function database() {
	const folder = mkdtempSync(join(tmpdir(), 'apc-backup-'));
	const file = join(folder, 'app.sqlite');
	const source = new Database(file);
	source.pragma('journal_mode = WAL');
	source.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('kept')");
	chmodSync(file, 0o600);
	return { folder, source };
}

describe('backups', () => {
	it('copy the database whole, as private as it is, and leave no partial file', () => {
		const { folder, source } = database();
		const copy = join(folder, 'copy.sqlite');
		backupDatabase(source, copy);
		const restored = new Database(copy, { readonly: true });
		expect(restored.prepare('SELECT body FROM notes').pluck().all()).toEqual(['kept']);
		restored.close();
		expect(statSync(copy).mode & 0o777).toBe(0o600);
		expect(readdirSync(folder).filter((name) => name.includes('.partial-'))).toEqual([]);
	});

	it('never replace an existing file unless asked to', () => {
		const { folder, source } = database();
		const copy = join(folder, 'copy.sqlite');
		writeFileSync(copy, 'an older backup');
		expect(() => backupDatabase(source, copy)).toThrow(/EEXIST/);
		expect(readFileSync(copy, 'utf8')).toBe('an older backup');
		backupDatabase(source, copy, { replace: true });
		expect(existsSync(copy)).toBe(true);
		expect(readdirSync(folder).filter((name) => name.includes('.partial-'))).toEqual([]);
	});
});
