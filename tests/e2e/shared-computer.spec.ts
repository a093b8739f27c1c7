/**
 * What a person keeps stays theirs on a shared computer, and nothing they do loses their answers.
 * The next person at the same browser sees nothing of the last one's copies until they ask; the
 * browser's own files keep no private note; switching language keeps every answer; a kiosk asks
 * before it deletes anyone's copies; a reflection's size says nothing of its answers, and its
 * one-time key is spent by nothing but the page it belongs to.
 */
import { expect, test, type BrowserContext, type BrowserType, type LaunchOptions, type Page } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { REFLECTION_GZIP_BLOCK, REFLECTION_PLAIN_BLOCK } from '../../src/lib/server/fixed-size';
import { countResponses, expectAccessible, origin, surveyPath } from './fixtures';
import { expectNoHtmlCodeSnifferErrors } from './page-checks';

const COPIES_KEY = 'any-positive-change.reflections';
const note = 'Work on: ask first, then help. zq7x4';
const noteLabel = 'What I want to work on (private)';
const sendButton = (page: Page) => page.getByRole('button', { name: /Send my answers|Enviar mis respuestas/ });
const question = (page: Page, id: string) => page.locator(`input[type=radio][name="${id}"]`);

/** Every file under a folder that holds `needle`, as UTF-8 or as UTF-16 (how Chromium keeps some strings). */
function filesHolding(folder: string, needle: string): string[] {
	const found: string[] = [];
	const patterns = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
	const walk = (directory: string) => {
		for (const name of readdirSync(directory)) {
			const path = join(directory, name);
			const stat = statSync(path, { throwIfNoEntry: false });
			if (!stat) continue;
			if (stat.isDirectory()) walk(path);
			else if (stat.isFile()) {
				const bytes = readFileSync(path);
				if (patterns.some((pattern) => bytes.includes(pattern))) found.push(path);
			}
		}
	};
	walk(folder);
	return found;
}

/** Answers the first questions of a staff survey and sends it, landing on the reflection. */
async function answerStaffSurvey(page: Page, path: string) {
	await page.goto(path);
	await page.waitForLoadState('networkidle');
	await page.locator('input[type=radio][value="4"]').first().check();
	await page.locator('input[type=radio][value="2"]').nth(1).check();
	await sendButton(page).click();
	await expect(page).toHaveURL(/\/reflection\?/);
}

test.describe('the next person at a shared computer', () => {
	let profile: string;
	const staff = () => surveyPath('staff');

	test.beforeAll(() => {
		profile = mkdtempSync(join(tmpdir(), 'apc-shared-'));
	});

	async function sharedBrowser(chromium: BrowserType, launchOptions: LaunchOptions): Promise<BrowserContext> {
		return chromium.launchPersistentContext(profile, { ...launchOptions, baseURL: origin });
	}

	test('someone keeps a copy with a note; the next person sees none of it on any staff page until they ask', async ({
		playwright,
		launchOptions
	}) => {
		let context = await sharedBrowser(playwright.chromium, launchOptions);
		let page = context.pages()[0] ?? (await context.newPage());
		await answerStaffSurvey(page, staff());
		await expect(page.getByLabel(noteLabel)).toHaveAttribute('autocomplete', 'off');
		await page.getByLabel(noteLabel).fill(note);
		await page.getByRole('button', { name: 'Keep on this device' }).click();
		await expect(page.getByRole('status')).toContainText('Kept on this device.');
		await context.close();

		// The next person, at the same browser.
		context = await sharedBrowser(playwright.chromium, launchOptions);
		page = context.pages()[0] ?? (await context.newPage());
		const token = staff().split('/').at(-1)!;
		const closedStaff = surveyPath('staff', 'closed');
		const draftStaff = surveyPath('staff', 'draft');
		const pages: [string, string][] = [
			['the staff survey', staff()],
			['the staff survey in Spanish', `${staff()}?lang=es`],
			['my reflections', `/s/${token}/my-reflections`],
			['my reflections in Spanish', `/s/${token}/my-reflections?lang=es`],
			['a closed round’s staff link', closedStaff],
			['a draft round’s staff link', draftStaff],
			['a reflection already shown', `/s/${token}/reflection?view=spent`]
		];
		for (const [name, path] of pages) {
			await page.goto(path);
			await page.waitForLoadState('networkidle');
			// Without the soft hyphens a heading may carry, so a word reads as it is said.
			const text = (await page.locator('body').innerText()).replaceAll('\u00AD', '');
			expect(text, name).not.toContain('zq7x4');
			expect(text, name).not.toMatch(/\bYour answer\b|\bSu respuesta\b|\bYour note\b|\bSu nota\b/);
			await expect(page.locator('.journey table'), name).toHaveCount(0);
		}
		// "My reflections", reached the way a person reaches it: from the survey page itself.
		await page.goto(staff());
		await page.getByRole('link', { name: 'My reflections: your answers from earlier rounds' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'My reflections' })).toBeVisible();
		await expect(page.getByText('Answers from earlier rounds are kept in this browser. Show them only if they are yours.')).toBeVisible();
		await expect(page.getByText('No copies are kept on this device.')).toHaveCount(0);
		// They may forget what this browser keeps without ever seeing it.
		await expect(page.getByRole('button', { name: 'Forget all copies on this device' })).toBeVisible();
		await expectAccessible(page);
		await expectNoHtmlCodeSnifferErrors(page);

		// Their own reflection, after answering: their answers, and nothing of the last person's.
		await answerStaffSurvey(page, staff());
		await expect(page.getByRole('heading', { name: 'Your reflection' })).toBeVisible();
		await expect(page.locator('body')).not.toContainText('zq7x4');
		await expect(page.getByLabel(noteLabel)).toHaveValue('');
		expect(await page.locator('.journey').innerText()).not.toMatch(/\bYour answer\b/);

		// Once they ask, the copies show, and focus lands above the notes so a screen reader reads them.
		await page.goto(`/s/${token}/my-reflections`);
		await page.getByRole('button', { name: 'Show my answers kept on this device' }).click();
		await expect(page.getByText(note)).toBeVisible();
		await expect(page.locator(':focus')).toContainText('Rounds you have answers from');
		const focusedBeforeNote = await page.evaluate(() => {
			const focused = document.activeElement!;
			const noteBox = document.querySelector('.journey .note')!;
			return Boolean(focused.compareDocumentPosition(noteBox) & Node.DOCUMENT_POSITION_FOLLOWING);
		});
		expect(focusedBeforeNote).toBe(true);
		await expect(page.getByRole('columnheader', { name: 'Your answer' }).first()).toBeVisible();
		// The answer in words and as the point on the scale consumers' figure is given on.
		await expect(page.locator('.journey table td').first()).toHaveText(/^(Never|Rarely|Sometimes|Often|Always) \([1-5] of 5\)$/);
		await expectAccessible(page);

		// "Forget all" asks first, with focus on the answer that loses nothing.
		await page.getByRole('button', { name: 'Forget all copies on this device' }).click();
		await expect(page.getByRole('button', { name: 'No, keep them' })).toBeFocused();
		await expect(page.getByRole('group', { name: /This deletes every copy/ })).not.toHaveClass(/problem/);
		await page.getByRole('button', { name: 'Yes, forget them all' }).click();
		await expect(page.getByRole('status')).toContainText('Done. No copies are kept on this device now.');
		await context.close();
	});

	for (const kept of [false, true]) {
		test(`the browser’s own files hold no note once the person leaves, ${kept ? 'after keeping a copy and forgetting it' : 'when they kept no copy'}`, async ({
			playwright,
			launchOptions
		}) => {
			const ownProfile = mkdtempSync(join(tmpdir(), 'apc-profile-'));
			const secret = `private note ${kept ? 'kept' : 'typed'} k3v9w`;
			let context = await playwright.chromium.launchPersistentContext(ownProfile, { ...launchOptions, baseURL: origin });
			let page = context.pages()[0] ?? (await context.newPage());
			await answerStaffSurvey(page, staff());
			await page.getByLabel(noteLabel).fill(secret);
			if (kept) {
				await page.getByRole('button', { name: 'Keep on this device' }).click();
				await expect(page.getByRole('status')).toContainText('Kept on this device.');
			}
			// They leave: another page, then Back, which finds the note gone from the page too.
			await page.goto('/about');
			// Back may be handled by the app's own router, which fires no load event: wait until the
			// history entry changes, then until the page has fetched all it will.
			await page.goBack({ waitUntil: 'commit' });
			await page.waitForLoadState('networkidle');
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			if (await page.getByLabel(noteLabel).count()) await expect(page.getByLabel(noteLabel)).toHaveValue('');
			if (kept) {
				await page.goto(`${staff()}/my-reflections`);
				await page.getByRole('button', { name: 'Forget all copies on this device' }).click();
				await page.getByRole('button', { name: 'Yes, forget them all' }).click();
				await expect(page.getByRole('status')).toContainText('Done. No copies are kept on this device now.');
			}
			await context.close();
			expect(filesHolding(ownProfile, 'k3v9w')).toEqual([]);
			// A restart, which restores what the browser saved of its last session.
			context = await playwright.chromium.launchPersistentContext(ownProfile, { ...launchOptions, baseURL: origin });
			page = context.pages()[0] ?? (await context.newPage());
			await page.goto(`${staff()}/my-reflections`);
			await expect(page.getByText('No copies are kept on this device.')).toBeVisible();
			await context.close();
			expect(filesHolding(ownProfile, 'k3v9w')).toEqual([]);
		});
	}
});

test.describe('switching language mid-survey', () => {
	for (const javaScriptEnabled of [true, false]) {
		test(`keeps every answer and the comment, ${javaScriptEnabled ? 'with' : 'without'} JavaScript, and stores nothing`, async ({
			browser
		}) => {
			const context = await browser.newContext({ javaScriptEnabled });
			const page = await context.newPage();
			const path = surveyPath('consumer');
			const before = countResponses(path);
			await page.goto(path);
			if (javaScriptEnabled) await page.waitForLoadState('networkidle');
			const ids = await page
				.locator('input[type=radio]')
				.evaluateAll((inputs) => [...new Set(inputs.map((input) => (input as HTMLInputElement).name))]);
			const chosen = { [ids[0]]: '5', [ids[1]]: '2', [ids[3]]: 'unsure' };
			for (const [id, value] of Object.entries(chosen))
				await question(page, id)
					.and(page.locator(`[value="${value}"]`))
					.check();
			const comment = 'The chairs are hard.\nMore hours, please.';
			await page.locator('textarea[name=comment]').fill(comment);

			await page.getByRole('button', { name: 'Español' }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', 'es');
			await expect(sendButton(page)).toHaveText('Enviar mis respuestas');
			const checked = async () =>
				Object.fromEntries(
					await page
						.locator('input[type=radio]:checked')
						.evaluateAll((inputs) => inputs.map((input) => [(input as HTMLInputElement).name, (input as HTMLInputElement).value]))
				);
			expect(await checked()).toEqual(chosen);
			await expect(page.locator('textarea[name=comment]')).toHaveValue(comment);
			// The answers went in the body of a post, never into an address.
			expect(page.url()).not.toMatch(/=5|unsure|chairs/);

			// And back again, with a new answer on the way.
			await question(page, ids[2]).and(page.locator('[value="3"]')).check();
			await page.getByRole('button', { name: 'English' }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', 'en');
			expect(await checked()).toEqual({ ...chosen, [ids[2]]: '3' });
			await expect(page.locator('textarea[name=comment]')).toHaveValue(comment);
			expect(countResponses(path)).toBe(before);
			if (javaScriptEnabled) await expectAccessible(page);

			// Sending after switching stores the answers once, as usual.
			await sendButton(page).click();
			await expect(page).toHaveURL(/\/thanks/);
			expect(countResponses(path)).toBe(before + 1);
			await context.close();
		});
	}
});

test.describe('a kiosk address in a browser that keeps copies', () => {
	test('asks before it deletes them, and says what happened either way', async ({ page }) => {
		const kiosk = surveyPath('consumer').replace('/s/', '/kiosk/');
		await page.goto(`${surveyPath('staff')}/my-reflections`);
		await page.evaluate((key) => localStorage.setItem(key, '{"someone":"else’s copies"}'), COPIES_KEY);
		await page.goto(kiosk);
		await expect(page.getByRole('heading', { level: 1, name: 'Make this device a kiosk?' })).toBeFocused();
		await expect(page.getByText('This browser keeps copies of someone’s answers.')).toBeVisible();
		await expect(sendButton(page)).toHaveCount(0);
		await expectAccessible(page);
		await page.getByRole('button', { name: 'No, keep them' }).click();
		await expect(page.getByRole('status')).toHaveText(
			'The copies are still here. The kiosk did not start on this device. You can close this page.'
		);
		expect(await page.evaluate((key) => localStorage.getItem(key), COPIES_KEY)).not.toBeNull();
		expect(await page.evaluate(() => localStorage.getItem('any-positive-change.kiosk'))).toBeNull();

		await page.goto(`${kiosk}?lang=es`);
		await expect(page.getByRole('heading', { level: 1, name: '¿Usar este dispositivo como quiosco?' })).toBeVisible();
		await page.getByRole('button', { name: 'Sí, borrarlas y empezar' }).click();
		await expect(page.getByRole('status')).toHaveText('Se borraron las copias de este navegador. Este dispositivo ahora es un quiosco.');
		await expect(sendButton(page)).toBeVisible();
		expect(await page.evaluate((key) => localStorage.getItem(key), COPIES_KEY)).toBeNull();
		// A kiosk from then on: the next visit starts straight away.
		await page.goto(kiosk);
		await expect(sendButton(page)).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Make this device a kiosk?' })).toHaveCount(0);
	});
});

/** One raw HTTP exchange, bytes as sent: no client here decompresses anything. */
function exchange(
	method: string,
	path: string,
	headers: Record<string, string> = {},
	body?: string
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
	return new Promise((resolve, reject) => {
		const request = httpRequest(new URL(path, origin), { method, headers }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, bytes: Buffer.concat(chunks) }));
		});
		request.on('error', reject);
		request.end(body);
	});
}

/** Posts a staff survey as a browser without JavaScript does; answers the reflection's address. */
async function sendStaffForm(path: string, fields: [string, string][]): Promise<string> {
	const body = new URLSearchParams([...fields, ['comment', '']]).toString();
	const sent = await exchange('POST', path, { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body);
	expect(sent.status).toBe(303);
	return sent.headers.location as string;
}

test.describe('a reflection’s one-time page', () => {
	let itemIds: string[] = [];

	test.beforeAll(async ({ browser }) => {
		const page = await browser.newPage();
		await page.goto(surveyPath('staff'));
		itemIds = await page
			.locator('input[type=radio]')
			.evaluateAll((inputs) => [...new Set(inputs.map((input) => (input as HTMLInputElement).name))]);
		await page.close();
	});

	test('is sent at one size whatever the answers, compressed or not, as a page and as data', async () => {
		const answerSets: Record<string, [string, string][]> = {
			'all never': itemIds.map((id) => [id, '1']),
			'all always': itemIds.map((id) => [id, '5']),
			'all not sure': itemIds.map((id) => [id, 'unsure']),
			mixed: itemIds.map((id, index) => [id, ['1', '2', '3', '4', '5', 'unsure'][index % 6]]),
			'one answer': [[itemIds[0], '3']]
		};
		const sizes = new Map<string, Set<number>>();
		const record = (kind: string, size: number) => sizes.set(kind, (sizes.get(kind) ?? new Set()).add(size));
		// Every set in English, two in Spanish: a sent form is counted against the address's limit.
		const runs = [
			...Object.entries(answerSets).map(([name, fields]) => ['', name, fields] as const),
			...(['all never', 'one answer'] as const).map((name) => ['?lang=es', name, answerSets[name]] as const)
		];
		for (const [language, name, fields] of runs) {
			for (const gzip of [true, false]) {
				const encoding: Record<string, string> = gzip ? { 'accept-encoding': 'gzip' } : {};
				const page = await exchange('GET', await sendStaffForm(`${surveyPath('staff')}${language}`, fields), {
					accept: 'text/html',
					...encoding
				});
				const html = gzip ? gunzipSync(page.bytes).toString() : page.bytes.toString();
				expect(html, name).toContain('id="reflection-title"');
				expect(page.headers['content-encoding']).toBe(gzip ? 'gzip' : undefined);
				expect(Number(page.headers['content-length'])).toBe(page.bytes.length);
				record(`page${gzip ? ', gzipped' : ''}`, page.bytes.length);

				// The same reflection as a browser with JavaScript fetches it, after a sent form.
				const location = new URL(await sendStaffForm(`${surveyPath('staff')}${language}`, fields), origin);
				const data = await exchange('GET', `${location.pathname}/__data.json${location.search}`, encoding);
				const json = gzip ? gunzipSync(data.bytes).toString() : data.bytes.toString();
				expect(json, name).toContain('generalPrompts');
				record(`data${gzip ? ', gzipped' : ''}`, data.bytes.length);
			}
		}
		// Four kinds of response, each at a single size across every set of answers, in either language.
		expect(Object.fromEntries([...sizes].map(([kind, found]) => [kind, [...found]]))).toEqual({
			'page, gzipped': [REFLECTION_GZIP_BLOCK],
			page: [REFLECTION_PLAIN_BLOCK],
			'data, gzipped': [REFLECTION_GZIP_BLOCK],
			data: [REFLECTION_PLAIN_BLOCK]
		});
	});

	test('is not spent by a HEAD request, and shows only under the link it was sent from', async ({ page }) => {
		const own = surveyPath('staff');
		const other = surveyPath('staff', 'open', 'Counseling program');
		expect(other).not.toBe(own);
		const address = await sendStaffForm(own, [[itemIds[0], '4']]);
		// A link preview's HEAD, twice: the key stays unspent.
		for (let time = 0; time < 2; time++) expect((await exchange('HEAD', address, { accept: 'text/html' })).status).toBe(200);
		// Under another staff link's address, the key shows nothing and stays unspent.
		await page.goto(address.replace(own, other));
		await expect(page.getByRole('heading', { level: 1, name: 'Your reflection is gone' })).toBeVisible();
		await page.goto(address);
		await expect(page.getByRole('heading', { name: 'Your reflection' })).toBeVisible();
		// Shown once: now spent.
		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: 'Your reflection is gone' })).toBeVisible();
	});
});

test.describe('at 320 pixels in Spanish', () => {
	test('no table of "Mis reflexiones" is wider than the screen', async ({ browser }) => {
		const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
		const page = await context.newPage();
		const staff = surveyPath('staff');
		await page.goto(`${staff}?lang=es`);
		await page.waitForLoadState('networkidle');
		const ids = await page
			.locator('input[type=radio]')
			.evaluateAll((inputs) => [...new Set(inputs.map((input) => (input as HTMLInputElement).name))]);
		// The longest words of the scale, in every row.
		for (const [index, id] of ids.entries())
			await question(page, id)
				.and(page.locator(`[value="${index % 2 ? '4' : '2'}"]`))
				.check();
		await sendButton(page).click();
		await page.getByRole('button', { name: 'Guardar en este dispositivo' }).click();
		await page.goto(`${staff}/my-reflections?lang=es`);
		await page.getByRole('button', { name: 'Mostrar mis respuestas guardadas en este dispositivo' }).click();
		const tables = page.locator('.journey table');
		expect(await tables.count()).toBe(ids.length);
		const widths = await tables.evaluateAll((found) => found.map((table) => table.getBoundingClientRect().right));
		expect(widths.filter((right) => right > 320)).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
		await expectAccessible(page);
		await context.close();
	});
});
