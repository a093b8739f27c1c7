import { expect, test, type Page } from '@playwright/test';
import { questionPath, recordChangePath } from '../../src/lib/results-view';
import { demoAdmin, expectAccessible, readDatabase, signIn } from './fixtures';
import { expectNoHtmlCodeSnifferErrors } from './page-checks';

const roundId = (name: string) =>
	readDatabase((database) => database.prepare('SELECT id FROM rounds WHERE name = ?').pluck().get(name)) as number;

/** The changes this file records, each told apart by its words; deleted again at the end. */
const changes = {
	open: 'Greeters at the door of the new drop-in center every morning.',
	overdue: 'A quiet room for people waiting, with water and a phone charger.',
	refused: 'A suggestion box at the front desk, read every week.'
};

test.describe.serial('"You said, we did" as a plan', () => {
	test.beforeEach(async ({ page }) => {
		await signIn(page, demoAdmin.username, demoAdmin.password);
	});

	// The rest of the suite finds the demo's changes as they were.
	test.afterAll(async ({ browser }) => {
		const page = await browser.newPage();
		await signIn(page, demoAdmin.username, demoAdmin.password);
		const ids = readDatabase((database) =>
			database
				.prepare('SELECT id FROM actions WHERE description IN (?, ?, ?)')
				.pluck()
				.all(...Object.values(changes))
		) as number[];
		for (const id of ids) {
			await page.goto('/manage/actions');
			await page.locator(`li[data-action="${id}"]`).getByRole('button', { name: 'Delete' }).click();
			await expect(page.getByRole('status')).toContainText('Deleted.');
		}
		await page.close();
	});

	test('a change recorded for a question starts filled in, and shows as open on results and in the report', async ({ page }) => {
		const autumn = roundId('Autumn 2026');
		// Opened on its own, the form answers the last closed round, never one still open.
		const lastClosed = readDatabase((database) =>
			database.prepare("SELECT id FROM rounds WHERE status = 'closed' ORDER BY closed_at DESC, id DESC").pluck().get()
		) as number;
		await page.goto('/manage/actions');
		await expect(page.locator('#record').getByLabel('After which round')).toHaveValue(String(lastClosed));
		await page.goto(recordChangePath('stc.friendly', autumn));
		const record = page.locator('#record');
		// The question is ticked, in its section opened for it, and the round it answers is chosen.
		const friendly = record.getByRole('checkbox', { name: /^Easy to use/ });
		await expect(friendly).toBeVisible();
		await expect(friendly).toBeChecked();
		await expect(record.getByRole('checkbox', { checked: true })).toHaveCount(1);
		await expect(record.getByLabel('After which round')).toHaveValue(String(autumn));
		// No id is shown to the manager: the picker names questions by their short name and wording.
		await expect(record).not.toContainText('stc.friendly');

		await recordChange(page, {
			on: '2026-11-20',
			what: changes.open,
			lead: 'Peer outreach team',
			due: 'Winter 2027 (open now)',
			status: 'Under way'
		});

		const listed = page.locator('ol.changes > li', { hasText: changes.open });
		await expect(listed).toContainText('Under way');
		await expect(listed).toContainText('Peer outreach team');
		await expect(listed).toContainText('Winter 2027');
		await expect(listed.getByRole('link', { name: 'Easy to use' })).toHaveAttribute('href', questionPath('stc.friendly'));

		for (const path of ['/manage/results', `/manage/results/${autumn}/report`]) {
			await page.goto(path);
			const open = page.locator('section.change-plan li', { hasText: changes.open });
			await expect(open, path).toHaveAttribute('data-overdue', 'false');
			await expect(open, path).toContainText('Under way, led by Peer outreach team; due by Winter 2027.');
			await expect(open, path).not.toContainText('Overdue');
			await expect(open.getByRole('link', { name: 'Easy to use' }), path).toHaveAttribute('href', questionPath('stc.friendly'));
		}
		// On the results page the plan follows the summary directly.
		await page.goto('/manage/results');
		await expect(page.locator('section.summary + section.change-plan')).toBeVisible();
	});

	test('a change whose round has closed without it being done says it is overdue, in words', async ({ page }) => {
		const autumn = roundId('Autumn 2026');
		await page.goto(recordChangePath('stc.treated', roundId('Summer 2026')));
		await recordChange(page, {
			on: '2026-08-24',
			what: changes.overdue,
			lead: 'Facilities manager',
			due: 'Autumn 2026 (closed)',
			status: 'Planned'
		});
		await expect(page.locator('ol.changes > li', { hasText: changes.overdue })).toContainText('Planned: overdue, Autumn 2026 has closed');

		for (const path of ['/manage/results', `/manage/results/${autumn}/report`]) {
			await page.goto(path);
			const overdue = page.locator('section.change-plan li', { hasText: changes.overdue });
			await expect(overdue, path).toHaveAttribute('data-overdue', 'true');
			await expect(overdue, path).toContainText(`Overdue: ${changes.overdue}`);
			await expect(overdue, path).toContainText('Planned, led by Facilities manager; was due by Autumn 2026, which has closed.');
			// The demo's own overdue promise is listed too, and overdue changes come first.
			await expect(page.locator('section.change-plan li').first(), path).toHaveAttribute('data-overdue', 'true');
			await expect(page.locator('section.change-plan li', { hasText: 'call back within two working days' }), path).toContainText(
				'Overdue:'
			);
		}
		// The report of an earlier round does not call it overdue: Autumn 2026 had not closed yet.
		await page.goto(`/manage/results/${roundId('Summer 2026')}/report`);
		await expect(page.locator('section.change-plan li', { hasText: changes.overdue })).toHaveAttribute('data-overdue', 'false');

		// Done, it leaves the open changes.
		await page.goto('/manage/actions');
		const listed = page.locator('ol.changes > li', { hasText: changes.overdue });
		await listed.locator('summary', { hasText: 'Change the plan' }).click();
		await listed.getByLabel('Where it stands').selectOption({ label: 'Done' });
		await listed.getByRole('button', { name: 'Save the plan' }).click();
		await expect(page.getByRole('status')).toContainText('Saved the plan for this change.');
		await expect(page.locator('ol.changes > li', { hasText: changes.overdue })).toHaveAttribute('data-status', 'done');
		await page.goto('/manage/results');
		await expect(page.locator('section.change-plan')).not.toContainText(changes.overdue);
	});

	test('a refused change fills the whole form in again, and stores nothing', async ({ browser }) => {
		// Without JavaScript, as the form works.
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await signIn(page, demoAdmin.username, demoAdmin.password);
		const summer = roundId('Summer 2026');
		await page.goto(recordChangePath('stc.rules', summer));
		const record = page.locator('#record');
		await record.locator('summary', { hasText: 'How do I know I' }).click();
		await record.getByRole('checkbox', { name: /^Really listening/ }).check();
		await record.getByLabel('When it changed').fill('2026-09-07');
		await record.getByLabel('What changed (plain words; consumers may read it)').fill(changes.refused);
		await record.getByLabel('The same in Spanish (optional)').fill('Un buzón de sugerencias en la recepción.');
		await record.getByLabel('The round by which it should show in the results').selectOption({ label: 'Spring 2027 (not open yet)' });
		await record.getByLabel('Where it stands').selectOption({ label: 'Planned' });
		await record.getByLabel('Publish on the public page').check();
		// Nobody named to lead a planned change.
		await record.getByRole('button', { name: 'Record' }).click();

		await expect(page.getByRole('alert')).toContainText('Say who leads this change, a name or a role: it is planned.');
		await expect(record.getByLabel('Who leads it (a name or a role)')).toHaveAttribute('aria-invalid', 'true');
		await expect(record.getByLabel('After which round')).toHaveValue(String(summer));
		await expect(record.getByLabel('When it changed')).toHaveValue('2026-09-07');
		await expect(record.getByLabel('What changed (plain words; consumers may read it)')).toHaveValue(changes.refused);
		await expect(record.getByLabel('The same in Spanish (optional)')).toHaveValue('Un buzón de sugerencias en la recepción.');
		expect(
			await record
				.getByRole('checkbox', { checked: true })
				.evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value).sort())
		).toEqual(['hr.listen', 'on', 'stc.rules']);
		await expect(record.getByLabel('The round by which it should show in the results')).toHaveValue(String(roundId('Spring 2027')));
		await expect(record.getByLabel('Where it stands')).toHaveValue('planned');
		await expect(record.getByLabel('Publish on the public page')).toBeChecked();
		expect(
			readDatabase((database) => database.prepare('SELECT count(*) FROM actions WHERE description = ?').pluck().get(changes.refused))
		).toBe(0);

		// A refused update of one change's plan opens that change's form again, as sent, and changes nothing.
		await page.goto('/manage/actions');
		const listed = page.locator('ol.changes > li', { hasText: 'Signs from the bus stop' });
		await listed.locator('summary', { hasText: 'Change the plan' }).click();
		await listed.getByLabel('Who leads it (a name or a role)').fill('');
		await listed.getByLabel('The round by which it should show in the results').selectOption({ label: 'Spring 2027 (not open yet)' });
		await listed.getByRole('button', { name: 'Save the plan' }).click();
		await expect(page.getByRole('alert')).toContainText('Say who leads this change, a name or a role: it is under way.');
		const again = page.locator('ol.changes > li', { hasText: 'Signs from the bus stop' });
		await expect(again.locator('details.plan-update')).toHaveAttribute('open', '');
		await expect(again.getByLabel('Who leads it (a name or a role)')).toHaveValue('');
		await expect(again.getByLabel('Who leads it (a name or a role)')).toHaveAttribute('aria-invalid', 'true');
		await expect(again.getByLabel('The round by which it should show in the results')).toHaveValue(String(roundId('Spring 2027')));
		await expect(again).toContainText('Drop-in center coordinator');
		await expect(again).toContainText(/Should show by\s*Winter 2027/);
		await context.close();
	});

	for (const width of [390, 1366]) {
		test(`the actions page and the plan on results pass axe and HTML_CodeSniffer at ${width} pixels wide`, async ({ page }) => {
			test.setTimeout(180_000);
			await page.setViewportSize({ width, height: 900 });
			await page.goto(recordChangePath('stc.friendly'));
			// Every part of the page open, so both engines read every control.
			await openEveryDetails(page);
			await check(page, `/manage/actions at ${width}px`);
			// On results and the report, axe reads the whole page and HTML_CodeSniffer the plan this file is about.
			for (const path of ['/manage/results', `/manage/results/${roundId('Autumn 2026')}/report`]) {
				await page.goto(path);
				await expect(page.locator('section.change-plan')).toBeVisible();
				await check(page, `${path} at ${width}px`, 'section.change-plan');
			}
		});
	}
});

/** Fills in the rest of the actions form, already open on a question, records the change, and sees it recorded. */
async function recordChange(page: Page, change: { on: string; what: string; lead: string; due: string; status: string }): Promise<void> {
	const record = page.locator('#record');
	await record.getByLabel('When it changed').fill(change.on);
	await record.getByLabel('What changed (plain words; consumers may read it)').fill(change.what);
	await record.getByLabel('Who leads it (a name or a role)').fill(change.lead);
	await record.getByLabel('The round by which it should show in the results').selectOption({ label: change.due });
	await record.getByLabel('Where it stands').selectOption({ label: change.status });
	await record.getByRole('button', { name: 'Record' }).click();
	await expect(page.getByRole('status')).toContainText('Recorded.');
}

async function openEveryDetails(page: Page): Promise<void> {
	await page.locator('details').evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
}

async function check(page: Page, name: string, within?: string): Promise<void> {
	await test.step(name, async () => {
		await expectAccessible(page);
		await expectNoHtmlCodeSnifferErrors(page, within);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow, name).toBeLessThanOrEqual(0);
	});
}
