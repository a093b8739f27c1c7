/**
 * A link's survey page is made once per language and then sent as it is: the same bytes to
 * everyone, until anything it shows changes. Nothing of one person is ever kept or sent from
 * there. On a server of its own, as these tests close a round and rename things.
 */
import { expect, request as requests, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { demoAdmin, expectAccessible } from './fixtures';
import { readDatabaseFile, startServer, type ServerProcess } from './server-process';

interface Link {
	token: string;
	roundId: number;
	programId: number;
}

let server: ServerProcess;
let admin: APIRequestContext;

test.beforeAll(async () => {
	server = await startServer({ port: 4187, demo: true, env: { RATE_LIMIT: 'off' } });
	admin = await requests.newContext({ baseURL: server.origin });
	const signIn = await admin.post('/login', {
		form: demoAdmin,
		headers: { origin: server.origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(signIn.status()).toBe(303);
});

test.afterAll(async () => {
	await admin?.dispose();
	await server?.stop();
	if (server) rmSync(dirname(server.databaseFile), { recursive: true, force: true });
});

/** An open round's link for an audience, with the round and program it belongs to. */
function openLink(audience: 'staff' | 'consumer', program: string): Link {
	return readDatabaseFile(server.databaseFile, (database) =>
		database
			.prepare(
				`SELECT survey_links.token, survey_links.round_id AS roundId, survey_links.program_id AS programId
				 FROM survey_links JOIN rounds ON rounds.id = survey_links.round_id JOIN programs ON programs.id = survey_links.program_id
				 WHERE rounds.status = 'open' AND survey_links.audience = ? AND programs.name = ?`
			)
			.get(audience, program)
	) as Link;
}

/** A respondent of their own: a fresh context, as a browser asks for a page. */
async function respondent(): Promise<APIRequestContext> {
	return requests.newContext({ baseURL: server.origin, extraHTTPHeaders: { 'accept-encoding': 'gzip', accept: 'text/html' } });
}

/** A page as a respondent of their own receives it: status, ETag and body. */
async function fetchPage(path: string, headers: Record<string, string> = {}) {
	const context = await respondent();
	try {
		const response = await context.get(path, { headers });
		return { status: response.status(), etag: response.headers()['etag'], body: await response.body() };
	} finally {
		await context.dispose();
	}
}

/** Posts a survey form as a browser without JavaScript does. */
async function postSurvey(context: APIRequestContext, path: string, form: Record<string, string>, maxRedirects = 0): Promise<APIResponse> {
	return context.post(path, { form, headers: { origin: server.origin }, maxRedirects });
}

const adminPost = (path: string, form: Record<string, string>) =>
	admin.post(path, { form, headers: { origin: server.origin, accept: 'text/html' }, maxRedirects: 0 });

test('two respondents get the same bytes, each language its own page, and a browser holding it gets 304', async () => {
	const path = `/s/${openLink('consumer', 'Drop-in center').token}`;
	const first = await fetchPage(path);
	const second = await fetchPage(path);
	expect(first.status).toBe(200);
	expect(first.etag).toMatch(/^"[\w-]+"$/);
	expect(second.etag).toBe(first.etag);
	expect(second.body.equals(first.body)).toBe(true);

	const spanish = await fetchPage(`${path}?lang=es`);
	expect(spanish.etag).not.toBe(first.etag);
	expect(spanish.body.toString()).toContain('<html lang="es"');
	expect(spanish.body.toString()).toContain('Enviar mis respuestas');
	expect(first.body.toString()).toContain('Send my answers');

	// Asked for without compression, the same page as it is, under a tag of its own.
	const plain = await fetchPage(path, { 'accept-encoding': 'identity' });
	expect(plain.body.equals(first.body)).toBe(true);
	expect(plain.etag).not.toBe(first.etag);

	const held = await fetchPage(path, { 'if-none-match': first.etag });
	expect(held.status).toBe(304);
	expect(held.body.length).toBe(0);
});

test('a refused form, a slip’s code and a reflection are never kept, nor sent from the kept pages', async () => {
	const consumer = `/s/${openLink('consumer', 'Drop-in center').token}`;
	const kept = await fetchPage(consumer);
	const context = await respondent();
	try {
		// Refused as empty: the reason, on a page made for this post alone.
		const refused = await postSurvey(context, consumer, { comment: 'only a note that is far too long '.repeat(80) });
		expect(refused.status()).toBe(400);
		expect(await refused.text()).toContain('Your note is too long');
		const after = await fetchPage(consumer);
		expect(after.etag).toBe(kept.etag);
		expect(after.body.equals(kept.body)).toBe(true);

		// A slip's code in the address fills in the form for that person only.
		const withCode = await context.get(`${consumer}?code=ABCD-EFGH`);
		expect(await withCode.text()).toContain('ABCD-EFGH');
		const afterCode = await fetchPage(consumer);
		expect(afterCode.body.equals(kept.body)).toBe(true);
		expect(afterCode.body.toString()).not.toContain('ABCD-EFGH');

		// A staff member's reflection: their own answers, on a page of its own, never kept.
		const staff = `/s/${openLink('staff', 'Drop-in center').token}`;
		const staffPage = await fetchPage(staff);
		const sent = await postSurvey(context, staff, { 'hr.listen': '4' });
		expect(sent.status()).toBe(303);
		const reflection = await context.get(sent.headers()['location']);
		expect(reflection.status()).toBe(200);
		expect(await reflection.text()).toMatch(/Your answer:<\/span> <strong>Often/);
		const staffAfter = await fetchPage(staff);
		expect(staffAfter.etag).toBe(staffPage.etag);
		expect(staffAfter.body.equals(staffPage.body)).toBe(true);
		expect(staffAfter.body.toString()).not.toMatch(/Your answer:<\/span>/);
	} finally {
		await context.dispose();
	}
});

test('the survey page’s one script counts answers and sends in place, keeping every answer when the server can’t be reached', async ({
	page
}) => {
	const path = `${server.origin}/s/${openLink('consumer', 'Drop-in center').token}`;
	const scripts: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
	});
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto(path);
	await page.waitForLoadState('networkidle');
	// No SvelteKit client: the page's own small script, and nothing else.
	expect(scripts).toEqual([expect.stringMatching(/\/survey-page-script\.[\w-]+\.js$/)]);

	const counts = page.locator('.answered-count');
	const questions = await page.locator('fieldset.question').count();
	await expect(counts.first()).toHaveText(`You have answered 0 of ${questions} questions.`);
	await page.getByRole('group', { name: 'Staff really listen to me.' }).getByLabel('Often').check();
	await page.getByRole('group', { name: 'Staff are patient with me.' }).getByLabel('Not sure').check();
	await expect(counts).toHaveText(Array(await counts.count()).fill(`You have answered 2 of ${questions} questions.`));

	// The connection drops while sending: the button says so while it tries, then the reason shows.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route(path, async (route) => {
		if (route.request().method() !== 'POST') return route.continue();
		await held;
		await route.abort('connectionfailed');
	});
	const send = page.getByRole('button', { name: /Send my answers|Sending…/ });
	await send.click();
	await expect(send).toHaveText('Sending…');
	await expect(send).toBeDisabled();
	release();
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Your answers were not sent');
	await expect(alert).toContainText('We could not reach the server');
	await expect(alert).toBeFocused();
	await expect(send).toHaveText('Send my answers');
	await expect(page.getByRole('group', { name: 'Staff really listen to me.' }).getByLabel('Often')).toBeChecked();
	await expectAccessible(page);

	// Back online: sent, and on to the thank-you.
	await page.unroute(path);
	await send.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeFocused();
	await expect(page).toHaveURL(/\/thanks\?sent=[a-z2-7]{32}$/);
});

// Last, as it closes the open round.
test('a kept page changes as soon as a name changes, and ends as soon as its round closes', async () => {
	const link = openLink('consumer', 'Counseling program');
	const path = `/s/${link.token}`;
	const before = await fetchPage(path);
	expect((await fetchPage(path)).etag).toBe(before.etag);
	expect(before.body.toString()).toContain('Counseling program');

	expect(
		(
			await adminPost('/manage/settings?/renameProgram', { programId: String(link.programId), name: 'Counselling team', nameEs: '' })
		).status()
	).toBe(200);
	const renamed = await fetchPage(path);
	expect(renamed.etag).not.toBe(before.etag);
	expect(renamed.body.toString()).toContain('Counselling team');
	expect(renamed.body.toString()).not.toContain('Counseling program');

	const agency = readDatabaseFile(server.databaseFile, (database) =>
		database
			.prepare('SELECT minimum_group_size AS minimumGroupSize, minimum_comment_group_size AS minimumCommentGroupSize FROM agency')
			.get()
	) as Record<string, number>;
	const settings = {
		name: 'Harbour Street Outreach',
		minimumGroupSize: String(agency.minimumGroupSize),
		minimumCommentGroupSize: String(agency.minimumCommentGroupSize)
	};
	expect((await adminPost('/manage/settings?/agency', settings)).status()).toBe(200);
	const agencyRenamed = await fetchPage(path);
	expect(agencyRenamed.etag).not.toBe(renamed.etag);
	expect(agencyRenamed.body.toString()).toContain('Harbour Street Outreach');

	expect((await adminPost(`/manage/rounds/${link.roundId}?/close`, { confirm: 'final' })).status()).toBe(200);
	const closed = await fetchPage(path);
	expect(closed.status).toBe(410);
	expect(closed.body.toString()).not.toContain('<form method="POST"');
});
