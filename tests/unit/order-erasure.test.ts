import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// This file's database lives on disk: the write-ahead log and VACUUM are what is tested.
const folder = mkdtempSync(join(tmpdir(), 'apc-erasure-'));
const file = join(folder, 'erasure.sqlite');
process.env.DATABASE_PATH = file;

const { closeRound } = await import('$lib/server/rounds');
const { finishOrderErasure, isOrderErasurePending, markOrderErasurePending, retryDelaySeconds } = await import('$lib/server/order-erasure');
const { db } = await import('$lib/server/db');
const { checkHealth } = await import('$lib/server/health');
const { loadResults } = await import('$lib/server/results');
const { backupDatabase } = await import('$lib/server/backup');
const { correlationWithSubmissionOrder, logSize, openReader, orderIsOnDisk, positionsInFile, roundAnsweredInOrder } =
	await import('./order-in-file');

afterEach(() => {
	vi.useRealTimers();
});

describe('erasing the order answers came in', () => {
	it('stays pending while another connection reads across a close, and a later try finishes it', async () => {
		const { round, markers } = await roundAnsweredInOrder(200);
		expect(isOrderErasurePending()).toBe(false);
		{
			using _reader = openReader(file);
			expect(closeRound(round.id)).toBe(true);

			expect(isOrderErasurePending()).toBe(true);
			expect(checkHealth()).toMatchObject({ ok: true, orderErasure: 'pending' });
			expect(logSize(file)).toBeGreaterThan(0);
			expect(orderIsOnDisk(file, markers)).toBe(true);
			// Trying again while the reader is still there changes nothing.
			expect(finishOrderErasure()).toBe(false);
			expect(isOrderErasurePending()).toBe(true);
		}

		expect(finishOrderErasure()).toBe(true);
		expect(isOrderErasurePending()).toBe(false);
		expect(checkHealth()).toMatchObject({ ok: true, orderErasure: 'done' });
		expect(logSize(file)).toBe(0);
		expect(orderIsOnDisk(file, markers)).toBe(false);
	});

	it('is retried on a timer, waiting longer each time, until the reader lets go', async () => {
		const { round, markers } = await roundAnsweredInOrder(200);
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		{
			using _reader = openReader(file);
			closeRound(round.id);
			expect(isOrderErasurePending()).toBe(true);
			vi.advanceTimersByTime(30_000);
			// Tried after 30 seconds, still held back; the next try waits a minute.
			expect(isOrderErasurePending()).toBe(true);
		}
		vi.advanceTimersByTime(59_000);
		expect(isOrderErasurePending()).toBe(true);
		vi.advanceTimersByTime(1_000);
		expect(isOrderErasurePending()).toBe(false);
		expect(logSize(file)).toBe(0);
		expect(orderIsOnDisk(file, markers)).toBe(false);
		// Done: no timer is left waiting.
		expect(vi.getTimerCount()).toBe(0);
	});

	it('waits 30 seconds at first, doubling up to five minutes', () => {
		expect([0, 1, 2, 3, 4, 5, 20].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 300, 300, 300]);
	});

	it('is not held back by the results, which keep no read open between requests', async () => {
		const { round } = await roundAnsweredInOrder(20);
		expect(closeRound(round.id)).toBe(true);
		expect(isOrderErasurePending()).toBe(false);
		expect(loadResults().responseCount(round.id, 'consumer', 'all')).toEqual({ shown: true, value: 20, n: 20 });
		expect(db().inTransaction).toBe(false);
		// A statement left half-read on the connection would make the rewrite fail here.
		markOrderErasurePending();
		expect(finishOrderErasure()).toBe(true);
		expect(logSize(file)).toBe(0);
	});

	it('is not held back by a finished backup, whose copy holds no order either', async () => {
		const { round, markers } = await roundAnsweredInOrder(200);
		const backupConnection = new Database(file, { readonly: true, fileMustExist: true });
		try {
			const copy = join(folder, `copy-${round.id}.sqlite`);
			backupDatabase(backupConnection, copy);
			expect(Math.abs(correlationWithSubmissionOrder(positionsInFile(copy, markers)))).toBeLessThan(0.35);
			// The backup's connection is still open, as the command's is until it exits: it holds no read.
			expect(closeRound(round.id)).toBe(true);
			expect(isOrderErasurePending()).toBe(false);
			expect(logSize(file)).toBe(0);
		} finally {
			backupConnection.close();
		}
	});
});
