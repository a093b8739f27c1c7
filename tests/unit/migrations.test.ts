import Database from 'better-sqlite3';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations, openDatabase } from '$lib/server/db';
import { migrate, migrationsFromFiles } from '$lib/server/migrate';

const tables = (database: Database.Database) =>
	database.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];

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

	it('leave the database as it was when any pending migration fails, and say which and why', () => {
		const database = new Database(':memory:');
		const failing = [
			{ version: 1, name: 'first', sql: 'CREATE TABLE kept (id INTEGER PRIMARY KEY);' },
			{ version: 2, name: 'broken', sql: 'CREATE TABLE half (id INTEGER); INSERT INTO missing VALUES (1);' },
			{ version: 3, name: 'never', sql: 'CREATE TABLE never (id INTEGER);' }
		];
		expect(() => migrate(database, failing)).toThrow(
			/Migration 002_broken failed, and the database was left as it was: no such table: missing/
		);
		expect(tables(database)).toEqual(['schema_migrations']);
		expect(database.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([]);
		// Once the broken one is mended, all of them apply.
		failing[1].sql = 'CREATE TABLE half (id INTEGER);';
		expect(migrate(database, failing).map((migration) => migration.version)).toEqual([1, 2, 3]);
		expect(tables(database)).toEqual(['half', 'kept', 'never', 'schema_migrations']);
	});

	it('refuse two files with the same number, and badly named files', () => {
		expect(() => migrationsFromFiles({ '/db/migrations/002_a.sql': '', '/db/migrations/002_b.sql': '' })).toThrow(/share the number 2/);
		expect(() => migrationsFromFiles({ '/db/migrations/initial.sql': '' })).toThrow(/NNN_name\.sql/);
	});

	it('come in order from the files', () => {
		const ordered = migrationsFromFiles({ '/x/010_later.sql': 'b', '/x/002_sooner.sql': 'a' });
		expect(ordered.map((migration) => migration.name)).toEqual(['sooner', 'later']);
	});

	it('back up a database that holds data before updating it, and bring old counts over whole', () => {
		const file = join(mkdtempSync(join(tmpdir(), 'apc-')), 'app.sqlite');
		const earlier = new Database(file);
		migrate(
			earlier,
			migrations.filter((migration) => migration.version <= 3)
		);
		earlier.exec(`INSERT INTO rounds (id, name, status, instrument_version, opened_at, closed_at) VALUES (1, 'Spring', 'closed', '1', 1, 2);
			INSERT INTO item_counts (round_id, audience, program_key, item_id, value, answers)
			VALUES (1, 'staff', 0, 'hr.trust', 0, 2), (1, 'staff', 0, 'hr.trust', 4, 7), (1, 'staff', 0, 'hr.trust', 5, 1),
			       (1, 'consumer', 3, 'hr.listen', 2, 6);`);
		earlier.close();

		const database = openDatabase(file);
		expect(database.prepare('SELECT * FROM item_counts ORDER BY audience').all()).toEqual([
			{
				round_id: 1,
				audience: 'consumer',
				program_key: 3,
				item_id: 'hr.listen',
				unsure: 0,
				answered_1: 0,
				answered_2: 6,
				answered_3: 0,
				answered_4: 0,
				answered_5: 0
			},
			{
				round_id: 1,
				audience: 'staff',
				program_key: 0,
				item_id: 'hr.trust',
				unsure: 2,
				answered_1: 0,
				answered_2: 0,
				answered_3: 0,
				answered_4: 7,
				answered_5: 1
			}
		]);
		database.close();
		const backup = new Database(`${file}.before-migration-004`, { readonly: true });
		expect(backup.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(3);
		expect(backup.prepare('SELECT sum(answers) FROM item_counts').pluck().get()).toBe(16);
		backup.close();
	});

	it('owe the rewrite that erases the order answers came in when an earlier version closed a round', () => {
		const pendingAfterUpdate = (closedRounds: number) => {
			const database = new Database(':memory:');
			migrate(
				database,
				migrations.filter((migration) => migration.version <= 4)
			);
			for (let id = 1; id <= closedRounds; id++) {
				database
					.prepare(
						"INSERT INTO rounds (id, name, status, instrument_version, opened_at, closed_at) VALUES (?, 'Spring', 'closed', '1', 1, 2)"
					)
					.run(id);
			}
			database.exec("INSERT INTO rounds (name, status, instrument_version, opened_at) VALUES ('Summer', 'open', '1', 3)");
			migrate(database, migrations);
			return database.prepare('SELECT pending FROM order_erasure').pluck().all();
		};
		// Its rewrite may have been held back by a reader, with only a warning in the log.
		expect(pendingAfterUpdate(1)).toEqual([1]);
		expect(pendingAfterUpdate(0)).toEqual([0]);
		expect(openDatabase(':memory:').prepare('SELECT pending FROM order_erasure').pluck().all()).toEqual([0]);
	});

	it('give each agency its own mark for reflection copies, an agency from before included', () => {
		const markOf = (database: Database.Database) => database.prepare('SELECT copy_mark FROM agency WHERE id = 1').pluck().get();
		const first = markOf(openDatabase(':memory:'));
		expect(first).toMatch(/^[0-9a-f]{32}$/);
		expect(markOf(openDatabase(':memory:'))).not.toBe(first);
		const earlier = new Database(':memory:');
		migrate(
			earlier,
			migrations.filter((migration) => migration.version <= 9)
		);
		migrate(earlier, migrations);
		expect(markOf(earlier)).toMatch(/^[0-9a-f]{32}$/);
	});

	it('make no backup of a new, empty database', () => {
		const file = join(mkdtempSync(join(tmpdir(), 'apc-')), 'app.sqlite');
		openDatabase(file).close();
		expect(existsSync(`${file}.before-migration-001`)).toBe(false);
	});

	it('set the durability and concurrency settings on a file database', () => {
		const database = openDatabase(join(mkdtempSync(join(tmpdir(), 'apc-')), 'test.sqlite'));
		expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(database.pragma('synchronous', { simple: true })).toBe(2);
		expect(database.pragma('busy_timeout', { simple: true })).toBe(5000);
	});
});
