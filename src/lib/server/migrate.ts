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

/**
 * Applies the migrations the database has not seen, in order, each in its own transaction,
 * and records each one. A migration that fails is rolled back whole and stops the rest.
 */
export function migrate(db: Database, migrations: Migration[]): Migration[] {
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
	const pending = migrations.filter((migration) => !applied.has(migration.version));
	const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
	for (const migration of pending) {
		const apply = db.transaction(() => {
			db.exec(migration.sql);
			record.run(migration.version, migration.name, Math.floor(Date.now() / 1000));
		});
		try {
			apply.immediate();
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			throw new Error(`Migration ${migration.version}_${migration.name} failed and was rolled back: ${reason}`);
		}
	}
	return pending;
}
