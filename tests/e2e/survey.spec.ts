import { expect, test, type Locator, type Page } from '@playwright/test';
import { countResponses, expectAccessible, origin, readDatabase, surveyPath, watchCookies } from './fixtures';

/** Presses Tab until focus reaches a radio group (by name) or a field (by id), as a keyboard user would. */
async function tabToRadioGroup(page: Page, name: string) {
	for (let i = 0; i < 200; i++) {
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => {
			const element = document.activeElement as HTMLInputElement | null;
			return element?.type === 'radio' ? element.name : element?.id;
		});
		if (focused === name) return;
	}
	throw new Error(`Never reached ${name} by keyboard`);
}

const question = (page: Page, text: string | RegExp) => page.getByRole('group', { name: text });

/** A question's number as the form shows it ("Question 11 of 31"). */
const numberOf = async (group: Locator) => Number((await group.locator('.question-number').innerText()).match(/\d+/)![0]);

test.describe('a staff member', () => {
	test('completes the survey with the keyboard only and sees a private reflection', async ({ page }) => {
		const path = surveyPath('staff');
		const cookies = watchCookies(page);
		const before = countResponses(path);
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harm-reduction practice: a self-reflection');

		// Space picks the first choice ("Never"); each arrow moves one step up the scale.
		await tabToRadioGroup(page, 'hr.listen');
		await page.keyboard.press('Space');
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await tabToRadioGroup(page, 'hr.patience');
		await page.keyboard.press('Space');
		await page.keyboard.press('ArrowRight');
		await tabToRadioGroup(page, 'stc.power');
		await page.keyboard.press('Space');
		for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
		await tabToRadioGroup(page, 'comment');
		await page.keyboard.type('Team meetings help.');
		await page.keyboard.press('Tab');
		await expect(page.getByRole('button', { name: 'Send my answers' })).toBeFocused();
		await page.keyboard.press('Enter');

		// The reflection is a page of its own, reached by a redirect (see reflection.spec.ts).
		await expect(page).toHaveURL(new RegExp(`${path}/reflection\\?view=[a-z2-7]{32}$`));
		await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeFocused();
		await expect(page.getByRole('heading', { name: 'Your reflection' })).toBeVisible();
		const listen = page.locator('li').filter({ hasText: 'I listen, and listen, and listen some more' });
		await expect(listen).toContainText('Your answer: Often');
		await expect(page.locator('li').filter({ hasText: 'I have oodles of patience' })).toContainText('Your answer: Rarely');
		await expect(page.locator('li').filter({ hasText: 'Power between staff and consumers is reasonably balanced' })).toContainText(
			"Your answer: Don't know"
		);
		await expect(page.locator('li').filter({ hasText: 'I remember that the consumer' })).toContainText(
			"Don't get caught in a client's urgency"
		);
		// How consumers rated the mirrored item in the last closed round, when enough of them did.
		const last = readDatabase((database) =>
			database
				.prepare(
					`SELECT rounds.name, (SELECT count(*) FROM answers JOIN responses ON responses.id = answers.response_id
					   WHERE responses.round_id = rounds.id AND responses.audience = 'consumer'
					     AND answers.item_id = 'hr.listen' AND answers.value > 0) AS answered
					 FROM rounds WHERE status = 'closed' ORDER BY closed_at DESC, id DESC LIMIT 1`
				)
				.get()
		) as { name: string; answered: number };
		await expect(listen).toContainText(
			last.answered >= 5
				? new RegExp(`Consumers in ${last.name}: \\d\\.\\d out of 5 \\(${last.answered} answers\\)`)
				: 'Fewer than 5 answered'
		);
		await expectAccessible(page);

		expect(countResponses(path)).toBe(before + 1);
		expect(cookies).toEqual([]);
		expect(await page.context().cookies()).toEqual([]);
	});
});

test.describe('a consumer', () => {
	test('completes the survey in Spanish', async ({ page }) => {
		const path = surveyPath('consumer');
		const cookies = watchCookies(page);
		const before = countResponses(path, "language = 'es'");
		await page.goto(path);
		// On a survey form the switch is a button that posts the form, so nothing typed is lost.
		await page.getByRole('button', { name: 'Español' }).click();
		await expect(page).toHaveURL(/\?lang=es$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Díganos cómo lo estamos haciendo');

		await question(page, 'El personal de verdad me escucha.').getByLabel('Siempre', { exact: true }).check();
		await question(page, 'Aquí me tratan con respeto.').getByLabel('De acuerdo', { exact: true }).check();
		await page.getByLabel('¿Hay algo más que quiera decirnos? (opcional)').fill('Gracias por todo.');
		await page.getByRole('button', { name: 'Enviar mis respuestas' }).click();

		await expect(page.getByRole('heading', { level: 1, name: 'Gracias' })).toBeFocused();
		await expect(page).toHaveURL(/\/thanks\?sent=[a-z2-7]{32}&lang=es$/);
		await expect(page.getByText('Recibimos sus respuestas.')).toBeVisible();
		await expect(page.getByText('Su reflexión')).toHaveCount(0);
		await expectAccessible(page);
		expect(countResponses(path, "language = 'es'")).toBe(before + 1);
		expect(cookies).toEqual([]);
	});

	test('sees the error and keeps every answer when a submission is refused', async ({ page }) => {
		const path = surveyPath('consumer');
		const before = countResponses(path);
		await page.goto(path);
		await question(page, 'Staff really listen to me.').getByLabel('Often').check();
		await question(page, 'Staff are patient with me.').getByLabel('Not sure').check();
		// Pasted past the limit: the box takes it all, and the refusal says what the limit is.
		const comment = page.getByLabel('Anything else you want to tell us? (optional)');
		await comment.fill('long '.repeat(450));
		await expect(comment).toHaveValue('long '.repeat(450));
		await page.getByRole('button', { name: 'Send my answers' }).click();

		const alert = page.getByRole('alert');
		await expect(alert).toContainText('Your answers were not sent');
		await expect(alert).toContainText('Your note is too long. It can have up to 2,000 letters and spaces. It is still here');
		await expect(alert).toBeFocused();
		await expect(page).toHaveTitle(/^Your answers were not sent · Tell us how we are doing · /);
		await expect(question(page, 'Staff really listen to me.').getByLabel('Often')).toBeChecked();
		await expect(question(page, 'Staff are patient with me.').getByLabel('Not sure')).toBeChecked();
		await expect(comment).toHaveValue('long '.repeat(450));
		await expectAccessible(page);

		// A note so long the whole form is too large to read: refused before any answer is read, and
		// still every answer stays as the person left it.
		await comment.fill('x'.repeat(70_000));
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page.getByRole('alert')).toContainText('The form was too large to send.');
		await expect(page.getByRole('alert')).toContainText('Your answers were not sent');
		await expect(question(page, 'Staff really listen to me.').getByLabel('Often')).toBeChecked();
		await expect(question(page, 'Staff are patient with me.').getByLabel('Not sure')).toBeChecked();
		await expect(comment).toHaveValue('x'.repeat(70_000));
		expect(countResponses(path)).toBe(before);
	});

	test('an answer off the scale is named, and no longer checked once refused', async ({ page }) => {
		const path = surveyPath('consumer');
		const before = countResponses(path);
		await page.goto(path);
		await page.waitForLoadState('networkidle');
		await question(page, 'Staff really listen to me.').getByLabel('Often').check();
		// A choice the survey never offered, as a page changed by hand or left open from an older survey sends it.
		const tampered = question(page, 'Staff are patient with me.').getByLabel('Always');
		await tampered.evaluate((radio: HTMLInputElement) => (radio.value = '9'));
		await tampered.check();
		await page.getByRole('button', { name: 'Send my answers' }).click();

		const number = await numberOf(question(page, 'Staff are patient with me.'));
		await expect(page.getByRole('alert')).toContainText(
			`Your answer to question ${number}, “Staff are patient with me.”, was not one of the choices.`
		);
		await expect(page.getByRole('alert')).toBeFocused();
		await expect(tampered).not.toBeChecked();
		await expect(question(page, 'Staff really listen to me.').getByLabel('Often')).toBeChecked();
		// The count of answers stands after each part of the survey, and says 1 in each.
		const parts = Number(/of (\d+)/.exec(await page.locator('.part').first().innerText())![1]);
		await expect(page.getByText('You have answered 1 of')).toHaveCount(parts);
		expect(countResponses(path)).toBe(before);
	});

	test('is told kindly that an empty form says nothing', async ({ page }) => {
		const path = surveyPath('consumer');
		const before = countResponses(path);
		await page.goto(path);
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page.getByRole('alert')).toContainText('You have not answered anything yet');
		expect(countResponses(path)).toBe(before);
	});
});

test.describe('with JavaScript turned off', () => {
	test.use({ javaScriptEnabled: false });

	test('a consumer completes the survey, and a refusal keeps the answers', async ({ page }) => {
		const path = surveyPath('consumer', 'open', 'Counseling program');
		const cookies = watchCookies(page);
		const before = countResponses(path);
		await page.goto(path);
		await question(page, 'Staff see me as a person, not a case.').getByLabel('Always').check();
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
		await expect(page.getByText('We got your answers.')).toBeVisible();
		expect(countResponses(path)).toBe(before + 1);
		// The thank-you is a page of its own, so reloading it sends nothing twice; said again, it
		// can't tell whose answers arrived, so it no longer says they did.
		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
		await expect(page.getByText('If you sent your answers, we have them.')).toBeVisible();
		expect(countResponses(path)).toBe(before + 1);

		await page.goto(path);
		await question(page, 'Staff take time to build trust with me.').getByLabel('Rarely').check();
		const comment = page.getByLabel('Anything else you want to tell us? (optional)');
		await comment.fill('x'.repeat(2100));
		await expect(comment).toHaveValue('x'.repeat(2100));
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page.getByRole('alert')).toContainText('Your note is too long. It can have up to 2,000 letters and spaces.');
		await expect(question(page, 'Staff take time to build trust with me.').getByLabel('Rarely')).toBeChecked();
		await expect(comment).toHaveValue('x'.repeat(2100));
		expect(countResponses(path)).toBe(before + 1);
		expect(cookies).toEqual([]);
	});

	test.describe('on a small phone', () => {
		test.use({ viewport: { width: 320, height: 640 } });

		test('a refused form says so in its title, and its reason is first, in view and focused', async ({ page }) => {
			const path = surveyPath('consumer');
			const before = countResponses(path);
			await page.goto(`${path}?lang=es`);
			const tampered = question(page, 'El personal me tiene paciencia.').getByLabel('Siempre', { exact: true });
			await tampered.evaluate((radio: HTMLInputElement) => (radio.value = '9'));
			await tampered.check();
			await page.getByRole('button', { name: 'Enviar mis respuestas' }).click();

			await expect(page).toHaveTitle(/^Sus respuestas no se enviaron · Díganos cómo lo estamos haciendo · /);
			const alert = page.getByRole('alert');
			const number = await numberOf(question(page, 'El personal me tiene paciencia.'));
			await expect(alert).toContainText(
				`Su respuesta a la pregunta ${number}, “El personal me tiene paciencia.”, no era una de las opciones.`
			);
			await expect(alert).toBeFocused();
			await expect(alert).toBeInViewport({ ratio: 1 });
			const [alertTop, headingTop] = await Promise.all([alert.boundingBox(), page.getByRole('heading', { level: 1 }).boundingBox()]);
			expect(alertTop!.y).toBeLessThan(headingTop!.y);
			// The answer refused is not checked again; the person picks one of the choices.
			await expect(page.locator('input[type=radio]:checked')).toHaveCount(0);
			// The engines run in the page, so they check this refusal in respondent-pages.spec.ts.
			expect(countResponses(path)).toBe(before);
		});
	});

	test('a consumer’s thank-you opened again, or by someone else, says nothing of whose answers arrived', async ({ page }) => {
		const path = surveyPath('consumer');
		await page.goto(`${path}/thanks`);
		await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
		await expect(page.getByText('If you sent your answers, we have them.')).toBeVisible();
		await expect(page.getByText('We got your answers')).toHaveCount(0);

		await page.goto(path);
		await question(page, 'Staff really listen to me.').getByLabel('Often').check();
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page.getByText('We got your answers.')).toBeVisible();
		// The header and its language switch, as on the survey; the word that they arrived is said once.
		await page.getByRole('link', { name: 'Español' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Gracias' })).toBeVisible();
		await expect(page.getByText('Si envió sus respuestas, ya las tenemos.')).toBeVisible();
		await expect(page.getByText('Eastside Harm Reduction Collective')).toBeVisible();
	});
});

test.describe('survey links that do not lead to an open survey', () => {
	test('answer with a friendly page and the right status', async ({ page }) => {
		const unknown = await page.goto('/s/abcdefghijklmnopqrstuvwxyz234567');
		expect(unknown?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('We could not find this survey');
		await expectAccessible(page);

		const closed = await page.goto(surveyPath('consumer', 'closed'));
		expect(closed?.status()).toBe(410);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('This survey has closed');
		await expect(page.getByText('Thank you for coming.')).toBeVisible();

		// Staff read of their round in their own words, not the consumers'.
		const staffClosed = await page.goto(surveyPath('staff', 'closed'));
		expect(staffClosed?.status()).toBe(410);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('This round has closed');
		await expect(page.getByText('Your managers will share what the team said.')).toBeVisible();
		await expect(page.getByText('Thank you for coming')).toHaveCount(0);

		const draft = await page.goto(`${surveyPath('staff', 'draft')}?lang=es`);
		expect(draft?.status()).toBe(403);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Esta ronda todavía no está abierta');
		await expect(page.locator('body')).not.toContainText(/Error|stack|at \w+ \(/);
		// The survey's header, with whose survey it is and the switch to the other language.
		await expect(page.getByRole('banner')).toContainText('Eastside Harm Reduction Collective');
		await page.getByRole('banner').getByRole('link', { name: 'English' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('This round is not open yet');
		await expect(page).toHaveTitle(/^This round is not open yet · Eastside Harm Reduction Collective$/);
	});

	test('refuse a post to a closed round and store nothing', async ({ request }) => {
		const path = surveyPath('consumer', 'closed');
		const before = countResponses(path);
		const response = await request.post(path, {
			form: { 'hr.listen': '5' },
			headers: { accept: 'text/html', origin }
		});
		expect(response.status()).toBe(410);
		const page = await response.text();
		expect(page).toContain('This survey has closed, so we could not take your answers.');
		// A closed round takes no answers: no form to send again, and its title says it was refused.
		expect(page).not.toContain('<form');
		expect(page).not.toContain('Send my answers');
		expect(page).toMatch(/<title>Your answers were not sent · /);
		expect(countResponses(path)).toBe(before);
	});

	test('a form sent in place after its round closed loses its form, as without JavaScript', async ({ page }) => {
		const open = surveyPath('consumer');
		const closed = surveyPath('consumer', 'closed');
		await page.goto(open);
		await page.waitForLoadState('networkidle');
		await question(page, 'Staff really listen to me.').getByLabel('Often').check();
		// The page left open while its round closed: here, sent to a closed round's address.
		await page.locator('form').evaluate((form, action) => form.setAttribute('action', action), closed);
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Your answers were not sent' })).toBeVisible();
		await expect(page.getByRole('alert')).toContainText('This survey has closed');
		await expect(page.locator('form')).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Send my answers' })).toHaveCount(0);
		// The switch no longer posts a form: it is a link to this page's address in the other language.
		await expect(page.getByRole('banner').getByRole('link', { name: 'Español' })).toHaveAttribute('href', `${open}?lang=es`);
	});
});

test('an oversized post is refused with a clear message and stores nothing', async ({ request }) => {
	const path = surveyPath('consumer');
	const before = countResponses(path);
	const response = await request.post(path, {
		form: { 'hr.listen': '5', comment: 'x'.repeat(200_000) },
		headers: { accept: 'text/html', origin }
	});
	expect(response.status()).toBe(413);
	expect(await response.text()).toContain('The form was too large to send.');
	expect(countResponses(path)).toBe(before);
});

test('the health check answers when the database does', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(await response.json()).toMatchObject({ status: 'ok', schema: expect.any(Number) });
});

test('the about page states the anonymity promise in both languages', async ({ page }) => {
	await page.goto('/about');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('How we protect your answers');
	await expect(page.getByText('What you write is kept apart from your answers')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Español' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cómo protegemos sus respuestas');
	await expectAccessible(page);
});

test('a survey post from another site, or from a page hiding its origin, is refused and stores nothing', async ({ request }) => {
	const path = surveyPath('consumer');
	const before = countResponses(path);
	for (const origin of ['https://elsewhere.example', 'null']) {
		const response = await request.post(path, {
			form: { 'hr.listen': '5' },
			headers: { accept: 'text/html', origin }
		});
		expect(response.status(), origin).toBe(403);
	}
	expect(countResponses(path)).toBe(before);
});

test.describe('on a small phone and at 200% zoom', () => {
	for (const width of [320, 640]) {
		test(`fits ${width} CSS pixels without sideways scrolling, with large touch targets`, async ({ page }) => {
			await page.setViewportSize({ width, height: 800 });
			await page.goto(surveyPath('consumer'));
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			expect(overflow).toBeLessThanOrEqual(0);
			const heights = await page.locator('.choice').evaluateAll((labels) => labels.map((label) => label.getBoundingClientRect().height));
			expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
			await expectAccessible(page);
		});
	}
});

test('no survey response sets a cookie or loads anything from another origin', async ({ page }) => {
	const path = surveyPath('consumer');
	const cookies = watchCookies(page);
	const requests: string[] = [];
	page.on('request', (request) => requests.push(request.url()));
	const response = await page.goto(path);
	expect(response?.headers()['referrer-policy']).toBe('same-origin');
	expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
	await question(page, 'Staff are patient with me.').getByLabel('Sometimes').check();
	await page.getByRole('button', { name: 'Send my answers' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
	expect(cookies).toEqual([]);
	expect(await page.context().cookies()).toEqual([]);
	expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
});

test('after ten submissions the stored rows reveal neither who answered nor in which order', async ({ page }) => {
	const path = surveyPath('consumer', 'open', 'Counseling program');
	const userAgent = await page.evaluate(() => navigator.userAgent);
	const marker = `order-check-${Date.now()}`;
	for (let i = 0; i < 10; i++) {
		await page.goto(path);
		await question(page, 'Staff really listen to me.')
			.getByLabel(['Never', 'Rarely', 'Sometimes', 'Often', 'Always'][i % 5])
			.check();
		await page.getByLabel('Anything else you want to tell us? (optional)').fill(`${marker} ${i}`);
		await page.getByRole('button', { name: 'Send my answers' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
	}

	const stored = readDatabase((database) => {
		const everything = database
			.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
			.pluck()
			.all()
			.flatMap((table) =>
				database
					.prepare(`SELECT * FROM "${table as string}"`)
					.raw()
					.all()
					.flat()
			);
		const commentOrder = database.prepare('SELECT body FROM comments WHERE body LIKE ?').pluck().all(`${marker} %`) as string[];
		return { everything, commentOrder };
	});

	const text = stored.everything.map((value) => (Buffer.isBuffer(value) ? value.toString('latin1') : String(value)));
	expect(text.filter((value) => value.includes(userAgent) || value.includes('127.0.0.1'))).toEqual([]);
	expect(text.filter((value) => /HeadlessChrome|Mozilla\//.test(value))).toEqual([]);

	// Comments come back in the table's own order; it must not be the order they were sent in.
	// (By chance alone that would happen once in 3.6 million runs.)
	const order = stored.commentOrder.map((body) => Number(body.split(' ').at(-1)));
	expect(order.toSorted((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	expect(order).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	expect(order).not.toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
});

test('survey pages reach a slow phone compressed; signed-in pages are never compressed', async ({ request }) => {
	const survey = await request.get(surveyPath('consumer'), { headers: { 'accept-encoding': 'gzip' } });
	expect(survey.status()).toBe(200);
	expect(survey.headers()['content-encoding']).toBe('gzip');
	expect(survey.headers()['vary']).toContain('Accept-Encoding');
	expect(await survey.text()).toContain('<form');
	const login = await request.get('/login', { headers: { 'accept-encoding': 'gzip' } });
	expect(login.headers()['content-encoding']).toBeUndefined();
	const plain = await request.get(surveyPath('consumer'), { headers: { 'accept-encoding': 'identity' } });
	expect(plain.headers()['content-encoding']).toBeUndefined();
});
