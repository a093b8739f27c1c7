import { describe, expect, it } from 'vitest';
import { db, sql } from '$lib/server/db';
import { commitTogether } from '$lib/server/group-commit';
import { openSurvey, submitSurvey } from '$lib/server/survey';
import { generateCodes } from '$lib/server/survey-codes';
import { setLinkMode } from '$lib/server/survey-links';
import { client, openTestSurvey } from './fixtures';

const count = (table: string) => sql<[], number>(`SELECT count(*) FROM ${table}`).pluck().get()!;
const totals = () => ({ responses: count('responses'), answers: count('answers'), comments: count('comments') });

let clients = 0;
const newClient = () => ({ ...client, clientAddress: `198.51.100.${++clients}` });

describe('saving responses sent at the same moment together', () => {
	it('runs each piece in a transaction, and acknowledges it only after the commit', async () => {
		let ran = 0;
		const pieces = Array.from({ length: 5 }, () =>
			commitTogether(() => {
				expect(db().inTransaction).toBe(true);
				ran++;
			})
		);
		// Nothing is acknowledged before the group has run.
		let settled = 0;
		for (const piece of pieces) piece.then(() => settled++);
		await Promise.resolve();
		expect([ran, settled]).toEqual([0, 0]);
		await Promise.all(pieces);
		expect([ran, settled]).toEqual([5, 5]);
		expect(db().inTransaction).toBe(false);
	});

	it('stores each valid response of a group, and refuses only the one that is not', async () => {
		const { round, token } = openTestSurvey('consumer');
		setLinkMode(round.id, token, 'code');
		const survey = openSurvey(token, 'en');
		const [code] = generateCodes(token, 1);
		const before = totals();
		const sent = await Promise.all([
			submitSurvey(
				survey,
				[
					['hr.listen', '4'],
					['code', code],
					['comment', 'first']
				],
				newClient()
			),
			// The same code again, in the same group: the second use must fail alone.
			submitSurvey(
				survey,
				[
					['hr.listen', '2'],
					['hr.trust', '3'],
					['code', code]
				],
				newClient()
			),
			submitSurvey(
				survey,
				[
					['hr.listen', '5'],
					['code', 'NOPE-NOPE']
				],
				newClient()
			)
		]);
		expect(sent.map((submission) => submission.ok)).toEqual([true, false, false]);
		expect(sent[1]).toMatchObject({ status: 403, problem: 'code-not-accepted' });
		expect(totals()).toEqual({
			responses: before.responses + 1,
			answers: before.answers + 1,
			comments: before.comments + 1
		});
	});

	it('undoes a failing piece’s own writes only', async () => {
		const { survey } = openTestSurvey('staff');
		const before = totals();
		const results = await Promise.allSettled([
			submitSurvey(survey, [['hr.listen', '4']], newClient()),
			commitTogether(() => {
				sql("INSERT INTO programs (name) VALUES ('half-made')").run();
				throw new Error('this piece fails after writing');
			}),
			submitSurvey(survey, [['hr.trust', '3']], newClient())
		]);
		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(sql("SELECT count(*) FROM programs WHERE name = 'half-made'").pluck().get()).toBe(0);
		expect(totals().responses).toBe(before.responses + 2);
	});

	it('fails the whole group when the database itself fails in one piece', async () => {
		const { survey } = openTestSurvey('staff');
		const before = totals();
		const results = await Promise.allSettled([
			submitSurvey(survey, [['hr.listen', '4']], newClient()),
			commitTogether(() => {
				sql('INSERT INTO no_such_table VALUES (1)').run();
			}),
			submitSurvey(survey, [['hr.trust', '3']], newClient())
		]);
		expect(results[1].status).toBe('rejected');
		// The others were not saved, and their senders are told so.
		for (const result of [results[0], results[2]]) {
			expect(result.status === 'rejected' || !result.value.ok).toBe(true);
		}
		expect(totals()).toEqual(before);
	});

	it('when the disk fills up, acknowledges exactly the responses that were stored', async () => {
		const { survey } = openTestSurvey('consumer');
		const before = totals();
		const pages = sql<[], number>('PRAGMA page_count').pluck().get()!;
		// The database may grow no further: the next page it needs fails as a full disk would.
		db().pragma(`max_page_count = ${pages}`);
		try {
			const long = 'x'.repeat(1_990);
			const sent = await Promise.all(
				Array.from({ length: 20 }, (_, i) =>
					submitSurvey(
						survey,
						[
							['hr.listen', '4'],
							['comment', `${long} ${i}`]
						],
						newClient()
					)
				)
			);
			// Each response is either stored and acknowledged, or refused as not saved, to send again.
			const refused = sent.filter((submission) => !submission.ok);
			expect(refused.length).toBeGreaterThan(0);
			for (const submission of refused) {
				expect(submission).toMatchObject({ status: 503, problem: 'not-saved', values: { answers: { 'hr.listen': '4' } } });
			}
			const acknowledged = sent.length - refused.length;
			expect(totals()).toEqual({
				responses: before.responses + acknowledged,
				answers: before.answers + acknowledged,
				comments: before.comments + acknowledged
			});
		} finally {
			db().pragma('max_page_count = 4294967294');
		}
		expect(db().inTransaction).toBe(false);
	});
});
