import { describe, expect, it } from 'vitest';
import { db, sql } from '$lib/server/db';
import { submitSurvey } from '$lib/server/survey';
import { client, openTestSurvey } from './fixtures';

const columns = (table: string) => db().prepare(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).pluck().all();

/** Spearman's rank correlation of two orderings of the same labels. */
function rankCorrelation(a: number[], b: number[]): number {
	const position = new Map(b.map((label, index) => [label, index]));
	const n = a.length;
	const squared = a.reduce((sum, label, index) => sum + (index - position.get(label)!) ** 2, 0);
	return 1 - (6 * squared) / (n * (n * n - 1));
}

describe('the anonymity promise, in the schema', () => {
	it('keeps nothing about a respondent beyond round, audience, program, language, channel and version', async () => {
		expect(columns('responses')).toEqual(['id', 'round_id', 'audience', 'program_id', 'language', 'channel', 'instrument_version']);
		expect(columns('answers')).toEqual(['response_id', 'item_id', 'value']);
		expect(columns('comments')).toEqual(['id', 'round_id', 'audience', 'program_id', 'body']);
	});

	it('gives comments no key that joins them to responses', async () => {
		const foreignKeys = db().prepare('SELECT "table" FROM pragma_foreign_key_list(\'comments\')').pluck().all();
		expect(foreignKeys).not.toContain('responses');
		expect(foreignKeys).not.toContain('answers');
		expect(columns('comments')).not.toContain('response_id');
	});

	it('has no hidden row numbers on responses, answers or comments', async () => {
		for (const table of ['responses', 'answers', 'comments']) {
			expect(() => db().prepare(`SELECT rowid FROM ${table}`).all()).toThrow(/no such column: rowid/);
		}
	});

	it('stores rows so that neither ids nor table order follow the order of submission', async () => {
		const { survey, round } = openTestSurvey('consumer');
		const submitted = 400;
		// Each respondent is told apart here by a comment and an answer pattern, in submission order.
		for (let i = 0; i < submitted; i++) {
			const result = await submitSurvey(
				survey,
				[
					['hr.listen', String((i % 5) + 1)],
					['hr.trust', String((Math.floor(i / 5) % 5) + 1)],
					['hr.human', String((Math.floor(i / 25) % 5) + 1)],
					['comment', `respondent ${i}`]
				],
				{ ...client, clientAddress: `10.0.${i >> 8}.${i & 255}` }
			);
			expect(result.ok).toBe(true);
		}

		const ids = sql<[number], Buffer>('SELECT id FROM responses WHERE round_id = ?').pluck().all(round.id);
		expect(ids).toHaveLength(submitted);
		expect(new Set(ids.map((id) => id.toString('hex'))).size).toBe(submitted);
		expect(ids.every((id) => id.length === 16)).toBe(true);

		const commentOrder = sql<[number], string>('SELECT body FROM comments WHERE round_id = ?')
			.pluck()
			.all(round.id)
			.map((body) => Number(body.split(' ')[1]));
		const submissionOrder = commentOrder.toSorted((a, b) => a - b);
		// With 400 rows in random order the correlation has a standard deviation of 0.05;
		// 0.25 is five of those, so a real leak fails this and chance never does.
		expect(Math.abs(rankCorrelation(commentOrder, submissionOrder))).toBeLessThan(0.25);

		const patternOrder = sql<[number], { listen: number; trust: number; human: number }>(
			`SELECT
				(SELECT value FROM answers WHERE response_id = responses.id AND item_id = 'hr.listen') AS listen,
				(SELECT value FROM answers WHERE response_id = responses.id AND item_id = 'hr.trust') AS trust,
				(SELECT value FROM answers WHERE response_id = responses.id AND item_id = 'hr.human') AS human
			 FROM responses WHERE round_id = ?`
		)
			.all(round.id)
			.map((row) => row.listen - 1 + (row.trust - 1) * 5 + (row.human - 1) * 25);
		// Patterns repeat every 125 respondents, so compare ranks within the first block of each.
		const firstSeen = [...new Set(patternOrder)];
		expect(
			Math.abs(
				rankCorrelation(
					firstSeen,
					firstSeen.toSorted((a, b) => a - b)
				)
			)
		).toBeLessThan(0.5);
	});
});
