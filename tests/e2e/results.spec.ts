import { expect, test, type Page } from '@playwright/test';
import { demoAdmin, expectAccessible, readDatabase, signIn } from './fixtures';

const roundId = (name: string) =>
	readDatabase((database) => database.prepare('SELECT id FROM rounds WHERE name = ?').pluck().get(name)) as number;
const programId = (name: string) =>
	readDatabase((database) => database.prepare('SELECT id FROM programs WHERE name = ?').pluck().get(name)) as number;

/** The aggregates export, parsed: what every page's tables must agree with. */
async function aggregates(page: Page): Promise<Record<string, string>[]> {
	const response = await page.request.get('/manage/export/aggregates.csv');
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('text/csv');
	const text = await response.text();
	expect(text.startsWith('\uFEFF')).toBe(true);
	const [header, ...rows] = text
		.slice(1)
		.trim()
		.split('\r\n')
		.map((line) => line.slice(1, -1).split('","'));
	return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index]])));
}

const csvMean = (rows: Record<string, string>[], round: string, audience: string, program: string, item: string) =>
	rows.find((row) => row.round === round && row.audience === audience && row.program === program && row.item === item);

/** How many pixels a chart has drawn: more than a blank canvas, once Chart.js has run. */
const drawnPixels = (page: Page, selector: string) =>
	page.locator(selector).first().evaluate((canvas: HTMLCanvasElement) => {
		const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
		let painted = 0;
		for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
		return painted;
	});

test.describe('results on the demo data', () => {
	test.beforeEach(async ({ page }) => {
		await signIn(page, demoAdmin.username, demoAdmin.password);
	});

	test('the trend chart draws, and its table holds the same numbers as the CSV', async ({ page }) => {
		const csv = await aggregates(page);
		await page.goto('/manage/results?section=hr&item=hr.listen');
		await expect(page.getByRole('heading', { name: /Trend: hr.listen/ })).toBeVisible();
		await expect.poll(() => drawnPixels(page, 'canvas')).toBeGreaterThan(500);
		await expectAccessible(page);
		const rows = page.locator('table.figures').first().locator('tbody tr');
		const count = await rows.count();
		expect(count).toBeGreaterThanOrEqual(6);
		for (let i = 0; i < count; i++) {
			const row = rows.nth(i);
			const round = (await row.locator('th').textContent())!.trim();
			for (const audience of ['staff', 'consumer']) {
				const shown = await row.locator(`td[data-audience="${audience}"][data-figure="mean"]`).textContent();
				const exported = csvMean(csv, round, audience, 'All programs', 'hr.listen');
				// A hidden cell is hidden in both, and says why on the page.
				if (exported?.mean) expect(shown, `${round} ${audience}`).toBe(exported.mean);
				else expect(shown, `${round} ${audience}`).toMatch(/^Hidden: /);
			}
		}
	});

	test('the mirror view is sorted by the gap and matches the CSV, and the distributions match too', async ({ page }) => {
		const csv = await aggregates(page);
		await page.goto(`/manage/results/${roundId('Autumn 2026')}?audience=consumer&section=hr`);
		await expect.poll(() => drawnPixels(page, 'canvas')).toBeGreaterThan(500);
		await expect.poll(() => drawnPixels(page, 'canvas >> nth=1')).toBeGreaterThan(500);
		await expectAccessible(page);

		const mirror = await page.locator('#mirror-table tbody tr').evaluateAll((rows) =>
			rows.map((row) => [...row.querySelectorAll('th .item-id, td')].map((cell) => cell.textContent!.trim()))
		);
		const gaps = mirror.map((row) => Number(row[3]));
		expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
		expect(gaps[0]).toBeGreaterThan(0.5);
		for (const [item, staff, consumer] of mirror) {
			expect(staff).toBe(csvMean(csv, 'Autumn 2026', 'staff', 'All programs', item)!.mean);
			expect(consumer).toBe(csvMean(csv, 'Autumn 2026', 'consumer', 'All programs', item)!.mean);
		}

		const listen = page.locator('#distribution-table tbody tr', { hasText: 'hr.listen' }).locator('td');
		const exported = csvMean(csv, 'Autumn 2026', 'consumer', 'All programs', 'hr.listen')!;
		expect(await listen.allTextContents()).toEqual(
			['count_1', 'count_2', 'count_3', 'count_4', 'count_5', 'count_unsure'].map((name) => exported[name])
		);
	});

	test('the small program’s consumers in the small round are hidden everywhere, while the agency-wide figure shows', async ({ page }) => {
		const counseling = programId('Counseling program');
		const small = roundId('Winter 2026');
		const csv = await aggregates(page);
		const slice = csvMean(csv, 'Winter 2026', 'consumer', 'Counseling program', 'hr.listen')!;
		expect(slice.mean).toBe('');
		expect(slice.hidden_because).toBe('fewer than 5 responses');
		expect(csvMean(csv, 'Winter 2026', 'consumer', 'Drop-in center', 'hr.listen')!.mean).toBe('');
		expect(Number(csvMean(csv, 'Winter 2026', 'consumer', 'All programs', 'hr.listen')!.mean)).toBeGreaterThan(1);

		await page.goto(`/manage/results?section=hr&program=${counseling}&audience=consumer`);
		const sliceRow = page.locator('table.figures').first().locator('tbody tr', { hasText: 'Winter 2026' });
		await expect(sliceRow.locator('td[data-audience="consumer"]')).toHaveText('Hidden: fewer than 5 responses');
		await page.goto(`/manage/results/${small}?program=${counseling}&audience=consumer`);
		await expect(page.locator('#mirror-table tbody tr').first().locator('td').nth(1)).toHaveText(/^Hidden/);
		await expect(page.locator('#distribution-table td.hidden-cell').first()).toHaveText('Hidden: fewer than 5 responses');
		await expect(page.getByText('Comments are shown only from groups of at least 10 responses')).toBeVisible();

		await page.goto(`/manage/results/${small}?program=all&audience=consumer`);
		await expect(page.locator('#distribution-table td.hidden-cell')).toHaveCount(0);

		await page.goto(`/manage/results/${small}/report`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Winter 2026');
		await expect(page.locator('body')).not.toContainText('Counseling program');
		await expectAccessible(page);
	});

	test('an open round shows how many answered, and nothing of what they said', async ({ page }) => {
		const open = readDatabase((database) =>
			database.prepare("SELECT id FROM rounds WHERE status = 'open' ORDER BY id LIMIT 1").pluck().get()
		);
		await page.goto(`/manage/results/${open}`);
		await expect(page.getByText(/This round is open/)).toBeVisible();
		await expect(page.getByText(/Consumers: \d+ responses/)).toBeVisible();
		await expect(page.locator('#mirror-table, #distribution-table')).toHaveCount(0);
		await expect(page.locator('canvas')).toHaveCount(0);
		await expectAccessible(page);
	});

	test('a manager records a change, sees its marker on the trend, and publishes it for consumers', async ({ page }) => {
		await page.goto('/manage/actions');
		await expectAccessible(page);
		await page.getByLabel('After which round').selectOption({ label: 'Summer 2026' });
		await page.getByLabel('When it changed').fill('2026-08-15');
		await page.getByLabel('What changed (plain words; consumers may read it)').fill('Consumers now sit on the rules committee.');
		await page.getByLabel('The same in Spanish (optional)').fill('Ahora hay participantes en el comité de reglas.');
		await page.getByLabel('The questions it answers (choose one or more)').selectOption(['stc.rules']);
		await page.getByLabel('Publish on the public page').check();
		await page.getByRole('button', { name: 'Record' }).click();
		await expect(page.getByRole('status')).toContainText('Recorded.');

		await page.goto('/manage/results?section=stc&item=stc.rules');
		const row = page.locator('table.figures').first().locator('tbody tr', { hasText: 'Summer 2026' });
		await expect(row).toContainText('Consumers now sit on the rules committee.');
		await expect(page.locator('canvas')).toHaveAttribute('data-markers', '1');

		// The public page is off until an admin turns it on.
		expect((await page.goto('/you-said-we-did'))?.status()).toBe(404);
		await page.goto('/manage/settings');
		await page.getByRole('button', { name: 'Turn the public page on' }).click();
		await expect(page.getByRole('status')).toContainText('The public page is on');

		const response = await page.goto('/you-said-we-did');
		expect(await response?.headerValue('set-cookie')).toBeNull();
		await expect(page.getByText('Consumers now sit on the rules committee.')).toBeVisible();
		await expect(page.getByRole('rowheader', { name: 'Staff really listen to me.' })).toBeVisible();
		await expect(page.locator('body')).not.toContainText('Counseling program');
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Español' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ustedes dijeron, nosotros hicimos');
		await expect(page.getByText('Ahora hay participantes en el comité de reglas.')).toBeVisible();
		await expectAccessible(page);
	});

	test('only an admin may export anonymised responses, in random order with no ids', async ({ page, browser }) => {
		const response = await page.request.get('/manage/export/responses.csv');
		expect(response.status()).toBe(200);
		const header = (await response.text()).split('\r\n')[0];
		expect(header).toContain('"round","audience","program","hr.human"');
		expect(header).not.toMatch(/"(id|response_id|language|channel|time|timestamp|submitted_at)"/);

		const context = await browser.newContext();
		const stranger = await context.request.get('/manage/export/responses.csv', { maxRedirects: 0 });
		expect(stranger.status()).toBe(401);
		const aggregatesSignedOut = await context.request.get('/manage/export/aggregates.csv', { maxRedirects: 0 });
		expect(aggregatesSignedOut.status()).toBe(401);
		await context.close();
	});
});
