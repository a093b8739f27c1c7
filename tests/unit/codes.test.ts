import { describe, expect, it } from 'vitest';
import { db, sql } from '$lib/server/db';
import { closeRound } from '$lib/server/rounds';
import { openSurvey, submitSurvey } from '$lib/server/survey';
import { countCodes, generateCodes, newCode, normalizeCode } from '$lib/server/survey-codes';
import { listSurveyLinks, setLinkMode } from '$lib/server/survey-links';
import { addManager, client, openTestSurvey } from './fixtures';

const count = (table: string) => sql<[], number>(`SELECT count(*) FROM ${table}`).pluck().get()!;
const totals = () => ({ responses: count('responses'), answers: count('answers'), comments: count('comments') });
/** The link's unused codes, read straight from the table: no page or module lists them. */
const unusedCodes = (token: string) =>
	sql<[string], string>('SELECT code FROM survey_codes WHERE link_token = ? AND used = 0 ORDER BY code').pluck().all(token);
const columns = (table: string) => db().prepare<[], string>(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).pluck().all();

let clients = 0;
/** Each test submits from its own address, so the in-memory submission limit never gets in the way. */
const newClient = () => ({ ...client, clientAddress: `203.0.113.${++clients}` });

const answers: [string, string][] = [
	['hr.listen', '4'],
	['comment', 'Kind people.']
];

/** An open round whose consumer link asks for single-use codes, with a few codes printed. */
function codeSurvey(codes = 3) {
	const { round, token } = openTestSurvey('consumer');
	setLinkMode(round.id, token, 'code');
	// The link is read again after the switch, as a new page load would.
	const survey = openSurvey(token, 'en');
	expect(survey.link.mode).toBe('code');
	return { round, token, survey, codes: generateCodes(token, codes) };
}

describe('single-use codes', () => {
	it('look like K7QP-3MZA, without letters that are easy to misread, and are printed unused', async () => {
		const { token, codes } = codeSurvey(50);
		for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
		expect(new Set(codes).size).toBe(50);
		expect(unusedCodes(token)).toEqual([...codes].sort());
		expect(countCodes(token)).toEqual({ total: 50, used: 0 });
		expect(newCode()).not.toBe(newCode());
	});

	it('let a response in once, and mark the code used', async () => {
		const { token, survey, codes } = codeSurvey();
		const meta = newClient();
		const before = totals();
		expect(await submitSurvey(survey, [...answers, ['code', codes[0]]], meta)).toMatchObject({ ok: true });
		expect(totals()).toEqual({
			responses: before.responses + 1,
			answers: before.answers + 1,
			comments: before.comments + 1
		});
		expect(countCodes(token)).toEqual({ total: 3, used: 1 });
		expect(unusedCodes(token)).not.toContain(codes[0]);
	});

	it('refuse a code used before, with 403 and nothing stored, keeping the answers to re-fill', async () => {
		const { token, survey, codes } = codeSurvey();
		const meta = newClient();
		expect(await submitSurvey(survey, [...answers, ['code', codes[1]]], meta)).toMatchObject({ ok: true });
		const before = totals();
		const again = await submitSurvey(survey, [...answers, ['code', codes[1]]], meta);
		expect(again).toMatchObject({
			ok: false,
			status: 403,
			problem: 'code-not-accepted',
			values: { answers: { 'hr.listen': '4' }, comment: 'Kind people.', code: codes[1] }
		});
		// Typed differently, it is still the same spent code.
		expect(await submitSurvey(survey, [...answers, ['code', codes[1].toLowerCase().replace('-', '')]], meta)).toMatchObject({
			status: 403,
			problem: 'code-not-accepted'
		});
		expect(totals()).toEqual(before);
		expect(countCodes(token)).toEqual({ total: 3, used: 1 });
	});

	it('refuse an unknown code with 403 and nothing stored, spending no real code', async () => {
		const { token, survey, codes } = codeSurvey();
		const meta = newClient();
		const before = totals();
		const unknown = ['ZZZZ-ZZZZ', 'ABCD-EFGH', '2222-3333'].find((code) => !codes.includes(code))!;
		for (const typed of [unknown, 'not a code', 'K7QP-3MZ', `${codes[0]}X`]) {
			expect(await submitSurvey(survey, [...answers, ['code', typed]], meta), typed).toMatchObject({
				ok: false,
				status: 403,
				problem: 'code-not-accepted'
			});
		}
		expect(totals()).toEqual(before);
		expect(countCodes(token)).toEqual({ total: 3, used: 0 });
	});

	it('ask for a code when none is given, storing nothing', async () => {
		const { token, survey } = codeSurvey();
		const meta = newClient();
		const before = totals();
		for (const fields of [answers, [...answers, ['code', '']], [...answers, ['code', '   ']]] as [string, string][][]) {
			expect(await submitSurvey(survey, fields, meta)).toMatchObject({
				ok: false,
				status: 400,
				problem: 'code-needed',
				values: { answers: { 'hr.listen': '4' } }
			});
		}
		expect(totals()).toEqual(before);
		expect(countCodes(token).used).toBe(0);
	});

	it('are read in any case, with or without the dash or spaces', async () => {
		expect(normalizeCode('k7qp3mza')).toBe('K7QP-3MZA');
		expect(normalizeCode('K7QP-3MZA')).toBe('K7QP-3MZA');
		expect(normalizeCode(' k7qp 3mza ')).toBe('K7QP-3MZA');
		expect(normalizeCode('k7qp–3mza')).toBe('K7QP-3MZA');

		const { token, survey, codes } = codeSurvey(3);
		const meta = newClient();
		const typed = [codes[0].toLowerCase(), codes[1].replace('-', ''), ` ${codes[2].toLowerCase().replace('-', ' ')} `];
		for (const code of typed) expect(await submitSurvey(survey, [...answers, ['code', code]], meta), code).toMatchObject({ ok: true });
		expect(countCodes(token)).toEqual({ total: 3, used: 3 });
	});

	it("work only on their own link: another link's code is refused and stays unused there", async () => {
		const { round, survey, token } = codeSurvey(1);
		const staffToken = listSurveyLinks(round.id).find((link) => link.audience === 'staff')!.token;
		setLinkMode(round.id, staffToken, 'code');
		const [staffCode] = generateCodes(staffToken, 1);
		expect(await submitSurvey(survey, [...answers, ['code', staffCode]], newClient())).toMatchObject({
			status: 403,
			problem: 'code-not-accepted'
		});
		expect(countCodes(staffToken)).toEqual({ total: 1, used: 0 });
		expect(countCodes(token)).toEqual({ total: 1, used: 0 });
	});

	it('are not needed for paper forms a manager types in', async () => {
		const { token, survey } = codeSurvey();
		const before = totals();
		const typist = await addManager();
		expect(await submitSurvey(survey, answers, { ...newClient(), channel: 'paper', enteredBy: typist.id })).toMatchObject({ ok: true });
		expect(totals().responses).toBe(before.responses + 1);
		expect(countCodes(token).used).toBe(0);
		// The same form on the web still needs one.
		expect(await submitSurvey(survey, answers, newClient())).toMatchObject({ problem: 'code-needed' });
	});

	it('are not asked for once the link is switched back to open', async () => {
		const { round, token } = codeSurvey();
		setLinkMode(round.id, token, 'open');
		const survey = openSurvey(token, 'en');
		expect(await submitSurvey(survey, answers, newClient())).toMatchObject({ ok: true });
		expect(countCodes(token).used).toBe(0);
	});

	it('can no longer be switched on or off once the round has closed', async () => {
		const { round, token } = openTestSurvey('staff');
		closeRound(round.id);
		expect(() => setLinkMode(round.id, token, 'code')).toThrow(/closed round/);
		expect(listSurveyLinks(round.id).find((link) => link.token === token)!.mode).toBe('open');
	});

	it('cannot be switched on through another round', async () => {
		const { token } = openTestSurvey('staff');
		const { round: other } = openTestSurvey('staff');
		expect(() => setLinkMode(other.id, token, 'code')).toThrow(/not part of this round/);
	});
});

describe('codes and anonymity', () => {
	it('keep no time of use, and the response keeps no reference to the code', async () => {
		expect(columns('survey_codes')).toEqual(['code', 'link_token', 'used']);
		for (const table of ['responses', 'answers', 'comments']) {
			expect(
				columns(table).some((name) => /code/i.test(name)),
				table
			).toBe(false);
		}
	});

	it('leave the spent code only in the codes table, nowhere beside the stored answers', async () => {
		const { survey, codes } = codeSurvey(1);
		expect(await submitSurvey(survey, [...answers, ['code', codes[0]]], newClient())).toMatchObject({ ok: true });
		const tables = db()
			.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
			.pluck()
			.all() as string[];
		expect(tables).toContain('responses');
		const holding = tables.filter((table) =>
			db()
				.prepare(`SELECT * FROM ${table}`)
				.all()
				.some((row) => JSON.stringify(row).includes(codes[0]))
		);
		expect(holding).toEqual(['survey_codes']);
	});
});
