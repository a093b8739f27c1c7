import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentInstrument, itemText } from '$lib/instruments';
import { sql } from '$lib/server/db';
import { saveResponse } from '$lib/server/responses';
import { closeRound } from '$lib/server/rounds';
import { openSurvey, submitSurvey } from '$lib/server/survey';
import { client, openTestSurvey } from './fixtures';

const count = (table: string) => sql<[], number>(`SELECT count(*) FROM ${table}`).pluck().get()!;
const totals = () => ({ responses: count('responses'), answers: count('answers'), comments: count('comments') });

describe('submitting a survey', () => {
	it('stores the response, its answers and the comment apart, and nothing else', async () => {
		const { survey, round, program } = openTestSurvey('consumer');
		const before = totals();
		const result = await submitSurvey(
			survey,
			[
				['hr.listen', '5'],
				['stc.goals', 'unsure'],
				['comment', 'The coffee is good.']
			],
			client
		);
		expect(result.ok).toBe(true);
		expect(totals()).toEqual({
			responses: before.responses + 1,
			answers: before.answers + 2,
			comments: before.comments + 1
		});
		const stored = sql<[number], Record<string, unknown>>('SELECT * FROM responses WHERE round_id = ?').get(round.id)!;
		expect(stored).toMatchObject({
			audience: 'consumer',
			program_id: program.id,
			language: 'en',
			channel: 'web',
			instrument_version: currentInstrument.version
		});
	});

	it('refuses a consumer answering a staff-only item, storing nothing', async () => {
		const { survey } = openTestSurvey('consumer');
		const before = totals();
		expect(await submitSurvey(survey, [['stc.board', '4']], client)).toMatchObject({ ok: false, status: 400 });
		expect(await submitSurvey(survey, [['ex.love', '4']], client)).toMatchObject({ ok: false, problem: 'unknown-field' });
		expect(totals()).toEqual(before);
	});

	it('names the question whose answer was off the scale, as the form numbers it, in the respondent’s language', async () => {
		const { survey } = openTestSurvey('consumer');
		const items = survey.sections.flatMap((section) => section.items);
		const before = totals();
		const third = items[2];
		const refused = await submitSurvey(
			survey,
			[
				[items[0].id, '4'],
				[third.id, '6']
			],
			client
		);
		expect(refused).toMatchObject({ ok: false, status: 400, problem: 'off-scale', values: { answers: { [items[0].id]: '4' } } });
		expect(!refused.ok && refused.message).toBe(
			`Your answer to question 3, “${itemText(third, 'consumer', 'en')}”, was not one of the choices. Please pick an answer again, then send.`
		);
		const spanish = await submitSurvey(survey, [[third.id, '0']], { ...client, language: 'es' });
		expect(!spanish.ok && spanish.message).toMatch(/^Su respuesta a la pregunta 3, “.+”, no era una de las opciones\./);
		expect(totals()).toEqual(before);
	});

	it('refuses a round that closed after the page was loaded, keeping the answers to re-fill', async () => {
		const { survey, round, token } = openTestSurvey('staff');
		closeRound(round.id);
		const before = totals();
		const late = openSurvey(token, 'en', true);
		const result = await submitSurvey(late, [['hr.listen', '3']], client);
		expect(result).toMatchObject({ ok: false, status: 410, problem: 'round-closed', values: { answers: { 'hr.listen': '3' } } });
		// Even a survey read while the round was open can't store once it has closed.
		expect(await submitSurvey(survey, [['hr.listen', '3']], client)).toMatchObject({ ok: false, status: 410 });
		expect(totals()).toEqual(before);
	});

	it('stores all of a response or none of it', async () => {
		const { round } = openTestSurvey('staff');
		const before = totals();
		const broken = new Map<string, 0 | 1 | 2 | 3 | 4 | 5>([
			['hr.listen', 4],
			['hr.trust', 9 as 5]
		]);
		expect(() =>
			saveResponse(
				{ roundId: round.id, audience: 'staff', programId: null },
				{ language: 'en', channel: 'web' },
				{
					answers: broken,
					comment: 'kept?'
				}
			)
		).toThrow();
		expect(totals()).toEqual(before);
	});

	it('limits submissions per client in memory: a burst of 60, enough for a room of 40 staff', async () => {
		const { survey } = openTestSurvey('staff');
		const office = { ...client, clientAddress: '203.0.113.40' };
		const before = totals();
		for (let i = 0; i < 60; i++) expect((await submitSurvey(survey, [['hr.listen', '4']], office)).ok).toBe(true);
		expect(await submitSurvey(survey, [['hr.listen', '4']], office)).toMatchObject({
			ok: false,
			status: 429,
			problem: 'too-many',
			values: { answers: { 'hr.listen': '4' } }
		});
		expect(totals().responses).toBe(before.responses + 60);
		expect((await submitSurvey(survey, [['hr.listen', '4']], { ...client, clientAddress: '203.0.113.41' })).ok).toBe(true);
	});

	it('refuses a form from another origin before anything else: nothing stored or counted, the answers kept to re-fill', async () => {
		const { survey } = openTestSurvey('consumer');
		const crossSite = { ...client, clientAddress: '203.0.113.50', foreignOrigin: 'http://192.168.1.20:3000' };
		const before = totals();
		for (let i = 0; i < 70; i++) {
			expect(
				await submitSurvey(
					survey,
					[
						['hr.listen', '4'],
						['comment', 'Kept for the next try.']
					],
					crossSite
				)
			).toMatchObject({
				ok: false,
				status: 403,
				problem: 'foreign-origin',
				values: { answers: { 'hr.listen': '4' }, comment: 'Kept for the next try.' }
			});
		}
		// Even a form that would be refused for itself is refused for where it came from.
		expect(await submitSurvey(survey, [['ex.love', '4']], crossSite)).toMatchObject({ status: 403, problem: 'foreign-origin' });
		expect(totals()).toEqual(before);
		// The refusals used none of that address's limit.
		const { foreignOrigin: _, ...sameAddress } = crossSite;
		expect((await submitSurvey(survey, [['hr.listen', '4']], sameAddress)).ok).toBe(true);
	});

	it('stores nothing invalid, whatever the form body', async () => {
		const { survey } = openTestSurvey('staff');
		const itemIds = survey.sections.flatMap((section) => section.items.map((item) => item.id));
		const field = fc.tuple(
			fc.oneof(fc.constantFrom(...itemIds, 'comment', 'stc.nope', 'round_id', 'audience'), fc.string()),
			fc.oneof(fc.constantFrom('1', '3', '5', 'unsure', '', '0', '6', '-1', '2.5', 'NaN'), fc.string({ maxLength: 40 }))
		);
		await fc.assert(
			fc.asyncProperty(fc.array(field, { maxLength: 20 }), fc.ipV4(), async (fields, clientAddress) => {
				const before = totals();
				const result = await submitSurvey(survey, fields, { ...client, clientAddress });
				const after = totals();
				if (!result.ok) {
					expect(after).toEqual(before);
					return;
				}
				expect(after.responses).toBe(before.responses + 1);
				expect(after.answers - before.answers).toBe(result.response.answers.size);
			}),
			{ numRuns: 300 }
		);
		const invalid = sql<[], number>("SELECT count(*) FROM answers WHERE value NOT BETWEEN 0 AND 5 OR item_id NOT LIKE '__%.%'")
			.pluck()
			.get();
		expect(invalid).toBe(0);
		const unknownItems = sql<[], string>('SELECT DISTINCT item_id FROM answers')
			.pluck()
			.all()
			.filter((itemId) => !itemIds.includes(itemId));
		expect(unknownItems).toEqual([]);
	});
});
