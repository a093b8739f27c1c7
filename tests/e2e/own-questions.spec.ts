/**
 * The agency's own questions, end to end, on a demo server of its own (so the round it closes
 * moves no other test's "last closed round"): an admin adds a mirrored question in both languages
 * and one for consumers only in English only, a round asks them, people answer them on the web,
 * at the kiosk and on paper, and once the round closes they are in the summary, the heatmap, the
 * question page, both spreadsheets and the report. Correcting words before a close changes the
 * question; after it, new words make a new question and the old one keeps its results.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoAdmin, expectAccessible } from './fixtures';
import { expectNoHtmlCodeSnifferErrors } from './page-checks';
import { readDatabaseFile, startServer, type ServerProcess } from './server-process';

const PORT = 4192;

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let server: ServerProcess;

test.beforeAll(async () => {
	test.setTimeout(90_000);
	server = await startServer({ port: PORT, demo: true });
});

test.afterAll(async () => {
	await server?.stop();
});

async function signedIn(browser: Browser): Promise<Page> {
	const page = await (await browser.newContext({ baseURL: server.origin })).newPage();
	await page.goto('/login');
	await page.getByLabel('Username').fill(demoAdmin.username);
	await page.getByLabel('Password').fill(demoAdmin.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/manage$/);
	return page;
}

const clean = {
	name: 'Clean supplies',
	staffEn: 'We always have clean supplies to give out.',
	staffEs: 'Siempre tenemos materiales limpios para dar.',
	consumerEn: 'I can get clean supplies here.',
	consumerEs: 'Aquí consigo materiales limpios.'
};
const quiet = { name: 'Quiet space', consumerEn: 'There is a quiet place to sit here.', corrected: 'There is a quiet place to rest here.' };

const itemIdOf = (name: string) =>
	`agency.${readDatabaseFile(server.databaseFile, (database) => database.prepare('SELECT max(id) FROM agency_questions WHERE name = ?').pluck().get(name))}`;

let roundPath = '';
const links: Record<string, string> = {};

test('an admin adds a mirrored question in both languages and one for consumers in English only, seeing how plain each reads', async ({
	browser
}) => {
	const page = await signedIn(browser);
	await page.goto('/manage/settings');
	await page.getByRole('link', { name: 'our own questions' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Our own questions');
	for (const width of [390, 1366]) {
		await page.setViewportSize({ width, height: 900 });
		await expectAccessible(page);
		await expectNoHtmlCodeSnifferErrors(page);
	}

	const form = page.locator('form[action="?/save"]');
	await form.getByLabel('Short name (managers read it in results)').fill(clean.name);
	await form.getByLabel('How much they agree').check();
	await form.getByLabel('What staff read, in English').fill(clean.staffEn);
	await form.getByLabel('What staff read, in Spanish (optional)').fill(clean.staffEs);
	await form.getByLabel('What consumers read, in English').fill(clean.consumerEn);
	// The reading level follows what is typed, with the same counters as the plain-language tests.
	await expect(page.locator('#q-consumerEn-level')).toContainText(/Reads at US grade -?\d+(\.\d)?; aim for 6 or below\. Plain enough\./);
	await form.getByLabel('What consumers read, in Spanish (optional)').fill(clean.consumerEs);
	await expect(page.locator('#q-consumerEs-level')).toContainText(/INFLESZ \d+(\.\d)?; aim for 65 or above/);
	await form.getByRole('button', { name: 'Add the question' }).click();
	await expect(page.getByRole('status')).toHaveText(`Added “${clean.name}”.`);

	// Consumers only, in English only: words above the target are saved only once confirmed, and the form keeps them.
	const hard = 'Organizational accommodations facilitate comprehensive relaxation opportunities.';
	await form.getByLabel('Short name (managers read it in results)').fill(quiet.name);
	await form.getByLabel('Consumers only').check();
	await expect(form.getByLabel('What staff read, in English')).toBeHidden();
	await form.getByLabel('How often').check();
	await form.getByLabel('What consumers read, in English').fill(hard);
	await expect(page.locator('#q-consumerEn-level')).toContainText('Harder than the target.');
	await expect(page.locator('#q-consumerEn-level')).toContainText('Organizational');
	await form.getByRole('button', { name: 'Add the question' }).click();
	await expect(page.getByRole('alert')).toContainText('What consumers read in English reads at US grade');
	await expect(form.getByLabel('What consumers read, in English')).toHaveValue(hard);
	await expect(form.getByLabel('Short name (managers read it in results)')).toHaveValue(quiet.name);
	await expect(form.getByLabel('Consumers only')).toBeChecked();
	expect(
		readDatabaseFile(server.databaseFile, (database) =>
			database.prepare('SELECT count(*) FROM agency_questions WHERE name = ?').pluck().get(quiet.name)
		)
	).toBe(0);
	await expectAccessible(page);
	await form.getByLabel('What consumers read, in English').fill(quiet.consumerEn);
	await form.getByRole('button', { name: 'Add the question' }).click();
	await expect(page.getByRole('status')).toContainText(`Added “${quiet.name}”. It has no Spanish for everyone it asks`);
	await expect(page.locator(`li[data-question="${itemIdOf(quiet.name)}"]`)).toContainText('No Spanish: Spanish pages show the English');
	await page.context().close();
});

test('a new round asks them, and they are answered on the web, at the kiosk and on paper; the English-only one is marked on the Spanish survey', async ({
	browser
}) => {
	const page = await signedIn(browser);
	await page.goto('/manage/rounds/new');
	const ours = page.getByRole('group', { name: 'Our own questions (asked after the deck’s)' });
	for (const name of [clean.name, quiet.name, 'Naloxone when needed', 'Evening hours'])
		await expect(ours.getByLabel(new RegExp(name))).toBeChecked();
	await ours.getByLabel(/Naloxone when needed/).uncheck();
	await ours.getByLabel(/Evening hours/).uncheck();
	await page.getByLabel('Name', { exact: true }).fill('Our questions round');
	await page.getByRole('button', { name: 'Create round' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Our questions round');
	roundPath = new URL(page.url()).pathname;
	await page.getByRole('button', { name: 'Open the round' }).click();
	for (const group of ['Consumers · Drop-in center', 'Staff · Drop-in center']) {
		links[group] = await page.getByRole('region', { name: group }).getByLabel('Survey link').inputValue();
	}

	// Before any round closes, a correction changes the words the survey shows.
	await page.goto('/manage/settings/questions');
	await page.getByRole('link', { name: `Correct ${quiet.name}` }).click();
	// The form is filled in with the question's words before they are corrected.
	await expect(page.locator('form[action="?/save"]').getByLabel('What consumers read, in English')).toHaveValue(quiet.consumerEn);
	await page.locator('form[action="?/save"]').getByLabel('What consumers read, in English').fill(quiet.corrected);
	await page.getByRole('button', { name: 'Save the correction' }).click();
	await expect(page.getByRole('status')).toContainText(`Corrected “${quiet.name}”.`);

	const respondent = await (await browser.newContext()).newPage();
	await respondent.goto(`${links['Consumers · Drop-in center']}?lang=es`);
	const quietEs = respondent.getByRole('group', { name: /There is a quiet place to rest here\./ });
	await expect(quietEs).toContainText('(Solo en inglés)');
	await expect(quietEs.locator('.statement')).toHaveAttribute('lang', 'en');
	await expect(respondent.getByRole('group', { name: new RegExp(clean.consumerEs) })).toBeVisible();
	await expectAccessible(respondent);
	// Six people answer on the web: the clean supplies "Disagree a lot", the quiet place "Never".
	for (let i = 0; i < 6; i++) {
		await respondent.goto(links['Consumers · Drop-in center']);
		await respondent
			.getByRole('group', { name: new RegExp(clean.consumerEn) })
			.getByLabel('Disagree a lot', { exact: true })
			.check();
		await respondent
			.getByRole('group', { name: /There is a quiet place to rest here\./ })
			.getByLabel('Never', { exact: true })
			.check();
		await respondent.getByRole('button', { name: 'Send my answers' }).click();
		await expect(respondent.getByRole('heading', { level: 1 })).toHaveText('Thank you');
	}
	for (let i = 0; i < 6; i++) {
		await respondent.goto(links['Staff · Drop-in center']);
		await respondent
			.getByRole('group', { name: new RegExp(clean.staffEn) })
			.getByLabel('Agree a lot', { exact: true })
			.check();
		await expect(respondent.getByRole('group', { name: /quiet place/ })).toHaveCount(0);
		await respondent.getByRole('button', { name: 'Send my answers' }).click();
		await expect(respondent.getByRole('heading', { level: 1 })).toHaveText('Thank you');
	}
	await respondent.context().close();

	// One at the kiosk, one typed in from paper.
	const kiosk = await (await browser.newContext()).newPage();
	await kiosk.goto(links['Consumers · Drop-in center'].replace('/s/', '/kiosk/'));
	await kiosk
		.getByRole('group', { name: new RegExp(clean.consumerEn) })
		.getByLabel('Disagree', { exact: true })
		.check();
	await kiosk.getByRole('button', { name: 'Send my answers' }).click();
	await expect(kiosk.getByRole('heading', { level: 1 })).toHaveText('Thank you');
	await kiosk.context().close();

	await page.goto(roundPath);
	await page.getByRole('region', { name: 'Consumers · Drop-in center' }).getByRole('link', { name: 'Enter collected paper forms' }).click();
	await page
		.getByRole('group', { name: /There is a quiet place to rest here\./ })
		.getByLabel('Rarely', { exact: true })
		.check();
	await page.getByRole('button', { name: 'Send my answers' }).click();
	await expect(page.getByRole('status')).toContainText('Saved.');

	const channels = readDatabaseFile(server.databaseFile, (database) =>
		database
			.prepare(
				`SELECT responses.channel, count(*) AS n FROM answers JOIN responses ON responses.id = answers.response_id
				 JOIN rounds ON rounds.id = responses.round_id WHERE rounds.name = 'Our questions round' AND answers.item_id LIKE 'agency.%'
				 GROUP BY responses.channel ORDER BY responses.channel`
			)
			.all()
	);
	expect(channels).toEqual([
		{ channel: 'kiosk', n: 1 },
		{ channel: 'paper', n: 1 },
		{ channel: 'web', n: 18 }
	]);
	await page.context().close();
});

test('once the round closes, they are in the summary, the heatmap, the question page, both spreadsheets and the report', async ({
	browser
}) => {
	const page = await signedIn(browser);
	await page.goto(roundPath);
	await page.getByLabel('I understand that closing is final').check();
	await page.getByRole('button', { name: 'Close the round for good' }).click();
	await expect(page.getByText('Closed', { exact: true })).toBeVisible();
	const [cleanId, quietId] = [itemIdOf(clean.name), itemIdOf(quiet.name)];

	await page.goto('/manage/results');
	const summary = page.locator('section.summary');
	await expect(summary).toContainText('How are we doing? Our questions round');
	// Staff rate themselves far higher than consumers on the clean supplies; consumers rate the quiet place lowest.
	await expect(summary.getByRole('link', { name: clean.name }).first()).toHaveAttribute('href', `/manage/results/questions/${cleanId}`);
	await expect(summary).toContainText('Staff rate themselves 5.00, consumers rate staff 1.14');
	await expect(summary.getByRole('link', { name: quiet.name }).first()).toBeVisible();
	const heat = page.locator('table.heatmap');
	await expect(heat.locator(`tr:has(a[href="/manage/results/questions/${quietId}"]) td`).last()).toHaveText('1.1');
	// The rounds before it did not ask it: not hidden, not asked.
	await expect(heat.locator(`tr:has(a[href="/manage/results/questions/${quietId}"]) td`).first()).toContainText('not asked in that round');

	await page.goto(`/manage/results/questions/${quietId}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(quiet.name);
	await expect(page.locator('dl.wording')).toContainText(quiet.corrected);
	await expect(page.getByText('Consumers only: staff are not asked this question.')).toBeVisible();
	await expect(page.getByText('The mean of consumers per closed round;')).toBeVisible();
	for (const width of [390, 1366]) {
		await page.setViewportSize({ width, height: 900 });
		await expectAccessible(page);
		await expectNoHtmlCodeSnifferErrors(page);
	}

	const aggregates = await (await page.request.get('/manage/export/aggregates.csv')).text();
	// Six said "Never" on the web and one "Rarely" on paper: 7 answers, a mean of 8 / 7.
	expect(aggregates).toContain(`"Our questions round","consumer","All programs","our-practice","${quietId}","7","1.14"`);
	expect(aggregates).toContain(cleanId);
	const responses = await (await page.request.get('/manage/export/responses.csv')).text();
	expect(responses.split('\n')[0]).toContain(cleanId);
	expect(responses.split('\n')[0]).toContain(quietId);

	const roundId = roundPath.split('/').at(-1);
	await page.goto(`/manage/results/${roundId}/report`);
	await expect(page.locator('main')).toContainText(clean.name);
	await expect(page.locator('main')).toContainText(quiet.name);
	await page.context().close();
});

test('after a round that asked it closes, new words make a new question, and the old one keeps its results', async ({ browser }) => {
	const page = await signedIn(browser);
	const old = itemIdOf(quiet.name);
	await page.goto('/manage/settings/questions');
	await expect(page.locator(`li[data-question="${old}"]`)).toContainText('A closed round asked it: its words are fixed.');
	await page.getByRole('link', { name: `Correct ${quiet.name}` }).click();
	await expect(page.getByText('A closed round asked this question.')).toBeVisible();
	await expect(page.locator('form[action="?/save"]').getByLabel('What consumers read, in English')).toHaveValue(quiet.corrected);
	await page.locator('form[action="?/save"]').getByLabel('What consumers read, in English').fill('There is a calm room to sit in here.');
	await page.getByRole('button', { name: 'Save the correction' }).click();
	await expect(page.getByRole('status')).toContainText('A closed round asked the old wording, so it keeps its results and is retired.');
	const replacement = itemIdOf(quiet.name);
	expect(replacement).not.toBe(old);
	await expect(page.getByRole('heading', { name: 'Retired' })).toBeVisible();

	await page.goto(`/manage/results/questions/${old}`);
	await expect(page.locator('dl.wording')).toContainText(quiet.corrected);
	await expect(page.locator('main')).toContainText('1.1');
	// The new wording has no results until a round that asks it closes.
	expect((await page.request.get(`/manage/results/questions/${replacement}`)).status()).toBe(404);
	await page.context().close();
});
