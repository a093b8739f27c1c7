import { afterEach, describe, expect, it } from 'vitest';
import { db, sql } from '$lib/server/db';
import { commitTogether } from '$lib/server/group-commit';
import { describeEnteredBy, liftedByPaper, paperEntriesOfRound, recordPaperEntry } from '$lib/server/paper-entries';
import { saveResponse } from '$lib/server/responses';
import { closeRound } from '$lib/server/rounds';
import { openSurvey, submitSurvey, type OpenSurvey } from '$lib/server/survey';
import { listSurveyLinks } from '$lib/server/survey-links';
import { addManager, client, openTestSurvey } from './fixtures';

const count = (table: string) => sql<[], number>(`SELECT count(*) FROM ${table}`).pluck().get()!;
const totals = () => ({ responses: count('responses'), answers: count('answers'), comments: count('comments') });
/** Every count of paper forms kept, as rows. */
const paperRows = (roundId: number) =>
	sql<[number], Record<string, unknown>>(
		'SELECT audience, program_key, user_id, forms FROM paper_entries WHERE round_id = ? ORDER BY audience, user_id'
	).all(roundId);

const form: [string, string][] = [
	['hr.listen', '4'],
	['comment', 'Typed in from a paper form.']
];

/** Types in a paper form as the paper-entry page does: no address, the typist's account. */
const typeIn = (survey: OpenSurvey, enteredBy: number, fields: [string, string][] = form) =>
	submitSurvey(survey, fields, { language: 'en', channel: 'paper', enteredBy, clientAddress: '' });

afterEach(() => db().exec('DROP TRIGGER IF EXISTS temp.comments_fail'));

describe('paper forms typed in by managers', () => {
	it('are counted per account and group, and nothing else is kept', async () => {
		const { round, program, survey } = openTestSurvey('consumer');
		const staff = openSurvey(listSurveyLinks(round.id).find((link) => link.audience === 'staff')!.token, 'en');
		const [rosa, sam] = [await addManager(), await addManager()];
		for (let i = 0; i < 3; i++) expect(await typeIn(survey, rosa.id)).toMatchObject({ ok: true });
		expect(await typeIn(survey, sam.id)).toMatchObject({ ok: true });
		expect(await typeIn(staff, rosa.id)).toMatchObject({ ok: true });
		// Web answers are nobody's entry.
		expect(await submitSurvey(survey, form, client)).toMatchObject({ ok: true });

		expect(paperRows(round.id)).toEqual([
			{ audience: 'consumer', program_key: program.id, user_id: rosa.id, forms: 3 },
			{ audience: 'consumer', program_key: program.id, user_id: sam.id, forms: 1 },
			{ audience: 'staff', program_key: program.id, user_id: rosa.id, forms: 1 }
		]);
		expect(paperEntriesOfRound(round.id, 5)).toEqual([
			{
				roundId: round.id,
				audience: 'staff',
				programId: program.id,
				programName: program.name,
				responses: 1,
				paperForms: 1,
				enteredBy: `${rosa.username} (1)`,
				liftedByPaper: false
			},
			{
				roundId: round.id,
				audience: 'consumer',
				programId: program.id,
				programName: program.name,
				responses: 5,
				paperForms: 4,
				enteredBy: `${rosa.username} (3), ${sam.username} (1)`,
				liftedByPaper: true
			}
		]);
		// Counts only: no time, no response, nothing about the form.
		const columns = db().prepare("SELECT name FROM pragma_table_info('paper_entries') ORDER BY cid").pluck().all();
		expect(columns).toEqual(['round_id', 'audience', 'program_key', 'user_id', 'forms']);
		expect(() => db().prepare('SELECT rowid FROM paper_entries').all()).toThrow(/no such column: rowid/);
	});

	it('count nothing for a refused form: a bad value, an empty form, or a round that closed', async () => {
		const { round, survey, token } = openTestSurvey('consumer');
		const rosa = await addManager();
		const before = totals();
		expect(await typeIn(survey, rosa.id, [['hr.listen', '9']])).toMatchObject({ ok: false, status: 400 });
		expect(await typeIn(survey, rosa.id, [['hr.nope', '3']])).toMatchObject({ ok: false, status: 400 });
		expect(await typeIn(survey, rosa.id, [])).toMatchObject({ ok: false, status: 400 });
		closeRound(round.id);
		expect(await typeIn(openSurvey(token, 'en', true), rosa.id)).toMatchObject({ ok: false, status: 410 });
		expect(await typeIn(survey, rosa.id)).toMatchObject({ ok: false, status: 410, problem: 'round-closed' });
		expect(totals()).toEqual(before);
		expect(paperRows(round.id)).toEqual([]);
	});

	it('are counted in the transaction that stores the form: a failed one counts nothing', async () => {
		const { round, program, survey } = openTestSurvey('consumer');
		const rosa = await addManager();
		expect(await typeIn(survey, rosa.id)).toMatchObject({ ok: true });
		const before = totals();

		// The database fails after the count was raised, while storing the comment: all of it is undone.
		db().exec("CREATE TEMP TRIGGER comments_fail BEFORE INSERT ON comments BEGIN SELECT RAISE(ABORT, 'the disk failed'); END");
		await expect(typeIn(survey, rosa.id)).rejects.toThrow('the disk failed');
		db().exec('DROP TRIGGER temp.comments_fail');

		// Saved on its own, a response with an answer the database refuses stores and counts nothing.
		const group = { roundId: round.id, audience: 'consumer' as const, programId: program.id };
		expect(() =>
			saveResponse(
				group,
				{ language: 'en', channel: 'paper', enteredBy: rosa.id },
				{
					answers: new Map([['hr.listen', 9 as 5]]),
					comment: null
				}
			)
		).toThrow();

		// In a group commit, a piece that fails after counting undoes its own count only.
		const sent = await Promise.allSettled([
			typeIn(survey, rosa.id),
			commitTogether(() => {
				recordPaperEntry(group, rosa.id);
				throw new Error('refused after counting');
			})
		]);
		expect(sent.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);

		expect(totals()).toEqual({ ...before, responses: before.responses + 1, answers: before.answers + 1, comments: before.comments + 1 });
		expect(paperRows(round.id)).toEqual([{ audience: 'consumer', program_key: program.id, user_id: rosa.id, forms: 2 }]);
	});

	it('can only be stored with the account that typed them in', async () => {
		const { round, program } = openTestSurvey('consumer');
		const before = totals();
		const group = { roundId: round.id, audience: 'consumer' as const, programId: program.id };
		// An account that does not exist: the count refuses it, and the form with it.
		expect(() =>
			saveResponse(group, { language: 'en', channel: 'paper', enteredBy: 999_999 }, { answers: new Map([['hr.listen', 4]]), comment: null })
		).toThrow(/FOREIGN KEY/);
		expect(totals()).toEqual(before);
	});
});

describe('the warning at close', () => {
	it('names the groups that reach the minimum group size only with their paper forms', () => {
		const groups = [
			{ name: 'web only, large', responses: 30, paperForms: 0 },
			{ name: 'mostly paper, large enough without it', responses: 14, paperForms: 9 },
			{ name: 'one real answer and nine typed in', responses: 10, paperForms: 9 },
			{ name: 'just at the minimum thanks to paper', responses: 5, paperForms: 1 },
			{ name: 'at the minimum without paper', responses: 5, paperForms: 0 },
			{ name: 'all paper', responses: 6, paperForms: 6 },
			{ name: 'small even with paper', responses: 4, paperForms: 3 },
			{ name: 'no answers', responses: 0, paperForms: 0 }
		];
		expect(groups.filter((group) => liftedByPaper(group, 5)).map((group) => group.name)).toEqual([
			'one real answer and nine typed in',
			'just at the minimum thanks to paper',
			'all paper'
		]);
		// A higher minimum lifts more groups; the rule follows the agency's setting.
		expect(groups.filter((group) => liftedByPaper(group, 10)).map((group) => group.name)).toEqual([
			'mostly paper, large enough without it',
			'one real answer and nine typed in'
		]);
	});

	it('says who typed the forms in, most first, and how many were stored before counts were kept', () => {
		expect(describeEnteredBy([{ username: 'rosa', forms: 9 }], 9)).toBe('rosa (9)');
		expect(
			describeEnteredBy(
				[
					{ username: 'rosa', forms: 6 },
					{ username: 'demo', forms: 3 }
				],
				9
			)
		).toBe('rosa (6), demo (3)');
		expect(describeEnteredBy([{ username: 'rosa', forms: 2 }], 5)).toBe('rosa (2), not recorded (3)');
		expect(describeEnteredBy([], 0)).toBe('');
	});

	it('is worked out on the round’s own groups', async () => {
		const { round, program, survey } = openTestSurvey('consumer');
		const rosa = await addManager();
		expect(await submitSurvey(survey, form, { ...client, clientAddress: '203.0.113.90' })).toMatchObject({ ok: true });
		for (let i = 0; i < 4; i++) expect(await typeIn(survey, rosa.id)).toMatchObject({ ok: true });
		const lifted = (minimum: number) => paperEntriesOfRound(round.id, minimum).filter((group) => group.liftedByPaper);
		expect(lifted(5)).toMatchObject([{ audience: 'consumer', programId: program.id, responses: 5, paperForms: 4 }]);
		// Below the minimum even with the paper forms: hidden anyway, so nothing rests on them.
		expect(lifted(6)).toEqual([]);
		expect(await submitSurvey(survey, form, { ...client, clientAddress: '203.0.113.91' })).toMatchObject({ ok: true });
		expect(lifted(6)).toHaveLength(1);
	});
});
