import { expect, type APIResponse } from '@playwright/test';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

/**
 * Columns that legitimately change on a request that stores nothing: a signed-in request slides
 * its session's idle expiry forward (at most once a minute). Only that column is left out.
 */
const movingColumns: Record<string, string[]> = { sessions: ['last_verified_at'] };

/** Per table: how many rows, and a hash of every row (in a fixed order), plus the schema itself. */
export type Snapshot = Record<string, { rows: number; hash: string }>;

/**
 * Every table's row count and a hash of its rows (and of the schema), leaving out only
 * `movingColumns` and the tables in `skip`: two equal snapshots mean nothing was stored.
 */
export function snapshotOf(database: Database.Database, skip: string[] = []): Snapshot {
	const tables = database.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
	const snapshot: Snapshot = { sqlite_schema: hashRows(database, 'SELECT type, name, sql FROM sqlite_schema ORDER BY 1, 2, 3') };
	for (const table of tables.filter((name) => !skip.includes(name))) {
		const columns = (database.pragma(`table_info("${table}")`) as { name: string }[])
			.map((column) => column.name)
			.filter((name) => !movingColumns[table]?.includes(name));
		const list = columns.map((name) => `"${name}"`).join(', ');
		snapshot[table] = hashRows(database, `SELECT ${list} FROM "${table}" ORDER BY ${list}`);
	}
	return snapshot;
}

/** `snapshotOf` a database file, read apart from the server. */
export function snapshotOfFile(file: string, skip: string[] = []): Snapshot {
	const database = new Database(file, { readonly: true, fileMustExist: true });
	try {
		return snapshotOf(database, skip);
	} finally {
		database.close();
	}
}

function hashRows(database: Database.Database, query: string): { rows: number; hash: string } {
	const hash = createHash('sha256');
	let rows = 0;
	for (const row of database.prepare(query).raw().iterate() as IterableIterator<unknown[]>) {
		rows += 1;
		hash.update(JSON.stringify(row.map((value) => (Buffer.isBuffer(value) ? `x'${value.toString('hex')}'` : value))));
		hash.update('\n');
	}
	return { rows, hash: hash.digest('hex') };
}

/**
 * Watches the server's database through its own read-only connection. `data_version` changes
 * whenever another connection commits, so each request costs one cheap check; the full
 * table-by-table comparison runs only when something was committed.
 */
export class DatabaseWatch {
	private readonly database: Database.Database;
	private baseline: Snapshot;
	private version: number;

	constructor(file: string) {
		this.database = new Database(file, { readonly: true, fileMustExist: true });
		this.baseline = this.snapshot();
		this.version = this.dataVersion();
	}

	private dataVersion(): number {
		return this.database.pragma('data_version', { simple: true }) as number;
	}

	snapshot(): Snapshot {
		return snapshotOf(this.database);
	}

	/** Takes the database as it is now as the state nothing may change. */
	rebase(): void {
		this.baseline = this.snapshot();
		this.version = this.dataVersion();
	}

	/**
	 * Fails when any table differs from the baseline (compared fully only after a commit). A
	 * change becomes the new baseline, so that the next request is judged on what it did itself
	 * (a property test's shrinking then finds a body that stores, not just any body).
	 */
	expectUnchanged(context = ''): void {
		const version = this.dataVersion();
		if (version === this.version) return;
		this.compare(context);
	}

	/** The full comparison, whether or not anything was committed. */
	expectUnchangedFully(context = ''): void {
		this.compare(context);
	}

	private compare(context: string): void {
		const before = this.baseline;
		this.version = this.dataVersion();
		this.baseline = this.snapshot();
		expect(this.baseline, `the database changed ${context}`).toEqual(before);
	}

	close(): void {
		this.database.close();
	}
}

/** The status and the words a person is shown, for a page or for an enhanced form's JSON answer. */
export interface Answer {
	/** The HTTP status; for an enhanced form's answer, the status it reports inside. */
	status: number;
	/** Where a redirect leads, if it is one. */
	location?: string;
	/** What the person is told: the form's alert, or the error page's heading and detail. */
	message: string;
	/** A survey refusal's reason, when the answer carries one. */
	problem?: string;
	body: string;
}

/**
 * Reads an answer the way a person (or the enhanced form) would. An enhanced form gets JSON:
 * `failure` carries the status inside with HTTP 200, `error` carries it as the HTTP status.
 */
export async function readAnswer(response: APIResponse): Promise<Answer> {
	const body = await response.text();
	const type = response.headers()['content-type'] ?? '';
	if (type.startsWith('application/json')) return readJsonAnswer(response.status(), body);
	const location = response.headers()['location'];
	const alert = /role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(body)?.[1];
	const errorPage = /<main id="main" class="notice">([\s\S]*?)<\/main>/.exec(body)?.[1];
	return { status: response.status(), location, message: textOf(alert ?? errorPage ?? ''), body };
}

function readJsonAnswer(status: number, body: string): Answer {
	const json = JSON.parse(body) as {
		type: string;
		status?: number;
		location?: string;
		data?: string;
		error?: { message?: string; detail?: string };
	};
	if (json.type === 'error') {
		return { status, message: [json.error?.message, json.error?.detail].filter(Boolean).join(' '), body };
	}
	const data = (json.data ? unflatten(JSON.parse(json.data)) : {}) as { message?: unknown; problem?: unknown };
	return {
		status: json.status ?? status,
		location: json.location,
		message: typeof data.message === 'string' ? data.message : '',
		problem: typeof data.problem === 'string' ? data.problem : undefined,
		body
	};
}

/**
 * Turns devalue's flat form (how SvelteKit sends an action's data) back into a value: enough of
 * it for plain objects, arrays, strings, numbers and booleans.
 */
function unflatten(flat: unknown[]): unknown {
	const special: Record<number, unknown> = { [-1]: undefined, [-2]: undefined, [-3]: NaN, [-4]: Infinity, [-5]: -Infinity, [-6]: -0 };
	const hydrate = (index: number): unknown => {
		if (index < 0) return special[index];
		const value = flat[index];
		if (Array.isArray(value)) return value.map((item) => hydrate(item as number));
		if (value && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, hydrate(item as number)]));
		}
		return value;
	};
	return hydrate(0);
}

/** The visible text of a piece of HTML, with its entities decoded and its spaces collapsed. */
export function textOf(html: string): string {
	return html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<[^>]*>/g, ' ')
		.replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (entity, code: string) => {
			const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
			if (code[0] !== '#') return named[code.toLowerCase()] ?? entity;
			return String.fromCodePoint(code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : Number(code.slice(1)));
		})
		.replace(/\s+/g, ' ')
		.trim();
}

/** What the app says when it fails itself: wrong for a request the client got wrong. */
export const SERVER_FAILURE = 'Something went wrong on our side.';

/** SvelteKit's own status texts: what a person sees when the app gave no message of its own. */
const frameworkTexts = [
	'Bad Request',
	'Not Found',
	'Unsupported Media Type',
	'Payload Too Large',
	'Internal Error',
	'Forbidden',
	'Method Not Allowed'
];

/**
 * A refusal says in plain words what went wrong: a sentence of the app's own, not a bare status
 * text, not the server-failure page (the fault is the request's), and no code or stack trace.
 */
export function expectClearMessage(answer: Answer, context = ''): void {
	const { message } = answer;
	expect(message, `no message shown ${context}`).toMatch(/^\p{Lu}\S*( \S+)+/u);
	expect(frameworkTexts, `a bare status text ${context}`).not.toContain(message);
	expect(message, `the server-failure page for a client's mistake ${context}`).not.toContain(SERVER_FAILURE);
	expect(message, `internals shown ${context}`).not.toMatch(/\bat \S+ \(|Error:|SvelteKit|undefined|\[object |\bnull\b|NaN/);
}
