import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
	origin: string;
	databaseFile: string;
	child: ChildProcess;
	/** Everything the server has written to standard output and standard error so far. */
	output(): string;
	/** Stops the server with `signal` and waits for it to exit. */
	stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerOptions {
	port: number;
	/** The database file; a fresh one in a new temporary folder when not given. */
	databaseFile?: string;
	/** Seed the demo agency (DEMO=1). */
	demo?: boolean;
	env?: Record<string, string>;
}

/** A fresh temporary folder for one test's files. */
export function scratchFolder(): string {
	return mkdtempSync(join(tmpdir(), 'apc-test-'));
}

/**
 * Starts the production build (`build/index.js`) as its own process on loopback, apart from the
 * browser tests' server, and resolves once it listens. Tests that kill, restart or starve a
 * server use this, so the shared one is never disturbed.
 */
export function startServer(options: ServerOptions): Promise<ServerProcess> {
	const origin = `http://127.0.0.1:${options.port}`;
	const databaseFile = options.databaseFile ?? join(scratchFolder(), 'app.sqlite');
	const child = spawn(process.execPath, ['build/index.js'], {
		cwd: root,
		env: {
			...process.env,
			DEMO: options.demo ? '1' : '',
			DATABASE_PATH: databaseFile,
			HOST: '127.0.0.1',
			PORT: String(options.port),
			ORIGIN: origin,
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const server: ServerProcess = {
		origin,
		databaseFile,
		child,
		output: () => output,
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			await exited;
		}
	};
	return new Promise((resolve, reject) => {
		const listening = () => {
			if (output.includes('Listening on')) {
				child.stdout!.off('data', listening);
				resolve(server);
			}
		};
		child.stdout!.on('data', listening);
		child.once('exit', (code, signal) => reject(new Error(`The server stopped before listening (${signal ?? code}):\n${output}`)));
	});
}

/** Runs `query` on a database file through a connection of its own (read-only unless asked), apart from the server. */
export function readDatabaseFile<T>(file: string, query: (database: Database.Database) => T, readonly = true): T {
	const database = new Database(file, { readonly, fileMustExist: true });
	try {
		return query(database);
	} finally {
		database.close();
	}
}

/** The token of an open round's consumer survey link in a database file. */
export function openConsumerLink(databaseFile: string): string {
	const token = readDatabaseFile(databaseFile, (database) =>
		database
			.prepare(
				`SELECT token FROM survey_links JOIN rounds ON rounds.id = survey_links.round_id
				 WHERE rounds.status = 'open' AND survey_links.audience = 'consumer' LIMIT 1`
			)
			.pluck()
			.get()
	);
	if (typeof token !== 'string') throw new Error(`No open consumer survey link in ${databaseFile}`);
	return token;
}
