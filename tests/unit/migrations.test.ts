import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations, openDatabase } from '$lib/server/db';
import { migrate, migrationsFromFiles } from '$lib/server/migrate';

const tables = (database: Database.Database) =>
	database
		.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
		.pluck()
		.all() as string[];

describe('migrations', () => {
	it('build the whole schema on an empty database and record each one', () => {
		const database = openDatabase(':memory:');
		expect(tables(database)).toEqual(
			expect.arrayContaining([
				'agency',
				'answers',
				'comments',
				'programs',
				'responses',
				'round_programs',
				'round_sections',
				'rounds',
				'schema_migrations',
				'survey_links'
			])
		);
		const recorded = database.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
		expect(recorded).toEqual(migrations.map((migration) => migration.version));
		expect(database.pragma('foreign_keys', { simple: true })).toBe(1);
	});

	it('apply nothing the second time', () => {
		const database = openDatabase(':memory:');
		expect(migrate(database, migrations)).toEqual([]);
	});

	it('roll a failing migration back whole and stop there', () => {
		const database = new Database(':memory:');
		const failing = [
			{ version: 1, name: 'first', sql: 'CREATE TABLE kept (id INTEGER PRIMARY KEY);' },
			{ version: 2, name: 'broken', sql: 'CREATE TABLE half (id INTEGER); INSERT INTO missing VALUES (1);' },
			{ version: 3, name: 'never', sql: 'CREATE TABLE never (id INTEGER);' }
		];
		expect(() => migrate(database, failing)).toThrow(/2_broken failed and was rolled back/);
		expect(tables(database)).toEqual(['kept', 'schema_migrations']);
		expect(database.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
	});

	it('refuse two files with the same number, and badly named files', () => {
		expect(() => migrationsFromFiles({ '/db/migrations/002_a.sql': '', '/db/migrations/002_b.sql': '' })).toThrow(
			/share the number 2/
		);
		expect(() => migrationsFromFiles({ '/db/migrations/initial.sql': '' })).toThrow(/NNN_name\.sql/);
	});

	it('come in order from the files', () => {
		const ordered = migrationsFromFiles({ '/x/010_later.sql': 'b', '/x/002_sooner.sql': 'a' });
		expect(ordered.map((migration) => migration.name)).toEqual(['sooner', 'later']);
	});

	it('set the durability and concurrency settings on a file database', () => {
		const database = openDatabase(join(mkdtempSync(join(tmpdir(), 'apc-')), 'test.sqlite'));
		expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(database.pragma('synchronous', { simple: true })).toBe(2);
		expect(database.pragma('busy_timeout', { simple: true })).toBe(5000);
	});
});
