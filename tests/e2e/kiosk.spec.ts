/**
 * A shared tablet in kiosk mode, on a small phone's width: nobody loses answers they did not know
 * were at risk, and the thank-you stays long enough to read. `?idle=5` makes the form warn after
 * 5 seconds instead of 90; the warning itself always gives 20 seconds (WCAG 2.2.1).
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, surveyPath } from './fixtures';

test.use({ viewport: { width: 320, height: 640 } });

const IDLE = 5;
const WARNING = 20;
const THANKS = 30;

const kioskPath = () => `/kiosk/${surveyPath('consumer', 'open', 'Counseling program').split('/').at(-1)}?idle=${IDLE}`;
const warning = (page: Page) => page.getByRole('alertdialog', { name: 'Are you still there?' });
const firstQuestion = (page: Page) => page.getByRole('group', { name: 'Staff see me as a person, not a case.' });
const lastQuestion = (page: Page) => page.getByRole('group').last();

async function startAnswering(page: Page) {
	await page.goto(kioskPath());
	// The idle watch starts once the page's script runs.
	await page.waitForLoadState('networkidle');
	await firstQuestion(page).getByLabel('Often').check();
}

/** Whether the element lies wholly inside the viewport, where the person is looking. */
async function inView(page: Page, locator: ReturnType<Page['locator']>): Promise<boolean> {
	const box = await locator.boundingBox();
	const viewport = page.viewportSize()!;
	return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width;
}

/** What assistive technology is given to say: the warning's own accessible tree and every live region's text. */
async function announced(page: Page): Promise<string> {
	const live = await page
		.locator('[aria-live], [role=alert], [role=status], [role=log], [role=timer], [role=marquee]')
		.evaluateAll((regions) => regions.map((region) => (region as HTMLElement).innerText));
	return `${await warning(page).ariaSnapshot()}\n${live.join('\n')}`;
}

test('a person scrolled to the last question sees the warning where they are, and keeps their answers', async ({ page }) => {
	await startAnswering(page);
	await lastQuestion(page).scrollIntoViewIfNeeded();
	const scrolledTo = await page.evaluate(() => window.scrollY);
	expect(scrolledTo).toBeGreaterThan(2000);

	await expect(warning(page)).toBeVisible({ timeout: (IDLE + 5) * 1000 });
	expect(await inView(page, warning(page))).toBe(true);
	const stillHere = page.getByRole('button', { name: 'I’m still here' });
	await expect(stillHere).toBeFocused();
	expect((await stillHere.boundingBox())!.height).toBeGreaterThanOrEqual(56);
	// The words name no number: the number beside them counts down.
	await expect(warning(page)).toHaveAccessibleDescription(
		'To keep your answers private, this form will clear when the count below gets to 0.'
	);
	await expectAccessible(page);

	await stillHere.click();
	await expect(warning(page)).toBeHidden();
	await expect(firstQuestion(page).getByLabel('Often')).toBeChecked();
	expect(await page.evaluate(() => window.scrollY)).toBe(scrolledTo);
	expect(await inView(page, lastQuestion(page))).toBe(true);
});

test('the warning is announced once: what a screen reader is given does not change as it counts down', async ({ page }) => {
	await startAnswering(page);
	await expect(warning(page)).toBeVisible({ timeout: (IDLE + 5) * 1000 });
	const countdown = page.locator('.kiosk-warning .countdown');
	const [firstCount, firstAnnounced] = [await countdown.innerText(), await announced(page)];
	await page.waitForTimeout(3000);
	// The big number is for the eyes; it moves, while what is announced stays the same.
	expect(Number(await countdown.innerText())).toBeLessThan(Number(firstCount));
	expect(await announced(page)).toBe(firstAnnounced);
	expect(firstAnnounced).not.toMatch(/\b1\d\b/);
	await expect(page.getByRole('alert')).toHaveCount(0);

	// Escape, like the button, keeps the answers.
	await page.keyboard.press('Escape');
	await expect(warning(page)).toBeHidden();
	await expect(firstQuestion(page).getByLabel('Often')).toBeChecked();
});

test('nothing is cleared while the person keeps scrolling, and a scroll also answers the warning', async ({ page }) => {
	test.setTimeout(120_000);
	await startAnswering(page);
	// Longer than the idle time and the warning together, scrolling a little every two seconds.
	const until = Date.now() + (IDLE + WARNING + 5) * 1000;
	for (let step = 0; Date.now() < until; step++) {
		await page.mouse.move(160, 320);
		await page.mouse.wheel(0, step % 6 < 3 ? 200 : -150);
		await page.waitForTimeout(2000);
		await expect(warning(page)).toBeHidden();
	}
	await expect(firstQuestion(page).getByLabel('Often')).toBeChecked();

	await expect(warning(page)).toBeVisible({ timeout: (IDLE + 5) * 1000 });
	await page.mouse.wheel(0, 200);
	await expect(warning(page)).toBeHidden();
	await expect(firstQuestion(page).getByLabel('Often')).toBeChecked();
});

test('left alone after the warning, the form clears itself', async ({ page }) => {
	test.setTimeout(90_000);
	await startAnswering(page);
	await expect(warning(page)).toBeVisible({ timeout: (IDLE + 5) * 1000 });
	// Not before the 20 seconds the warning promised.
	await page.waitForTimeout((WARNING - 3) * 1000);
	await expect(firstQuestion(page).getByLabel('Often')).toBeChecked();
	await expect(page.locator('input[type=radio]:checked')).toHaveCount(0, { timeout: 10_000 });
	await expect(warning(page)).toBeHidden();
});

test('the thank-you stays while someone touches it, offers a new survey, then goes back by itself', async ({ page }) => {
	test.setTimeout(150_000);
	await startAnswering(page);
	await page.getByRole('button', { name: 'Send my answers' }).click();
	const thanks = page.getByRole('heading', { level: 1, name: 'Thank you' });
	await expect(thanks).toBeVisible();
	await expect(page.getByRole('link', { name: 'Start a new survey' })).toBeVisible();
	await expectAccessible(page);

	// At least 20 seconds for a slow reader, untouched.
	await page.waitForTimeout(21_000);
	await expect(thanks).toBeVisible();
	// Past the 30 seconds it stays untouched, because someone keeps touching it.
	for (let i = 0; i < 5; i++) {
		await thanks.click();
		await page.waitForTimeout(5000);
	}
	await expect(thanks).toBeVisible();

	// Left alone, it goes back to a blank form.
	await expect(firstQuestion(page)).toBeVisible({ timeout: (THANKS + 5) * 1000 });
	await expect(page.locator('input[type=radio]:checked')).toHaveCount(0);
	await expect(thanks).toHaveCount(0);
});

test('a refused answer off the scale is named, first on the page and in its title, and no longer checked', async ({ page }) => {
	await startAnswering(page);
	// A choice the survey never offered, as a page changed by hand sends it.
	const tampered = page.getByRole('group', { name: 'Staff are patient with me.' }).getByLabel('Always');
	await tampered.evaluate((radio: HTMLInputElement) => (radio.value = '9'));
	await tampered.check();
	await page.getByRole('button', { name: 'Send my answers' }).click();
	const alert = page.getByRole('alert');
	await expect(alert).toContainText(/Your answer to question \d+, “Staff are patient with me\.”, was not one of the choices\./);
	await expect(alert).toBeFocused();
	await expect(alert).toBeInViewport({ ratio: 1 });
	await expect(page).toHaveTitle(/^Your answers were not sent · /);
	await expect(tampered).not.toBeChecked();
	await expect(firstQuestion(page).getByLabel('Often')).toBeChecked();
	await expectAccessible(page);
});
