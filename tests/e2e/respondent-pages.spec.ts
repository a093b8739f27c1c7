/**
 * Every page a respondent can reach, in each state they can meet it in, in English and in
 * Spanish: no violation by axe nor by two more engines (HTML_CodeSniffer, WCAG 2 AA, and IBM
 * Equal Access), no content security policy error in the console, and on a Spanish page not one
 * English string a respondent would read.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoAdmin, expectAccessible, origin, readDatabase, signIn, surveyPath } from './fixtures';
import {
	englishOnPage,
	expectNoHtmlCodeSnifferErrors,
	expectNoIbmViolations,
	htmlCodeSnifferErrors,
	ibmEqualAccessViolations
} from './page-checks';

type Language = 'en' | 'es';

const withLanguage = (path: string, language: Language) => (language === 'en' ? path : `${path}${path.includes('?') ? '&' : '?'}lang=es`);

/** A page state: how to reach it, and the status it answers with. */
interface PageState {
	name: string;
	status: number;
	reach: (page: Page, language: Language) => Promise<unknown>;
}

const sendButton = (page: Page) => page.getByRole('button', { name: /Send my answers|Enviar mis respuestas/ });

/** Answers the first question shown, and sends. */
async function answerAndSend(page: Page, path: string) {
	await page.goto(path);
	await page.waitForLoadState('networkidle');
	await page.locator('input[type=radio][value="4"]').first().check();
	await sendButton(page).click();
}

/** Sends a form whose answer the survey never offered, and waits for the refusal naming it. */
async function offScaleSent(page: Page) {
	await sendButton(page).click();
	await expect(page.getByRole('alert')).toContainText(/(question|pregunta) \d+, “/);
}

const consumerToken = () => surveyPath('consumer', 'open', 'Counseling program').split('/').at(-1)!;

const states: PageState[] = [
	{ name: 'the home page', status: 200, reach: (page, language) => page.goto(withLanguage('/', language)) },
	{ name: 'the about page', status: 200, reach: (page, language) => page.goto(withLanguage('/about', language)) },
	{ name: 'a consumer survey', status: 200, reach: (page, language) => page.goto(withLanguage(surveyPath('consumer'), language)) },
	{ name: 'a staff survey', status: 200, reach: (page, language) => page.goto(withLanguage(surveyPath('staff'), language)) },
	{
		name: 'a survey refused as empty',
		status: 200,
		reach: async (page, language) => {
			await page.goto(withLanguage(surveyPath('consumer'), language));
			await page.waitForLoadState('networkidle');
			await sendButton(page).click();
			await expect(page.getByRole('alert')).toBeVisible();
		}
	},
	{
		name: 'a survey refused for an answer off the scale, named',
		// Sent in place by the page's script: the page itself came with 200.
		status: 200,
		reach: async (page, language) => {
			await page.goto(withLanguage(surveyPath('consumer'), language));
			await page.waitForLoadState('networkidle');
			await page
				.locator('input[type=radio][value="4"]')
				.first()
				.evaluate((radio: HTMLInputElement) => (radio.value = '9'));
			await page.locator('input[type=radio][value="9"]').check();
			await offScaleSent(page);
		}
	},
	{
		name: 'a survey refused because its round closed, with no form',
		status: 410,
		reach: async (page, language) => {
			await page.goto(withLanguage(surveyPath('consumer'), language));
			await page.locator('input[type=radio][value="4"]').first().check();
			// Sent as a page left open while its round closed sends it, without the page's script.
			const closed = withLanguage(surveyPath('consumer', 'closed'), language);
			await page.evaluate((action) => {
				const form = document.querySelector('form')!;
				form.action = action;
				HTMLFormElement.prototype.submit.call(form);
			}, closed);
			await expect(page.locator('form')).toHaveCount(0);
		}
	},
	{
		name: 'a consumer’s thank-you opened again',
		status: 200,
		reach: async (page, language) => {
			await answerAndSend(page, withLanguage(surveyPath('consumer', 'open', 'Counseling program'), language));
			await expect(page).toHaveURL(/\/thanks/);
			await page.reload();
		}
	},
	{
		name: 'a consumer’s thank-you',
		status: 200,
		reach: async (page, language) => {
			await answerAndSend(page, withLanguage(surveyPath('consumer', 'open', 'Counseling program'), language));
			await expect(page).toHaveURL(/\/thanks/);
		}
	},
	{
		name: 'a staff reflection',
		status: 200,
		reach: async (page, language) => {
			await answerAndSend(page, withLanguage(surveyPath('staff', 'open', 'Counseling program'), language));
			await expect(page).toHaveURL(/\/reflection\?view=/);
		}
	},
	{
		name: 'a reflection already shown',
		status: 200,
		reach: async (page, language) => {
			await answerAndSend(page, withLanguage(surveyPath('staff', 'open', 'Counseling program'), language));
			await expect(page).toHaveURL(/\/reflection\?view=/);
			await page.reload();
		}
	},
	{
		name: 'my reflections, with nothing kept',
		status: 200,
		reach: (page, language) => page.goto(withLanguage(`${surveyPath('staff')}/my-reflections`, language))
	},
	{
		name: 'my reflections, with a copy kept',
		status: 200,
		reach: async (page, language) => {
			await answerAndSend(page, withLanguage(surveyPath('staff', 'open', 'Counseling program'), language));
			await page.getByRole('button', { name: /Keep on this device|Guardar en este dispositivo/ }).click();
			await expect(page.getByRole('status')).toBeVisible();
			await page.goto(withLanguage(`${surveyPath('staff', 'open', 'Counseling program')}/my-reflections`, language));
			// Shown only once asked: on a shared computer they may be someone else's.
			await expect(page.locator('.journey table')).toHaveCount(0);
			await page.getByRole('button', { name: /Show my answers kept on this device|Mostrar mis respuestas guardadas/ }).click();
			await expect(page.locator('.journey table').first()).toBeVisible();
		}
	},
	{
		name: 'a kiosk asking before it deletes the copies a browser keeps',
		status: 200,
		reach: async (page, language) => {
			await page.goto(withLanguage(`${surveyPath('staff')}/my-reflections`, language));
			await page.evaluate(() => localStorage.setItem('any-positive-change.reflections', '{}'));
			await page.goto(withLanguage(`/kiosk/${consumerToken()}`, language));
			await expect(page.getByRole('button', { name: /Yes, delete them and start|Sí, borrarlas y empezar/ })).toBeVisible();
		}
	},
	{ name: 'a kiosk', status: 200, reach: (page, language) => page.goto(withLanguage(`/kiosk/${consumerToken()}`, language)) },
	{
		name: 'a kiosk’s idle warning',
		status: 200,
		reach: async (page, language) => {
			await page.goto(withLanguage(`/kiosk/${consumerToken()}?idle=5`, language));
			await page.waitForLoadState('networkidle');
			await page.locator('input[type=radio][value="4"]').first().check();
			await expect(page.getByRole('alertdialog')).toBeVisible({ timeout: 10_000 });
		}
	},
	{
		name: 'a kiosk’s thank-you',
		status: 200,
		reach: async (page, language) => {
			await answerAndSend(page, withLanguage(`/kiosk/${consumerToken()}`, language));
			await expect(page.getByRole('link', { name: /Start a new survey|Empezar una encuesta nueva/ })).toBeVisible();
		}
	},
	{ name: 'an unknown address', status: 404, reach: (page, language) => page.goto(withLanguage('/no-such-page', language)) },
	{
		name: 'an unknown survey link',
		status: 404,
		reach: (page, language) => page.goto(withLanguage('/s/abcdefghijklmnopqrstuvwxyz234567', language))
	},
	{
		name: 'a survey not open yet',
		status: 403,
		reach: (page, language) => page.goto(withLanguage(surveyPath('staff', 'draft'), language))
	},
	{ name: 'a closed survey', status: 410, reach: (page, language) => page.goto(withLanguage(surveyPath('consumer', 'closed'), language)) },
	{
		name: 'a staff link to a closed round',
		status: 410,
		reach: (page, language) => page.goto(withLanguage(surveyPath('staff', 'closed'), language))
	},
	{ name: 'the public page while it is off', status: 404, reach: (page, language) => page.goto(withLanguage('/you-said-we-did', language)) }
];

/** Content security policy errors the page logs (an inline style or script it refused). */
function watchPolicyErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(message.text());
	});
	return errors;
}

/** Reaches a state, checks its status, and runs every check on it. */
async function checkState(page: Page, state: PageState, language: Language) {
	const policyErrors = watchPolicyErrors(page);
	const statuses: number[] = [];
	page.on('response', (response) => {
		if (response.request().resourceType() === 'document') statuses.push(response.status());
	});
	await state.reach(page, language);
	// Checked as the person meets it: once the page's script has run.
	await page.waitForLoadState('networkidle');
	if (statuses.length > 0) expect(statuses.at(-1), 'the page’s status').toBe(state.status);
	await expect(page.locator('html')).toHaveAttribute('lang', language);
	await expectAccessible(page);
	await expectNoHtmlCodeSnifferErrors(page);
	await expectNoIbmViolations(page);
	if (language === 'es') expect(await englishOnPage(page)).toEqual([]);
	expect(policyErrors).toEqual([]);
	// Nothing outside a landmark, the skip link included (IBM Equal Access asks it of every page).
	const skipLink = page.getByRole('link', { name: /^(Skip to content|Saltar al contenido)$/ });
	await expect(page.getByRole('navigation').filter({ has: skipLink })).toHaveCount(1);
}

for (const language of ['en', 'es'] as const) {
	test.describe(`in ${language === 'en' ? 'English' : 'Spanish'}`, () => {
		for (const state of states) {
			test(`${state.name} passes all three engines${language === 'es' ? ' and has no English' : ''}`, async ({ page }) => {
				await checkState(page, state, language);
			});
		}
	});
}

for (const language of ['en', 'es'] as const) {
	test(`a form too large to send is refused in ${language === 'en' ? 'English' : 'Spanish'}, and the page passes every check`, async ({
		page
	}) => {
		await page.goto(withLanguage(surveyPath('consumer'), language));
		await page.waitForLoadState('networkidle');
		// Sent as a browser without JavaScript sends it: a whole page comes back, with status 413.
		const [response] = await Promise.all([
			page.waitForResponse((answer) => answer.request().method() === 'POST'),
			page.evaluate(() => {
				const form = document.querySelector('form')!;
				form.querySelector('textarea')!.value = 'x'.repeat(70_000);
				HTMLFormElement.prototype.submit.call(form);
			})
		]);
		expect(response.status()).toBe(413);
		await expect(page.getByRole('alert')).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		await expectAccessible(page);
		await expectNoHtmlCodeSnifferErrors(page);
		await expectNoIbmViolations(page);
		if (language === 'es') expect(await englishOnPage(page)).toEqual([]);
	});
}

test.describe('the public “You said, we did” page, turned on', () => {
	const changes = {
		translated: { description: 'Peer workers now hold weekend hours.', descriptionEs: 'Ahora hay personal de pares los fines de semana.' },
		englishOnly: { description: 'The waiting room has new chairs.', descriptionEs: '' }
	};

	/** Signs in as the demo admin and sends one form to the manage area. */
	async function asAdmin(browser: Browser, path: string, form: Record<string, string | string[]>) {
		const context = await browser.newContext();
		const page = await context.newPage();
		await signIn(page, demoAdmin.username, demoAdmin.password);
		const body = new URLSearchParams();
		for (const [name, value] of Object.entries(form)) for (const item of [value].flat()) body.append(name, item);
		const response = await context.request.post(path, {
			data: body.toString(),
			headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }
		});
		expect(response.status(), path).toBe(200);
		await context.close();
	}

	const actionIds = () =>
		readDatabase((database) =>
			database
				.prepare('SELECT id FROM actions WHERE description IN (?, ?)')
				.pluck()
				.all(changes.translated.description, changes.englishOnly.description)
		) as number[];

	test.beforeAll(async ({ browser }) => {
		const autumn = readDatabase((database) => database.prepare("SELECT id FROM rounds WHERE name = 'Autumn 2026'").pluck().get()) as number;
		for (const change of Object.values(changes)) {
			await asAdmin(browser, '/manage/actions?/record', {
				roundId: String(autumn),
				happenedOn: '2026-11-01',
				...change,
				itemIds: 'hr.patience',
				status: 'done',
				published: 'on'
			});
		}
		await asAdmin(browser, '/manage/settings?/publicPage', { on: '1' });
	});

	// The rest of the suite finds the demo as it was: the page off, no changes of these tests.
	test.afterAll(async ({ browser }) => {
		for (const id of actionIds()) await asAdmin(browser, '/manage/actions?/remove', { actionId: String(id) });
		await asAdmin(browser, '/manage/settings?/publicPage', { on: '0' });
	});

	for (const language of ['en', 'es'] as const) {
		test(`passes all three engines in ${language === 'en' ? 'English' : 'Spanish'}, with dates and names in the reader’s language`, async ({
			page
		}) => {
			await checkState(
				page,
				{ name: 'the public page', status: 200, reach: (tab) => tab.goto(withLanguage('/you-said-we-did', language)) },
				language
			);
			const english = language === 'en';
			await expect(page.getByRole('listitem').filter({ hasText: english ? 'Peer workers' : 'personal de pares' })).toContainText(
				english ? 'November 1, 2026' : '1 de noviembre de 2026'
			);
			// The last closed round, whichever that is by now (other tests close rounds of their own).
			const last = readDatabase((database) =>
				database.prepare("SELECT name, name_es FROM rounds WHERE status = 'closed' ORDER BY closed_at DESC, id DESC LIMIT 1").get()
			) as { name: string; name_es: string | null };
			await expect(
				page.getByRole('heading', {
					level: 2,
					name: english ? `What people said in ${last.name}` : `Lo que dijo la gente en ${last.name_es ?? last.name}`
				})
			).toBeVisible();
			await expect(
				page.getByRole('table', {
					name: english ? /How many said “often” or “always”/ : /Cuántas dijeron “casi siempre” o “siempre”/
				})
			).toBeVisible();
			// Each figure says how many it rests on and which answers it counts, as those answers read on the survey; a hidden one
			// says only that it is not shown (the last closed round may be one other tests closed with few answers).
			const cells = page.getByRole('table', { name: english ? /How many said/ : /Cuántas dijeron/ }).locator('td');
			expect(await cells.count()).toBeGreaterThan(10);
			const hiddenWords = english
				? 'Not shown: too few answers, or it could show a small group'
				: 'No se muestra: hay pocas respuestas, o se vería un grupo chico';
			for (const cell of await cells.all()) {
				const text = (await cell.textContent())!.trim();
				if (text === hiddenWords) continue;
				expect(text).toMatch(
					english
						? /^\d+ of the \d+ people who answered \(\d+%\) said (“often” or “always”|“agree” or “agree a lot”)$/
						: /^\d+ de las \d+ personas que contestaron \(\d+ %\) dij(o|eron) (“casi siempre” o “siempre”|“de acuerdo” o “muy de acuerdo”)$/
				);
				const [favourable, answered, percent] = (text.match(/\d+/g) ?? []).map(Number);
				expect(Math.round((100 * favourable) / answered)).toBe(percent);
			}
			const englishOnly = page.getByRole('listitem').filter({ hasText: 'The waiting room has new chairs.' });
			if (english) await expect(englishOnly).not.toContainText('Only in English');
			else {
				// Said to be English only, in Spanish, and marked as English for a screen reader.
				await expect(englishOnly).toContainText('Solo en inglés:');
				await expect(englishOnly.locator('[lang="en"]')).toHaveText('The waiting room has new chairs.');
			}
		});
	}

	test('in Spanish at 320 pixels with WCAG text spacing, no table pushes the page sideways', async ({ browser }) => {
		// The spacing is the reader's own style sheet, which the page's content security policy does not govern.
		const context = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
		const page = await context.newPage();
		await page.goto('/you-said-we-did?lang=es');
		// WCAG 1.4.12: line height 1.5, paragraphs 2, letters 0.12 and words 0.16 times the font size.
		await page.addStyleTag({
			content:
				'* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }'
		});
		const tables = page.locator('main table');
		expect(await tables.count()).toBeGreaterThan(1);
		const overflowing = await tables.evaluateAll((found) =>
			found
				.filter((table) => table.scrollWidth > table.clientWidth || table.getBoundingClientRect().right > 320)
				.map((table) => table.outerHTML.slice(0, 80))
		);
		expect(overflowing).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
		// A change written in English only says so in its heading too, and an empty cell says why.
		await expect(page.getByRole('heading', { level: 3, name: /Solo en inglés: The waiting room has new chairs\./ })).toBeVisible();
		await expect(page.locator('table.worked td:empty')).toHaveCount(0);
		await context.close();
	});

	test('the Spanish thank-you links to it while it is on', async ({ page }) => {
		await answerAndSend(page, withLanguage(surveyPath('consumer', 'open', 'Counseling program'), 'es'));
		await expect(page).toHaveURL(/\/thanks\?sent=[a-z2-7]{32}&lang=es$/);
		const link = page.getByRole('link', { name: 'Ustedes dijeron, nosotros hicimos' });
		await expect(link).toHaveAttribute('href', '/you-said-we-did?lang=es');
		await link.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ustedes dijeron, nosotros hicimos');
	});
});

test('a thank-you says nothing of the public page while it is off', async ({ page }) => {
	await answerAndSend(page, withLanguage(surveyPath('consumer', 'open', 'Counseling program'), 'es'));
	await expect(page.getByRole('heading', { level: 1, name: 'Gracias' })).toBeVisible();
	await expect(page.locator('main')).not.toContainText('Ustedes dijeron');
	await expect(page.getByRole('link', { name: /Ustedes dijeron/ })).toHaveCount(0);
});

test.describe('the checks themselves', () => {
	test('find English on an English page, and on a Spanish page only where it is not marked as English', async ({ page }) => {
		// The English page as the audit found others: English words under lang="es".
		await page.goto(surveyPath('consumer'));
		await page.evaluate(() => document.documentElement.setAttribute('lang', 'es'));
		expect((await englishOnPage(page)).length).toBeGreaterThan(40);

		await page.goto(withLanguage(surveyPath('consumer'), 'es'));
		await page.waitForLoadState('networkidle');
		expect(await englishOnPage(page)).toEqual([]);
		await page.evaluate(() => {
			const main = document.querySelector('main')!;
			main.insertAdjacentHTML('beforeend', '<p>Staff really listen to me.</p><p lang="en">Drop-in center</p>');
			main.querySelector('button')!.setAttribute('aria-label', 'Send your answers');
		});
		const found = await englishOnPage(page);
		expect(found).toContain('“Staff really listen to me” in “Staff really listen to me.”');
		expect(found).toContain('“your” in “Send your answers”');
		expect(found.filter((finding) => finding.includes('Drop-in center'))).toEqual([]);
	});

	test('IBM Equal Access reports a field with no label, an image with no text and a label after its field', async ({ page }) => {
		await page.goto(surveyPath('consumer'));
		await page.waitForLoadState('networkidle');
		expect(await ibmEqualAccessViolations(page)).toEqual([]);
		await page.evaluate(() =>
			document
				.querySelector('main')!
				.insertAdjacentHTML(
					'beforeend',
					'<input type="text" name="unlabelled"><img src="/favicon.svg"><input type="text" id="planted"><label for="planted">Planted</label>'
				)
		);
		const violations = await ibmEqualAccessViolations(page);
		expect(violations.some((violation) => violation.startsWith('input_label_exists:') && violation.includes('unlabelled'))).toBe(true);
		expect(violations.some((violation) => violation.startsWith('img_alt_valid:'))).toBe(true);
		expect(violations.some((violation) => violation.startsWith('input_label_before:') && violation.includes('planted'))).toBe(true);
	});

	test('HTML_CodeSniffer reports a field with no label and an image with no text', async ({ page }) => {
		await page.goto(surveyPath('consumer'));
		// Added once the page's script has run, so hydration can't take the additions away again.
		await page.waitForLoadState('networkidle');
		expect(await htmlCodeSnifferErrors(page)).toEqual([]);
		await page.evaluate(() =>
			document.querySelector('main')!.insertAdjacentHTML('beforeend', '<input type="text" name="unlabelled"><img src="/favicon.svg">')
		);
		const errors = await htmlCodeSnifferErrors(page);
		expect(errors.some((error) => error.startsWith('WCAG2AA.Principle1.Guideline1_1.1_1_1.H37'))).toBe(true);
		expect(errors.some((error) => error.includes('unlabelled'))).toBe(true);
	});
});
