/**
 * Backups that run themselves (BACKUP_DIR), and `npm run restore`, against the built server.
 * Intervals are a few seconds, set through BACKUP_INTERVAL_HOURS; nothing here waits for a time
 * to pass, only for what the server says it did.
 */
import { expect, request as requests, test, type APIRequestContext } from '@playwright/test';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openConsumerLink, readDatabaseFile, scratchFolder, startServer, type ServerProcess } from './server-process';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** 1.8 seconds between backups, and so between tries after a failure. */
const SHORT_INTERVAL = '0.0005';

test.describe.configure({ mode: 'serial' });

/** The backups the server has said it made, in order. */
const madeBackups = (server: ServerProcess) =>
	[...server.output().matchAll(/^Backed up the database to (.+)\.$/gm)].map((match) => match[1]);

/** The time in a backup's name: it was taken no earlier than this. */
const takenAt = (file: string) => {
	const [, day, hours, minutes, seconds] = /-(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})Z\.sqlite$/.exec(file)!;
	return Date.parse(`${day}T${hours}:${minutes}:${seconds}Z`);
};

const storedNotes = (file: string) =>
	new Set(readDatabaseFile(file, (database) => database.prepare('SELECT body FROM comments').pluck().all() as string[]));

function submit(server: ServerProcess, token: string, note: string) {
	return fetch(`${server.origin}/s/${token}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.origin, accept: 'text/html' },
		body: `hr.listen=4&hr.trust=5&comment=${encodeURIComponent(note)}`
	});
}

async function signedIn(server: ServerProcess): Promise<APIRequestContext> {
	const context = await requests.newContext({ baseURL: server.origin });
	const response = await context.post('/login', {
		form: { username: 'demo', password: 'any positive change' },
		headers: { origin: server.origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	return context;
}

const pageText = async (context: APIRequestContext, path: string) => (await (await context.get(path)).text()).replace(/<[^>]+>/g, '');

test('backups are made at start-up and on schedule, and only the ones to keep are kept', async () => {
	test.setTimeout(120_000);
	const backups = join(scratchFolder(), 'backups');
	mkdirSync(backups);
	// An old backup of the database, and files that are not its backups.
	const others = ['notes.txt', 'other-2020-01-01T000000Z.sqlite'];
	for (const name of [...others, 'app-2020-01-01T000000Z.sqlite']) writeFileSync(join(backups, name), 'left alone?');
	const server = await startServer({
		port: 4198,
		demo: true,
		env: { BACKUP_DIR: backups, BACKUP_INTERVAL_HOURS: SHORT_INTERVAL, BACKUP_KEEP_DAILY: '1', BACKUP_KEEP_WEEKLY: '0' }
	});
	try {
		// The newest backup there is years old, so one is made at start-up, then more on schedule.
		await expect.poll(() => madeBackups(server).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
	} finally {
		await server.stop();
	}
	const made = madeBackups(server);
	for (let i = 1; i < made.length; i++) expect(takenAt(made[i])).toBeGreaterThan(takenAt(made[i - 1]));
	// Keeping one day's newest and no weeks: only the last backup stays; other files are left alone.
	const newest = made.at(-1)!;
	expect(readdirSync(backups).sort()).toEqual([newest.split('/').at(-1)!, ...others].sort());
	expect(readFileSync(join(backups, others[1]), 'utf8')).toBe('left alone?');
	// A whole database: every demo response is in it.
	const responses = (file: string) =>
		readDatabaseFile(file, (database) => database.prepare('SELECT count(*) FROM responses').pluck().get());
	expect(responses(newest)).toBe(responses(server.databaseFile));
});

test('Settings says when the last backup was made and where, and when the next is due', async () => {
	const backups = join(scratchFolder(), 'backups');
	const server = await startServer({ port: 4198, demo: true, env: { BACKUP_DIR: backups } });
	try {
		await expect.poll(() => madeBackups(server).length, { timeout: 30_000 }).toBe(1);
		const [file] = madeBackups(server);
		const when = new Date(takenAt(file)).toISOString().slice(0, 16).replace('T', ' ');
		const admin = await signedIn(server);
		const settings = await pageText(admin, '/manage/settings');
		expect(settings).toContain(`Last backup: ${when} UTC, in ${file}.`);
		expect(settings).toMatch(new RegExp(`every 24 hours to\\s+${backups}`));
		expect(settings).toMatch(/Next: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\./);
		await admin.dispose();
	} finally {
		await server.stop();
	}
	// Without BACKUP_DIR, Settings says backups are off and how to turn them on.
	const off = await startServer({ port: 4198, demo: true });
	try {
		const admin = await signedIn(off);
		expect(await pageText(admin, '/manage/settings')).toContain('Scheduled backups are off');
		await admin.dispose();
	} finally {
		await off.stop();
	}
});

test('a failed backup is logged, shown to admins, and tried again, while answers keep being taken', async () => {
	test.setTimeout(120_000);
	const folder = scratchFolder();
	// A file where the backup folder should be: no backup can be written until it is moved.
	const backups = join(folder, 'backups');
	writeFileSync(backups, 'in the way');
	const server = await startServer({ port: 4199, demo: true, env: { BACKUP_DIR: backups, BACKUP_INTERVAL_HOURS: SHORT_INTERVAL } });
	try {
		const failures = () => server.output().match(/^The backup to .+ failed: .+ It will be tried again at .+\.$/gm) ?? [];
		await expect.poll(() => failures().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
		const admin = await signedIn(server);
		expect(await pageText(admin, '/manage')).toContain('A backup failed');
		expect(await pageText(admin, '/manage/settings')).toContain('failed:');
		const token = openConsumerLink(server.databaseFile);
		expect((await submit(server, token, 'while backups fail')).status).toBe(303);

		rmSync(backups);
		await expect.poll(() => madeBackups(server).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
		expect(await pageText(admin, '/manage')).not.toContain('A backup failed');
		expect(storedNotes(madeBackups(server)[0]).has('while backups fail')).toBe(true);
		expect(server.child.exitCode).toBeNull();
		await admin.dispose();
	} finally {
		await server.stop();
	}
});

test('a scheduled backup taken under load holds every answer acknowledged before it began', async () => {
	test.setTimeout(180_000);
	const backups = join(scratchFolder(), 'backups');
	const server = await startServer({
		port: 4199,
		demo: true,
		env: { RATE_LIMIT: 'off', BACKUP_DIR: backups, BACKUP_INTERVAL_HOURS: SHORT_INTERVAL }
	});
	const token = openConsumerLink(server.databaseFile);
	const acknowledged: { note: string; at: number }[] = [];
	let sending = true;
	let sent = 0;
	const client = async (id: number) => {
		while (sending) {
			const note = `scheduled backup ${id}-${sent++}`;
			const response = await submit(server, token, note);
			if (response.status === 303) acknowledged.push({ note, at: Date.now() });
		}
	};
	const clients = Array.from({ length: 8 }, (_, id) => client(id));
	try {
		await expect.poll(() => acknowledged.length, { timeout: 30_000 }).toBeGreaterThan(200);
		const loaded = Date.now();
		// Two backups begun after answers were flowing.
		await expect
			.poll(() => madeBackups(server).filter((file) => takenAt(file) > loaded).length, { timeout: 60_000 })
			.toBeGreaterThanOrEqual(2);
	} finally {
		sending = false;
		await Promise.all(clients);
		await server.stop();
	}
	// Every backup still there: each holds every answer acknowledged before the time in its name.
	const files = readdirSync(backups).map((name) => join(backups, name));
	expect(files.length).toBeGreaterThanOrEqual(1);
	for (const file of files) {
		const notes = storedNotes(file);
		const before = acknowledged.filter((answer) => answer.at < takenAt(file));
		expect(before.length, file).toBeGreaterThan(200);
		expect(
			before.filter((answer) => !notes.has(answer.note)).map((answer) => answer.note),
			file
		).toEqual([]);
	}
});

test('npm run restore puts a backup back, refuses a damaged one or a running server, and changes nothing when it refuses', async () => {
	test.setTimeout(120_000);
	const folder = scratchFolder();
	const databaseFile = join(folder, 'app.sqlite');
	const backups = join(folder, 'backups');
	const restore = (file: string) =>
		promisify(execFile)(process.execPath, ['build/cli/restore.js', file], {
			cwd: root,
			env: { ...process.env, DATABASE_PATH: databaseFile }
		});
	const state = () =>
		Object.fromEntries(
			readdirSync(folder)
				.filter((name) => name !== 'backups')
				.map((name) => [
					name,
					createHash('sha256')
						.update(readFileSync(join(folder, name)))
						.digest('hex')
				])
		);

	const first = await startServer({ port: 4200, demo: true, databaseFile, env: { BACKUP_DIR: backups } });
	let backup: string;
	try {
		await expect.poll(() => madeBackups(first).length, { timeout: 30_000 }).toBe(1);
		backup = madeBackups(first)[0];
		const token = openConsumerLink(databaseFile);
		expect((await submit(first, token, 'after the backup')).status).toBe(303);

		// While the server has the database open, restore refuses and changes nothing.
		const before = state();
		await expect(restore(backup)).rejects.toMatchObject({
			code: 1,
			stderr: expect.stringContaining('Stop the server first; nothing was changed.')
		});
		expect(state()).toEqual(before);
	} finally {
		await first.stop();
	}

	// A damaged copy is refused, and nothing changes.
	const bytes = readFileSync(backup);
	const damaged = join(scratchFolder(), 'damaged.sqlite');
	writeFileSync(damaged, Buffer.concat([bytes.subarray(0, 8192), Buffer.alloc(8192, 0x5a), bytes.subarray(16384)]));
	const before = state();
	await expect(restore(damaged)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/damaged|can't be read/) });
	expect(state()).toEqual(before);

	// The backup itself is put back; the database that was there is kept aside.
	const { stdout } = await restore(backup);
	expect(stdout).toContain(`Restored ${backup} to ${databaseFile}.`);
	const aside = /kept as (.+)\.$/m.exec(stdout)![1];
	expect(storedNotes(aside).has('after the backup')).toBe(true);
	const restored = await startServer({ port: 4200, databaseFile });
	try {
		const health = await fetch(`${restored.origin}/healthz`);
		expect(health.status).toBe(200);
		expect([...storedNotes(databaseFile)].sort()).toEqual([...storedNotes(backup)].sort());
		expect(storedNotes(databaseFile).has('after the backup')).toBe(false);
	} finally {
		await restored.stop();
	}
});
