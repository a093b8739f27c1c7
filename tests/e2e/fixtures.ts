import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { readDatabaseFile } from './server-process';

/** Where the shared test server listens (the config's port, 4173 unless E2E_PORT says otherwise). */
export const origin = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;

/** The database the test server runs on, read directly to check what was (and was not) stored. */
export const databaseFile = fileURLToPath(new URL('../../db/e2e.sqlite', import.meta.url));

export function readDatabase<T>(query: (database: Database.Database) => T, readonly = true): T {
	return readDatabaseFile(databaseFile, query, readonly);
}

/** The survey path for an audience and program in the demo's first round with this status. */
export function surveyPath(
	audience: 'staff' | 'consumer',
	status: 'open' | 'closed' | 'draft' = 'open',
	program = 'Drop-in center'
): string {
	const token = readDatabase((database) =>
		database
			.prepare(
				`SELECT survey_links.token FROM survey_links
				 JOIN rounds ON rounds.id = survey_links.round_id
				 JOIN programs ON programs.id = survey_links.program_id
				 WHERE rounds.status = ? AND survey_links.audience = ? AND programs.name = ?
				 ORDER BY rounds.id LIMIT 1`
			)
			.pluck()
			.get(status, audience, program)
	);
	if (typeof token !== 'string') throw new Error(`No ${status} ${audience} link for ${program}`);
	return `/s/${token}`;
}

export function countResponses(path: string, where = '1 = 1'): number {
	const token = path.split('/').at(-1);
	return readDatabase(
		(database) =>
			database
				.prepare(
					`SELECT count(*) FROM responses JOIN survey_links
					   ON survey_links.round_id = responses.round_id AND survey_links.audience = responses.audience
					  AND survey_links.program_id IS responses.program_id
					 WHERE survey_links.token = ? AND ${where}`
				)
				.pluck()
				.get(token) as number
	);
}

/** No axe violations against WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
	expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

/** Records every Set-Cookie header the page receives, to prove there are none. */
export function watchCookies(page: Page): string[] {
	const cookies: string[] = [];
	page.on('response', async (response) => {
		// A response still arriving as the test closes its page can no longer be read: it was never the page's.
		const header = await response.headerValue('set-cookie').catch(() => null);
		if (header) cookies.push(`${response.url()}: ${header}`);
	});
	return cookies;
}

/** The demo's admin sign-in (printed by `npm run demo`). */
export const demoAdmin = { username: 'demo', password: 'any positive change' };

export async function signIn(page: Page, username: string, password: string): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/manage/);
}
