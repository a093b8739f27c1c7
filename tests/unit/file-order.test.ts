import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// This file's database lives on disk, to read what the raw file itself reveals.
const file = join(mkdtempSync(join(tmpdir(), 'apc-order-')), 'order.sqlite');
process.env.DATABASE_PATH = file;

const { closeRound } = await import('$lib/server/rounds');
const { correlationWithSubmissionOrder, logSize, positionsInFile, roundAnsweredInOrder } = await import('./order-in-file');

describe('the database file after a round closes', () => {
	it('no longer holds the order the answers came in', async () => {
		const { round, markers } = await roundAnsweredInOrder(200);
		// While the round is open, the file still shows the order: this is what closing removes.
		const whileOpen = positionsInFile(file, markers);
		expect(whileOpen.every((position) => position >= 0)).toBe(true);
		expect(correlationWithSubmissionOrder(whileOpen)).toBeGreaterThan(0.5);

		closeRound(round.id);

		const afterClose = positionsInFile(file, markers);
		expect(afterClose.every((position) => position >= 0)).toBe(true);
		// Random order over 200 rows has a standard deviation of 0.07; 0.35 is five of those.
		expect(Math.abs(correlationWithSubmissionOrder(afterClose))).toBeLessThan(0.35);
		expect(logSize(file)).toBe(0);
	});
});
