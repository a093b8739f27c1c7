import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const databaseFile = join(mkdtempSync(join(tmpdir(), 'apc-admin-')), 'app.sqlite');

/** Runs the built command as `npm run admin -- …` would, with the password on standard input. */
function admin(args: string[], password: string) {
	const run = spawnSync('node', ['build/cli/admin.js', ...args], {
		cwd: root,
		input: `${password}\n`,
		env: { ...process.env, DATABASE_PATH: databaseFile },
		encoding: 'utf8'
	});
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const userRow = (username: string) => {
	const database = new Database(databaseFile, { readonly: true });
	try {
		return database.prepare('SELECT role, password_hash FROM users WHERE username = ?').get(username) as
			{ role: string; password_hash: string } | undefined;
	} finally {
		database.close();
	}
};

describe('the admin command', () => {
	beforeAll(() => {
		execFileSync('npx', ['vite', 'build', '--mode', 'cli', '--logLevel', 'error'], { cwd: root });
	}, 120_000);

	it('adds a user with a role, the password read from standard input and stored hashed', () => {
		const result = admin(['add-user', 'marta', '--role', 'admin'], 'quiet morning coffee');
		expect(result).toMatchObject({ status: 0 });
		expect(result.output).toContain('Added marta as admin');
		const row = userRow('marta');
		expect(row?.role).toBe('admin');
		expect(row?.password_hash).toMatch(/^\$argon2id\$/);
		expect(row?.password_hash).not.toContain('quiet morning coffee');
	});

	it('refuses an existing name and a weak password with a clear message', () => {
		expect(admin(['add-user', 'MARTA', '--role', 'manager'], 'another fine phrase')).toMatchObject({
			status: 1,
			output: expect.stringContaining('There is already a user called MARTA')
		});
		expect(admin(['add-user', 'li', '--role', 'manager'], 'short')).toMatchObject({
			status: 1,
			output: expect.stringContaining('at least 8 characters')
		});
		expect(admin(['add-user', 'li', '--role', 'owner'], 'long enough phrase')).toMatchObject({
			status: 1,
			output: expect.stringContaining('admin or manager')
		});
		expect(userRow('li')).toBeUndefined();
	});

	it('sets a new password for an existing user only', () => {
		const before = userRow('marta')!.password_hash;
		expect(admin(['set-password', 'marta'], 'evening tea instead')).toMatchObject({ status: 0 });
		expect(userRow('marta')!.password_hash).not.toBe(before);
		expect(admin(['set-password', 'nobody'], 'evening tea instead')).toMatchObject({
			status: 1,
			output: expect.stringContaining('There is no user called nobody')
		});
	});

	it('explains its use when called wrongly', () => {
		expect(admin(['remove-everyone'], '')).toMatchObject({ status: 1, output: expect.stringContaining('Usage:') });
	});
});
