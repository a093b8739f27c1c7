import { isActionFailure, isHttpError, isRedirect, redirect } from '@sveltejs/kit';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from '$lib/server/db';
import { formRefusals } from '$lib/server/form-body';
import { isCalendarDate, PostedForm, readPostedForm, refusing } from '$lib/server/form';
import { createProgram } from '$lib/server/programs';
import { Refusal } from '$lib/server/refusal';
import { createRound, openRound } from '$lib/server/rounds';
import type { User } from '$lib/server/user';
import { actions as accounts } from '../../src/routes/(manage)/manage/accounts/+page.server';
import { actions as newRound } from '../../src/routes/(manage)/manage/rounds/new/+page.server';
import { actions as round } from '../../src/routes/(manage)/manage/rounds/[id=round]/+page.server';
import { actions as settings } from '../../src/routes/(manage)/manage/settings/+page.server';

/** A form as a browser sends it, a field as often as it is listed. */
function formOf(fields: [string, string | Blob][]): FormData {
	const form = new FormData();
	for (const [name, value] of fields) form.append(name, value);
	return form;
}

const posted = (fields: [string, string | Blob][]) => new PostedForm(formOf(fields));

describe('reading a posted form’s fields', () => {
	const file = new Blob(['admin'], { type: 'text/plain' });

	it('reads text without the spaces around it, and a password or a choice exactly as sent', () => {
		const form = posted([
			['name', '  Drop-in center \n'],
			['password', ' two spaces '],
			['role', ' admin']
		]);
		expect(form.text('name')).toBe('Drop-in center');
		expect(form.asSent('password')).toBe(' two spaces ');
		expect(form.asSent('role')).toBe(' admin');
		expect(form.text('missing')).toBe('');
	});

	it('takes the first value of a name sent twice, as FormData.get does', () => {
		const form = posted([
			['confirm', 'no'],
			['confirm', 'final']
		]);
		expect(form.checked('confirm', 'final')).toBe(false);
		expect(form.all('confirm')).toEqual(['no', 'final']);
	});

	it('reads a file where text belongs as nothing, never as "[object File]"', () => {
		const form = posted([
			['username', file],
			['count', file],
			['program', file],
			['program', '7']
		]);
		expect(form.text('username')).toBe('');
		expect(form.number('count')).toBeNaN();
		expect(form.all('program')).toEqual(['7']);
	});

	it('reads numbers written in digits, and anything else as NaN', () => {
		const numbers: Record<string, number> = { '7': 7, ' 40 ': 40, '007': 7, '-3': -3, '2.5': 2.5, '1.0': 1 };
		for (const [text, number] of Object.entries(numbers)) expect(posted([['n', text]]).number('n'), text).toBe(number);
		for (const text of ['', ' ', 'abc', '0x10', '1e3', 'Infinity', 'NaN', '1,000', '١', '５', '9'.repeat(400)]) {
			expect(posted([['n', text]]).number('n'), text).toBeNaN();
		}
		expect(posted([]).number('n')).toBeNaN();
	});

	it('reads a ticked box by its value', () => {
		const form = posted([
			['published', 'on'],
			['on', '1']
		]);
		expect(form.checked('published')).toBe(true);
		expect(form.checked('on', '1')).toBe(true);
		expect(form.checked('on')).toBe(false);
		expect(form.checked('missing')).toBe(false);
	});

	it('refuses a body no parser can read with 400 and a plain message', async () => {
		const request = new Request('http://localhost/manage', {
			method: 'POST',
			headers: { 'content-type': 'multipart/form-data; boundary=not-the-one-used' },
			body: '--another\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--another--\r\n'
		});
		const refused = await readPostedForm(request).catch((problem: unknown) => problem);
		expect(isHttpError(refused) && refused.status).toBe(400);
		expect(isHttpError(refused) && refused.body).toEqual(formRefusals.unreadable);
	});
});

describe('refusing', () => {
	it('gives back what the work returns when nothing is refused', async () => {
		expect(await refusing({ name: 'x' }, () => ({ message: 'Saved.' }))).toEqual({ message: 'Saved.' });
		expect(await refusing({}, async () => 42)).toBe(42);
	});

	it('answers a refusal with fail(status, { message, field, values })', async () => {
		const answer = await refusing({ programName: 'Van' }, () => {
			throw new Refusal('There is already a program called Van.', { field: 'name' });
		});
		expect(isActionFailure(answer)).toBe(true);
		expect(answer).toMatchObject({
			status: 400,
			data: { message: 'There is already a program called Van.', field: 'name', values: { programName: 'Van' } }
		});
		const conflict = await refusing({}, () => {
			throw new Refusal('Only an open round can be closed.', { status: 409 });
		});
		expect(conflict).toMatchObject({ status: 409, data: { message: 'Only an open round can be closed.', values: {} } });
		expect(Object.keys((conflict as { data: object }).data)).toEqual(['message', 'values']);
	});

	it('lets a redirect and the server’s own failures through', async () => {
		await expect(refusing({}, () => redirect(303, '/manage'))).rejects.toSatisfy(isRedirect);
		await expect(refusing({}, () => Promise.reject(new Error('disk on fire')))).rejects.toThrow('disk on fire');
	});
});

describe('a calendar date', () => {
	it('is a real day written YYYY-MM-DD', () => {
		for (const date of ['2027-03-01', '2028-02-29', '1999-12-31']) expect(isCalendarDate(date), date).toBe(true);
		for (const date of ['2027-02-29', '2027-02-30', '2027-13-01', '2027-3-1', '01/03/2027', 'tomorrow', '', ' 2027-03-01']) {
			expect(isCalendarDate(date), date).toBe(false);
		}
	});
});

describe('the manage actions, refusing a form', () => {
	const admin: User = { id: 1, username: 'rosa', role: 'admin', disabled: false };
	// An admin with an authenticator app, signed in with it a moment ago, as every admin action needs.
	const now = Math.floor(Date.now() / 1000);
	const session = { id: 'rosa', userId: 1, createdAt: now, lastVerifiedAt: now, secondFactorPassed: true, checkedAt: now };
	const event = (fields: [string, string][], params: Record<string, string> = {}) => ({
		locals: { user: admin, session },
		params,
		url: new URL('http://localhost/manage'),
		request: new Request('http://localhost/manage', { method: 'POST', body: formOf(fields) }),
		cookies: { get: () => undefined, set: () => {}, delete: () => {}, getAll: () => [], serialize: () => '' },
		getClientAddress: () => '192.0.2.1'
	});
	const run = (action: unknown, ...args: Parameters<typeof event>) => (action as (event: unknown) => Promise<unknown>)(event(...args));
	const count = (table: string) => sql<[], number>(`SELECT count(*) FROM ${table}`).pluck().get()!;

	it('answer in the one shape, with the field and what to fill in again, and store nothing', async () => {
		sql(
			"INSERT INTO users (id, username, password_hash, role, created_at, totp_key) VALUES (1, 'rosa', 'not a password', 'admin', 0, randomblob(20))"
		).run();
		createProgram('Outreach van');
		const draft = createRound({ name: 'Summer 2027' });
		const open = createRound({ name: 'Autumn 2027' });
		openRound(open.id);
		const [programs, rounds, users] = [count('programs'), count('rounds'), count('users')];

		expect(await run(settings.addProgram, [['name', ' Outreach van ']])).toMatchObject({
			status: 400,
			data: { message: 'There is already a program called Outreach van.', field: 'name', values: { programName: 'Outreach van' } }
		});
		expect(
			await run(accounts.add, [
				['username', 'ana'],
				['role', 'owner'],
				['password', 'a long enough phrase']
			])
		).toMatchObject({
			status: 400,
			data: { message: 'Choose admin or manager.', field: 'role', values: { username: 'ana', role: 'owner' } }
		});
		expect(
			await run(newRound.default, [
				['name', ' '],
				['sections.staff', 'hr'],
				['sections.consumer', 'hr']
			])
		).toMatchObject({
			status: 400,
			data: { message: expect.stringMatching(/^Give the round a name/), field: 'name', values: { name: '', sections: { staff: ['hr'] } } }
		});
		expect(await run(round.close, [['confirm', 'yes']], { id: String(open.id) })).toMatchObject({
			status: 400,
			data: { message: 'Tick the box to confirm that closing is final.', field: 'confirm', values: {} }
		});
		expect(await run(round.open, [], { id: String(open.id) })).toMatchObject({
			status: 409,
			data: { message: 'Only a draft round can be opened.', values: {} }
		});
		expect(
			await run(
				round.mode,
				[
					['token', 'not-this-rounds'],
					['mode', 'code']
				],
				{ id: String(draft.id) }
			)
		).toMatchObject({
			status: 400,
			data: { message: 'That survey link is not part of this round.', values: {} }
		});
		expect([count('programs'), count('rounds'), count('users')]).toEqual([programs, rounds, users]);
	});
});

/** Every server module of a sign-in or manage page. */
function actionModules(folder: string): string[] {
	return readdirSync(folder).flatMap((entry) => {
		const path = join(folder, entry);
		if (statSync(path).isDirectory()) return actionModules(path);
		return entry === '+page.server.ts' ? [path] : [];
	});
}

describe('the one way through a form', () => {
	const routes = new URL('../../src/routes', import.meta.url).pathname;
	const modules = ['(manage)', '(auth)'].flatMap((group) => actionModules(join(routes, group)));

	it('is the only way a sign-in or manage action refuses: no fail() or error(4xx) of its own', () => {
		expect(modules.length).toBeGreaterThanOrEqual(15);
		const ownRefusals = modules.flatMap((file) => {
			const source = readFileSync(file, 'utf8');
			const found: string[] = [];
			// Paper forms are a survey form: they refuse in the survey's own envelope, `refusalOf`.
			for (const call of source.matchAll(/\bfail\((?!submission\.status, refusalOf\(submission\)\))[^)]*/g)) found.push(call[0]);
			for (const call of source.matchAll(/\berror\(4(?!04)\d\d[^)]*/g)) found.push(call[0]);
			return found.map((call) => `${file.slice(routes.length)}: ${call}`);
		});
		expect(ownRefusals).toEqual([]);
	});
});
