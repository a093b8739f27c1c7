import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// This file's database lives on disk, to read what the raw file itself reveals.
const file = join(mkdtempSync(join(tmpdir(), 'apc-order-')), 'order.sqlite');
process.env.DATABASE_PATH = file;

const { closeRound } = await import('$lib/server/rounds');
const { submitSurvey } = await import('$lib/server/survey');
const { client, openTestSurvey } = await import('./fixtures');

const submitted = 200;
const marker = (i: number) => `order-marker-${String(i).padStart(4, '0')}-end`;

/** Byte offset of each respondent's comment in the raw database file and its log. */
function positionsInFile(): number[] {
	const bytes = Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
	return Array.from({ length: submitted }, (_, i) => bytes.indexOf(marker(i)));
}

/** Spearman's rank correlation between the submission order and the order in the file. */
function correlationWithSubmissionOrder(positions: number[]): number {
	const rank = new Map(positions.toSorted((a, b) => a - b).map((position, index) => [position, index]));
	const n = positions.length;
	const squared = positions.reduce((sum, position, i) => sum + (i - rank.get(position)!) ** 2, 0);
	return 1 - (6 * squared) / (n * (n * n - 1));
}

describe('the database file after a round closes', () => {
	it('no longer holds the order the answers came in', async () => {
		const { survey, round } = openTestSurvey('consumer');
		for (let i = 0; i < submitted; i++) {
			const result = await submitSurvey(survey, [['hr.listen', '4'], ['comment', marker(i)]], {
				...client,
				clientAddress: `10.1.${i >> 8}.${i & 255}`
			});
			expect(result.ok).toBe(true);
		}
		// While the round is open, the file still shows the order: this is what closing removes.
		const whileOpen = positionsInFile();
		expect(whileOpen.every((position) => position >= 0)).toBe(true);
		expect(correlationWithSubmissionOrder(whileOpen)).toBeGreaterThan(0.5);

		closeRound(round.id);

		const afterClose = positionsInFile();
		expect(afterClose.every((position) => position >= 0)).toBe(true);
		// Random order over 200 rows has a standard deviation of 0.07; 0.35 is five of those.
		expect(Math.abs(correlationWithSubmissionOrder(afterClose))).toBeLessThan(0.35);
		expect(existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).length : 0).toBe(0);
	});
});
