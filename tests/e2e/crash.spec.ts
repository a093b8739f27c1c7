import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { readDatabaseFile, startServer, type ServerProcess } from './server-process';

/**
 * Many respondents send the survey at once and the server is killed outright part-way through.
 * After a restart, every submission that was acknowledged must be stored, and every stored one
 * must be whole: all its answers, and its comment, or nothing at all.
 */

const port = 4178;
const submissions = 3000;
const clients = 30;
/** The first five items of a form carry the submission's number, one base-6 digit each (0 is "Not sure"). */
const digitItems = 5;
const digitBase = 6;

interface Link {
	token: string;
	roundId: number;
	audience: 'staff' | 'consumer';
	programId: number | null;
	/** The form's item ids, in the order the page shows them. */
	items: string[];
}

function openLinks(file: string): Omit<Link, 'items'>[] {
	return readDatabaseFile(file, (database) =>
		database
			.prepare(
				`SELECT survey_links.token, survey_links.round_id AS roundId, survey_links.audience,
				        survey_links.program_id AS programId
				 FROM survey_links JOIN rounds ON rounds.id = survey_links.round_id
				 WHERE rounds.status = 'open' AND survey_links.mode = 'open'
				 ORDER BY survey_links.audience, survey_links.program_id`
			)
			.all()
	) as Omit<Link, 'items'>[];
}

/** The names of the survey page's radio buttons: the item ids a respondent can answer. */
async function formItems(origin: string, token: string): Promise<string[]> {
	const response = await fetch(`${origin}/s/${token}`);
	expect(response.status).toBe(200);
	const html = await response.text();
	const radios = html.match(/<input\b[^>]*\btype="radio"[^>]*>/g) ?? [];
	const names = radios.map((input) => /\bname="([^"]+)"/.exec(input)![1]);
	return [...new Set(names)];
}

const linkFor = (links: Link[], index: number) => links[index % links.length];

/**
 * The answers submission `index` sends, as stored values: its number in the digit items, then a
 * few more items (how many depends on the number), so each stored response names its submission.
 */
function answersFor(links: Link[], index: number): Map<string, number> {
	const { items } = linkFor(links, index);
	const answers = new Map<string, number>();
	for (let digit = 0; digit < digitItems; digit++) {
		answers.set(items[digit], Math.floor(index / digitBase ** digit) % digitBase);
	}
	const extra = index % 7;
	for (let item = digitItems; item < digitItems + extra; item++) answers.set(items[item], (index % 5) + 1);
	return answers;
}

/** The submission a stored response came from, read back from its digit items; null if any is missing. */
function submissionOf(items: string[], answers: Map<string, number>): number | null {
	let index = 0;
	for (let digit = 0; digit < digitItems; digit++) {
		const value = answers.get(items[digit]);
		if (value === undefined) return null;
		index += value * digitBase ** digit;
	}
	return index;
}

const commentFor = (run: string, index: number) => `Crash check ${run}: submission ${index}.`;

/** The form a browser without JavaScript would post for submission `index`. */
function formFor(links: Link[], run: string, index: number): URLSearchParams {
	const form = new URLSearchParams();
	for (const [item, value] of answersFor(links, index)) form.append(item, value === 0 ? 'unsure' : String(value));
	form.append('comment', commentFor(run, index));
	return form;
}

type Outcome = { acknowledged: true } | { acknowledged: false; status: number };

/** Posts one submission; acknowledged when consumers are sent on to thanks, or staff to their reflection. */
async function submit(origin: string, link: Link, form: URLSearchParams): Promise<Outcome> {
	const response = await fetch(`${origin}/s/${link.token}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			accept: 'text/html',
			origin,
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: form.toString()
	});
	// Read whole: an answer the kill cut short is no acknowledgement.
	await response.text();
	const acknowledged =
		link.audience === 'consumer'
			? response.status === 303 && new RegExp(`^/s/${link.token}/thanks\\?sent=[a-z2-7]{32}$`).test(response.headers.get('location') ?? '')
			: response.status === 303 &&
				new RegExp(`^/s/${link.token}/reflection\\?view=[a-z2-7]{32}$`).test(response.headers.get('location') ?? '');
	return acknowledged ? { acknowledged } : { acknowledged, status: response.status };
}

interface Run {
	/** Submissions whose success answer reached the client. */
	acknowledged: Set<number>;
	/** How many submissions were started (0 to attempted - 1). */
	attempted: number;
	/** Submissions whose request failed once the kill had begun: in flight when the server died. */
	cutOff: number;
	/** Anything that went wrong before the kill: refusals and failed requests. */
	unexpected: string[];
}

/**
 * Sends submissions from many clients at once, and kills the server once `killAfter` were
 * acknowledged, or after `deadline` milliseconds on a slow machine, whichever comes first.
 */
async function sendUntilKilled(server: ServerProcess, links: Link[], run: string, killAfter: number, deadline: number): Promise<Run> {
	const result: Run = { acknowledged: new Set(), attempted: 0, cutOff: 0, unexpected: [] };
	let kill: Promise<void> | undefined;
	const killNow = () => (kill ??= server.stop('SIGKILL'));
	const timer = setTimeout(killNow, deadline);
	const client = async () => {
		while (!kill && result.attempted < submissions) {
			const index = result.attempted++;
			try {
				const outcome = await submit(server.origin, linkFor(links, index), formFor(links, run, index));
				if (outcome.acknowledged) result.acknowledged.add(index);
				else result.unexpected.push(`submission ${index} refused with ${outcome.status}`);
			} catch (problem) {
				if (kill) result.cutOff++;
				else result.unexpected.push(`submission ${index} failed: ${String(problem)}`);
			}
			if (result.acknowledged.size >= killAfter) killNow();
		}
	};
	await Promise.all(Array.from({ length: clients }, client));
	clearTimeout(timer);
	expect(kill, 'the server was never killed').toBeDefined();
	await kill;
	return result;
}

interface Stored {
	/** Submissions with a stored response, by number; a number stored twice appears in `problems`. */
	responses: Set<number>;
	comments: Set<number>;
	problems: string[];
}

/** Reads back what the run stored: responses not there before it, and its comments. */
function readStored(file: string, links: Link[], run: string, before: Set<string>): Stored {
	const stored: Stored = { responses: new Set(), comments: new Set(), problems: [] };
	const rows = readDatabaseFile(file, (database) => ({
		responses: database.prepare('SELECT hex(id) AS id, round_id, audience, program_id FROM responses').all() as {
			id: string;
			round_id: number;
			audience: string;
			program_id: number | null;
		}[],
		answers: database.prepare('SELECT hex(response_id) AS id, item_id, value FROM answers').all() as {
			id: string;
			item_id: string;
			value: number;
		}[],
		comments: database.prepare('SELECT body FROM comments WHERE body LIKE ?').pluck().all(`Crash check ${run}:%`) as string[]
	}));
	const answersById = new Map<string, Map<string, number>>();
	for (const answer of rows.answers) {
		if (!answersById.has(answer.id)) answersById.set(answer.id, new Map());
		answersById.get(answer.id)!.set(answer.item_id, answer.value);
	}
	for (const response of rows.responses.filter((row) => !before.has(row.id))) {
		const linkIndex = links.findIndex((link) => link.audience === response.audience && link.programId === response.program_id);
		const answers = answersById.get(response.id) ?? new Map<string, number>();
		const index = linkIndex < 0 ? null : submissionOf(links[linkIndex].items, answers);
		if (index === null || index % links.length !== linkIndex || links[linkIndex].roundId !== response.round_id) {
			stored.problems.push(`response ${response.id} matches no submission (${answers.size} answers)`);
		} else if (!sameAnswers(answers, answersFor(links, index))) {
			stored.problems.push(`response ${response.id} (submission ${index}) has ${answers.size} of its answers or others`);
		} else if (stored.responses.has(index)) {
			stored.problems.push(`submission ${index} is stored twice`);
		} else {
			stored.responses.add(index);
		}
	}
	for (const body of rows.comments) {
		const index = Number(/submission (\d+)\.$/.exec(body)?.[1]);
		if (body !== commentFor(run, index)) stored.problems.push(`an unexpected comment: ${body}`);
		else if (stored.comments.has(index)) stored.problems.push(`the comment of submission ${index} is stored twice`);
		else stored.comments.add(index);
	}
	return stored;
}

function sameAnswers(actual: Map<string, number>, expected: Map<string, number>): boolean {
	return actual.size === expected.size && [...expected].every(([item, value]) => actual.get(item) === value);
}

const responseIds = (file: string) =>
	new Set(readDatabaseFile(file, (database) => database.prepare('SELECT hex(id) FROM responses').pluck().all() as string[]));

const sorted = (numbers: Iterable<number>) => [...numbers].sort((a, b) => a - b);

test('acknowledged submissions survive the server being killed mid-stream, and none is stored in part', async () => {
	const started = Date.now();
	const run = randomBytes(4).toString('hex');
	const first = await startServer({ port, demo: true, env: { RATE_LIMIT: 'off' } });
	const { databaseFile } = first;
	let second: ServerProcess | undefined;
	try {
		const links: Link[] = [];
		for (const link of openLinks(databaseFile)) links.push({ ...link, items: await formItems(first.origin, link.token) });
		expect(links.map((link) => link.audience)).toEqual(expect.arrayContaining(['consumer', 'staff']));
		for (const link of links) expect(link.items.length).toBeGreaterThanOrEqual(digitItems + 6);
		const before = responseIds(databaseFile);

		// Somewhere between 800 and 1,400 acknowledgements, so the kill lands at a different moment each run.
		const killAfter = 800 + Math.floor(Math.random() * 600);
		const sent = await sendUntilKilled(first, links, run, killAfter, 12_000);
		expect(sent.unexpected).toEqual([]);
		expect(first.child.signalCode).toBe('SIGKILL');
		// Part-way: many were acknowledged, requests were in flight when it died, and the run was cut short.
		expect(sent.acknowledged.size).toBeGreaterThanOrEqual(100);
		expect(sent.cutOff).toBeGreaterThan(0);
		expect(sent.attempted).toBeLessThan(submissions);

		second = await startServer({ port, databaseFile, env: { RATE_LIMIT: 'off' } });
		const health = await fetch(`${second.origin}/healthz`);
		expect(health.status).toBe(200);

		const checks = readDatabaseFile(databaseFile, (database) => ({
			integrity: database.pragma('integrity_check', { simple: true }),
			foreignKeys: database.pragma('foreign_key_check') as unknown[],
			orphanAnswers: database.prepare('SELECT count(*) FROM answers WHERE response_id NOT IN (SELECT id FROM responses)').pluck().get()
		}));
		expect(checks).toEqual({ integrity: 'ok', foreignKeys: [], orphanAnswers: 0 });

		const stored = readStored(databaseFile, links, run, before);
		expect(stored.problems).toEqual([]);
		const missing = sorted(sent.acknowledged).filter((index) => !stored.responses.has(index) || !stored.comments.has(index));
		expect(missing, 'acknowledged submissions missing after the restart').toEqual([]);
		// A response and its comment are stored in one transaction: both or neither.
		expect(sorted(stored.comments)).toEqual(sorted(stored.responses));
		expect(sorted(stored.responses).filter((index) => index >= sent.attempted)).toEqual([]);

		// The restarted server takes new answers.
		const next = submissions;
		const link = linkFor(links, next);
		expect(await submit(second.origin, link, formFor(links, run, next))).toEqual({ acknowledged: true });
		const after = readStored(databaseFile, links, run, before);
		expect(after.problems).toEqual([]);
		expect(after.responses.has(next) && after.comments.has(next)).toBe(true);

		console.log(
			`${sent.attempted} sent, ${sent.acknowledged.size} acknowledged before the kill, ${sent.cutOff} cut off; ` +
				`${stored.responses.size} stored after the restart; ${((Date.now() - started) / 1000).toFixed(1)} s`
		);
	} finally {
		await first.stop('SIGKILL');
		await second?.stop();
	}
});
