import { describe, expect, it } from 'vitest';
import { migrations } from '$lib/server/db';
import { checkHealth, isStorageFailure } from '$lib/server/health';
import { finishOrderErasure, markOrderErasurePending } from '$lib/server/order-erasure';

describe('the health check', () => {
	it('is ok, with the schema version, when the database can be written', () => {
		expect(checkHealth()).toEqual({ ok: true, schema: migrations.at(-1)!.version, orderErasure: 'done' });
	});

	it('stays ok, and says so, while the file still holds the order answers came in', () => {
		markOrderErasurePending();
		expect(checkHealth()).toEqual({ ok: true, schema: migrations.at(-1)!.version, orderErasure: 'pending' });
		expect(finishOrderErasure()).toBe(true);
		expect(checkHealth()).toMatchObject({ ok: true, orderErasure: 'done' });
	});

	it('tells storage failures from other errors', () => {
		const sqlite = (code: string) => Object.assign(new Error(code), { code });
		for (const code of [
			'SQLITE_FULL',
			'SQLITE_IOERR_WRITE',
			'SQLITE_READONLY',
			'SQLITE_READONLY_DBMOVED',
			'SQLITE_CANTOPEN',
			'SQLITE_BUSY'
		]) {
			expect(isStorageFailure(sqlite(code)), code).toBe(true);
		}
		for (const problem of [sqlite('SQLITE_CONSTRAINT_CHECK'), sqlite('SQLITE_MISMATCH'), new Error('full'), null, 'SQLITE_FULL']) {
			expect(isStorageFailure(problem), String(problem)).toBe(false);
		}
	});
});
