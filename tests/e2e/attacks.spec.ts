/**
 * Specific attacks on the survey and the manage area, each refused with the right status and
 * no change to the database; and, after a few hundred answers from a distinctive client,
 * nothing anywhere that could say who sent them.
 *
 * The survey spec already covers a cross-site survey post and a closed round's link by their
 * response counts, and the manage spec an idle session in the browser; here each attack also
 * proves that no table changed at all.
 */
import { expect, request as requests, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { multipart, surveyItems, unreadable, urlencoded, type Body, type Field } from './form-bodies';
import { DatabaseWatch } from './refusals';
import { readDatabaseFile, startServer, type ServerProcess } from './server-process';

const DEMO = { username: 'demo', password: 'any positive change' };
/** Every request here comes through a proxy that names the client (see the last test). */
const PROXY = { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' };
/** An address from the documentation range, for every request but the last test's. */
const ORDINARY_CLIENT = '198.51.100.10';

interface Link {
	token: string;
	roundId: number;
	audience: 'staff' | 'consumer';
	program: string;
	items: string[];
}

let server: ServerProcess;
let watch: DatabaseWatch;
let visitor: APIRequestContext;
let admin: APIRequestContext;
/** The open round's links, and the closed and draft rounds' first links. */
let open: Link[];
let closed: Link;
let draft: Link;
let stopped = false;

test.beforeAll(async () => {
	stopped = false;
	server = await startServer({ port: 4177, demo: true, env: PROXY });
	visitor = await requests.newContext({ baseURL: server.origin, extraHTTPHeaders: { 'x-forwarded-for': ORDINARY_CLIENT } });
	admin = await signedIn();
	const links = linksByStatus();
	open = await Promise.all(links.open.map(withItems));
	// A closed or draft round's page can't be opened; the demo gives every round the same sections.
	const asOpen = (other: Omit<Link, 'items'>) => ({ ...other, items: open.find((one) => one.audience === other.audience)!.items });
	[closed, draft] = [asOpen(links.closed[0]), asOpen(links.draft[0])];
	watch = new DatabaseWatch(server.databaseFile);
});

test.afterAll(async () => {
	await stopAll();
	if (server) rmSync(dirname(server.databaseFile), { recursive: true, force: true });
});

/** Closes the database watch and the request contexts, then stops the server; twice is harmless. */
async function stopAll(): Promise<void> {
	if (stopped) return;
	stopped = true;
	watch?.close();
	await visitor?.dispose();
	await admin?.dispose();
	await server?.stop('SIGTERM');
}

/** A new request context signed in as the demo admin, with a session of its own. */
async function signedIn(): Promise<APIRequestContext> {
	const context = await requests.newContext({ baseURL: server.origin, extraHTTPHeaders: { 'x-forwarded-for': ORDINARY_CLIENT } });
	const response = await context.post('/login', { form: DEMO, headers: { origin: server.origin, accept: 'text/html' }, maxRedirects: 0 });
	expect(response.status()).toBe(303);
	return context;
}

/** The session token a context holds. */
async function sessionOf(context: APIRequestContext): Promise<string> {
	const cookie = (await context.storageState()).cookies.find((candidate) => candidate.name === 'session');
	expect(cookie, 'no session cookie').toBeDefined();
	return cookie!.value;
}

/** Runs `work` on the server's database: read-only unless asked. */
const onDatabase = <T>(work: (database: Database.Database) => T, readonly = true): T =>
	readDatabaseFile(server.databaseFile, work, readonly);

function linksByStatus(): Record<'open' | 'closed' | 'draft', Omit<Link, 'items'>[]> {
	const rows = onDatabase(
		(database) =>
			database
				.prepare(
					`SELECT survey_links.token, survey_links.round_id AS roundId, survey_links.audience, programs.name AS program,
					        rounds.status
					 FROM survey_links JOIN rounds ON rounds.id = survey_links.round_id
					 JOIN programs ON programs.id = survey_links.program_id
					 ORDER BY rounds.id DESC, survey_links.audience, programs.name`
				)
				.all() as (Omit<Link, 'items'> & { status: 'open' | 'closed' | 'draft' })[]
	);
	const of = (status: string) => rows.filter((row) => row.status === status).map(({ status: _, ...link }) => link);
	return { open: of('open'), closed: of('closed'), draft: of('draft') };
}

/** A link with the item ids its survey page asks about. */
async function withItems(link: Omit<Link, 'items'>): Promise<Link> {
	const items = surveyItems(await (await visitor.get(`/s/${link.token}`)).text());
	expect(items.length, link.token).toBeGreaterThan(3);
	return { ...link, items };
}

const link = (audience: 'staff' | 'consumer', program = 'Drop-in center') =>
	open.find((candidate) => candidate.audience === audience && candidate.program === program)!;

/** A valid survey form for a link: `n` picks the answers, and every third one has a note. */
function answers(target: Link, n = 0, extra: Field[] = []): Field[] {
	const values = ['1', '2', '3', '4', '5', 'unsure'];
	const fields: Field[] = target.items
		.filter((_, index) => (index + n) % 3 !== 0)
		.map((item, index) => [item, values[(index + n) % values.length]]);
	if (n % 3 === 0) fields.push(['comment', `Answer number ${n}: the groups on Thursdays help me.`]);
	return [...extra, ...fields];
}

const countResponses = () => onDatabase((database) => database.prepare('SELECT count(*) FROM responses').pluck().get() as number);

/** Posts a form as a browser without JavaScript would, from `origin`. */
function post(
	context: APIRequestContext,
	path: string,
	body: Body,
	origin: string | null = server.origin,
	headers: Record<string, string> = {}
) {
	return context.post(path, {
		data: body.bytes,
		headers: { 'content-type': body.type, accept: 'text/html', ...(origin === null ? {} : { origin }), ...headers },
		maxRedirects: 0
	});
}

/** Whether a survey or manage answer took the form: a redirect onward, or the page saying so. */
const accepted = (response: APIResponse) => response.status() === 303 || response.status() === 200;

test.describe('a cross-site form post', () => {
	test('to the survey, the kiosk, paper entry or a manage action is refused with 403 and stores nothing', async () => {
		const consumer = link('consumer');
		const posts: { path: string; fields: Field[] }[] = [
			{ path: `/s/${consumer.token}`, fields: answers(consumer, 3) },
			{ path: `/kiosk/${consumer.token}`, fields: answers(consumer, 4) },
			{ path: `/manage/rounds/${consumer.roundId}/paper-entry/${consumer.token}`, fields: answers(consumer, 5) },
			{ path: '/manage/settings?/addProgram', fields: [['name', 'Cross-site outreach']] },
			// Confirming it is you opens the sensitive actions for ten minutes, so it is refused from elsewhere too.
			{ path: '/manage/confirm?/password', fields: [['password', DEMO.password]] },
			{
				path: '/manage/accounts?/add',
				fields: [
					['username', 'intruder'],
					['role', 'admin'],
					['password', 'a long and unusual passphrase']
				]
			}
		];
		const origins = [
			'https://elsewhere.example',
			'null',
			`${server.origin}.elsewhere.example`,
			`${server.origin.replace('127.0.0.1', 'localhost')}`,
			`${server.origin}/`,
			server.origin.replace('http:', 'https:'),
			null
		];
		watch.expectUnchangedFully('before the attack');
		for (const { path, fields } of posts) {
			for (const origin of origins) {
				for (const body of [urlencoded(fields), multipart(fields), unreadable('text/plain', fields, 0)]) {
					const response = await post(admin, path, body, origin);
					expect(response.status(), `${path} from ${origin} as ${body.type}`).toBe(403);
					watch.expectUnchanged(`by ${path} from ${origin}`);
				}
			}
		}
		watch.expectUnchangedFully();

		// The same forms from this site are taken, so the refusals above were for the origin alone.
		const before = countResponses();
		for (const { path, fields } of posts) expect(accepted(await post(admin, path, urlencoded(fields))), path).toBe(true);
		expect(countResponses()).toBe(before + 3);
		watch.rebase();
	});
});

test.describe('a forged session cookie', () => {
	test('is refused with 401, stores nothing, and leaves the real session alone', async () => {
		const real = await sessionOf(admin);
		const [id, secret] = real.split('.');
		const other = (text: string) => [...text].map((char) => (char === 'a' ? 'b' : 'a')).join('');
		const random = () =>
			randomBytes(20)
				.toString('base64url')
				.toLowerCase()
				.replace(/[^a-z2-9]/g, 'k')
				.slice(0, 32);
		const forged = [
			random(),
			`${random()}.${random()}`,
			`${id}.${other(secret)}`,
			`${id}.${secret.slice(0, -1)}`,
			`${id}.${secret}.${secret}`,
			`${id}.`,
			`.${secret}`,
			`${id.toUpperCase()}.${secret}`,
			`${id}.${secret.toUpperCase()}`,
			`${id}.${secret}%00`,
			'x'.repeat(3000)
		];
		const anyone = await requests.newContext({ baseURL: server.origin, extraHTTPHeaders: { 'x-forwarded-for': ORDINARY_CLIENT } });
		try {
			watch.expectUnchangedFully('before the attack');
			for (const token of forged) {
				const response = await post(anyone, '/manage/settings?/addProgram', urlencoded([['name', 'Forged outreach']]), server.origin, {
					cookie: `session=${token}`
				});
				expect(response.status(), token).toBe(401);
				watch.expectUnchanged(`with the cookie ${token}`);
				// A page sends the browser to sign in, and tells it to forget the cookie.
				const page = await anyone.get('/manage/accounts', { headers: { cookie: `session=${token}` }, maxRedirects: 0 });
				expect(page.status(), token).toBe(303);
				expect(page.headers().location).toMatch(/^\/login\?/);
				expect(page.headers()['set-cookie'] ?? '', token).toMatch(/^session=; Max-Age=0;/);
			}
			watch.expectUnchangedFully();
		} finally {
			await anyone.dispose();
		}
		// A wrong secret for a real session id must not have ended that session.
		expect((await admin.get('/manage/accounts', { maxRedirects: 0 })).status()).toBe(200);
	});
});

/** Every table but the sessions, as `DatabaseWatch` sees them. */
function allButSessions() {
	return Object.fromEntries(Object.entries(watch.snapshot()).filter(([table]) => table !== 'sessions'));
}

test.describe('an expired session', () => {
	for (const [what, expire] of [
		['idle past the timeout', 'UPDATE sessions SET last_verified_at = last_verified_at - 8 * 3600 - 1 WHERE id = ?'],
		['past its lifetime, though used a moment ago', 'UPDATE sessions SET created_at = created_at - 7 * 24 * 3600 - 1 WHERE id = ?']
	] as const) {
		test(`${what} is refused with 401, and only that session is removed`, async () => {
			const context = await signedIn();
			try {
				const [id] = (await sessionOf(context)).split('.');
				onDatabase((database) => expect(database.prepare(expire).run(id).changes).toBe(1), false);
				const sessions = () => onDatabase((database) => database.prepare('SELECT id FROM sessions ORDER BY id').pluck().all() as string[]);
				const [before, tablesBefore] = [sessions(), allButSessions()];

				const response = await post(context, '/manage/settings?/addProgram', urlencoded([['name', 'Late outreach']]));
				expect(response.status()).toBe(401);
				// Finding it expired deletes it; every other table, and every other session, is as it was.
				expect(sessions()).toEqual(before.filter((session) => session !== id));
				expect(allButSessions()).toEqual(tablesBefore);
				watch.rebase();
				expect((await context.get('/manage', { maxRedirects: 0 })).headers().location).toMatch(/^\/login/);
			} finally {
				await context.dispose();
			}
		});
	}
});

test.describe('single-use codes', () => {
	test('a code is taken once: reused, retyped, sent at once, or on another link, it stores nothing', async () => {
		const [mine, theirs] = [link('consumer'), link('consumer', 'Counseling program')];
		/** Switches a link to codes through the manage page's own actions, and reads its slips from the reply that makes them. */
		const codesFor = async (target: Link, count: number): Promise<string[]> => {
			const path = `/manage/rounds/${target.roundId}`;
			expect(
				(
					await post(
						admin,
						`${path}?/mode`,
						urlencoded([
							['token', target.token],
							['mode', 'code']
						])
					)
				).status()
			).toBe(200);
			const made = await post(admin, `${path}/slips/${target.token}`, urlencoded([['count', String(count)]]));
			expect(made.status()).toBe(200);
			const slips = await made.text();
			return [...slips.matchAll(/<span class="code">([A-Z0-9-]+)<\/span>/g)].map((match) => match[1]);
		};
		const [myCodes, theirCodes] = [await codesFor(mine, 3), await codesFor(theirs, 1)];
		expect(myCodes).toHaveLength(3);
		const unused = (code: string) =>
			onDatabase((database) => database.prepare('SELECT used FROM survey_codes WHERE code = ?').pluck().get(code)) === 0;
		const send = (code: string | null, n: number, path = `/s/${mine.token}`) =>
			post(visitor, path, urlencoded(answers(mine, n, code === null ? [] : [['code', code]])));
		watch.rebase();

		// No code, a made-up one, and another link's: refused, and the other link's code is not spent.
		expect((await send(null, 1)).status()).toBe(400);
		expect((await send('', 1)).status()).toBe(400);
		expect((await send('AAAA-AAAA', 1)).status()).toBe(403);
		expect((await send(theirCodes[0], 1)).status()).toBe(403);
		expect(unused(theirCodes[0])).toBe(true);
		watch.expectUnchangedFully('by a missing, made-up or other link’s code');

		// The first use is taken, and spends the code.
		const before = countResponses();
		const [first, second] = myCodes;
		expect((await send(first, 2)).status()).toBe(303);
		expect(countResponses()).toBe(before + 1);
		expect(unused(first)).toBe(false);
		watch.rebase();

		// Used again, however it is typed, on the survey or on a kiosk: refused, nothing stored.
		const retyped = [first, first.toLowerCase(), first.replace('-', ''), ` ${first.toLowerCase().replace('-', ' ')} `];
		for (const code of retyped) {
			for (const path of [`/s/${mine.token}`, `/kiosk/${mine.token}`]) {
				const response = await send(code, 3, path);
				expect(response.status(), `${code} on ${path}`).toBe(403);
				expect(await response.text()).toContain('That code does not work. It may have been used already.');
			}
		}
		watch.expectUnchangedFully('by a used code');

		// Sent six times at once, a fresh code is still taken exactly once.
		const all = await Promise.all(Array.from({ length: 6 }, (_, n) => send(second, n)));
		expect(all.map((response) => response.status()).sort()).toEqual([303, 403, 403, 403, 403, 403]);
		expect(countResponses()).toBe(before + 2);
		expect(unused(second)).toBe(false);
		watch.rebase();

		// No manage page names a code once its slips were printed, so none can tell which were spent.
		for (const path of [`/manage/rounds/${mine.roundId}`, `/manage/rounds/${mine.roundId}/slips/${mine.token}`]) {
			const html = await (await admin.get(path)).text();
			expect(html, path).toContain('3 codes made, 2 used.');
			for (const code of [...myCodes, ...theirCodes]) expect(html, `${code} on ${path}`).not.toContain(code);
		}
	});
});

test.describe('a link that does not lead to an open round', () => {
	test('a closed round’s or a draft round’s link takes nothing, on the survey, a kiosk or paper entry', async () => {
		watch.expectUnchangedFully('before the attack');
		for (const [target, status] of [
			[closed, 410],
			[draft, 403]
		] as const) {
			const fields = answers(target, 3);
			expect(
				fields.some(([name]) => name === 'comment'),
				'the form has a note'
			).toBe(true);
			for (const path of [`/s/${target.token}`, `/kiosk/${target.token}`]) {
				const response = await post(visitor, path, urlencoded(fields));
				expect(response.status(), path).toBe(status);
			}
			// A manager entering paper forms can't slip them into a round that is not open either.
			const paper = await post(admin, `/manage/rounds/${target.roundId}/paper-entry/${target.token}`, urlencoded(fields));
			expect(paper.status()).toBe(410);
			watch.expectUnchanged(`by a post to a ${status === 410 ? 'closed' : 'draft'} round`);
		}
		watch.expectUnchangedFully();
	});

	test('a guessed or unknown survey token takes nothing', async () => {
		const real = link('consumer');
		const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
		const guess = () => Array.from(randomBytes(32), (byte) => alphabet[byte % 32]).join('');
		const guesses = [
			guess(),
			guess(),
			real.token.toUpperCase(),
			real.token.slice(0, -1) + (real.token.endsWith('a') ? 'b' : 'a'),
			real.token.slice(0, -1),
			`${real.token}a`,
			real.token.slice(0, 26),
			encodeURIComponent(`${real.token}'--`),
			'%2e%2e%2fmanage',
			'0'
		];
		watch.expectUnchangedFully('before the attack');
		for (const token of guesses) {
			for (const path of [`/s/${token}`, `/kiosk/${token}`]) {
				const response = await post(visitor, path, urlencoded(answers(real, 1)));
				expect(response.status(), path).toBe(404);
				watch.expectUnchanged(`by ${path}`);
			}
		}
		watch.expectUnchangedFully();
	});
});

test.describe('no identifying data anywhere', () => {
	/** A browser no one else has, and addresses from the documentation ranges. */
	const USER_AGENT = 'Mozilla/5.0 (Linux; Android 9) ApcProbe/7.31.4159';
	const ADDRESSES = ['203.0.113.77', '203.0.113.78', '203.0.113.79', '203.0.113.80', '203.0.113.81', '2001:db8:77:4159::77'];
	/**
	 * The survey's rate limit stays on, as in production: one client may send 60 answers at once.
	 * So each address sends 60, and a few hundred come from six distinctive addresses.
	 */
	const PER_ADDRESS = 60;

	/**
	 * Every form an address or the user agent could be stored or written in: as text (UTF-8 or
	 * UTF-16), an IPv4 address also mapped into IPv6, an IPv6 address also by its /64 prefix (what
	 * the rate limit keys on), and the first address also as its 4 raw bytes. (Only one address is
	 * searched for as raw bytes: any 4 bytes turn up by chance in about 1 file in 3,500 this size.)
	 */
	function traces(): { trace: string; bytes: Buffer }[] {
		const texts = [
			...ADDRESSES.flatMap((address) => (address.includes(':') ? [address, address.split('::')[0]] : [address, `::ffff:${address}`])),
			USER_AGENT,
			'ApcProbe',
			'7.31.4159'
		];
		return [
			...texts.flatMap((trace) => [
				{ trace, bytes: Buffer.from(trace, 'utf8') },
				{ trace: `${trace} (UTF-16)`, bytes: Buffer.from(trace, 'utf16le') }
			]),
			{ trace: `${ADDRESSES[0]} (4 bytes)`, bytes: Buffer.from(ADDRESSES[0].split('.').map(Number)) }
		];
	}

	test('a few hundred answers later, neither the address nor the browser is in the database or the log', async () => {
		test.setTimeout(120_000);
		// The codes test above put links in code mode: back to open, through the manage page.
		for (const target of open) {
			const path = `/manage/rounds/${target.roundId}?/mode`;
			expect(
				(
					await post(
						admin,
						path,
						urlencoded([
							['token', target.token],
							['mode', 'open']
						])
					)
				).status()
			).toBe(200);
		}
		expect(new Set(open.map((target) => target.audience))).toEqual(new Set(['staff', 'consumer']));
		const before = countResponses();
		let sent = 0;
		for (const [index, address] of ADDRESSES.entries()) {
			const client = await requests.newContext({
				baseURL: server.origin,
				userAgent: USER_AGENT,
				extraHTTPHeaders: { 'x-forwarded-for': address, 'accept-language': 'en-US,en;q=0.9' }
			});
			try {
				for (let start = 0; start < PER_ADDRESS; start += 10) {
					const batch = Array.from({ length: 10 }, (_, i) => {
						const n = index * PER_ADDRESS + start + i;
						const target = open[n % open.length];
						return post(client, `/s/${target.token}${n % 4 === 0 ? '?lang=es' : ''}`, urlencoded(answers(target, n)));
					});
					for (const response of await Promise.all(batch)) {
						expect(accepted(response), `${response.status()}: ${/role="alert"[\s\S]{0,300}/.exec(await response.text())}`).toBe(true);
					}
					sent += batch.length;
				}
				// One more from the same client is over the limit: refused, and not written down either.
				if (index === 0) {
					const over = await post(client, `/s/${open[0].token}`, urlencoded(answers(open[0], 1)));
					expect(over.status()).toBe(429);
				}
			} finally {
				await client.dispose();
			}
		}
		expect(sent).toBe(ADDRESSES.length * PER_ADDRESS);
		expect(countResponses()).toBe(before + sent);

		await stopAll();
		// The whole database as the server leaves it: the file, and its log and index if still there.
		const files = [server.databaseFile, `${server.databaseFile}-wal`, `${server.databaseFile}-shm`].filter(existsSync);
		expect(files).toContain(server.databaseFile);
		const haystacks = [
			...files.map((file) => ({ where: file, bytes: readFileSync(file) })),
			{ where: 'the server output', bytes: Buffer.from(server.output()) }
		];
		const found = haystacks.flatMap(({ where, bytes }) =>
			traces()
				.filter((needle) => bytes.includes(needle.bytes))
				.map((needle) => `${needle.trace} in ${where}`)
		);
		expect(found).toEqual([]);
	});
});
