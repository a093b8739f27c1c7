import { expect, test, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoAdmin, expectAccessible, origin, readDatabase, signIn } from './fixtures';

const manager = { username: 'rosa', password: 'a garden of small steps' };

/** The demo's rounds and links, read from the database the test server runs on. */
function demoRound(status: 'open' | 'closed' | 'draft') {
	return readDatabase((database) => {
		const id = database.prepare('SELECT id FROM rounds WHERE status = ? ORDER BY id DESC LIMIT 1').pluck().get(status);
		const token = database.prepare('SELECT token FROM survey_links WHERE round_id = ? LIMIT 1').pluck().get(id);
		return { id: id as number, token: token as string };
	});
}

/** Every manage page in the source tree, with its parameters filled in from the demo data. */
function managePages(): string[] {
	const root = fileURLToPath(new URL('../../src/routes/(manage)', import.meta.url));
	const pages: string[] = [];
	const walk = (folder: string) => {
		for (const entry of readdirSync(folder)) {
			const path = join(folder, entry);
			if (statSync(path).isDirectory()) walk(path);
			else if (entry === '+page.svelte') pages.push(`/${relative(root, folder)}`);
		}
	};
	walk(root);
	const { id, token } = demoRound('open');
	return pages.map((page) => page.replace(/\[id(=\w+)?\]/, String(id)).replace('[token]', token));
}

/** Turns off the browser's own form checks, to prove the server refuses what they would catch. */
async function skipBrowserChecks(page: Page) {
	await page.locator('form').evaluateAll((forms) => forms.forEach((form) => ((form as HTMLFormElement).noValidate = true)));
}

async function addManager(page: Page) {
	await page.goto('/manage/accounts');
	await page.getByLabel('Username').fill(manager.username);
	await page.getByLabel('Role').selectOption('manager');
	await page.getByLabel('Password', { exact: true }).fill(manager.password);
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByRole('status')).toContainText(`Added ${manager.username} as manager.`);
}

test.describe.serial('signing in and out', () => {
	test('signs in with the demo sign-in, with safe cookie flags, and signs out', async ({ page }) => {
		await page.goto('/login');
		await expectAccessible(page);
		await page.getByLabel('Username').fill(demoAdmin.username);
		await page.getByLabel('Password').fill(demoAdmin.password);
		const [response] = await Promise.all([
			page.waitForResponse((answer) => answer.url().endsWith('/login') && answer.request().method() === 'POST'),
			page.getByRole('button', { name: 'Sign in' }).click()
		]);
		const cookie = (await response.headerValue('set-cookie')) ?? '';
		expect(cookie).toMatch(/^session=[a-z2-9]{32}\.[a-z2-9]{32};/);
		expect(cookie).toContain('HttpOnly');
		expect(cookie).toContain('SameSite=Lax');
		expect(cookie).toContain('Path=/');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Survey rounds');
		await expectAccessible(page);

		const sessions = () => readDatabase((database) => database.prepare('SELECT count(*) FROM sessions').pluck().get());
		const before = sessions();
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL(/\/login$/);
		expect(sessions()).toBe((before as number) - 1);
		await page.goto('/manage');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmanage$/);
	});

	test('a wrong password is refused without saying whether the user exists', async ({ page }) => {
		for (const username of [demoAdmin.username, 'nobody-by-this-name']) {
			await page.goto('/login');
			await page.getByLabel('Username').fill(username);
			await page.getByLabel('Password').fill('not the password at all');
			await page.getByRole('button', { name: 'Sign in' }).click();
			await expect(page.getByRole('alert')).toHaveText('That username and password do not match an account.');
			await expect(page.getByLabel('Username')).toHaveValue(username);
		}
		// One failure makes the next try for that username wait a second; let it pass.
		await page.waitForTimeout(1100);
	});

	test('an admin adds a manager, who can run rounds but not reach admin pages', async ({ page, request }) => {
		await signIn(page, demoAdmin.username, demoAdmin.password);
		await addManager(page);
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Sign out' }).click();

		await signIn(page, manager.username, manager.password);
		await expect(page.getByRole('link', { name: 'Accounts' })).toHaveCount(0);
		for (const path of ['/manage/accounts', '/manage/settings']) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(403);
		}
		const cookies = await page.context().cookies();
		const forged = await request.post('/manage/accounts?/add', {
			form: { username: 'sneaky', role: 'admin', password: 'long enough password' },
			headers: { origin, cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') }
		});
		expect(forged.status()).toBe(403);
		expect(readDatabase((database) => database.prepare("SELECT count(*) FROM users WHERE username = 'sneaky'").pluck().get())).toBe(0);
	});

	test('repeated failures make even the right password wait', async ({ page }) => {
		const attempt = async (password: string) => {
			await page.goto('/login');
			await page.getByLabel('Username').fill(manager.username);
			await page.getByLabel('Password').fill(password);
			await page.getByRole('button', { name: 'Sign in' }).click();
			return page.getByRole('alert');
		};
		await expect(await attempt('wrong one')).toContainText('do not match');
		await page.waitForTimeout(1200);
		await expect(await attempt('wrong two')).toContainText('do not match');
		const throttled = await attempt(manager.password);
		await expect(throttled).toContainText(/Too many tries\. Please wait \d seconds/);
		await page.waitForTimeout(2200);
		await attempt(manager.password);
		await expect(page).toHaveURL(/\/manage$/);
	});

	test('a session left idle past the timeout ends', async ({ page }) => {
		await signIn(page, demoAdmin.username, demoAdmin.password);
		readDatabase((database) => database.prepare('UPDATE sessions SET last_verified_at = last_verified_at - 9 * 3600').run(), false);
		await page.goto('/manage');
		await expect(page).toHaveURL(/\/login/);
	});
});

test.describe('the manage area refuses the signed-out', () => {
	test('every manage page sends them to sign in, and every action answers 401', async ({ request }) => {
		const pages = managePages();
		expect(pages.length).toBeGreaterThanOrEqual(8);
		for (const path of pages) {
			const page = await request.get(path, { maxRedirects: 0 });
			expect(page.status(), path).toBe(303);
			expect(page.headers().location, path).toMatch(/^\/login\?redirectTo=/);
			const action = await request.post(`${path}?/open`, { form: { token: 'x' }, headers: { origin }, maxRedirects: 0 });
			expect(action.status(), path).toBe(401);
			expect(await action.text(), path).not.toContain('survey_links');
		}
	});

	test('a cross-site form post is refused', async ({ request }) => {
		const response = await request.post('/login', {
			form: { username: demoAdmin.username, password: demoAdmin.password },
			headers: { origin: 'https://elsewhere.example' }
		});
		expect(response.status()).toBe(403);
		expect(response.headers()['set-cookie']).toBeUndefined();
	});

	test('a signed-in manager opening a survey or kiosk gets no cookie from it', async ({ page }) => {
		await signIn(page, demoAdmin.username, demoAdmin.password);
		const { token } = demoRound('open');
		for (const path of [`/s/${token}`, `/kiosk/${token}`]) {
			const response = await page.goto(path);
			expect(await response?.headerValue('set-cookie'), path).toBeNull();
		}
	});

	test('every page carries the security headers', async ({ request }) => {
		const { token } = demoRound('open');
		for (const path of ['/login', `/s/${token}`, '/about', `/kiosk/${token}`]) {
			const headers = (await request.get(path)).headers();
			expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
			expect(headers['content-security-policy'], path).toContain("default-src 'self'");
			expect(headers['x-content-type-options'], path).toBe('nosniff');
			expect(headers['referrer-policy'], path).toBe('same-origin');
			expect(headers['x-frame-options'], path).toBe('DENY');
		}
	});
});

test('the first admin is created once, from the link the server prints at first start', async ({ page }) => {
	const folder = mkdtempSync(join(tmpdir(), 'apc-setup-'));
	const port = 4175;
	const server = spawn('node', ['build/index.js'], {
		cwd: fileURLToPath(new URL('../..', import.meta.url)),
		env: {
			...process.env,
			DEMO: '',
			DATABASE_PATH: join(folder, 'app.sqlite'),
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: `http://127.0.0.1:${port}`
		}
	});
	try {
		const link = await new Promise<string>((resolve, reject) => {
			let output = '';
			server.stdout.on('data', (chunk) => {
				output += chunk;
				const found = /(http:\/\/\S+\/setup\?token=[a-z2-7]+)/.exec(output);
				if (found && output.includes('Listening')) resolve(found[1]);
			});
			server.on('exit', () => reject(new Error(`server stopped: ${output}`)));
		});
		await page.goto(link);
		await expectAccessible(page);
		await page.getByLabel('Username').fill('first-admin');
		await page.getByLabel('Password', { exact: true }).fill('the first of many');
		await page.getByLabel('Password again').fill('the first of many');
		await page.getByRole('button', { name: 'Create admin and sign in' }).click();
		// An admin can read everything, so the first thing after signing in is setting up a second factor.
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Security');
		await expect(page.getByText('Before you go on, set up a second factor')).toBeVisible();
		await expect(page.getByText('Signed in as first-admin (admin)')).toBeVisible();

		expect((await page.goto(link))?.status()).toBe(404);
		expect((await page.goto(`http://127.0.0.1:${port}/setup`))?.status()).toBe(404);
	} finally {
		server.kill();
	}
});

test.describe.serial('a manager runs a round from draft to closed', () => {
	let roundPath = '';
	let surveyUrl = '';

	test('creates and opens a round, and sees live counts only', async ({ page }) => {
		await signIn(page, demoAdmin.username, demoAdmin.password);
		await page.getByRole('link', { name: 'New round' }).click();
		await expectAccessible(page);
		await skipBrowserChecks(page);
		await page.getByRole('button', { name: 'Create round' }).click();
		await expect(page.getByRole('alert')).toContainText('Give the round a name');
		await page.getByLabel('Name', { exact: true }).fill('Test round');
		await page.getByLabel('Name in Spanish (optional)').fill('Ronda de prueba');
		await page.getByLabel('Counseling program').uncheck();
		await page.getByRole('button', { name: 'Create round' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Test round');
		roundPath = new URL(page.url()).pathname;
		const stored = readDatabase((database) => database.prepare("SELECT name_es FROM rounds WHERE name = 'Test round'").pluck().get());
		expect(stored).toBe('Ronda de prueba');
		await expect(page.getByText('Draft: not open yet')).toBeVisible();
		await page.getByRole('button', { name: 'Open the round' }).click();
		await expect(page.getByText('Open: taking answers')).toBeVisible();
		await expect(page.getByRole('cell', { name: 'Consumers · Drop-in center' })).toBeVisible();
		await expect(page.getByText('Counseling program')).toHaveCount(0);
		await expectAccessible(page);

		const link = page.getByLabel('Survey link').last();
		surveyUrl = await link.inputValue();
		expect(surveyUrl.startsWith(`${origin}/s/`)).toBe(true);
		expect(surveyUrl.slice(origin.length)).toMatch(/^\/s\/[a-z2-7]{32}$/);
	});

	test('shares a poster with a QR code', async ({ page }) => {
		await signIn(page, demoAdmin.username, demoAdmin.password);
		await page.goto(roundPath);
		await page.getByRole('link', { name: 'Poster with QR code' }).last().click();
		await expect(page.getByRole('img', { name: 'QR code for the survey' })).toBeVisible();
		await expect(page.getByText(surveyUrl)).toBeVisible();
		await expectAccessible(page);
	});

	test('prints a paper form and enters a collected one, stored as paper', async ({ page }) => {
		await signIn(page, demoAdmin.username, demoAdmin.password);
		await page.goto(roundPath);
		await page.getByRole('link', { name: 'English' }).last().click();
		await expect(page.getByRole('rowheader', { name: /Staff really listen to me/ })).toBeVisible();
		await expectAccessible(page);

		await page.goto(roundPath);
		await page.getByRole('link', { name: 'Enter collected paper forms' }).last().click();
		await page.getByRole('group', { name: 'Staff really listen to me.' }).getByLabel('Sometimes').check();
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page.getByRole('status')).toContainText('Saved.');
		await expect(page.getByRole('group', { name: 'Staff really listen to me.' }).getByLabel('Sometimes')).not.toBeChecked();
		const token = surveyUrl.split('/').at(-1);
		const paper = readDatabase((database) =>
			database
				.prepare(
					`SELECT count(*) FROM responses JOIN survey_links ON survey_links.round_id = responses.round_id
					   AND survey_links.audience = responses.audience AND survey_links.program_id IS responses.program_id
					 WHERE survey_links.token = ? AND responses.channel = 'paper'`
				)
				.pluck()
				.get(token)
		);
		expect(paper).toBe(1);
	});

	test('switches the link to single-use codes; a code works once', async ({ page }) => {
		await signIn(page, demoAdmin.username, demoAdmin.password);
		await page.goto(roundPath);
		const share = page.getByRole('region', { name: 'Consumers · Drop-in center' });
		await share.getByLabel('Only with a single-use code from a printed slip').check();
		await share.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('status')).toContainText('now asks for a single-use code');
		await share.getByLabel('How many new codes').fill('3');
		await share.getByRole('button', { name: 'Make codes and print slips' }).click();
		const codes = page.locator('.slip .code');
		await expect(codes).toHaveCount(3);
		await expect(page.getByText('Print these 3 new slips now.')).toBeVisible();
		await expect(page.getByText("lost slips can't be printed again, so make new ones instead")).toBeVisible();
		await expectAccessible(page);
		const printed = await codes.allTextContents();
		const code = printed[0];
		const slipsPath = new URL(page.url()).pathname;
		expect(slipsPath).toMatch(/\/slips\/[a-z2-7]{32}$/);
		// Reloaded, or opened again, the page lists none of them: only the reply that made them did.
		await page.reload();
		for (const made of printed) await expect(page.getByText(made)).toHaveCount(0);

		await page.goto(surveyUrl);
		await skipBrowserChecks(page);
		await page.getByRole('group', { name: 'Staff are patient with me.' }).getByLabel('Often').check();
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page.getByRole('alert')).toContainText('Please type the code from your slip');
		for (const attempt of ['first', 'again']) {
			await page.goto(surveyUrl);
			await page.getByLabel('Your code').fill(code.toLowerCase().replace('-', ''));
			await page.getByRole('group', { name: 'Staff are patient with me.' }).getByLabel('Often').check();
			await page.getByRole('button', { name: 'Send my answers' }).click();
			if (attempt === 'first') await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
			else {
				await expect(page.getByRole('alert')).toContainText('That code does not work');
				await expect(page.getByRole('group', { name: 'Staff are patient with me.' }).getByLabel('Often')).toBeChecked();
			}
		}

		// Afterwards, pages say how many codes exist and how many are used, never which.
		await page.goto(slipsPath);
		await expect(page.getByText('3 codes made, 1 used.')).toBeVisible();
		await expect(page.locator('.slip')).toHaveCount(0);
		await expectAccessible(page);
		await page.goto(roundPath);
		await expect(page.getByRole('region', { name: 'Consumers · Drop-in center' })).toContainText('3 codes made, 1 used.');
		for (const path of [slipsPath, roundPath]) {
			const html = await (await page.request.get(path)).text();
			expect(html, path).toContain('3 codes made, 1 used.');
			for (const made of printed) expect(html, `${made} on ${path}`).not.toContain(made);
		}
	});

	test('starts a kiosk: signed out, it thanks each person and returns to a blank form', async ({ page }) => {
		await signIn(page, demoAdmin.username, demoAdmin.password);
		await page.goto(roundPath);
		await page.getByRole('region', { name: 'Staff · Drop-in center' }).getByRole('button', { name: 'Start kiosk on this device' }).click();
		await expect(page).toHaveURL(/\/kiosk\/[a-z2-7]{32}$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harm-reduction practice: a self-reflection');
		expect(await page.context().cookies()).toEqual([]);
		await expectAccessible(page);

		await page
			.getByRole('group', { name: /I have oodles of patience/ })
			.getByLabel('Always')
			.check();
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
		await expect(page.getByText('Your reflection')).toHaveCount(0);
		await page.getByRole('link', { name: 'Start a new survey' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harm-reduction practice: a self-reflection');
		await expect(page.locator('input[type=radio]:checked')).toHaveCount(0);

		const manage = await page.goto('/manage');
		expect(manage?.url()).toContain('/login');
	});

	test('on a kiosk, Back never leads to the last person’s answers', async ({ page }) => {
		const token = surveyUrl.split('/').at(-1);
		await page.goto('/about');
		await page.goto(`/kiosk/${token}`);
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Your code').fill('none-needed-to-see-this');
		await page.getByRole('group', { name: 'Staff really listen to me.' }).getByLabel('Rarely').check();
		await page.getByLabel('Anything else you want to tell us? (optional)').fill('private words');
		await page.goBack();
		await expect(page).toHaveURL(/\/about$/);
		await page.goForward();
		await expect(page.locator('input[type=radio]:checked')).toHaveCount(0);
		await expect(page.getByLabel('Anything else you want to tell us? (optional)')).toHaveValue('');
	});

	test('paper forms are counted for whoever typed them in, and a group they lift over the minimum is named before closing', async ({
		page
	}) => {
		// The staff group has one kiosk answer; four paper forms from rosa and one from demo lift it to six.
		const typeIn = async (username: string, password: string, forms: number, before: number, shownAfter: string) => {
			await signIn(page, username, password);
			await page.goto(roundPath);
			await page.getByRole('region', { name: 'Staff · Drop-in center' }).getByRole('link', { name: 'Enter collected paper forms' }).click();
			for (let i = 0; i < forms; i++) {
				await page
					.getByRole('group', { name: /I have oodles of patience/ })
					.getByLabel('Often')
					.check();
				await page.getByRole('button', { name: 'Send my answers' }).click();
				await expect(page.getByRole('status')).toContainText('Saved.');
				// Each form is counted once it is stored; wait for that before typing in the next.
				await expect(page.getByText(new RegExp(`^Paper forms entered: ${before + i + 1},`))).toBeVisible();
			}
			// The entry page itself says how many paper forms this group has, and from whom.
			await expect(page.getByText(shownAfter, { exact: true })).toBeVisible();
			await page.getByRole('button', { name: 'Sign out' }).click();
		};
		await typeIn(manager.username, manager.password, 4, 0, `Paper forms entered: 4, by ${manager.username} (4)`);
		await typeIn(demoAdmin.username, demoAdmin.password, 1, 4, `Paper forms entered: 5, by ${manager.username} (4), demo (1)`);

		await signIn(page, manager.username, manager.password);
		await page.goto(roundPath);
		const row = (group: string) => page.getByRole('row', { name: new RegExp(`^${group}`) });
		await expect(row('Staff · Drop-in center').getByRole('cell').nth(1)).toHaveText('6');
		await expect(row('Staff · Drop-in center').getByRole('cell').nth(2)).toHaveText(`5, by ${manager.username} (4), demo (1)`);
		// The consumers' one paper form came from the demo admin, earlier; their web answer is nobody's entry.
		await expect(row('Consumers · Drop-in center').getByRole('cell').nth(2)).toHaveText('1, by demo (1)');

		const warning = page.locator('.problem').filter({ hasText: 'Results that rest on paper forms' });
		await expect(warning).toHaveCount(1);
		await expect(warning.getByRole('listitem')).toHaveText([
			`Staff · Drop-in center: 6 responses, 5 of them paper forms entered by ${manager.username} (4), demo (1). Without the paper forms this group would be below the minimum of 5, so its results rest on forms typed in by hand.`
		]);
		// It stands in the close section, before the box that confirms closing.
		const closeSection = page.locator('h2:has-text("Close the round") ~ *');
		await expect(closeSection.filter({ hasText: 'Results that rest on paper forms' })).toHaveCount(1);
		expect(
			await warning.evaluate(
				(box) => !!(box.compareDocumentPosition(document.querySelector('[name=confirm]')!) & Node.DOCUMENT_POSITION_FOLLOWING)
			)
		).toBe(true);
		await expectAccessible(page);
	});

	test('closes the round only after confirming, and the link then says it has closed', async ({ page }) => {
		await signIn(page, demoAdmin.username, demoAdmin.password);
		await page.goto(roundPath);
		await expect(page.getByText('Closing is final.')).toBeVisible();
		await skipBrowserChecks(page);
		await page.getByRole('button', { name: 'Close the round for good' }).click();
		await expect(page.getByRole('alert')).toContainText('Tick the box to confirm that closing is final.');
		await expect(page.getByText('Open: taking answers')).toBeVisible();
		await page.getByLabel('I understand that closing is final').check();
		await page.getByRole('button', { name: 'Close the round for good' }).click();
		await expect(page.getByText('Closed', { exact: true })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Open the round' })).toHaveCount(0);
		// After closing, the round page still says which group's results rest on paper forms; how
		// many answered in all is now a figure of the results, shown in the counts under the rules.
		const warning = page.locator('.problem').filter({ hasText: 'Results that rest on paper forms' });
		await expect(warning).toContainText('Staff · Drop-in center: 5 paper forms entered by');
		await expect(warning).not.toContainText('6 responses');
		await expectAccessible(page);
		expect((await page.goto(surveyUrl))?.status()).toBe(410);
	});

	test('the board report has a section on paper forms: who entered how many, per group large enough to show', async ({ page }) => {
		await signIn(page, demoAdmin.username, demoAdmin.password);
		const roundId = roundPath.split('/').at(-1);
		await page.goto(`/manage/results/${roundId}/report`);
		await expect(page.getByRole('heading', { level: 2, name: 'Paper forms' })).toBeVisible();
		const section = page.locator('h2:has-text("Paper forms") + p + ul');
		await expect(section.getByRole('listitem')).toHaveText([
			`Staff · Drop-in center: 5 paper forms, entered by ${manager.username} (4), demo (1). Without them this group would be below the minimum of 5, so its results rest on forms typed in by hand.`
		]);
		// The consumers' group, two answers with one paper form, is too small to be in the report at all.
		await expect(page.locator('main')).not.toContainText('Consumers · Drop-in center');
		await expectAccessible(page);
	});
});

test('an admin changes the agency settings, and a minimum below 3 is refused', async ({ page }) => {
	await signIn(page, demoAdmin.username, demoAdmin.password);
	await page.goto('/manage/settings');
	await expectAccessible(page);
	await skipBrowserChecks(page);
	await page.getByLabel('Minimum group size').fill('2');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('at least 3');
	await expect(page.getByLabel('Minimum group size')).toHaveValue('2');
	const stored = readDatabase((database) => database.prepare('SELECT minimum_group_size FROM agency').pluck().get());
	expect(stored).toBe(5);
});

test('a refused rename keeps what was typed, and changes nothing', async ({ page }) => {
	await signIn(page, demoAdmin.username, demoAdmin.password);
	await page.goto('/manage/settings');
	const field = page.getByLabel('New name for Counseling program');
	await field.fill('Drop-in center');
	await field.locator('xpath=ancestor::form').getByRole('button', { name: 'Rename' }).click();
	await expect(page.getByRole('alert')).toContainText('There is already a program called Drop-in center.');
	await expect(page.getByLabel('New name for Counseling program')).toHaveValue('Drop-in center');
	const names = readDatabase((database) => database.prepare('SELECT name FROM programs ORDER BY name').pluck().all());
	expect(names).toEqual(['Counseling program', 'Drop-in center']);
});

test('the board report uses no id twice, and every form on the new-round page has a name of its own', async ({ page }) => {
	await signIn(page, demoAdmin.username, demoAdmin.password);
	await page.goto(`/manage/results/${demoRound('closed').id}/report`);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	const ids = await page.locator('[id]').evaluateAll((elements) => elements.map((element) => element.id));
	expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);

	// A form with no name, beside another, is a form landmark no one can tell apart from it.
	await page.goto('/manage/rounds/new');
	const forms = await page.locator('form').count();
	expect(forms).toBeGreaterThan(1);
	await expect(page.getByRole('form')).toHaveCount(forms);
	await expect(page.getByRole('form', { name: 'New round' })).toBeVisible();
	await expect(page.getByRole('form', { name: 'Sign out' })).toBeVisible();
	await expectAccessible(page);
});
