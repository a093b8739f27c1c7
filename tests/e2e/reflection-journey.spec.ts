/**
 * A staff member sees their own change across rounds while the server never links them: they keep
 * a copy of round A's answers on their device, the manager closes A and opens B, and the same
 * browser answers B and sees each item then and now beside consumers' figures. Every request the
 * browser makes is recorded, and none carries the copy, the note or anything that could link the
 * two submissions; the database gains the two responses and nothing else.
 */
import {
	expect,
	test,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type BrowserType,
	type LaunchOptions,
	type Page
} from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCopyFile, type CopyFile } from '../../src/lib/reflection-copy';
import { demoAdmin, expectAccessible } from './fixtures';
import { englishOnPage } from './page-checks';
import { readDatabaseFile, startServer, type ServerProcess } from './server-process';

const COPIES_KEY = 'any-positive-change.reflections';
const plumber = "I know I am not a plumber – so I don't try to fix people";
const noteA = 'Round A note: ask before giving advice, 7f3kq';
const noteB = 'Round B note: slow down at intake, 9xw2m';

/** Every request a browser made: where it went, its headers and its body. */
interface Recorded {
	method: string;
	url: string;
	headers: Record<string, string>;
	body: string;
}

function recordRequests(context: BrowserContext, into: Recorded[]) {
	context.on('request', async (request) => {
		const entry = { method: request.method(), url: request.url(), headers: {}, body: request.postData() ?? '' };
		into.push(entry);
		entry.headers = await request.allHeaders();
	});
}

/**
 * The headers any browser sends with any page, none of them set by the app: nothing a server could
 * tell one browser from another by, beyond what every visit carries. SvelteKit marks its own form
 * posts with `x-sveltekit-action: true`.
 */
function ordinaryHeader(name: string, value: string): boolean {
	if (name === 'x-sveltekit-action') return value === 'true';
	return (
		/^(accept|accept-encoding|accept-language|cache-control|connection|content-length|content-type|host|origin|pragma|referer|upgrade-insecure-requests|user-agent|priority|purpose|range|if-none-match|if-modified-since)$/.test(
			name
		) || /^sec-(ch-ua|fetch-)/.test(name)
	);
}

/** What a page load asked for, without the query: the same list whatever the browser keeps. */
const fetched = (recorded: Recorded[]) =>
	[...new Set(recorded.map((request) => `${request.method} ${new URL(request.url).pathname}`))].sort();

/** Every row of every table, as text, so two moments of the database can be compared. */
function snapshot(databaseFile: string): Map<string, string[]> {
	return readDatabaseFile(databaseFile, (database) => {
		const tables = database
			.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
			.pluck()
			.all() as string[];
		return new Map(
			tables.map((table) => [
				table,
				database
					.prepare(`SELECT * FROM "${table}"`)
					.all()
					.map((row) => JSON.stringify(row))
			])
		);
	});
}

/** What one moment of the database holds that the other does not, table by table. */
function added(before: Map<string, string[]>, after: Map<string, string[]>): Record<string, number> {
	const found: Record<string, number> = {};
	for (const [table, rows] of after) {
		const earlier = new Set(before.get(table) ?? []);
		const gone = (before.get(table) ?? []).filter((row) => !rows.includes(row));
		expect(gone, `rows gone from ${table}`).toEqual([]);
		const fresh = rows.filter((row) => !earlier.has(row)).length;
		if (fresh > 0) found[table] = fresh;
	}
	return found;
}

function staffLinkOf(databaseFile: string, status: 'open' | 'draft'): { roundId: number; token: string; name: string } {
	return readDatabaseFile(databaseFile, (database) =>
		database
			.prepare(
				`SELECT rounds.id AS roundId, survey_links.token AS token, rounds.name AS name
				 FROM survey_links JOIN rounds ON rounds.id = survey_links.round_id
				 WHERE rounds.status = ? AND survey_links.audience = 'staff' ORDER BY survey_links.program_id LIMIT 1`
			)
			.get(status)
	) as { roundId: number; token: string; name: string };
}

const item = (page: Page, text: string) => page.locator('.journey .reflection-items > li').filter({ hasText: text });
const question = (page: Page, text: string | RegExp) => page.getByRole('group', { name: text });

async function answer(page: Page, path: string, answers: [string | RegExp, string][]) {
	await page.goto(path);
	await page.waitForLoadState('networkidle');
	for (const [text, label] of answers) await question(page, text).getByLabel(label, { exact: true }).check();
	await page.getByRole('button', { name: 'Send my answers' }).click();
	await expect(page.getByRole('heading', { name: 'Your reflection' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Your answers across rounds' })).toBeVisible();
}

async function keptFile(page: Page): Promise<string | null> {
	return page.evaluate((key) => localStorage.getItem(key), COPIES_KEY);
}

async function download(page: Page, folder: string, name: string): Promise<string> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as a file' }).click()]);
	const path = join(folder, name);
	await file.saveAs(path);
	return path;
}

test.describe.serial('a staff member’s own reflection across rounds', () => {
	let server: ServerProcess;
	let profile: string;
	let folder: string;
	let roundA: { roundId: number; token: string; name: string };
	let roundB: { roundId: number; token: string; name: string };
	let fileAfterB = '';
	let journeyText = '';
	/** What the staff member's own browser asked for, through both rounds and after. */
	const requests: Recorded[] = [];
	/** What every other browser in these tests asked for. */
	const others: Recorded[] = [];
	/** What "my reflections" loads in a browser that keeps copies, and in one that keeps none. */
	let pagesWithCopies: string[] = [];

	test.beforeAll(async () => {
		server = await startServer({ port: 4186, demo: true });
		folder = mkdtempSync(join(tmpdir(), 'apc-journey-'));
		profile = join(folder, 'profile');
		roundA = staffLinkOf(server.databaseFile, 'open');
		roundB = staffLinkOf(server.databaseFile, 'draft');
	});

	test.afterAll(async () => {
		await server?.stop();
	});

	/** This agency's copy mark: what the server puts in every copy, and no request should carry back. */
	const copyMark = () =>
		readDatabaseFile(server.databaseFile, (database) => database.prepare('SELECT copy_mark FROM agency').pluck().get()) as string;

	/** The staff member's own browser: a profile on disk, so what it keeps outlives a restart. */
	async function ownBrowser(browserType: BrowserType, launchOptions: LaunchOptions) {
		const context = await browserType.launchPersistentContext(profile, { ...launchOptions, baseURL: server.origin, acceptDownloads: true });
		recordRequests(context, requests);
		return context;
	}

	/** Another browser: a fresh profile, its requests recorded too. */
	async function otherBrowser(browser: Browser, options: BrowserContextOptions = {}) {
		const context = await browser.newContext({ ...options, baseURL: server.origin, acceptDownloads: true });
		recordRequests(context, others);
		return context;
	}

	test('round A: answers, keeps a copy with a note, and the database gains the response alone', async ({ playwright, launchOptions }) => {
		const context = await ownBrowser(playwright.chromium, launchOptions);
		const page = context.pages()[0] ?? (await context.newPage());
		const before = snapshot(server.databaseFile);

		// Round B is still a draft: its staff link says so, and leads to the copies all the same.
		expect((await page.goto(`/s/${roundB.token}?lang=es`))?.status()).toBe(403);
		await expect(page.getByRole('link', { name: 'Mis reflexiones: sus respuestas de rondas anteriores' })).toHaveAttribute(
			'href',
			`/s/${roundB.token}/my-reflections?lang=es`
		);
		await page.goto(`/s/${roundA.token}`);
		await page.getByRole('link', { name: 'My reflections: your answers from earlier rounds' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'My reflections' })).toBeVisible();
		await expect(page.getByText('No copies are kept on this device.')).toBeVisible();

		await answer(page, `/s/${roundA.token}`, [
			['I see consumers as human beings, not cases', 'Always'],
			[/I have oodles of patience/, 'Sometimes'],
			[/I listen, and listen, and listen some more/, 'Often'],
			[plumber, 'Always']
		]);
		await expect(page.getByText('No earlier round to compare with yet.')).toBeVisible();
		// Scripts ran, so the line saying the journey needs them is gone.
		await expect(page.getByText('To keep a copy and compare rounds, turn on JavaScript.')).toHaveCount(0);
		await page.getByLabel('What I want to work on (private)').fill(noteA);
		await page.getByRole('button', { name: 'Keep on this device' }).click();
		await expect(page.getByRole('status')).toContainText('Kept on this device.');
		await expect(page.getByRole('button', { name: 'Save changes on this device' })).toBeVisible();
		await expectAccessible(page);

		const kept = JSON.parse((await keptFile(page))!);
		expect(kept.copies).toHaveLength(1);
		expect(kept.copies[0]).toMatchObject({
			round: { id: roundA.roundId },
			note: noteA,
			answers: { 'hr.human': 5, 'hr.patience': 3, 'hr.listen': 4 }
		});
		await download(page, folder, 'after-a.json');

		expect(added(before, snapshot(server.databaseFile))).toEqual({ responses: 1, answers: 4 });
		await context.close();
	});

	test('the copy outlives a browser restart, and "my reflections" opens it without sending it', async ({ playwright, launchOptions }) => {
		const context = await ownBrowser(playwright.chromium, launchOptions);
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`/s/${roundA.token}/my-reflections`);
		// Nothing of the copy shows until they say it is theirs: on a shared computer it may not be.
		await expect(page.getByText('Answers from earlier rounds are kept in this browser. Show them only if they are yours.')).toBeVisible();
		await expect(page.getByText(noteA)).toHaveCount(0);
		await page.getByRole('button', { name: 'Show my answers kept on this device' }).click();
		await expect(page.getByText(`Rounds you have answers from: ${roundA.name}`)).toBeVisible();
		await expect(page.getByRole('heading', { name: `Your note from ${roundA.name}` })).toBeVisible();
		await expect(page.getByText(noteA)).toBeVisible();
		await expect(item(page, 'I see consumers as human beings, not cases').getByRole('row', { name: roundA.name })).toContainText('Always');
		await expectAccessible(page);
		await context.close();
	});

	test('the manager closes round A and opens round B', async ({ page }) => {
		await page.goto(`${server.origin}/login`);
		await page.getByLabel('Username').fill(demoAdmin.username);
		await page.getByLabel('Password').fill(demoAdmin.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(`${server.origin}/manage`);
		await page.goto(`${server.origin}/manage/rounds/${roundA.roundId}`);
		await page.getByLabel('I understand that closing is final').check();
		await page.getByRole('button', { name: 'Close the round for good' }).click();
		await expect(page.getByText('Closed', { exact: true })).toBeVisible();
		// Round A's staff link now says the survey has closed, and still leads to the copies.
		expect((await page.goto(`${server.origin}/s/${roundA.token}`))?.status()).toBe(410);
		await expect(page.getByRole('link', { name: 'My reflections: your answers from earlier rounds' })).toHaveAttribute(
			'href',
			`/s/${roundA.token}/my-reflections`
		);
		await page.goto(`${server.origin}/manage/rounds/${roundB.roundId}`);
		await page.getByRole('button', { name: 'Open the round' }).click();
		await expect(page.getByText('Open: taking answers')).toBeVisible();
	});

	test('round B: the same browser sees each item then and now beside consumers’ figures', async ({ playwright, launchOptions }) => {
		const context = await ownBrowser(playwright.chromium, launchOptions);
		const page = context.pages()[0] ?? (await context.newPage());
		const before = snapshot(server.databaseFile);

		await answer(page, `/s/${roundB.token}`, [
			['I see consumers as human beings, not cases', 'Never'],
			[/I have oodles of patience/, 'Sometimes'],
			[/I listen, and listen, and listen some more/, 'Not sure'],
			[plumber, 'Never']
		]);
		const journey = page.locator('.journey');
		// On a shared computer the copies kept here may be someone else's: nothing of them shows until asked.
		await expect(
			journey.getByText('Answers from earlier rounds are kept in this browser. Show them only if they are yours.')
		).toBeVisible();
		await expect(page.getByText(noteA)).toHaveCount(0);
		await expect(journey.getByText(roundA.name)).toHaveCount(0);
		await journey.getByRole('button', { name: 'Show my answers kept on this device' }).click();
		await expect(journey.getByText(`Rounds you have answers from: ${roundA.name}, ${roundB.name}`)).toBeVisible();
		// Their note from round A comes back beside this round's answers.
		await expect(page.getByRole('heading', { name: `Your note from ${roundA.name}` })).toBeVisible();
		await expect(page.getByText(noteA)).toBeVisible();

		const human = item(page, 'I see consumers as human beings, not cases');
		await expect(human).toContainText(`You moved down 4 steps since ${roundA.name}.`);
		await expect(human.getByRole('row', { name: roundA.name })).toContainText('Always');
		await expect(human.getByRole('row', { name: `${roundB.name} (now)` })).toContainText('Never');
		await expect(human.getByRole('row', { name: `${roundB.name} (now)` })).toContainText('Shown after the round closes');
		// Consumers' figures for round A, as the small-group rules release them to managers.
		const consumersOf = async (text: string) => {
			const said = await item(page, text).getByRole('row', { name: roundA.name }).getByRole('cell').last().innerText();
			const mean = Number(/^(\d\.\d) \(\d+ answers\)$/.exec(said)?.[1]);
			expect(mean, said).toBeGreaterThanOrEqual(1);
			return mean;
		};
		// From "Always" to "Never" beside a consumers' mean of m, they moved apart by |1 − m| − |5 − m| = 2m − 6.
		expect(await consumersOf(plumber)).toBeGreaterThanOrEqual(3.5);
		// Round B is open, so their answer is read beside consumers' latest figure, and the page says whose.
		await expect(item(page, plumber)).toContainText(`Your answer moved away from what consumers said in ${roundA.name}.`);
		await expect(page.locator('.journey ul.apart > li')).toHaveText([plumber]);
		// Beside a mean of 3.1 or less, 5 to 1 is no further away (6 − 2m ≥ −0.2): not named.
		expect(await consumersOf('I see consumers as human beings, not cases')).toBeLessThanOrEqual(3.1);
		await expect(human).not.toContainText('moved away');
		await expect(item(page, 'I have oodles of patience')).toContainText(`Same answer as in ${roundA.name}.`);
		// "Not sure" is shown, but it is not a move.
		await expect(item(page, 'I listen, and listen, and listen some more').getByRole('row', { name: `${roundB.name} (now)` })).toContainText(
			'Not sure'
		);
		await expect(item(page, 'I listen, and listen, and listen some more')).not.toContainText('You moved');

		await page.getByLabel('What I want to work on (private)').fill(noteB);
		await page.getByRole('button', { name: 'Keep on this device' }).click();
		await expect(page.getByRole('status')).toContainText('Kept on this device.');
		await expectAccessible(page);
		fileAfterB = await download(page, folder, 'after-b.json');

		expect(added(before, snapshot(server.databaseFile))).toEqual({ responses: 1, answers: 4 });

		const from = requests.length;
		await page.goto(`/s/${roundB.token}/my-reflections`);
		await page.getByRole('button', { name: 'Show my answers kept on this device' }).click();
		await expect(page.getByRole('heading', { name: `Your note from ${roundB.name}` })).toBeVisible();
		await page.waitForLoadState('networkidle');
		pagesWithCopies = fetched(requests.slice(from));
		journeyText = await page.locator('.journey .reflection-items').innerText();
		expect(journeyText).toContain(`You moved down 4 steps since ${roundA.name}.`);
		await context.close();
	});

	test('no request carried the copy, a note or anything linking the two submissions', async () => {
		const agencyMark = copyMark();
		const kept = JSON.parse(readFileSync(fileAfterB, 'utf8')) as { checksum: string };
		const secrets = [noteA, noteB, 'any-positive-change reflections', kept.checksum, agencyMark, '7f3kq', '9xw2m'];
		expect(requests.length).toBeGreaterThan(10);
		for (const request of requests) {
			const carried = [request.url, request.body, ...Object.entries(request.headers).flat()].join('\n');
			for (const secret of secrets) expect(carried, `${request.method} ${request.url}`).not.toContain(secret);
			// No cookie, and nothing else a server could tell one browser by.
			expect(Object.keys(request.headers), request.url).not.toContain('cookie');
			const unexpected = Object.entries(request.headers).filter(([name, value]) => !ordinaryHeader(name, value));
			expect(unexpected, request.url).toEqual([]);
			expect(new URL(request.url).origin).toBe(server.origin);
		}
		// Two posts, each only a survey's answers: nothing but question ids and their values.
		const posts = requests.filter((request) => request.method === 'POST');
		expect(posts.map((request) => new URL(request.url).pathname)).toEqual([`/s/${roundA.token}`, `/s/${roundB.token}`]);
		for (const post of posts) {
			expect([...new URLSearchParams(post.body).keys()].sort()).toEqual([
				'comment',
				'hr.human',
				'hr.listen',
				'hr.not-plumber',
				'hr.patience'
			]);
		}
		// Queries name a language or a one-time reflection key, and nothing else.
		for (const request of requests) {
			const names = [...new URL(request.url).searchParams.keys()].filter(
				(name) => name !== 'lang' && name !== 'view' && !name.startsWith('x-sveltekit')
			);
			expect(names, request.url).toEqual([]);
		}
		// Nothing of the notes reached the database file, its log, or the server's output.
		for (const file of [server.databaseFile, `${server.databaseFile}-wal`].filter(existsSync)) {
			const bytes = readFileSync(file);
			expect(bytes.includes(Buffer.from('7f3kq')), file).toBe(false);
			expect(bytes.includes(Buffer.from('9xw2m')), file).toBe(false);
		}
		expect(server.output()).not.toContain('7f3kq');
		expect(server.output()).not.toContain('9xw2m');
	});

	test('a second browser with the downloaded file sees the same; bad files are refused and change nothing', async ({ browser }) => {
		const context = await otherBrowser(browser);
		const page = await context.newPage();
		await page.goto(`/s/${roundB.token}/my-reflections`);
		await expect(page.getByText('No copies are kept on this device.')).toBeVisible();
		await page.waitForLoadState('networkidle');
		// A browser keeping two copies asks for nothing a browser keeping none does not (what a
		// browser's own cache answers, like its icon, aside).
		const withoutCopies = fetched(others);
		expect(pagesWithCopies.filter((path) => !withoutCopies.includes(path))).toEqual([]);
		expect(pagesWithCopies).toContain(`GET /s/${roundB.token}/my-reflections`);

		const chooser = page.getByLabel('Open a file of your earlier answers');
		const text = readFileSync(fileAfterB, 'utf8');
		const refusals: [string, string][] = [
			[text.slice(0, text.length / 2), 'That file is not a copy of your answers.'],
			[text.replace('"hr.human": 1', '"hr.human": 5'), 'That file is damaged or was changed by hand'],
			[
				JSON.stringify({ format: 'any-positive-change reflections', version: 1, agency: 'a'.repeat(32), copies: [] }),
				'That file is damaged or was changed by hand'
			],
			[writeCopyFile({ ...(JSON.parse(text) as CopyFile), agency: 'b'.repeat(32) }), 'That file comes from another agency’s survey.'],
			['{"name": "a spreadsheet"}', 'That file is not a copy of your answers.']
		];
		expect(text).toContain('"hr.human": 1');
		const badFile = (contents: string) => {
			const path = join(folder, 'bad.json');
			writeFileSync(path, contents);
			return path;
		};
		// Each on a fresh page, so no message left by the one before can answer for it.
		for (const [contents, message] of refusals) {
			await page.reload();
			await expect(page.getByText('No copies are kept on this device.')).toBeVisible();
			await chooser.setInputFiles(badFile(contents));
			await expect(page.getByRole('alert')).toContainText(message);
			await expect(page.getByRole('alert')).toContainText('Nothing was changed.');
			await expect(page.getByText('No copies are kept on this device.')).toBeVisible();
			await expect(page.locator('.journey .reflection-items')).toHaveCount(0);
			expect(await keptFile(page)).toBeNull();
		}

		await page.reload();
		// A button-sized control in the page's words; the browser's own small one, in its own language, is out of sight.
		const control = page.locator('label[for="reflection-file"]');
		await expect(control).toHaveText('Open a file of your earlier answers');
		expect((await control.boundingBox())!.height).toBeGreaterThanOrEqual(44);
		expect((await chooser.boundingBox())!.height).toBeLessThanOrEqual(1);
		await chooser.setInputFiles(fileAfterB);
		await expect(page.getByRole('status')).toContainText('Opened your answers from 2 rounds.');
		// Taken up to the answers it opened, far above the control.
		await expect(page.getByText('Rounds you have answers from')).toBeFocused();
		await expect(page.getByText('Rounds you have answers from')).toBeInViewport();
		expect(await page.locator('.journey .reflection-items').innerText()).toBe(journeyText);
		// A bad file opened after a good one changes nothing the page shows.
		await chooser.setInputFiles(badFile(refusals[1][0]));
		await expect(page.getByRole('alert')).toContainText('That file is damaged or was changed by hand');
		expect(await page.locator('.journey .reflection-items').innerText()).toBe(journeyText);
		// Opened, not kept: the file is read in the page and this browser keeps nothing.
		expect(await keptFile(page)).toBeNull();
		await expectAccessible(page);

		await page.goto(`/s/${roundB.token}/my-reflections?lang=es`);
		await page.getByLabel('Abrir un archivo con sus respuestas anteriores').setInputFiles(fileAfterB);
		await expect(page.getByRole('heading', { name: 'Cada pregunta, ronda por ronda' })).toBeVisible();
		// Their own notes stay in the words they wrote them in; every other word is Spanish.
		expect((await englishOnPage(page)).filter((found) => !found.includes(noteA) && !found.includes(noteB))).toEqual([]);
		await context.close();
	});

	test('a kiosk never offers a copy, even on a staff link, and forgets any kept before', async ({ browser }) => {
		const context = await otherBrowser(browser);
		const page = await context.newPage();
		// A tablet someone once kept a copy on, before it became a kiosk.
		await page.goto(`/s/${roundB.token}/my-reflections`);
		await page.evaluate(([key, value]) => localStorage.setItem(key, value), [COPIES_KEY, readFileSync(fileAfterB, 'utf8')]);
		await page.goto(`/kiosk/${roundB.token}`);
		// Asked first, since starting a kiosk here deletes the copies.
		await page.getByRole('button', { name: 'Yes, delete them and start' }).click();
		await expect(page.getByRole('status')).toContainText('The copies kept in this browser were deleted.');
		await question(page, /I have oodles of patience/)
			.getByLabel('Often', { exact: true })
			.check();
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
		await expect(page.getByRole('button', { name: /Keep on this device|Download as a file/ })).toHaveCount(0);
		// The same tablet, on the staff link: the reflection shows, and no copy is offered.
		await answer(page, `/s/${roundB.token}`, [[/I have oodles of patience/, 'Often']]);
		await expect(page.getByText('This device is used as a kiosk, so no copy can be kept on it.')).toBeVisible();
		await expect(page.getByRole('button', { name: /Keep on this device|Download as a file/ })).toHaveCount(0);
		await expect(page.getByLabel('What I want to work on (private)')).toHaveCount(0);
		expect(await keptFile(page)).toBeNull();

		// Handed back to one person, the device can keep copies again.
		await page.goto(`/s/${roundB.token}/my-reflections`);
		await page.getByRole('button', { name: 'This device is no longer a kiosk' }).click();
		await expect(page.getByRole('status')).toContainText('Done. Copies can be kept on this device again.');
		await expect(page.getByLabel('Open a file of your earlier answers')).toBeVisible();
		expect(await page.evaluate(() => localStorage.length)).toBe(0);
		await context.close();
	});

	test('the next person on the same browser sees no one else’s copies unless they ask, and replaces none without asking', async ({
		playwright,
		launchOptions
	}) => {
		const context = await ownBrowser(playwright.chromium, launchOptions);
		const page = context.pages()[0] ?? (await context.newPage());
		const stored = await (async () => {
			await page.goto(`/s/${roundB.token}/my-reflections`);
			return keptFile(page);
		})();
		expect(stored).not.toBeNull();

		await answer(page, `/s/${roundB.token}`, [[/I have oodles of patience/, 'Always']]);
		await expect(page.getByText(noteA)).toHaveCount(0);
		await expect(page.getByText(noteB)).toHaveCount(0);
		await expect(page.getByLabel('What I want to work on (private)')).toHaveValue('');
		await page.getByRole('button', { name: 'Keep on this device' }).click();
		const ask = page.getByRole('group', { name: /A copy of this round is already kept on this device\./ });
		// Focus on the answer that loses nothing.
		await expect(ask.getByRole('button', { name: 'No, leave it' })).toBeFocused();
		await ask.getByRole('button', { name: 'No, leave it' }).click();
		await expect(page.getByRole('button', { name: 'Keep on this device' })).toBeFocused();
		expect(await keptFile(page)).toBe(stored);
		// Once they say the kept answers are theirs, this round's kept note comes back to edit.
		await page.getByRole('button', { name: 'Show my answers kept on this device' }).click();
		await expect(page.getByLabel('What I want to work on (private)')).toHaveValue(noteB);
		await context.close();
	});

	test('without JavaScript the reflection works as before and says the journey needs it', async ({ browser }) => {
		const context = await otherBrowser(browser, { javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`/s/${roundB.token}`);
		await question(page, /I have oodles of patience/)
			.getByLabel('Often', { exact: true })
			.check();
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page.getByRole('heading', { name: 'Your reflection' })).toBeVisible();
		await expect(page.getByText('To keep a copy and compare rounds, turn on JavaScript.')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Keep on this device' })).toHaveCount(0);
		await context.close();
	});

	test('"forget all" empties this browser’s storage, and it stays empty after a restart', async ({ playwright, launchOptions }) => {
		let context = await ownBrowser(playwright.chromium, launchOptions);
		let page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`/s/${roundB.token}/my-reflections`);
		expect(await keptFile(page)).not.toBeNull();
		await page.getByRole('button', { name: 'Forget all copies on this device' }).click();
		await expect(page.getByRole('group', { name: /This deletes every copy and note kept in this browser\./ })).toBeVisible();
		await page.getByRole('button', { name: 'Yes, forget them all' }).click();
		await expect(page.getByRole('status')).toContainText('Done. No copies are kept on this device now.');
		await expect(page.getByText(noteA)).toHaveCount(0);
		expect(await page.evaluate(() => localStorage.length)).toBe(0);
		await context.close();

		context = await ownBrowser(playwright.chromium, launchOptions);
		page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`/s/${roundB.token}/my-reflections`);
		await expect(page.getByText('No copies are kept on this device.')).toBeVisible();
		expect(await page.evaluate(() => localStorage.length)).toBe(0);
		await context.close();
	});

	test('no browser in any of this sent a copy, a note, a checksum or the copy mark', async () => {
		const kept = JSON.parse(readFileSync(fileAfterB, 'utf8')) as { checksum: string };
		const secrets = [noteA, noteB, 'any-positive-change reflections', kept.checksum, copyMark(), '7f3kq', '9xw2m'];
		for (const request of [...requests, ...others]) {
			const carried = [request.url, request.body, ...Object.entries(request.headers).flat()].join('\n');
			for (const secret of secrets) expect(carried, `${request.method} ${request.url}`).not.toContain(secret);
			expect(Object.keys(request.headers), request.url).not.toContain('cookie');
		}
		for (const note of ['7f3kq', '9xw2m']) expect(server.output()).not.toContain(note);
	});
});
