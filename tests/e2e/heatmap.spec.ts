import { expect, test, type Page } from '@playwright/test';
import { demoAdmin, expectAccessible, readDatabase, signIn } from './fixtures';
import { expectNoHtmlCodeSnifferErrors } from './page-checks';

const roundId = (name: string) =>
	readDatabase((database) => database.prepare('SELECT id FROM rounds WHERE name = ?').pluck().get(name)) as number;

/** The demo's last closed round summed up beside Summer 2026 (other tests may close rounds of their own). */
const autumnPage = () => `/manage/results?round=${roundId('Autumn 2026')}&to=${roundId('Autumn 2026')}`;

/** Every shown heatmap cell: its question, round, the number it prints, its unrounded mean and its colour. */
const heatCells = (page: Page) =>
	page.locator('table.heatmap').evaluate((table) => {
		const rounds = [...table.querySelectorAll('thead th.round')].map((th) => th.textContent!.trim());
		return [...table.querySelectorAll('tbody tr[data-item]')].flatMap((row) =>
			[...row.querySelectorAll('td[data-mean]')].map((cell) => ({
				item: row.getAttribute('data-item')!,
				round: rounds[[...row.querySelectorAll('td')].indexOf(cell as HTMLTableCellElement)],
				printed: cell.firstChild!.textContent!.trim(),
				mean: cell.getAttribute('data-mean')!,
				change: cell.getAttribute('data-change'),
				text: cell.textContent!,
				background: getComputedStyle(cell).backgroundColor
			}))
		);
	});

test.describe('the heatmap on the demo data', () => {
	test.beforeEach(async ({ page }) => {
		await signIn(page, demoAdmin.username, demoAdmin.password);
	});

	test('colours a cell by the number it prints: cells printing the same number share a colour', async ({ page }) => {
		await page.goto(autumnPage());
		const cells = await heatCells(page);
		// The deck's 31 consumer questions in six rounds, and the demo agency's own two in the two rounds that asked them.
		expect(cells.length).toBe(31 * 6 + 2 * 2);
		const byPrinted = new Map<string, typeof cells>();
		for (const cell of cells) byPrinted.set(cell.printed, [...(byPrinted.get(cell.printed) ?? []), cell]);
		// The case the rule is for: two cells whose means differ but print alike.
		const differingMeans = [...byPrinted.values()].filter((group) => new Set(group.map((cell) => cell.mean)).size > 1);
		expect(differingMeans.length, 'a printed number reached by two different means').toBeGreaterThan(0);
		const [first, second] = differingMeans[0].filter((cell, index, group) => index === 0 || cell.mean !== group[0].mean);
		expect(first.mean).not.toBe(second.mean);
		expect(second.background, `${first.item} ${first.round} and ${second.item} ${second.round}`).toBe(first.background);
		// And so for every printed number: one colour each, a different one for each number.
		for (const [printed, group] of byPrinted)
			expect(new Set(group.map((cell) => cell.background)), printed).toEqual(new Set([group[0].background]));
		const colours = [...byPrinted.values()].map((group) => group[0].background);
		expect(new Set(colours).size).toBe(byPrinted.size);
	});

	test('marks the changes the summary found beyond noise, in words too, and names each question with a link to its page', async ({
		page
	}) => {
		await page.goto(autumnPage());
		// The summary's consumer changes since Summer 2026 (the demo's designed rises and fall).
		const summed = async (verdict: string) =>
			(
				await page
					.locator(`section.summary :is([data-summary="better"], [data-summary="worse"]) li[data-verdict="${verdict}"]`)
					.filter({ hasText: '(consumers)' })
					.evaluateAll((items) => items.map((item) => item.getAttribute('data-item')!))
			).sort();
		expect(await summed('higher')).toEqual(['stc.feedback', 'stc.rules']);
		expect(await summed('lower')).toEqual(['stc.friendly']);

		const marked = (await heatCells(page)).filter((cell) => cell.change);
		expect(marked.map((cell) => [cell.item, cell.round, cell.change]).sort()).toEqual([
			['stc.feedback', 'Autumn 2026', 'higher'],
			['stc.friendly', 'Autumn 2026', 'lower'],
			['stc.rules', 'Autumn 2026', 'higher']
		]);
		for (const cell of marked) {
			const [arrow, words] = cell.change === 'higher' ? ['▲', 'rose'] : ['▼', 'fell'];
			expect(cell.text).toBe(`${cell.printed}${arrow}, ${words} beyond noise since Summer 2026`);
		}
		// The arrow is for the eye; a screen reader hears the words.
		const easy = page.locator('table.heatmap tr[data-item="stc.friendly"] td[data-change="lower"]');
		await expect(easy.locator('[aria-hidden="true"]')).toHaveText('▼');
		await expect(easy.locator('.visually-hidden')).toHaveText(', fell beyond noise since Summer 2026');
		await expect(page.locator('.heat-key')).toContainText('rose or ▼ fell beyond noise in Autumn 2026 since Summer 2026');

		// Each question by its short name, linked to its own page.
		const names = page.locator('table.heatmap tr[data-item] th[scope="row"] a');
		expect(await names.count()).toBe(31 + 2);
		await expect(page.locator('table.heatmap tr[data-item="stc.friendly"] th a')).toHaveText('Easy to use');
		for (const link of await names.all()) {
			const item = await link.locator('xpath=ancestor::tr').getAttribute('data-item');
			await expect(link).toHaveAttribute('href', `/manage/results/questions/${item}`);
			expect(await link.textContent()).not.toContain(item!);
		}
	});

	test('on a phone, without JavaScript, opens on the latest round with the questions held in view', async ({ page, browser }) => {
		const plain = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
		await plain.addCookies(await page.context().cookies());
		const phone = await plain.newPage();
		await phone.goto(autumnPage());
		const region = phone.locator('.table-scroll:has(table.heatmap)');
		const box = (await region.boundingBox())!;
		expect(await region.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
		// The latest round's column is in view as the page opens; the oldest is scrolled out of it.
		const rounds = phone.locator('table.heatmap thead th.round');
		const latest = (await rounds.last().boundingBox())!;
		await expect(rounds.last()).toHaveText('Autumn 2026');
		expect(latest.x + latest.width).toBeLessThanOrEqual(box.x + box.width + 1);
		const oldest = (await rounds.first().boundingBox())!;
		const question = (await phone.locator('table.heatmap tr[data-item] th[scope="row"]').first().boundingBox())!;
		expect(oldest.x).toBeLessThan(question.x + question.width);
		// The question column stays at the left edge while the rounds sit scrolled beside it.
		expect(Math.abs(question.x - box.x)).toBeLessThanOrEqual(1);
		expect(latest.x).toBeGreaterThanOrEqual(question.x + question.width - 1);
		await plain.close();
	});

	for (const width of [390, 1366]) {
		test(`passes axe and HTML_CodeSniffer at ${width} pixels wide`, async ({ page }) => {
			await page.setViewportSize({ width, height: 900 });
			await page.goto(autumnPage());
			await expectAccessible(page);
			await expectNoHtmlCodeSnifferErrors(page);
		});
	}
});
