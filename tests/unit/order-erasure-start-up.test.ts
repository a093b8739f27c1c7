import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// This file's database lives on disk, and is opened a second time as a restarted server would.
const file = join(mkdtempSync(join(tmpdir(), 'apc-erasure-start-')), 'app.sqlite');
process.env.DATABASE_PATH = file;

const { closeRound } = await import('$lib/server/rounds');
const { isOrderErasurePending } = await import('$lib/server/order-erasure');
const { logSize, openReader, orderIsOnDisk, roundAnsweredInOrder } = await import('./order-in-file');

describe('a server that stopped while erasing the order was still pending', () => {
	it('erases it at start-up', async () => {
		const { round, markers } = await roundAnsweredInOrder(200);
		// The retry timer never fires: the server "stops" with the rewrite owed.
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		{
			using _reader = openReader(file);
			closeRound(round.id);
		}
		expect(isOrderErasurePending()).toBe(true);
		expect(logSize(file)).toBeGreaterThan(0);
		expect(orderIsOnDisk(file, markers)).toBe(true);

		// New modules, so a new connection, as after a restart; then the server's start-up.
		vi.resetModules();
		const { init } = await import('../../src/hooks.server');
		await init();
		const restarted = await import('$lib/server/order-erasure');
		expect(restarted.isOrderErasurePending()).toBe(false);
		expect(logSize(file)).toBe(0);
		expect(orderIsOnDisk(file, markers)).toBe(false);
		vi.useRealTimers();
	});
});
