import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { backupDatabase } from './backup';
import { migrate, migrationsFromFiles, pendingMigrations } from './migrate';

/** The migrations, bundled into the build so the server never looks for them on disk. */
export const migrations = migrationsFromFiles(
	import.meta.glob<string>('/db/migrations/*.sql', { query: '?raw', import: 'default', eager: true })
);

export const databasePath = () => process.env.DATABASE_PATH || 'db/app.sqlite';

/**
 * Opens a database with the settings every connection needs, and brings its schema up to date.
 * Before changing a database that already holds data, it writes a backup beside it.
 */
export function openDatabase(path: string): Database.Database {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const database = new Database(path);
	try {
		database.pragma('journal_mode = WAL');
		// An acknowledged response is never lost, even if the power goes.
		database.pragma('synchronous = FULL');
		database.pragma('foreign_keys = ON');
		database.pragma('busy_timeout = 5000');
		const pending = pendingMigrations(database, migrations);
		if (pending.length > 0 && path !== ':memory:' && hasBeenMigrated(database)) {
			const backup = `${path}.before-migration-${String(pending[0].version).padStart(3, '0')}`;
			backupDatabase(database, backup, { replace: true });
			console.log(`Backed up the database to ${backup} before updating it.`);
		}
		migrate(database, migrations);
	} catch (problem) {
		database.close();
		throw problem;
	}
	return database;
}

function hasBeenMigrated(database: Database.Database): boolean {
	return database.prepare('SELECT count(*) FROM schema_migrations').pluck().get() !== 0;
}

let database: Database.Database | undefined;
let openFailure: unknown;
const statements = new Map<string, Database.Statement>();

/**
 * The app's one connection, opened on first use (not at import, so a build never opens it). If
 * it can't be opened or brought up to date, every later call throws the same error: the server
 * keeps running and says why (see `hooks.server.ts`) until it is restarted.
 */
export function db(): Database.Database {
	if (database) return database;
	if (openFailure) throw openFailure;
	try {
		database = openDatabase(databasePath());
	} catch (problem) {
		openFailure = problem;
		throw problem;
	}
	return database;
}

/** A prepared statement, prepared once per connection and reused. */
export function sql<Parameters extends unknown[] = unknown[], Row = unknown>(text: string): Database.Statement<Parameters, Row> {
	let statement = statements.get(text);
	if (!statement) {
		statement = db().prepare(text);
		statements.set(text, statement);
	}
	return statement as Database.Statement<Parameters, Row>;
}

/** Runs `work` as one write transaction, taken with BEGIN IMMEDIATE so it never deadlocks. */
export function writeTransaction<T>(work: () => T): T {
	return db().transaction(work).immediate();
}

/**
 * Runs `work` waiting at most `milliseconds` for another connection's lock, instead of the usual
 * five seconds: for work that is better refused, or tried again later, than kept waiting.
 */
export function withPatience<T>(milliseconds: number, work: () => T): T {
	const database = db();
	const patience = database.pragma('busy_timeout', { simple: true });
	database.pragma(`busy_timeout = ${milliseconds}`);
	try {
		return work();
	} finally {
		database.pragma(`busy_timeout = ${Number(patience)}`);
	}
}
