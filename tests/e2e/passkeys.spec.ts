/**
 * Passkeys and security keys in a real browser, on a demo server of its own, with Chromium's
 * virtual authenticator (the DevTools protocol's WebAuthn domain) standing in for a phone or a
 * key: one is added under a name, signs in after the password, confirms a sensitive action, and
 * is removed. Without JavaScript, and at a plain-HTTP address that is not this computer's own,
 * the pages say why passkeys are missing, and the authenticator app is still offered. Every new
 * form refuses a post from another origin.
 */
import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { demoAdmin } from './fixtures';
import { expectPageChecks } from './page-checks';
import { readDatabaseFile, startServer, type ServerProcess } from './server-process';

const PORT = 4191;
/** Browsers make passkeys for a name (here localhost), never for a number address such as 127.0.0.1. */
const ORIGIN = `http://localhost:${PORT}`;
/** The same server under another name, as a tablet on the Wi-Fi reaches a laptop: plain HTTP, and not this computer's. */
const TABLET = `http://tablet.lan:${PORT}`;

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let server: ServerProcess;

test.beforeAll(async () => {
	test.setTimeout(90_000);
	server = await startServer({ port: PORT, demo: true, env: { ORIGIN } });
});

test.afterAll(async () => {
	await server?.stop();
});

/** A browser with a virtual authenticator that holds keys, and a touch and PIN always given. */
async function withAuthenticator(browser: Browser, javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ baseURL: ORIGIN, javaScriptEnabled });
	const page = await context.newPage();
	if (javaScriptEnabled) {
		const cdp = await context.newCDPSession(page);
		await cdp.send('WebAuthn.enable');
		await cdp.send('WebAuthn.addVirtualAuthenticator', {
			options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true }
		});
	}
	return { context, page };
}

async function typePassword(page: Page): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('Username').fill(demoAdmin.username);
	await page.getByLabel('Password').fill(demoAdmin.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname !== '/login');
}

const storedPasskeys = () =>
	readDatabaseFile(server.databaseFile, (database) =>
		database
			.prepare('SELECT passkeys.name, passkeys.sign_count FROM passkeys JOIN users ON users.id = passkeys.user_id WHERE users.username = ?')
			.all(demoAdmin.username)
	) as { name: string; sign_count: number }[];

const passkeyMissing = /Passkeys and security keys need JavaScript|not offered here|does not offer passkeys|work only at/;

test('a passkey is added under its name, signs in after the password, confirms a sensitive action, and is removed', async ({ browser }) => {
	const { context, page } = await withAuthenticator(browser);
	await typePassword(page);
	await expect(page).toHaveURL(/\/manage$/);

	// The password page shares the code form: a refusal shows beside its field.
	await page.goto('/manage/password');
	await page.getByLabel('Current password').fill('not the password');
	await page.getByLabel('New password', { exact: true }).fill('a new walk along the harbour');
	await page.getByLabel('New password again').fill('a new walk along the harbour');
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(page.locator('form').getByRole('alert')).toHaveText('Your current password is not right.');
	await expect(page.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
	await expectPageChecks(page);

	await page.goto('/manage/security');
	await expect(page.getByText('No passkeys or security keys yet.')).toBeVisible();
	await expect(page.getByText(passkeyMissing)).toHaveCount(0);
	await expectPageChecks(page);

	await page.getByLabel('Name for this passkey or key').fill('Work laptop');
	await page.getByRole('button', { name: 'Add a passkey or security key' }).click();
	await expect(page.getByText('The passkey “Work laptop” is added.')).toBeVisible();
	// The account's first second factor brings its recovery code, shown once.
	await expect(page.locator('.recovery-code .code')).toHaveText(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
	await expect(page.getByRole('button', { name: 'Remove Work laptop' })).toBeVisible();
	expect(storedPasskeys()).toEqual([{ name: 'Work laptop', sign_count: expect.any(Number) }]);
	await expectPageChecks(page);

	// Signing in again: the password, then the passkey.
	await page.getByRole('button', { name: 'Sign out' }).click();
	await typePassword(page);
	await expect(page).toHaveURL(/\/login\/second-factor/);
	await expect(page.getByRole('button', { name: 'Use a passkey or security key' })).toBeVisible();
	await expectPageChecks(page);
	await page.goto('/manage/results');
	await expect(page).toHaveURL(/\/login\/second-factor\?redirectTo=%2Fmanage%2Fresults$/);
	await page.getByRole('button', { name: 'Use a passkey or security key' }).click();
	await expect(page).toHaveURL(/\/manage\/results$/);
	const [{ sign_count: counted }] = storedPasskeys();

	// A sensitive action's "confirm it is you" takes the passkey too.
	await page.goto('/manage/confirm?redirectTo=%2Fmanage%2Faccounts');
	await expectPageChecks(page);
	await page.getByRole('button', { name: 'Confirm with a passkey or security key' }).click();
	await expect(page).toHaveURL(/\/manage\/accounts$/);
	await expect(page.getByRole('cell', { name: '1 passkey', exact: true })).toBeVisible();
	// The virtual authenticator counts its signatures: each use moved the counter on.
	expect(storedPasskeys()[0].sign_count).toBeGreaterThan(counted);

	await page.goto('/manage/security');
	await page.getByRole('button', { name: 'Remove Work laptop' }).click();
	await expect(page.getByText('The passkey “Work laptop” is removed.')).toBeVisible();
	await expect(page.getByText('No passkeys or security keys yet.')).toBeVisible();
	expect(storedPasskeys()).toEqual([]);
	await context.close();
});

test('the same key is not added twice; every new form refuses a post from another origin, and changes nothing', async ({ browser }) => {
	const { context, page } = await withAuthenticator(browser);
	await typePassword(page);
	await page.goto('/manage/security');
	await page.getByLabel('Name for this passkey or key').fill('Spare key');
	await page.getByRole('button', { name: 'Add a passkey or security key' }).click();
	await expect(page.getByText('The passkey “Spare key” is added.')).toBeVisible();
	const passkeyId = await page.locator('input[name="passkeyId"]').inputValue();
	// The same authenticator again: the browser itself says it holds one of this account's keys already.
	await page.getByLabel('Name for this passkey or key').fill('Spare key again');
	await page.getByRole('button', { name: 'Add a passkey or security key' }).click();
	await expect(page.getByRole('alert')).toContainText('That passkey or security key is already added to your account.');
	await expect(page.getByLabel('Name for this passkey or key')).toHaveValue('Spare key again');

	const forms: [path: string, fields: Record<string, string>][] = [
		['/manage/security?/passkeyChallenge', {}],
		['/manage/security?/addPasskey', { passkeyName: 'Forged key', attestationObject: 'AAAA', clientDataJSON: 'AAAA' }],
		['/manage/security?/removePasskey', { passkeyId }],
		['/manage/confirm?/passkeyChallenge', {}],
		['/manage/confirm?/passkey', { credentialId: passkeyId, authenticatorData: 'AAAA', clientDataJSON: 'AAAA', signature: 'AAAA' }],
		['/login/second-factor?/passkeyChallenge', {}],
		['/login/second-factor?/passkey', { credentialId: passkeyId, authenticatorData: 'AAAA', clientDataJSON: 'AAAA', signature: 'AAAA' }]
	];
	for (const [path, fields] of forms) {
		for (const origin of ['https://elsewhere.example', 'null', `http://127.0.0.1:${PORT}`]) {
			for (const multipart of [false, true]) {
				const response = await context.request.post(path, {
					...(multipart ? { multipart: fields } : { form: fields }),
					headers: { origin, accept: 'application/json' },
					maxRedirects: 0
				});
				expect(response.status(), `${path} from ${origin}`).toBe(403);
				expect(await response.text()).not.toContain('challenge');
			}
		}
	}
	expect(storedPasskeys().map((passkey) => passkey.name)).toEqual(['Spare key']);
	// The same removal from this site is taken, so the refusals above were for the origin alone.
	const removed = await context.request.post('/manage/security?/removePasskey', {
		form: { passkeyId },
		headers: { origin: ORIGIN, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(removed.status()).toBe(200);
	expect(storedPasskeys()).toEqual([]);
	await context.close();
});

test('without JavaScript the pages say passkeys need it, and the authenticator app is offered', async ({ browser }) => {
	const { context, page } = await withAuthenticator(browser, false);
	await typePassword(page);
	await page.goto('/manage/security');
	await expect(page.getByText('Passkeys and security keys need JavaScript, which has not run on this page.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Add a passkey or security key' })).toHaveCount(0);
	await expect(page.getByLabel('Code from the app')).toBeVisible();
	await context.close();
});

test('at a plain-HTTP address that is not this computer, the page says why passkeys are missing, and the app still works', async () => {
	const launch = test.info().project.use.launchOptions ?? {};
	const tabletBrowser = await chromium.launch({
		...launch,
		args: [...(launch.args ?? []), '--host-resolver-rules=MAP tablet.lan 127.0.0.1']
	});
	try {
		const page = await (await tabletBrowser.newContext({ baseURL: TABLET })).newPage();
		await typePassword(page);
		await expect(page).toHaveURL(`${TABLET}/manage`);
		await page.goto('/manage/security');
		await expect(page.getByText(`this page was opened at a plain http:// address (${TABLET})`)).toBeVisible();
		await expect(page.getByRole('button', { name: 'Add a passkey or security key' })).toHaveCount(0);
		await expect(page.getByLabel('Code from the app')).toBeVisible();
		await expectPageChecks(page);
	} finally {
		await tabletBrowser.close();
	}
});
