/**
 * Which addresses forms are taken from. The demo takes them from whatever address the browser
 * used (localhost, 127.0.0.1, the laptop's address on the Wi-Fi); in production a form from any
 * origin but ORIGIN is refused, with the survey filled in again and a plain page elsewhere.
 *
 * The browser reaches the server (on loopback) under a network name of its own, `tablet.lan`, as
 * a tablet on the same Wi-Fi reaches a laptop by its address: the Host and Origin it sends are
 * not ORIGIN's.
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { openConsumerLink, readDatabaseFile, scratchFolder, startServer, type ServerProcess } from './server-process';

const PORT = 4197;
/** What `npm run demo` sets ORIGIN to. */
const ORIGIN = `http://localhost:${PORT}`;
const addresses = [ORIGIN, `http://127.0.0.1:${PORT}`, `http://tablet.lan:${PORT}`];
const tablet = `http://tablet.lan:${PORT}`;

test.describe.configure({ mode: 'serial' });

let browser: Browser;
const databaseFile = `${scratchFolder()}/app.sqlite`;

test.beforeAll(async () => {
	const launch = test.info().project.use.launchOptions ?? {};
	browser = await chromium.launch({ ...launch, args: [...(launch.args ?? []), '--host-resolver-rules=MAP tablet.lan 127.0.0.1'] });
});

test.afterAll(async () => {
	await browser?.close();
});

const responses = () =>
	readDatabaseFile(databaseFile, (database) => database.prepare('SELECT count(*) FROM responses').pluck().get() as number);

async function withPage<T>(javaScriptEnabled: boolean, work: (page: Page) => Promise<T>): Promise<T> {
	const context = await browser.newContext({ javaScriptEnabled });
	try {
		return await work(await context.newPage());
	} finally {
		await context.close();
	}
}

const listen = (page: Page, label: string) =>
	page.getByRole('group', { name: /Staff really listen to me|El personal de verdad me escucha/ }).getByLabel(label);

test('the demo takes forms from every address it can be reached at, with and without JavaScript', async () => {
	test.setTimeout(180_000);
	const server = await startServer({ port: PORT, demo: true, databaseFile, env: { ORIGIN } });
	try {
		const path = `/s/${openConsumerLink(databaseFile)}`;
		for (const address of addresses) {
			for (const javaScript of [true, false]) {
				const before = responses();
				await withPage(javaScript, async (page) => {
					await page.goto(`${address}${path}`);
					await listen(page, 'Often').check();
					await page.getByRole('button', { name: 'Send my answers' }).click();
					await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
					// Still on the address the browser used.
					expect(page.url().startsWith(`${address}/`)).toBe(true);
				});
				expect(responses(), `${address}, JavaScript ${javaScript ? 'on' : 'off'}`).toBe(before + 1);
			}
		}
		for (const javaScript of [true, false]) {
			await withPage(javaScript, async (page) => {
				await page.goto(`${tablet}/login`);
				await page.getByLabel('Username').fill('demo');
				await page.getByLabel('Password').fill('any positive change');
				await page.getByRole('button', { name: 'Sign in' }).click();
				await expect(page).toHaveURL(`${tablet}/manage`);
			});
		}
		expect(server.output()).not.toContain('Refused a form');
	} finally {
		await server.stop();
	}
});

test('in production a form from another address is refused: the survey comes back filled in, other forms get a plain page, and the log says once what to set', async () => {
	test.setTimeout(120_000);
	const server: ServerProcess = await startServer({ port: PORT, databaseFile, env: { ORIGIN } });
	try {
		const path = `/s/${openConsumerLink(databaseFile)}`;
		const before = responses();

		// Without JavaScript, in Spanish: a page of its own, in the survey's language, answers and note kept.
		await withPage(false, async (page) => {
			await page.goto(`${tablet}${path}?lang=es`);
			await listen(page, 'Casi siempre').check();
			await page.getByRole('textbox').fill('Una nota que no se debe perder.');
			const [response] = await Promise.all([
				page.waitForResponse((answer) => answer.request().method() === 'POST'),
				page.getByRole('button', { name: 'Enviar mis respuestas' }).click()
			]);
			expect(response.status()).toBe(403);
			await expect(page.getByRole('alert')).toContainText('Sus respuestas no se guardaron.');
			await expect(listen(page, 'Casi siempre')).toBeChecked();
			await expect(page.getByRole('textbox')).toHaveValue('Una nota que no se debe perder.');
		});

		// With JavaScript, in English: the same, in place.
		await withPage(true, async (page) => {
			await page.goto(`${tablet}${path}`);
			await listen(page, 'Often').check();
			await page.getByRole('button', { name: 'Send my answers' }).click();
			await expect(page.getByRole('alert')).toContainText('Your answers were not saved.');
			await expect(listen(page, 'Often')).toBeChecked();
		});

		// Any other form: a plain page saying nothing was saved and where the service is.
		await withPage(false, async (page) => {
			await page.goto(`${tablet}/login`);
			await page.getByLabel('Username').fill('demo');
			await page.getByLabel('Password').fill('any positive change');
			const [response] = await Promise.all([
				page.waitForResponse((answer) => answer.request().method() === 'POST'),
				page.getByRole('button', { name: 'Sign in' }).click()
			]);
			expect(response.status()).toBe(403);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not saved');
			await expect(page.getByRole('link', { name: `${ORIGIN}/login` })).toBeVisible();
			expect(await page.context().cookies()).toEqual([]);
		});
		expect(responses()).toBe(before);

		// From ORIGIN itself, forms are taken as ever.
		await withPage(false, async (page) => {
			await page.goto(`${ORIGIN}${path}`);
			await listen(page, 'Often').check();
			await page.getByRole('button', { name: 'Send my answers' }).click();
			await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
		});
		expect(responses()).toBe(before + 1);

		// Three refused forms from one origin: one line in the log, saying what to set.
		const lines = server
			.output()
			.split('\n')
			.filter((line) => line.includes('Refused a form'));
		expect(lines).toEqual([
			`Refused a form sent from "${tablet}": forms are taken only from ${ORIGIN}. If people reach this service at ${tablet}, set ORIGIN=${tablet} and restart the server.`
		]);
	} finally {
		await server.stop();
	}
});
