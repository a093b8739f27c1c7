import type { Database } from 'better-sqlite3';

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

/** Reads `NNN_name.sql` files into migrations in order; a number used twice is an error. */
export function migrationsFromFiles(files: Record<string, string>): Migration[] {
	const migrations = Object.entries(files).map(([path, sql]) => {
		const match = /(\d+)_([\w-]+)\.sql$/.exec(path);
		if (!match) throw new Error(`Migration file name must be NNN_name.sql: ${path}`);
		return { version: Number(match[1]), name: match[2], sql };
	});
	migrations.sort((a, b) => a.version - b.version);
	for (let i = 1; i < migrations.length; i++) {
		if (migrations[i].version === migrations[i - 1].version) {
			throw new Error(`Two migrations share the number ${migrations[i].version}`);
		}
	}
	return migrations;
}

/** The migrations the database has not seen yet, in order. */
export function pendingMigrations(db: Database, migrations: Migration[]): Migration[] {
	db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at INTEGER NOT NULL
	)`);
	const applied = new Set(
		db
			.prepare('SELECT version FROM schema_migrations')
			.pluck()
			.all()
			.map((version) => Number(version))
	);
	return migrations.filter((migration) => !applied.has(migration.version));
}

/**
 * Applies the migrations the database has not seen, in order, all in one transaction, and
 * records each one. If any fails, the transaction is rolled back whole: the database is left
 * exactly as it was, and the error names the migration and why.
 */
export function migrate(db: Database, migrations: Migration[]): Migration[] {
	const pending = pendingMigrations(db, migrations);
	const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
	let current: Migration | undefined;
	const applyAll = db.transaction(() => {
		for (const migration of pending) {
			current = migration;
			db.exec(migration.sql);
			record.run(migration.version, migration.name, Math.floor(Date.now() / 1000));
		}
	});
	try {
		applyAll.immediate();
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		const failed = current ? `${String(current.version).padStart(3, '0')}_${current.name}` : 'A migration';
		throw new MigrationError(`Migration ${failed} failed, and the database was left as it was: ${reason}`);
	}
	return pending;
}

export class MigrationError extends Error {}
