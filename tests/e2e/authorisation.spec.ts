/**
 * Who may use what: every page, endpoint and form action under src/routes, asked for by someone
 * signed out, by a manager and by an admin, on a server of its own with the demo data. A new
 * route, method or action needs a row here before this passes, and so does a removed one.
 */
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { demoAdmin } from './fixtures';
import { snapshotOfFile } from './refusals';
import { routeFolders, routesFolder } from './routes';
import { readDatabaseFile, startServer, type ServerProcess } from './server-process';

type Role = 'out' | 'manager' | 'admin';

const roles: Role[] = ['out', 'manager', 'admin'];
const roleNames: Record<Role, string> = { out: 'someone signed out', manager: 'a manager', admin: 'an admin' };

/** Demo data that fills a route's parameters. */
type Fixture = 'openRound' | 'closedRound' | 'openLink' | 'question';

interface Row {
	/** The route's id, as SvelteKit's `route.id` spells it, groups included. */
	route: string;
	/** `GET` for a page, `POST` for its default action, `POST ?/name` for a named one, or an endpoint's method. */
	call: string;
	out: number;
	manager: number;
	admin: number;
	/** Which demo data fills the parameters; otherwise `[id]` (or `[id=round]`) is the open round and `[token]` one of its survey links. */
	params?: Record<string, Fixture>;
	/** The form to post, when an empty one would itself change something. */
	form?: Record<string, string>;
	/** Can end the session it comes with, so each role sends it from a spare session, after every other row. */
	endsSession?: true;
}

/** The same answer whoever asks. */
const everyone = (status: number) => ({ out: status, manager: status, admin: status });

/**
 * The expected answer to each call. Posts carry an empty form (or one that keeps things as they
 * are), so a 400 means the action ran for that role and refused the form, changing nothing.
 */
const table: Row[] = [
	// Public pages: the same for everyone, signed in or not.
	{ route: '/', call: 'GET', ...everyone(200) },
	{ route: '/about', call: 'GET', ...everyone(200) },
	{ route: '/healthz', call: 'GET', ...everyone(200) },
	{ route: '/(survey)/s/[token]', call: 'GET', ...everyone(200) },
	{ route: '/(survey)/s/[token]', call: 'POST', ...everyone(400) },
	{ route: '/(survey)/s/[token]/thanks', call: 'GET', ...everyone(200) },
	// Without its one-time key, the page that says the reflection is gone.
	{ route: '/(survey)/s/[token]/reflection', call: 'GET', ...everyone(200) },
	// Consumers keep no copies, so on the default link (a consumer's) it is not found; a staff
	// link's is in reflection-journey.spec.ts.
	{ route: '/(survey)/s/[token]/my-reflections', call: 'GET', ...everyone(404) },
	{ route: '/(survey)/kiosk/[token]', call: 'GET', ...everyone(200) },
	{ route: '/(survey)/kiosk/[token]', call: 'POST', ...everyone(400) },
	{ route: '/(survey)/you-said-we-did', call: 'GET', ...everyone(200) },

	// Signing in: the signed-in are sent on to the manage area. Setup is gone once an admin exists.
	{ route: '/(auth)/login', call: 'GET', out: 200, manager: 303, admin: 303 },
	{ route: '/(auth)/login', call: 'POST', out: 400, manager: 303, admin: 303 },
	{ route: '/(auth)/setup', call: 'GET', ...everyone(404) },
	{ route: '/(auth)/setup', call: 'POST', ...everyone(404) },
	// The second step of signing in, only for a session that owes its second factor: the demo's
	// accounts have none, so everyone is sent on (the signed-out to sign in).
	{ route: '/(auth)/login/second-factor', call: 'GET', ...everyone(303) },
	{ route: '/(auth)/login/second-factor', call: 'POST ?/totp', ...everyone(303) },
	{ route: '/(auth)/login/second-factor', call: 'POST ?/passkeyChallenge', ...everyone(303) },
	{ route: '/(auth)/login/second-factor', call: 'POST ?/passkey', ...everyone(303) },
	{ route: '/(auth)/login/second-factor', call: 'POST ?/recovery', ...everyone(303) },
	{ route: '/(auth)/logout', call: 'GET', ...everyone(303) },
	{ route: '/(auth)/logout', call: 'POST', ...everyone(303), endsSession: true },

	// The manage area: pages send the signed-out to sign in, everything else answers them 401.
	{ route: '/(manage)/manage', call: 'GET', out: 303, manager: 200, admin: 200 },
	{ route: '/(manage)/manage/password', call: 'GET', out: 303, manager: 200, admin: 200 },
	// No current password: refused, and not counted as a try.
	{ route: '/(manage)/manage/password', call: 'POST', out: 401, manager: 400, admin: 400 },

	// Everyone's own second factor and sessions. Empty forms: no key to set up, no app to remove,
	// no second factor to renew a recovery code for, no session to end.
	{ route: '/(manage)/manage/security', call: 'GET', out: 303, manager: 200, admin: 200 },
	{ route: '/(manage)/manage/security', call: 'POST ?/setUpTotp', out: 401, manager: 400, admin: 400 },
	{ route: '/(manage)/manage/security', call: 'POST ?/removeTotp', out: 401, manager: 400, admin: 400 },
	// A challenge for a new passkey is held in memory for the session: nothing stored changes.
	{ route: '/(manage)/manage/security', call: 'POST ?/passkeyChallenge', out: 401, manager: 200, admin: 200 },
	// No name and no key made for a challenge: refused. No passkey by that id to remove.
	{ route: '/(manage)/manage/security', call: 'POST ?/addPasskey', out: 401, manager: 400, admin: 400 },
	{ route: '/(manage)/manage/security', call: 'POST ?/removePasskey', out: 401, manager: 400, admin: 400 },
	{ route: '/(manage)/manage/security', call: 'POST ?/recoveryCode', out: 401, manager: 400, admin: 400 },
	{ route: '/(manage)/manage/security', call: 'POST ?/endSessions', out: 401, manager: 400, admin: 400 },
	// Confirming it is you before a sensitive action: an empty password or code is refused as such.
	{ route: '/(manage)/manage/confirm', call: 'GET', out: 303, manager: 200, admin: 200 },
	{ route: '/(manage)/manage/confirm', call: 'POST ?/password', out: 401, manager: 400, admin: 400 },
	{ route: '/(manage)/manage/confirm', call: 'POST ?/code', out: 401, manager: 400, admin: 400 },
	{ route: '/(manage)/manage/confirm', call: 'POST ?/passkeyChallenge', out: 401, manager: 200, admin: 200 },
	{ route: '/(manage)/manage/confirm', call: 'POST ?/passkey', out: 401, manager: 400, admin: 400 },

	{ route: '/(manage)/manage/rounds/new', call: 'GET', out: 303, manager: 200, admin: 200 },
	{ route: '/(manage)/manage/rounds/new', call: 'POST', out: 401, manager: 400, admin: 400 },
	{ route: '/(manage)/manage/rounds/[id=round]', call: 'GET', out: 303, manager: 200, admin: 200 },
	// Only a draft round can be opened; this one is open already.
	{ route: '/(manage)/manage/rounds/[id=round]', call: 'POST ?/open', out: 401, manager: 409, admin: 409 },
	{ route: '/(manage)/manage/rounds/[id=round]', call: 'POST ?/close', out: 401, manager: 400, admin: 400 },
	{ route: '/(manage)/manage/rounds/[id=round]', call: 'POST ?/mode', out: 401, manager: 400, admin: 400 },
	{ route: '/(manage)/manage/rounds/[id=round]', call: 'POST ?/kiosk', out: 401, manager: 400, admin: 400, endsSession: true },
	{ route: '/(manage)/manage/rounds/[id=round]/paper/[token]', call: 'GET', out: 303, manager: 200, admin: 200 },
	{ route: '/(manage)/manage/rounds/[id=round]/paper-entry/[token]', call: 'GET', out: 303, manager: 200, admin: 200 },
	{ route: '/(manage)/manage/rounds/[id=round]/paper-entry/[token]', call: 'POST', out: 401, manager: 400, admin: 400 },
	{ route: '/(manage)/manage/rounds/[id=round]/poster/[token]', call: 'GET', out: 303, manager: 200, admin: 200 },
	{ route: '/(manage)/manage/rounds/[id=round]/slips/[token]', call: 'GET', out: 303, manager: 200, admin: 200 },
	// Makes codes and prints them once; an empty form has no count.
	{ route: '/(manage)/manage/rounds/[id=round]/slips/[token]', call: 'POST', out: 401, manager: 400, admin: 400 },

	{ route: '/(manage)/manage/results', call: 'GET', out: 303, manager: 200, admin: 200 },
	{ route: '/(manage)/manage/results/[id=round]', call: 'GET', out: 303, manager: 200, admin: 200, params: { id: 'closedRound' } },
	{ route: '/(manage)/manage/results/[id=round]/report', call: 'GET', out: 303, manager: 200, admin: 200, params: { id: 'closedRound' } },
	{ route: '/(manage)/manage/results/questions/[item]', call: 'GET', out: 303, manager: 200, admin: 200, params: { item: 'question' } },
	{ route: '/(manage)/manage/export/aggregates.csv', call: 'GET', out: 401, manager: 200, admin: 200 },

	{ route: '/(manage)/manage/actions', call: 'GET', out: 303, manager: 200, admin: 200 },
	{ route: '/(manage)/manage/actions', call: 'POST ?/record', out: 401, manager: 400, admin: 400 },
	{ route: '/(manage)/manage/actions', call: 'POST ?/plan', out: 401, manager: 400, admin: 400 },
	{ route: '/(manage)/manage/actions', call: 'POST ?/publish', out: 401, manager: 400, admin: 400 },
	{ route: '/(manage)/manage/actions', call: 'POST ?/remove', out: 401, manager: 400, admin: 400 },

	// Admins only: managers get 403.
	{ route: '/(manage)/manage/export/responses.csv', call: 'GET', out: 401, manager: 403, admin: 200 },
	{ route: '/(manage)/manage/accounts', call: 'GET', out: 303, manager: 403, admin: 200 },
	{ route: '/(manage)/manage/accounts', call: 'POST ?/add', out: 401, manager: 403, admin: 400 },
	{ route: '/(manage)/manage/accounts', call: 'POST ?/disable', out: 401, manager: 403, admin: 400 },
	{ route: '/(manage)/manage/accounts', call: 'POST ?/enable', out: 401, manager: 403, admin: 400 },
	{ route: '/(manage)/manage/accounts', call: 'POST ?/reset', out: 401, manager: 403, admin: 400 },
	{ route: '/(manage)/manage/accounts', call: 'POST ?/endSessions', out: 401, manager: 403, admin: 400 },
	{ route: '/(manage)/manage/accounts', call: 'POST ?/resetSecondFactor', out: 401, manager: 403, admin: 400 },
	{ route: '/(manage)/manage/settings', call: 'GET', out: 303, manager: 403, admin: 200 },
	{ route: '/(manage)/manage/settings', call: 'POST ?/agency', out: 401, manager: 403, admin: 400 },
	// Any form sets the public page on or off: this one keeps it on, as the set-up left it.
	{
		route: '/(manage)/manage/settings',
		call: 'POST ?/publicPage',
		out: 401,
		manager: 403,
		admin: 200,
		form: { on: '1' }
	},
	// Any form sets it on or off: this one keeps managers free to choose, as the demo has it.
	{
		route: '/(manage)/manage/settings',
		call: 'POST ?/secondFactor',
		out: 401,
		manager: 403,
		admin: 200,
		form: { managers: '0' }
	},
	{ route: '/(manage)/manage/settings', call: 'POST ?/addProgram', out: 401, manager: 403, admin: 400 },
	{ route: '/(manage)/manage/settings', call: 'POST ?/renameProgram', out: 401, manager: 403, admin: 400 },
	{ route: '/(manage)/manage/settings', call: 'POST ?/retireProgram', out: 401, manager: 403, admin: 400 },
	{ route: '/(manage)/manage/settings', call: 'POST ?/programStaff', out: 401, manager: 403, admin: 400 },
	{ route: '/(manage)/manage/settings/questions', call: 'GET', out: 303, manager: 403, admin: 200 },
	{ route: '/(manage)/manage/settings/questions', call: 'POST ?/save', out: 401, manager: 403, admin: 400 },
	{ route: '/(manage)/manage/settings/questions', call: 'POST ?/retire', out: 401, manager: 403, admin: 404 },
	{ route: '/(manage)/manage/settings/questions/readability.json', call: 'GET', out: 401, manager: 403, admin: 200 }
];

const callName = ({ route, call }: { route: string; call: string }) => `${route}: ${call}`;

/** Every page, endpoint method and form action under src/routes. */
function discoverCalls(): { route: string; call: string }[] {
	return routeFolders().flatMap(({ route, page, actions, methods }) => [
		...(page ? [{ route, call: 'GET' }] : []),
		...actions.map((action) => ({ route, call: action === 'default' ? 'POST' : `POST ?/${action}` })),
		...methods.map((call) => ({ route, call }))
	]);
}

let server: ServerProcess;
let demoValues: Record<Fixture, string>;
const sessions = {} as Record<Role, APIRequestContext>;
/** Spare sessions for the rows that can end one, by row and role. */
const spareSessions = new Map<string, APIRequestContext>();
const manager = { username: 'route-check-manager', password: 'a long walk to the harbour at dawn' };

/** Reads the server's database directly, read-only. */
const readDatabase = <T>(query: (database: Database.Database) => T): T => readDatabaseFile(server.databaseFile, query);

/** The demo's newest open and closed rounds, a survey link of the open one, and a question the instrument asks. */
function demoFixtures(): Record<Fixture, string> {
	return readDatabase((database) => {
		const round = (status: string) =>
			database.prepare('SELECT id FROM rounds WHERE status = ? ORDER BY id DESC LIMIT 1').pluck().get(status) as number | undefined;
		const openRound = round('open');
		const closedRound = round('closed');
		const openLink = database
			.prepare('SELECT token FROM survey_links WHERE round_id = ? ORDER BY audience, token LIMIT 1')
			.pluck()
			.get(openRound) as string | undefined;
		if (openRound === undefined || closedRound === undefined || openLink === undefined) {
			throw new Error('The demo data needs an open round with a survey link, and a closed round');
		}
		return { openRound: String(openRound), closedRound: String(closedRound), openLink, question: 'stc.friendly' };
	});
}

/** Every table the server keeps, sessions aside (visits touch them): the same before and after means the calls changed nothing. */
const tableFingerprints = () => snapshotOfFile(server.databaseFile, ['sessions']);

/** The address a row asks for, its route's groups dropped and its parameters filled in. */
function pathOf(row: Row): string {
	const choice: Record<string, Fixture> = { id: 'openRound', token: 'openLink', ...row.params };
	const path = row.route
		.split('/')
		.filter((segment) => !/^\(.+\)$/.test(segment))
		.map((segment) => {
			const parameter = /^\[(\w+)(?:=\w+)?\]$/.exec(segment)?.[1];
			if (!parameter) {
				if (segment.includes('[')) throw new Error(`${row.route}: give the test a way to fill ${segment}`);
				return segment;
			}
			if (!choice[parameter]) throw new Error(`${row.route}: no demo data for [${parameter}]; name it in the row's params`);
			return encodeURIComponent(demoValues[choice[parameter]]);
		})
		.join('/');
	return path || '/';
}

/** The exact request a row makes, for messages: `POST /manage/accounts?/disable`. */
function requestOf(row: Row): { method: string; url: string } {
	const [method, action] = row.call.split(' ');
	return { method, url: `${pathOf(row)}${action ?? ''}` };
}

const isEndpoint = (row: Row) => ['+server.ts', '+server.js'].some((file) => existsSync(join(routesFolder, row.route, file)));
const isManageRoute = (row: Row) => row.route.startsWith('/(manage)/');

async function newContext(): Promise<APIRequestContext> {
	return request.newContext({ baseURL: server.origin });
}

/** A session of its own for `username`, signed in through the login form. */
async function signIn(username: string, password: string): Promise<APIRequestContext> {
	const context = await newContext();
	const response = await context.post('/login', {
		form: { username, password },
		headers: { origin: server.origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), `signing in as ${username}`).toBe(303);
	return context;
}

const accounts: Record<Exclude<Role, 'out'>, { username: string; password: string }> = { manager, admin: demoAdmin };

/** A new session for a role: signed in for a manager or an admin, none for the signed-out. */
const sessionFor = (role: Role) => (role === 'out' ? newContext() : signIn(accounts[role].username, accounts[role].password));

const spareKey = (row: Row, role: Role) => `${callName(row)} as ${role}`;

/** Sends a row's request as a role, like a browser would, and answers with the status and where a redirect leads. */
async function ask(row: Row, role: Role): Promise<{ status: number; location?: string }> {
	const context = row.endsSession ? spareSessions.get(spareKey(row, role))! : sessions[role];
	const { method, url } = requestOf(row);
	const accept = isEndpoint(row) ? '*/*' : 'text/html';
	const posting = method !== 'GET' && method !== 'HEAD';
	const response = await context.fetch(url, {
		method,
		maxRedirects: 0,
		headers: posting ? { accept, origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' } : { accept },
		data: posting ? new URLSearchParams(row.form ?? {}).toString() : undefined
	});
	return { status: response.status(), location: response.headers().location };
}

test.beforeAll(async () => {
	test.setTimeout(60_000);
	server = await startServer({ port: 4175, demo: true });
	demoValues = demoFixtures();
	sessions.out = await newContext();
	sessions.admin = await signIn(demoAdmin.username, demoAdmin.password);

	const headers = { origin: server.origin, accept: 'text/html' };
	const added = await sessions.admin.post('/manage/accounts?/add', {
		form: { username: manager.username, role: 'manager', password: manager.password },
		headers,
		maxRedirects: 0
	});
	expect(added.status(), 'adding a manager').toBe(200);
	sessions.manager = await signIn(manager.username, manager.password);

	// The public page is off in the demo; on, it answers with something to read.
	const publicPage = await sessions.admin.post('/manage/settings?/publicPage', { form: { on: '1' }, headers, maxRedirects: 0 });
	expect(publicPage.status(), 'turning the public page on').toBe(200);

	for (const row of table.filter((candidate) => candidate.endsSession)) {
		for (const role of roles) spareSessions.set(spareKey(row, role), await sessionFor(role));
	}
});

test.afterAll(async () => {
	for (const context of [...Object.values(sessions), ...spareSessions.values()]) await context.dispose();
	await server?.stop();
});

test('every route, method and form action has a row, and every row still exists', () => {
	const discovered = discoverCalls().map(callName);
	const rows = table.map(callName);
	expect(discovered.length, 'routes found under src/routes').toBeGreaterThan(30);
	const missing = discovered.filter((call) => !rows.includes(call)).map((call) => `no row for ${call}`);
	const stale = rows.filter((call) => !discovered.includes(call)).map((call) => `a row for ${call}, which no longer exists`);
	const repeated = rows.filter((call, index) => rows.indexOf(call) !== index).map((call) => `two rows for ${call}`);
	expect([...missing, ...stale, ...repeated], 'the table must list exactly the routes there are').toEqual([]);
});

for (const role of roles) {
	test(`every route answers ${roleNames[role]} as the table says, and nothing changes`, async () => {
		const before = tableFingerprints();
		const ordered = [...table.filter((row) => !row.endsSession), ...table.filter((row) => row.endsSession)];
		const wrong: string[] = [];
		for (const row of ordered) {
			const { method, url } = requestOf(row);
			const { status, location } = await ask(row, role);
			if (status !== row[role]) {
				wrong.push(`${method} ${url} (${row.route}) as ${roleNames[role]}: expected ${row[role]}, got ${status}`);
			} else if (role === 'out' && status === 303 && isManageRoute(row) && !location?.startsWith('/login?redirectTo=')) {
				wrong.push(`${method} ${url} (${row.route}) as ${roleNames[role]}: sent to ${location}, not to sign in`);
			}
		}
		expect.soft(wrong, `answers that differ from the table for ${roleNames[role]}`).toEqual([]);
		expect.soft(tableFingerprints(), 'the calls changed stored data').toEqual(before);
		if (role !== 'out') {
			const still = await sessions[role].get('/manage', { maxRedirects: 0, headers: { accept: 'text/html' } });
			expect(still.status(), `${roleNames[role]} is still signed in`).toBe(200);
		}
	});
}
