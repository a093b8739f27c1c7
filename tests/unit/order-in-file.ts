import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { submitSurvey } from '$lib/server/survey';
import { client, openTestSurvey } from './fixtures';

/** Byte offset of each marker in the raw database file followed by its log (-1 where it is in neither). */
export function positionsInFile(file: string, markers: string[]): number[] {
	const bytes = Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
	return markers.map((marker) => bytes.indexOf(marker));
}

/** Spearman's rank correlation between the submission order and the order in the file. */
export function correlationWithSubmissionOrder(positions: number[]): number {
	const rank = new Map(positions.toSorted((a, b) => a - b).map((position, index) => [position, index]));
	const n = positions.length;
	const squared = positions.reduce((sum, position, i) => sum + (i - rank.get(position)!) ** 2, 0);
	return 1 - (6 * squared) / (n * (n * n - 1));
}

/** Whether the order the markers were sent in can still be read from the bytes of a database file and its log. */
export function orderIsOnDisk(file: string, markers: string[]): boolean {
	const positions = positionsInFile(file, markers);
	expect(positions.every((position) => position >= 0)).toBe(true);
	// Random order over 200 rows has a standard deviation of 0.07; 0.35 is five of those.
	return Math.abs(correlationWithSubmissionOrder(positions)) >= 0.35;
}

/** The size of the database's write-ahead log in bytes (0 when there is none). */
export const logSize = (file: string) => (existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).length : 0);

let rounds = 0;

/** A new open round with `count` consumer answers, each with a comment that marks its place in the order sent. */
export async function roundAnsweredInOrder(count: number) {
	const { survey, round } = openTestSurvey('consumer');
	const markers = Array.from({ length: count }, (_, i) => `order-marker-${++rounds}-${String(i).padStart(4, '0')}-end`);
	for (const [i, marker] of markers.entries()) {
		const result = await submitSurvey(
			survey,
			[
				['hr.listen', '4'],
				['comment', marker]
			],
			{
				...client,
				clientAddress: `10.1.${i >> 8}.${i & 255}`
			}
		);
		expect(result.ok).toBe(true);
	}
	return { round, markers };
}

/** Another connection to the database file, in the middle of a read, as a backup or the sqlite3 shell would be. */
export function openReader(file: string): Disposable {
	const reader = new Database(file, { readonly: true, fileMustExist: true });
	reader.exec('BEGIN');
	reader.prepare('SELECT count(*) FROM responses').get();
	return {
		[Symbol.dispose]() {
			if (reader.inTransaction) reader.exec('COMMIT');
			reader.close();
		}
	};
}
