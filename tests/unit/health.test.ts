import { describe, expect, it } from 'vitest';
import { migrations } from '$lib/server/db';
import { checkHealth, isStorageFailure } from '$lib/server/health';

describe('the health check', () => {
	it('is ok, with the schema version, when the database can be written', () => {
		expect(checkHealth()).toEqual({ ok: true, schema: migrations.at(-1)!.version });
	});

	it('tells storage failures from other errors', () => {
		const sqlite = (code: string) => Object.assign(new Error(code), { code });
		for (const code of ['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_CANTOPEN', 'SQLITE_BUSY']) {
			expect(isStorageFailure(sqlite(code)), code).toBe(true);
		}
		for (const problem of [sqlite('SQLITE_CONSTRAINT_CHECK'), sqlite('SQLITE_MISMATCH'), new Error('full'), null, 'SQLITE_FULL']) {
			expect(isStorageFailure(problem), String(problem)).toBe(false);
		}
	});
});
