/**
 * A staff member's reflection is shown once, on a page of its own reached by a redirect: the
 * next person on a shared computer, pressing Back, Reload or Forward, sends nothing again and
 * sees nothing of it, with JavaScript on and off.
 */
import { expect, test, type Page } from '@playwright/test';
import { REFLECTION_NOTE_MAX_LENGTH } from '../../src/lib/limits';
import { countResponses, expectAccessible, surveyPath, watchCookies } from './fixtures';

const question = (page: Page, text: string | RegExp) => page.getByRole('group', { name: text });

const staffTitle = 'Harm-reduction practice: a self-reflection';
/** A prompt shown only beside an answer in a reflection, never on the form. */
const reflectionPrompt = "Don't get caught in a client's urgency";

/** Every answer to a reflection address (the page, or its data with JavaScript on): headers and all. */
function watchReflectionAnswers(page: Page): { url: string; cacheControl: string | undefined; setCookie: string | undefined }[] {
	const seen: { url: string; cacheControl: string | undefined; setCookie: string | undefined }[] = [];
	page.on('response', (response) => {
		if (!new URL(response.url()).pathname.includes('/reflection')) return;
		const headers = response.headers();
		seen.push({ url: response.url(), cacheControl: headers['cache-control'], setCookie: headers['set-cookie'] });
	});
	return seen;
}

/** The first person: answers two questions, sends, and reads their reflection. Answers its address. */
async function sendAndReadReflection(page: Page, path: string): Promise<string> {
	await page.goto(path);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(staffTitle);
	// With JavaScript on, wait for the scripts, so the form is sent in place and the redirect followed by them.
	await page.waitForLoadState('networkidle');
	await question(page, /I have oodles of patience/)
		.getByLabel('Sometimes')
		.check();
	await question(page, /I listen, and listen, and listen some more/)
		.getByLabel('Always')
		.check();
	await page.getByRole('button', { name: 'Send my answers' }).click();

	await expect(page).toHaveURL(new RegExp(`${path}/reflection\\?view=[a-z2-7]{32}$`));
	await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Your reflection' })).toBeVisible();
	await expect(page.locator('li').filter({ hasText: 'I have oodles of patience' })).toContainText('Your answer: Sometimes');
	await expect(page.locator('li').filter({ hasText: 'I listen, and listen, and listen some more' })).toContainText('Your answer: Always');
	await expect(page.getByText(reflectionPrompt)).toBeVisible();
	return page.url();
}

/** Nothing of the first person's reflection is on the screen. */
async function expectNoReflection(page: Page) {
	await expect(page.getByText('Your reflection', { exact: true })).toHaveCount(0);
	await expect(page.getByText(/Your answer:/)).toHaveCount(0);
	await expect(page.getByText(reflectionPrompt)).toHaveCount(0);
}

/** The reflection's address, once shown: a plain page saying it is gone, and a way back to the survey. */
async function expectGone(page: Page, path: string) {
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your reflection is gone');
	await expect(page.getByText('Your reflection was shown once, and now it is gone.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Go to the start of the survey' })).toHaveAttribute('href', path);
	await expectNoReflection(page);
}

/** The blank survey form, with nothing of the first person's on it. */
async function expectBlankForm(page: Page, path: string) {
	await expect(page).toHaveURL(new RegExp(`${path}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(staffTitle);
	await expect(page.locator('input[type=radio]:checked')).toHaveCount(0);
	await expectNoReflection(page);
}

/**
 * What the next person on the computer does: Back and Forward, then Back, Reload and Forward,
 * then Reload the reflection's address. One response stored, and the reflection never again.
 */
async function actAsTheNextPerson(page: Page, path: string, reflectionUrl: string, stored: number) {
	await page.goBack();
	await expectBlankForm(page, path);
	await page.goForward();
	await expect(page).toHaveURL(reflectionUrl);
	await expectGone(page, path);

	await page.goBack();
	await expectBlankForm(page, path);
	await page.reload();
	await expectBlankForm(page, path);
	expect(countResponses(path)).toBe(stored);

	await page.goForward();
	await expect(page).toHaveURL(reflectionUrl);
	await expectGone(page, path);
	await page.reload();
	await expectGone(page, path);
	expect(countResponses(path)).toBe(stored);
}

for (const javaScriptEnabled of [false, true]) {
	test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled });

		test('a staff member’s reflection is shown once, and the next person can’t bring it back or send it again', async ({
			page,
			browser
		}) => {
			const path = surveyPath('staff', 'open', 'Counseling program');
			const cookies = watchCookies(page);
			const answers = watchReflectionAnswers(page);
			const requests: string[] = [];
			page.on('request', (request) => requests.push(request.url()));
			const before = countResponses(path);

			const reflectionUrl = await sendAndReadReflection(page, path);
			expect(countResponses(path)).toBe(before + 1);
			// With scripts or without, the survey page (which has no SvelteKit client) follows the
			// redirect by loading the reflection as a page of its own, once.
			expect(requests.filter((url) => new URL(url).pathname.startsWith(`${path}/reflection`))).toHaveLength(1);
			// axe runs inside the page, so it checks the pages with JavaScript on.
			if (javaScriptEnabled) await expectAccessible(page);

			await actAsTheNextPerson(page, path, reflectionUrl, before + 1);
			if (javaScriptEnabled) await expectAccessible(page);

			// The address copied elsewhere shows nothing either.
			const elsewhere = await browser.newContext({ javaScriptEnabled });
			const copied = await elsewhere.newPage();
			await copied.goto(reflectionUrl);
			await expectGone(copied, path);
			await elsewhere.close();

			expect(countResponses(path)).toBe(before + 1);
			// Never cached, no cookies: nothing on the computer keeps a copy.
			expect(answers.length).toBeGreaterThanOrEqual(3);
			for (const answer of answers) {
				expect(answer.cacheControl, answer.url).toMatch(/(^|[ ,])no-store($|[ ,])/);
				expect(answer.setCookie, answer.url).toBeUndefined();
			}
			expect(cookies).toEqual([]);
			expect(await page.context().cookies()).toEqual([]);
		});
	});
}

test('in Spanish, the reflection and the page saying it is gone speak Spanish and pass axe', async ({ page }) => {
	const path = surveyPath('staff');
	const before = countResponses(path, "language = 'es'");
	await page.goto(`${path}?lang=es`);
	await page.waitForLoadState('networkidle');
	await question(page, /Tengo paciencia a montones/)
		.getByLabel('A veces')
		.check();
	await page.getByRole('button', { name: 'Enviar mis respuestas' }).click();

	await expect(page).toHaveURL(new RegExp(`${path}/reflection\\?view=[a-z2-7]{32}&lang=es$`));
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.getByRole('heading', { name: 'Su reflexión', exact: true })).toBeVisible();
	await expect(page.locator('li').filter({ hasText: 'Tengo paciencia a montones' })).toContainText('Su respuesta: A veces');
	await expectAccessible(page);
	expect(countResponses(path, "language = 'es'")).toBe(before + 1);

	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Su reflexión ya no está');
	await expect(page.getByText('Su reflexión se mostró una vez y ya no está.')).toBeVisible();
	await expect(page.getByText('Su respuesta:')).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Ir al inicio de la encuesta' })).toHaveAttribute('href', `${path}?lang=es`);
	await expectAccessible(page);
	expect(countResponses(path, "language = 'es'")).toBe(before + 1);
});

test('a private note too long to keep is refused in words, whole and left to shorten, never cut', async ({ page }) => {
	const path = surveyPath('staff');
	await page.goto(path);
	await page.waitForLoadState('networkidle');
	await question(page, /I have oodles of patience/)
		.getByLabel('Sometimes', { exact: true })
		.check();
	await page.getByRole('button', { name: 'Send my answers' }).click();
	await expect(page).toHaveURL(/\/reflection\?view=/);

	const note = page.getByLabel('What I want to work on (private)');
	// Pasted as one piece, as the box's own limit would have cut it: one character over.
	const long = 'Slow down at intake. '.repeat(48).slice(0, REFLECTION_NOTE_MAX_LENGTH + 1);
	expect(Array.from(long.trim()).length).toBe(REFLECTION_NOTE_MAX_LENGTH + 1);
	await note.fill(long);
	await expect(note).toHaveValue(long);
	await page.getByRole('button', { name: 'Keep on this device' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Your note is too long. It can have up to 1,000 letters and spaces. It is still here: please make it shorter, then keep or download it again.'
	);
	await expect(note).toHaveValue(long);
	await expect(note).toBeFocused();
	await expect(note).toHaveAttribute('aria-invalid', 'true');
	expect(await page.evaluate(() => localStorage.getItem('any-positive-change.reflections'))).toBeNull();
	await expectAccessible(page);

	// Shortened by one character, it is kept whole.
	await note.fill(long.slice(0, -1));
	await expect(note).not.toHaveAttribute('aria-invalid');
	await page.getByRole('button', { name: 'Keep on this device' }).click();
	await expect(page.getByRole('status')).toContainText('Kept on this device.');
	const kept = JSON.parse((await page.evaluate(() => localStorage.getItem('any-positive-change.reflections')))!);
	expect(kept.copies[0].note).toBe(long.slice(0, -1).trim());
});

test('an address with no reflection behind it, or a made-up one, shows the same plain page', async ({ page }) => {
	const path = surveyPath('staff');
	for (const address of [`${path}/reflection`, `${path}/reflection?view=abcdefghijklmnopqrstuvwxyz234567`]) {
		const response = await page.goto(address);
		expect(response?.status()).toBe(200);
		await expectGone(page, path);
	}
	const unknown = await page.goto('/s/abcdefghijklmnopqrstuvwxyz234567/reflection?view=abcdefghijklmnopqrstuvwxyz234567');
	expect(unknown?.status()).toBe(404);
});

test.describe('in a kiosk, with JavaScript off', () => {
	test.use({ javaScriptEnabled: false });

	test('a staff link thanks each person and never shows a reflection', async ({ page }) => {
		const path = surveyPath('staff', 'open', 'Counseling program');
		const before = countResponses(path);
		await page.goto(`/kiosk/${path.split('/').at(-1)}`);
		await question(page, /I have oodles of patience/)
			.getByLabel('Often')
			.check();
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
		await expectNoReflection(page);
		await expect(page.getByText('I have oodles of patience')).toHaveCount(0);
		expect(countResponses(path)).toBe(before + 1);
	});
});
