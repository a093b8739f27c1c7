import { expect, test, type Page } from '@playwright/test';
import { currentInstrument } from '../../src/lib/instruments';
import { demoAdmin, expectAccessible, readDatabase, signIn } from './fixtures';
import { expectNoHtmlCodeSnifferErrors } from './page-checks';

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
	page
		.locator(selector)
		.first()
		.evaluate((canvas: HTMLCanvasElement) => {
			const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
			let painted = 0;
			for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
			return painted;
		});

/** The numbers a chart drew, by dataset label, as the page left them on its canvas. */
async function chartValues(page: Page, selector: string): Promise<Map<string, unknown[]>> {
	const canvas = page.locator(selector).first();
	await expect(canvas).toHaveAttribute('data-values', /\[/);
	const datasets = JSON.parse((await canvas.getAttribute('data-values'))!) as { label: string; data: unknown[] }[];
	return new Map(datasets.map((dataset) => [dataset.label, dataset.data]));
}

/** A number as tables give means: two decimals, or nothing for a gap. */
const asTable = (values: unknown[]) => values.map((value) => (value === null ? '' : (value as number).toFixed(2)));

test.describe('results on the demo data', () => {
	test.beforeEach(async ({ page }) => {
		await signIn(page, demoAdmin.username, demoAdmin.password);
	});

	test('the summary names the questions the demo’s trends were built to show, and says the rest did not change clearly', async ({
		page
	}) => {
		// Autumn 2026, the demo's last closed round (other tests may close rounds of their own).
		await page.goto(`/manage/results?round=${roundId('Autumn 2026')}`);
		const summary = page.locator('section.summary');
		await expect(summary.getByRole('heading', { level: 2 })).toHaveText('How are we doing? Autumn 2026, compared with Summer 2026');
		const consumer = async (list: 'better' | 'worse') =>
			(
				await summary
					.locator(`[data-summary="${list}"] li`)
					.filter({ hasText: '(consumers)' })
					.evaluateAll((items) => items.map((item) => item.getAttribute('data-item')))
			).sort();
		expect(await consumer('better')).toEqual(['stc.feedback', 'stc.rules']);
		expect(await consumer('worse')).toEqual(['stc.friendly']);
		await expect(summary.locator('[data-summary="changes"]').first()).toHaveText(
			/^Consumers: of 33 questions compared, 2 higher than in Summer 2026 \(“A say in the rules” and “Feedback asked for and used”\), and 1 lower \(“Easy to use”\)\. The other 30 show no clear change\.$/
		);
		// The change recorded after Summer 2026, with how its questions moved.
		const action = summary.locator('[data-summary="actions"] > li', { hasText: 'Consumers now sit on the rules committee' });
		await expect(action.locator('li[data-item="stc.rules"]').first()).toContainText('rose from');
		// Staff rate themselves well above consumers on listening and power; the summary says where.
		await expect(summary.locator('[data-summary="gaps"] li').first()).toContainText('staff rate it higher than consumers do');

		// Any round may be summed up, from the filters (open, since the address already chose a round):
		// Spring 2026, after the training recorded against Winter 2026.
		await expect(page.locator('#change-shown')).toHaveAttribute('open', '');
		await page.getByLabel('Round to sum up').selectOption({ label: 'Spring 2026' });
		await page.getByRole('button', { name: 'Show' }).click();
		await expect(summary.getByRole('heading', { level: 2 })).toHaveText('How are we doing? Spring 2026, compared with Winter 2026');
		expect(await consumer('better')).toEqual(['hr.timetable']);
		expect(await consumer('worse')).toEqual([]);
		await expect(summary.locator('[data-summary="worse"]')).toHaveText('No question fell beyond noise.');
		await expect(summary.locator('[data-summary="actions"] li[data-item="hr.timetable"]').first()).toContainText('rose from');
	});

	test('the first screen answers what got better, what got worse and what needs attention, on a laptop and on a phone', async ({
		page
	}) => {
		const autumn = roundId('Autumn 2026');
		await page.setViewportSize({ width: 1366, height: 900 });
		await page.goto(`/manage/results?round=${autumn}`);
		const summary = page.locator('section.summary');
		const inFirstScreen = async (locator: ReturnType<Page['locator']>, height: number) => {
			const box = (await locator.boundingBox())!;
			expect(box.y + box.height, await locator.innerText()).toBeLessThanOrEqual(height);
		};
		const answered = summary.locator('[data-summary="answered"]');
		await expect(answered).toHaveText(/^Who answered\. In Autumn 2026, \d+ staff and \d+ consumers answered/);
		await inFirstScreen(answered, 900);
		// Better and worse, each with its arrow and its direction in words.
		const better = summary.locator('[data-summary="better"] li');
		const worse = summary.locator('[data-summary="worse"] li');
		await expect(better.first()).toHaveText(/^▲\s*.+: rose from \d\.\d\d to \d\.\d\d, by at least \d\.\d\d$/);
		await expect(worse.first()).toHaveText(/^▼\s*Easy to use \(consumers\): fell from \d\.\d\d to \d\.\d\d, by at least \d\.\d\d$/);
		for (const item of [...(await better.all()), ...(await worse.all())]) await inFirstScreen(item, 900);
		// Needs attention: the designed fall first, then the widest gaps where staff rate themselves higher.
		const attention = summary.locator('[data-summary="attention"]');
		await expect(attention.getByRole('heading', { name: 'Needs attention' })).toBeVisible();
		const entries = attention.locator('ol > li');
		await expect(entries.first()).toHaveAttribute('data-item', 'stc.friendly');
		await expect(entries.first()).toContainText('Consumers rate it lower than in Summer 2026: it fell from');
		const gaps = await entries.evaluateAll((items) =>
			items.filter((item) => item.getAttribute('data-reasons')!.includes('gap')).map((item) => item.getAttribute('data-item'))
		);
		// The three widest gaps the mirror view shows stand out first (the demo made staff overrate these).
		expect(gaps.slice(0, 3)).toEqual(['stc.power', 'hr.listen', 'hr.explain']);
		await inFirstScreen(entries.first(), 900);
		await inFirstScreen(entries.nth(3), 900);
		// Each entry leads to its question's page and to the actions form filled in for it.
		await expect(entries.first().locator('a[data-question]')).toHaveAttribute('href', '/manage/results/questions/stc.friendly');
		await expect(entries.first().getByRole('link', { name: 'Record a change for Easy to use' })).toHaveAttribute(
			'href',
			`/manage/actions?item=stc.friendly&round=${autumn}#record`
		);
		// Every question the summary names links to its own page.
		const links = summary.locator('a[data-question]');
		expect(await links.count()).toBeGreaterThan(10);
		for (const link of await links.all()) {
			const itemId = (await link.getAttribute('data-question'))!;
			await expect(link).toHaveAttribute('href', `/manage/results/questions/${encodeURIComponent(itemId)}`);
		}
		// The filters are below the summary, folded until one is chosen, and the question picker names questions, never ids.
		await page.goto('/manage/results');
		const filters = page.locator('#change-shown');
		await expect(filters).not.toHaveAttribute('open');
		expect((await filters.boundingBox())!.y).toBeGreaterThan((await attention.boundingBox())!.y);
		const picker = await page.getByLabel('Trend of one question').locator('option').allTextContents();
		expect(picker).toContain('Going at the person’s pace');
		expect(picker.filter((label) => /\b(hr|stc|ex)\.[a-z-]+/.test(label))).toEqual([]);

		// On a phone: the summary begins in the first screen, before any filter, and "Needs attention" follows it directly.
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`/manage/results?round=${autumn}`);
		await inFirstScreen(summary.getByRole('heading', { level: 2 }), 844);
		await inFirstScreen(answered, 844);
		await inFirstScreen(attention.getByRole('heading', { name: 'Needs attention' }), 844);
		const order = await page.evaluate(() => {
			const at = (selector: string) => document.querySelector(selector)!;
			const follows = (a: Element, b: Element) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
			const answered = at('[data-summary="answered"]');
			const attention = at('[data-summary="attention"]');
			return {
				summaryBeforeFilters: follows(at('section.summary'), at('#change-shown')),
				attentionNextToAnswered: answered.nextElementSibling?.contains(attention) ?? false
			};
		});
		expect(order).toEqual({ summaryBeforeFilters: true, attentionNextToAnswered: true });
		await page.screenshot({ path: test.info().outputPath('results-390.png') });
	});

	test('every chart draws, and its numbers equal the table and the CSV', async ({ page }) => {
		const csv = await aggregates(page);
		const autumn = roundId('Autumn 2026');
		await page.goto(`/manage/results?section=stc&item=stc.rules&round=${autumn}&to=${autumn}`);
		for (const chart of ['trend', 'mirror', 'distribution']) {
			await expect.poll(() => drawnPixels(page, `canvas[data-chart="${chart}"]`), chart).toBeGreaterThan(500);
		}

		// The chosen question's trend: chart, table and CSV agree round by round, hidden where hidden.
		const trend = await chartValues(page, 'canvas[data-chart="trend"]');
		const rows = page.locator('.chart-panel table.figures tbody tr');
		expect(await rows.count()).toBe(6);
		for (const audience of ['staff', 'consumer'] as const) {
			const plotted = asTable(trend.get(audience === 'staff' ? 'Staff' : 'Consumers')!);
			for (let row = 0; row < 6; row++) {
				const round = (await rows.nth(row).locator('th').textContent())!.trim();
				const shown = (await rows.nth(row).locator(`td[data-audience="${audience}"][data-figure="mean"]`).textContent())!.trim();
				const exported = csvMean(csv, round, audience, 'All programs', 'stc.rules')!.mean;
				// A hidden cell is hidden in all three, and says why on the page.
				if (exported === '') expect(shown, `${round} ${audience}`).toMatch(/^Hidden: /);
				else expect(shown, `${round} ${audience}`).toBe(exported);
				expect(plotted[row], `${round} ${audience} chart`).toBe(exported);
			}
		}

		// The mirror view's dots are the table's means, and the CSV's.
		const mirror = await chartValues(page, 'canvas[data-chart="mirror"]');
		const table = await page
			.locator('#mirror-table tbody tr')
			.evaluateAll((trs) =>
				trs.map((row) => [(row as HTMLElement).dataset.item!, ...[...row.querySelectorAll('td')].map((cell) => cell.textContent!.trim())])
			);
		expect(asTable(mirror.get('Staff')!)).toEqual(table.map((row) => (row[1].startsWith('Hidden') ? '' : row[1])));
		expect(asTable(mirror.get('Consumers')!)).toEqual(table.map((row) => (row[2].startsWith('Hidden') ? '' : row[2])));
		for (const [item, staff, consumer] of table) {
			expect(staff).toBe(csvMean(csv, 'Autumn 2026', 'staff', 'All programs', item)!.mean);
			expect(consumer).toBe(csvMean(csv, 'Autumn 2026', 'consumer', 'All programs', item)!.mean);
		}
		const gaps = table.map((row) => Number(row[3]));
		expect(gaps).toEqual([...gaps].sort((a, b) => b - a));

		// The diverging bars are the table's counts (the middle answer split in two), and the CSV's.
		const bars = await chartValues(page, 'canvas[data-chart="distribution"]');
		const labels = (await page.locator('#distribution-table thead th').allTextContents()).slice(1);
		const counts = await page
			.locator('#distribution-table tbody tr')
			.evaluateAll((trs) =>
				trs.map((row) => [(row as HTMLElement).dataset.item!, ...[...row.querySelectorAll('td')].map((cell) => cell.textContent!.trim())])
			);
		counts.forEach(([item, ...cells], index) => {
			const drawn = [
				-(bars.get(labels[0])![index] as number),
				-(bars.get(labels[1])![index] as number),
				-(bars.get(labels[2])![index] as number) + (bars.get(`${labels[2]} (other half)`)![index] as number),
				bars.get(labels[3])![index],
				bars.get(labels[4])![index],
				bars.get(labels[5])![index]
			].map(String);
			expect(drawn, item).toEqual(cells);
			const exported = csvMean(csv, 'Autumn 2026', 'consumer', 'All programs', item)!;
			expect(cells, item).toEqual(['count_1', 'count_2', 'count_3', 'count_4', 'count_5', 'count_unsure'].map((name) => exported[name]));
		});

		// Every heatmap cell is the CSV's mean for its round and question.
		const heat = await page.locator('table.heatmap').evaluate((table) => {
			const rounds = [...table.querySelectorAll('thead th.round')].map((th) => th.textContent!.trim());
			return [...table.querySelectorAll('tbody tr[data-item]')].flatMap((row) =>
				[...row.querySelectorAll('td')].map((cell, index) => ({
					item: row.getAttribute('data-item')!,
					round: rounds[index],
					mean: cell.getAttribute('data-mean'),
					hidden: cell.getAttribute('data-hidden'),
					text: cell.textContent!.trim()
				}))
			);
		});
		// The deck's 31 consumer questions and the demo agency's own two, in six rounds.
		expect(heat.length).toBe(33 * 6);
		for (const cell of heat) {
			// A round that did not ask a question has no row for it in the CSV, and says so in its cell.
			if (cell.hidden === 'not-asked') {
				expect(csvMean(csv, cell.round, 'consumer', 'All programs', cell.item), `${cell.round} ${cell.item}`).toBeUndefined();
				expect(cell.text).toBe('·not asked in that round');
				continue;
			}
			const exported = csvMean(csv, cell.round, 'consumer', 'All programs', cell.item)!;
			expect(cell.mean, `${cell.round} ${cell.item}`).toBe(exported.mean || null);
			// The cell shows the mean to one decimal (a changed cell's mark and words follow it).
			if (cell.mean) expect(Math.abs(Number.parseFloat(cell.text) - Number(cell.mean))).toBeLessThanOrEqual(0.05 + 0.005);
		}
		await expectAccessible(page);
	});

	test('the heatmap shows a small group’s cells as hidden, and says why', async ({ page }) => {
		const csv = await aggregates(page);
		await page.goto(`/manage/results?program=${programId('Counseling program')}&audience=consumer`);
		const winter = await page.locator('table.heatmap thead th.round').allTextContents();
		const column = winter.findIndex((name) => name.trim() === 'Winter 2026');
		const cells = page.locator(`table.heatmap tbody tr[data-item] td:nth-of-type(${column + 1})`);
		// The deck's 31 consumer questions are hidden; the demo agency's own two were not asked that round.
		expect(await cells.count()).toBe(33);
		await expect(page.locator(`table.heatmap tbody tr[data-item^="agency."] td:nth-of-type(${column + 1})`)).toHaveText([
			'·not asked in that round',
			'·not asked in that round'
		]);
		for (const hidden of await page
			.locator(`table.heatmap tbody tr[data-item]:not([data-item^="agency."]) td:nth-of-type(${column + 1})`)
			.all()) {
			await expect(hidden).toHaveAttribute('data-hidden', 'too-few');
			await expect(hidden).toHaveText('–hidden: fewer than 5 responses');
		}
		expect(csvMean(csv, 'Winter 2026', 'consumer', 'Counseling program', 'hr.listen')!.mean).toBe('');
		await expect(page.locator('.heat-key')).toContainText('hidden: fewer than 5 responses');
	});

	test('the mirror view is sorted by the gap and matches the CSV on a round’s own page, and the distributions match too', async ({
		page
	}) => {
		const csv = await aggregates(page);
		await page.goto(`/manage/results/${roundId('Autumn 2026')}?audience=consumer&section=hr`);
		await expect.poll(() => drawnPixels(page, 'canvas[data-chart="mirror"]')).toBeGreaterThan(500);
		await expect.poll(() => drawnPixels(page, 'canvas[data-chart="distribution"]')).toBeGreaterThan(500);
		await expectAccessible(page);

		const mirror = await page
			.locator('#mirror-table tbody tr')
			.evaluateAll((rows) =>
				rows.map((row) => [(row as HTMLElement).dataset.item!, ...[...row.querySelectorAll('td')].map((cell) => cell.textContent!.trim())])
			);
		const gaps = mirror.map((row) => Number(row[3]));
		expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
		expect(gaps[0]).toBeGreaterThan(0.5);
		for (const [item, staff, consumer] of mirror) {
			expect(staff).toBe(csvMean(csv, 'Autumn 2026', 'staff', 'All programs', item)!.mean);
			expect(consumer).toBe(csvMean(csv, 'Autumn 2026', 'consumer', 'All programs', item)!.mean);
		}

		const listen = page.locator('#distribution-table tbody tr[data-item="hr.listen"]').locator('td');
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

		await page.goto(`/manage/results?section=hr&program=${counseling}&audience=consumer&round=${small}`);
		const sliceRow = page.locator('.chart-panel table.figures').first().locator('tbody tr', { hasText: 'Winter 2026' });
		await expect(sliceRow.locator('td[data-audience="consumer"]')).toHaveText('Hidden: fewer than 5 responses');
		// The summary of that round for that program says so, and names nothing it would rest on.
		await expect(page.locator('[data-summary="answered"]')).toContainText('consumers (how many is hidden: fewer than 5 responses)');
		await expect(page.locator('[data-summary="strongest"] li')).toHaveCount(0);
		// One program's view says it is judged on its own, so many views turn up chance findings.
		await expect(page.locator('[data-program-view]')).toContainText('Showing Counseling program only.');
		await expect(page.locator('[data-program-view]')).toContainText('only chance');
		await page.goto(`/manage/results/${small}?program=${counseling}&audience=consumer`);
		await expect(page.locator('[data-program-view]')).toContainText('Each program’s view is judged on its own');
		await expect(page.locator('#mirror-table tbody tr').first().locator('td').nth(1)).toHaveText(/^Hidden/);
		await expect(page.locator('#distribution-table td.hidden-cell').first()).toHaveText('Hidden: fewer than 5 responses');
		await expect(page.getByText('Comments are shown only from groups of at least 10 responses')).toBeVisible();

		await page.goto(`/manage/results/${small}?program=all&audience=consumer`);
		await expect(page.locator('#distribution-table td.hidden-cell')).toHaveCount(0);

		await page.goto(`/manage/results/${small}/report`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Winter 2026');
		// The report names the counseling program only for its staff, whose count is shown.
		await expect(page.locator('[data-summary="answered"]')).toHaveText(/Counseling program: \d+ staff;/);
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

	test('tables fold under their charts, and are open without JavaScript', async ({ page, browser }) => {
		await page.goto('/manage/results');
		const folded = page.locator('details.folded-table');
		expect(await folded.count()).toBeGreaterThanOrEqual(5);
		await expect(folded.first()).not.toHaveAttribute('open');
		await folded.first().locator('summary').click();
		await expect(folded.first().locator('table')).toBeVisible();

		const cookies = await page.context().cookies();
		const plain = await browser.newContext({ javaScriptEnabled: false });
		await plain.addCookies(cookies);
		const noScript = await plain.newPage();
		await noScript.goto('/manage/results');
		for (const details of await noScript.locator('details.folded-table').all()) await expect(details).toHaveAttribute('open', '');
		await expect(noScript.locator('#mirror-table')).toBeVisible();
		await expect(noScript.locator('table.heatmap')).toBeVisible();
		await plain.close();
	});

	test('an admin enters how many staff work in a program, and results say what share of them answered', async ({ page }) => {
		test.setTimeout(120_000);
		const autumn = roundId('Autumn 2026');
		for (const width of [390, 1366]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto('/manage/settings');
			await expectAccessible(page);
			await expectNoHtmlCodeSnifferErrors(page);
			expect(
				await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
				`settings at ${width}px`
			).toBeLessThanOrEqual(0);
		}
		const field = page.getByLabel('How many staff work in Counseling program (optional)');
		// A headcount that is no count is refused by the browser; one that does not check is refused by the
		// server, which says why and fills the form in again.
		await field.fill('0');
		await field.evaluate((input: HTMLInputElement) => (input.form!.noValidate = true));
		await page.getByRole('button', { name: 'Save staff count for Counseling program' }).click();
		await expect(page.getByText('Give how many staff work there as a whole number from 1 to 10000, or leave it empty.')).toBeVisible();
		await expect(field).toHaveValue('0');
		await field.fill('14');
		await page.getByRole('button', { name: 'Save staff count for Counseling program' }).click();
		await expect(page.getByText('Saved: 14 staff work there.')).toBeVisible();

		await page.goto(`/manage/results?round=${autumn}`);
		const answered = page.locator('[data-summary="answered"]');
		const counseling = (await answered.textContent())!.match(/Counseling program: (\d+) staff \((\d+)% of 14\)/);
		expect(counseling).not.toBeNull();
		expect(Math.round((100 * Number(counseling![1])) / 14)).toBe(Number(counseling![2]));
		// The agency-wide share needs every program's headcount: the drop-in center's is not entered.
		await expect(answered).toHaveText(/^Who answered\. In Autumn 2026, \d+ staff and/);

		await page.goto('/manage/settings');
		await page.getByLabel('How many staff work in Counseling program (optional)').fill('');
		await page.getByRole('button', { name: 'Save staff count for Counseling program' }).click();
		await expect(page.getByText('Cleared how many staff work there.')).toBeVisible();
	});

	test('did what we changed work: each recorded change’s questions, before and after', async ({ page }) => {
		await page.goto('/manage/actions');
		const training = page.locator('table[data-action]', { hasText: 'After Winter 2026' });
		const timetable = training.locator('tr[data-item="hr.timetable"][data-audience="consumer"]');
		// Before, then Spring, Summer and Autumn 2026 (and any round closed since by other tests).
		expect((await timetable.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-verdict')))).slice(0, 4)).toEqual([
			'before',
			'higher',
			'higher',
			'higher'
		]);
		await expect(timetable.nth(1)).toContainText('higher than in Winter 2026');
		const rules = page
			.locator('table[data-action]', { hasText: 'After Summer 2026' })
			.locator('tr[data-item="stc.rules"][data-audience="consumer"]', { hasText: 'Autumn 2026' });
		await expect(rules).toHaveAttribute('data-verdict', 'higher');
		await expectAccessible(page);
	});

	test('a manager records a change, sees its marker on the trend, and publishes it for consumers in both languages', async ({ page }) => {
		await page.goto('/manage/actions');
		const record = page.locator('#record');
		await record.getByLabel('After which round').selectOption({ label: 'Summer 2026' });
		await record.getByLabel('When it changed').fill('2026-09-01');
		await record.getByLabel('What changed (plain words; consumers may read it)').fill('The drop-in center moved to Fifth Street.');
		await record.getByLabel('The same in Spanish (optional)').fill('El centro se mudó a la calle Quinta.');
		await record.locator('summary', { hasText: 'Some things to consider' }).click();
		await record.getByRole('checkbox', { name: /^Easy to use/ }).check();
		await record.getByLabel('Where it stands').selectOption({ label: 'Done' });
		await record.getByLabel('Publish on the public page').check();
		await record.getByRole('button', { name: 'Record' }).click();
		await expect(page.getByRole('status')).toContainText('Recorded.');

		await page.goto('/manage/results?section=stc&item=stc.friendly');
		const row = page.locator('.chart-panel table.figures').first().locator('tbody tr', { hasText: 'Summer 2026' });
		await expect(row).toContainText('The drop-in center moved to Fifth Street.');
		const canvas = page.locator('canvas[data-chart="trend"]');
		// This change and the demo's own answer to the same fall, recorded after Autumn 2026.
		await expect(canvas).toHaveAttribute('data-markers', '2');
		await expect(page.locator('.chart-panel .markers')).toContainText('after Summer 2026: The drop-in center moved to Fifth Street.');

		// The public page is off until an admin turns it on.
		expect((await page.goto('/you-said-we-did'))?.status()).toBe(404);
		await page.goto('/manage/settings');
		await page.getByRole('button', { name: 'Turn the public page on' }).click();
		await expect(page.getByRole('status')).toContainText('The public page is on');

		const response = await page.goto('/you-said-we-did');
		expect(await response?.headerValue('set-cookie')).toBeNull();
		await expect(page.getByRole('listitem').filter({ hasText: 'The drop-in center moved to Fifth Street.' })).toBeVisible();
		await expect(page.getByRole('rowheader', { name: 'Staff really listen to me.' })).toBeVisible();
		await expect(page.locator('body')).not.toContainText('Counseling program');
		// Did our changes help? Fewer people found the new place easy to use.
		await expect(page.getByRole('heading', { name: 'Did our changes help?' })).toBeVisible();
		const friendly = page.locator('table.worked[data-item="stc.friendly"]');
		await expect(friendly.locator('tr[data-verdict="lower"]')).toContainText('Fewer people said this than in Summer 2026.');
		await expect(page.locator('table.worked[data-item="stc.rules"] tr[data-verdict="higher"]')).toContainText(
			'More people said this than in Summer 2026.'
		);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Español' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ustedes dijeron, nosotros hicimos');
		await expect(page.getByRole('listitem').filter({ hasText: 'El centro se mudó a la calle Quinta.' })).toBeVisible();
		await expect(page.getByRole('heading', { name: '¿Sirvieron nuestros cambios?' })).toBeVisible();
		await expect(friendly.locator('tr[data-verdict="lower"]')).toContainText('Menos personas dijeron esto que en Verano 2026.');
		await expectAccessible(page);
	});

	test('the board report prints to PDF with its charts whole, on A4 and Letter, in colour and in greyscale', async ({ page }) => {
		// Four printings of a long report: a minute or more on a busy machine.
		test.setTimeout(180_000);
		await page.goto(`/manage/results/${roundId('Autumn 2026')}/report`);
		const charts = page.locator('canvas[data-chart]');
		const chartCount = await charts.count();
		// Five trends (the deck's three sections and the agency's own questions on each scale), the
		// mirror view, and consumers' answers to four sections (the deck's two and the agency's two).
		expect(chartCount).toBe(10);
		for (let index = 0; index < chartCount; index++)
			await expect.poll(() => drawnPixels(page, `canvas[data-chart] >> nth=${index}`)).toBeGreaterThan(500);
		// The brief first, then the summary, charts, the mirror view, the heatmap, and the actions with their before and after.
		const headings = await page.locator('main h2').allTextContents();
		expect(headings.slice(0, 3)).toEqual(['Board brief: Autumn 2026', 'Appendix: the full report', 'Summary']);
		expect(headings.slice(3).map((heading) => heading.split(':')[0])).toEqual([
			'Trends',
			'The mirror view',
			// The deck's two sections for consumers, and the agency's own questions on each scale.
			'How consumers answered',
			'How consumers answered',
			'How consumers answered',
			'How consumers answered',
			'Every question, the last 6 rounds',
			'Every question, the last 6 rounds',
			'You said, we did',
			'Paper forms'
		]);
		await expect(page.locator('table[data-action] tr[data-verdict="higher"]').first()).toBeVisible();

		await page.emulateMedia({ media: 'print' });
		// Nothing that breaks across a page: charts and table rows are kept whole.
		for (const selector of ['.chart-box', 'tr']) {
			const breaks = await page
				.locator(selector)
				.evaluateAll((elements) => elements.map((element) => getComputedStyle(element).breakInside));
			expect(new Set(breaks), selector).toEqual(new Set(['avoid']));
		}
		for (const colour of ['colour', 'greyscale'] as const) {
			// As a black-and-white printer sees it (set through the DOM: the page's policy refuses inline styles).
			if (colour === 'greyscale') await page.evaluate(() => (document.documentElement.style.filter = 'grayscale(1)'));
			for (const format of ['A4', 'Letter'] as const) {
				const pdf = await page.pdf({ format, printBackground: true });
				const pages = pdfPages(pdf);
				expect(pages.length, `${format} ${colour}`).toBeGreaterThanOrEqual(4);
				const width = format === 'A4' ? 595.92 : 612;
				for (const found of pages) expect(Math.abs(found.width - width), `${format} page width`).toBeLessThan(1);
				// Each chart is one picture on one page: a chart split by a page break would be drawn on two.
				const pictures = pages.flatMap((found) => found.images);
				expect(pictures.length, `${format} ${colour} charts`).toBeGreaterThanOrEqual(chartCount);
				expect(new Set(pictures).size, `${format} ${colour}: a chart on two pages`).toBe(pictures.length);
			}
		}
	});

	test('the report opens with a one-page brief for the board, and no table cell is clipped in print', async ({ page }) => {
		test.setTimeout(180_000);
		await page.goto(`/manage/results/${roundId('Autumn 2026')}/report`);
		const brief = page.locator('.board-brief');
		await expect(brief.getByRole('heading', { level: 2 })).toHaveText('Board brief: Autumn 2026');
		await expect(brief).toContainText('18 staff and 43 consumers answered');
		// What got better and worse, each with its arrow and the least it moved; the widest gaps; the changes made.
		await expect(brief.locator('[data-brief="better"] li[data-item="stc.rules"]').first()).toContainText(
			/▲ A say in the rules \(consumers\): rose from 3\.03 to 4\.26, by at least 0\.\d\d/
		);
		await expect(brief.locator('[data-brief="worse"] li[data-item="stc.friendly"]')).toContainText(
			/▼ Easy to use \(consumers\): fell from 3\.94 to 2\.83, by at least 0\.\d\d/
		);
		await expect(brief.locator('[data-brief="gaps"] li').first()).toContainText('staff rate it higher than consumers do');
		await expect(brief.locator('[data-brief="finished"] li').filter({ hasText: 'Consumers now sit on the rules committee' })).toContainText(
			'▲ A say in the rules (consumers) rose from 3.03 to 4.26, by at least'
		);
		// The changes still open, the overdue one first and said so; a change under way is not one made.
		await expect(brief.locator('[data-brief="under-way"] li').first()).toContainText('Overdue: Everyone who leaves a message');
		await expect(brief.locator('[data-brief="under-way"]')).toContainText('Signs from the bus stop');
		await expect(brief.locator('[data-brief="finished"]')).not.toContainText('Signs from the bus stop');
		await expect(brief.locator('svg[role="img"]')).toHaveCount(1);
		await expect(brief.getByRole('link', { name: 'Easy to use' })).toHaveAttribute('href', '/manage/results/questions/stc.friendly');
		await expectAccessible(page);

		await page.emulateMedia({ media: 'print' });
		expect(await brief.evaluate((element) => getComputedStyle(element).breakAfter)).toBe('page');
		for (const [format, width] of [
			['A4', 688],
			['Letter', 710]
		] as const) {
			// The width a printed page's content gets (the page less the report's 14 mm margins), in CSS pixels.
			await page.setViewportSize({ width, height: 900 });
			const clipped = await page.evaluate(() =>
				[...document.querySelectorAll('main table')].flatMap((table) => [
					...(table.scrollWidth > table.parentElement!.clientWidth ? [`table "${table.querySelector('caption')?.textContent}"`] : []),
					...[...table.querySelectorAll('th, td')]
						.filter((cell) => cell.scrollWidth > cell.clientWidth)
						.map((cell) => `cell "${cell.textContent?.trim()}"`)
				])
			);
			expect(clipped, format).toEqual([]);
			const whole = pdfPages(await page.pdf({ format, printBackground: true })).length;
			// The brief printed on its own, with the report's title above it, takes one page.
			const alone = await page.evaluate(() => {
				const hidden = [...document.querySelectorAll('main > *')].filter(
					(element) => element.compareDocumentPosition(document.querySelector('.board-brief')!) & Node.DOCUMENT_POSITION_PRECEDING
				) as HTMLElement[];
				hidden.forEach((element) => (element.style.display = 'none'));
				// Its own page break would add an empty page after it, with nothing left to follow.
				document.querySelector<HTMLElement>('.board-brief')!.style.breakAfter = 'auto';
				return hidden.length;
			});
			expect(alone).toBeGreaterThan(5);
			expect(pdfPages(await page.pdf({ format, printBackground: true })).length, `${format}: the brief alone`).toBe(1);
			await page.evaluate(() => {
				document.querySelectorAll<HTMLElement>('main > *').forEach((element) => (element.style.display = ''));
				document.querySelector<HTMLElement>('.board-brief')!.style.breakAfter = '';
			});
			expect(whole, `${format}: the whole report`).toBeGreaterThan(2);
		}
	});

	for (const width of [1366, 390]) {
		test(`every results page passes axe at ${width} pixels wide, and fits the screen`, async ({ page }) => {
			// Seven pages, each checked by axe: a minute or two on a busy machine.
			test.setTimeout(240_000);
			const autumn = roundId('Autumn 2026');
			await page.goto('/manage/settings');
			const on = page.getByRole('button', { name: 'Turn the public page on' });
			if (await on.count()) await on.click();
			await page.setViewportSize({ width, height: 900 });
			for (const path of [
				'/manage/results',
				`/manage/results?audience=staff&section=ex`,
				`/manage/results/${autumn}`,
				`/manage/results/${autumn}/report`,
				'/manage/actions',
				'/you-said-we-did',
				'/you-said-we-did?lang=es'
			]) {
				await page.goto(path);
				const charts = page.locator('canvas[data-chart]');
				if (await charts.count()) await expect(charts.first()).toHaveAttribute('data-values', /\[/);
				await test.step(`${path} at ${width}px`, () => expectAccessible(page));
				// The results page and the report are read whole by HTML_CodeSniffer in the question
				// pages' test below; the public page here.
				if (path.startsWith('/you-said-we-did')) await expectNoHtmlCodeSnifferErrors(page);
				// Nothing wider than the screen: wide tables scroll in their own region.
				const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
				expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
			}
		});
	}

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

	test('a question in the mirror view leads to its own page: wording, trend, answers, gap, programs, changes and a change to record', async ({
		page
	}) => {
		const csv = await aggregates(page);
		// The last closed round: the one a question's page describes (other tests may close rounds).
		const last = readDatabase((database) =>
			database.prepare("SELECT id, name FROM rounds WHERE status = 'closed' ORDER BY closed_at DESC, id DESC LIMIT 1").get()
		) as { id: number; name: string };
		await page.goto(`/manage/results?round=${last.id}`);
		// Folded under its chart once the page has started: unfolded to follow a link in it.
		const table = page.locator('details.folded-table', { has: page.locator('#mirror-table') });
		await expect(table).not.toHaveAttribute('open');
		await table.locator('summary').click();
		const link = page.locator('#mirror-table tbody tr[data-item="stc.rules"] th a');
		await expect(link).toHaveText('A say in the rules');
		await link.click();
		await expect(page).toHaveURL(/\/manage\/results\/questions\/stc\.rules$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('A say in the rules');

		// Both audiences' wording, as the survey asks it.
		const rules = currentInstrument.sections.flatMap((section) => section.items).find((item) => item.id === 'stc.rules')!;
		await expect(page.locator('dl.wording')).toContainText(rules.staff!.en);
		await expect(page.locator('dl.wording')).toContainText(rules.consumer!.en);

		// The trend for both audiences, its chart drawn and its table the CSV's means, round by round.
		await expect.poll(() => drawnPixels(page, 'canvas[data-chart="trend"]')).toBeGreaterThan(500);
		const rows = page.locator('.chart-panel table.figures tbody tr');
		const rounds = (await rows.locator('th').allTextContents()).map((name) => name.trim());
		expect(rounds.length).toBeGreaterThanOrEqual(6);
		expect(rounds.at(-1)).toBe(last.name);
		for (const [index, round] of rounds.entries()) {
			for (const audience of ['staff', 'consumer']) {
				const shown = (await rows.nth(index).locator(`td[data-audience="${audience}"][data-figure="mean"]`).textContent())!.trim();
				const exported = csvMean(csv, round, audience, 'All programs', 'stc.rules')!.mean;
				if (exported === '') expect(shown, `${round} ${audience}`).toMatch(/^Hidden: /);
				else expect(shown, `${round} ${audience}`).toBe(exported);
			}
		}
		// The change recorded after Summer 2026 marks the trend.
		await expect(page.locator('.chart-panel .markers')).toContainText('Consumers now sit on the rules committee');

		// The last round's answers for each audience: the CSV's counts.
		await expect(page.getByRole('heading', { name: `How they answered: ${last.name}` })).toBeVisible();
		for (const audience of ['staff', 'consumer']) {
			const cells = await page.locator(`#distribution-${audience} tbody tr[data-item="stc.rules"] td`).allTextContents();
			const exported = csvMean(csv, last.name, audience, 'All programs', 'stc.rules');
			// A round other tests closed with few answers may hide a figure: then the page and the export both hide it.
			const counts = ['count_1', 'count_2', 'count_3', 'count_4', 'count_5', 'count_unsure'].map((name) => exported?.[name] ?? '');
			expect(cells, audience).toEqual(counts[0] === '' ? [expect.stringMatching(/^Hidden: /)] : counts);
		}

		// The gap, said with the two means the table and the CSV give.
		const staffMean = csvMean(csv, last.name, 'staff', 'All programs', 'stc.rules')?.mean ?? '';
		const consumerMean = csvMean(csv, last.name, 'consumer', 'All programs', 'stc.rules')?.mean ?? '';
		if (staffMean === '' || consumerMean === '') {
			// One side hidden by the rules in that round: the page says which, and shows no gap.
			await expect(page.locator('[data-gap-words]')).toContainText('figure is hidden, so the gap can’t be shown');
		} else {
			await expect(page.locator('[data-gap-words]')).toContainText(`staff average ${staffMean} and consumers ${consumerMean}`);
			await expect(page.locator('#mirror-table tbody tr[data-item="stc.rules"] td').nth(0)).toHaveText(staffMean);
		}

		// Each program: the CSV's mean where the rules show it, and why not where they don't.
		for (const program of ['Drop-in center', 'Counseling program']) {
			const row = page.locator('#program-table tbody tr', { has: page.locator('th', { hasText: program }) });
			for (const audience of ['staff', 'consumer']) {
				const exported = csvMean(csv, last.name, audience, program, 'stc.rules')?.mean ?? '';
				const cell = row.locator(`td[data-audience="${audience}"]`);
				if (exported === '') await expect(cell).toHaveText(/^Hidden: /);
				else await expect(cell).toHaveText(exported);
			}
		}

		// The change recorded against it, with how it did since.
		const change = page.locator('.question-changes > li', { hasText: 'Consumers now sit on the rules committee' });
		await expect(change.locator('tr[data-item="stc.rules"][data-audience="consumer"]', { hasText: 'Autumn 2026' })).toHaveAttribute(
			'data-verdict',
			'higher'
		);

		// "Record a change for this question" opens the actions form for it and the last round.
		const record = page.getByRole('link', { name: 'Record a change for this question' }).first();
		await expect(record).toHaveAttribute('href', `/manage/actions?item=stc.rules&round=${last.id}#record`);
		await record.click();
		await expect(page).toHaveURL(new RegExp(`/manage/actions\\?item=stc\\.rules&round=${last.id}#record$`));
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

		// A question the instrument doesn't ask is a page that doesn't exist.
		expect((await page.request.get('/manage/results/questions/stc.no-such-question')).status()).toBe(404);
	});

	for (const width of [1366, 390]) {
		test(`the results page, the report, a question’s page and the pages that lead to it pass axe and HTML_CodeSniffer at ${width} pixels wide`, async ({
			page
		}) => {
			test.setTimeout(240_000);
			const autumn = roundId('Autumn 2026');
			await page.setViewportSize({ width, height: 900 });
			for (const path of [
				'/manage/results',
				`/manage/results/${autumn}/report`,
				'/manage/results/questions/stc.rules',
				'/manage/results/questions/ex.self-compassion',
				`/manage/results/${autumn}`,
				'/manage/actions'
			]) {
				await page.goto(path);
				const charts = page.locator('canvas[data-chart]');
				if (await charts.count()) await expect(charts.first()).toHaveAttribute('data-values', /\[/);
				await test.step(`${path} at ${width}px: axe`, () => expectAccessible(page));
				await test.step(`${path} at ${width}px: HTML_CodeSniffer`, () => expectNoHtmlCodeSnifferErrors(page));
				const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
				expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
			}
		});
	}
});

/**
 * The pages of a PDF Chromium wrote, with each page's width (points) and the pictures it draws.
 * Chromium writes page dictionaries uncompressed, each listing its pictures (XObjects) by reference.
 */
function pdfPages(pdf: Buffer): { width: number; images: string[] }[] {
	const text = pdf.toString('latin1');
	const pages: { width: number; images: string[] }[] = [];
	for (const match of text.matchAll(/\d+ 0 obj\s*<<\/Type \/Page\b([\s\S]*?)endobj/g)) {
		const body = match[1];
		const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(body);
		const objects = /\/XObject <<([^>]*)>>/.exec(body)?.[1] ?? '';
		pages.push({ width: Number(box?.[1] ?? 0), images: [...objects.matchAll(/(\d+) 0 R/g)].map((reference) => reference[1]) });
	}
	return pages;
}
