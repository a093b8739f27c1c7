import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backupDatabase } from '$lib/server/backup';
import {
	BackupScheduler,
	backupFileName,
	backupScheduleFrom,
	backupsToRemove,
	listBackups,
	type BackupFile,
	type BackupSchedule
} from '$lib/server/scheduled-backups';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
const backup = (iso: string): BackupFile => ({ file: `app-${iso}.sqlite`, takenAt: at(iso) });
const names = (backups: BackupFile[]) => backups.map((one) => one.takenAt.toISOString().slice(0, 16)).sort();

describe('the backup schedule from the environment', () => {
	it('is off without BACKUP_DIR, and has the documented defaults with it', () => {
		expect(backupScheduleFrom({})).toBeNull();
		expect(backupScheduleFrom({ BACKUP_DIR: '  ' })).toBeNull();
		expect(backupScheduleFrom({ BACKUP_DIR: '/var/backups/apc' })).toEqual({
			folder: '/var/backups/apc',
			intervalHours: 24,
			keepDaily: 14,
			keepWeekly: 8
		});
		expect(backupScheduleFrom({ BACKUP_DIR: '/b', BACKUP_INTERVAL_HOURS: '0.5', BACKUP_KEEP_DAILY: '3', BACKUP_KEEP_WEEKLY: '0' })).toEqual(
			{
				folder: '/b',
				intervalHours: 0.5,
				keepDaily: 3,
				keepWeekly: 0
			}
		);
	});

	it('says what is wrong with a setting rather than making no backups quietly', () => {
		for (const [name, value] of [
			['BACKUP_INTERVAL_HOURS', '0'],
			['BACKUP_INTERVAL_HOURS', 'daily'],
			['BACKUP_INTERVAL_HOURS', '-1'],
			['BACKUP_KEEP_DAILY', '0'],
			['BACKUP_KEEP_DAILY', '2.5'],
			['BACKUP_KEEP_WEEKLY', '-1']
		]) {
			expect(backupScheduleFrom({ BACKUP_DIR: '/b', [name]: value }), `${name}=${value}`).toMatch(new RegExp(`^${name} must`));
		}
	});
});

describe('backup files', () => {
	it('are named by the database and the time, in UTC, and found again by that name only', () => {
		const folder = mkdtempSync(join(tmpdir(), 'apc-backups-'));
		const name = backupFileName('/var/lib/apc/app.sqlite', at('2026-11-20T03:04:05.678Z'));
		expect(name).toBe('app-2026-11-20T030405Z.sqlite');
		for (const other of [name, 'app-2026-11-21T000000Z.sqlite', 'demo-2026-11-22T000000Z.sqlite', 'notes.txt', 'app-yesterday.sqlite']) {
			writeFileSync(join(folder, other), '');
		}
		expect(listBackups(folder, 'db/app.sqlite')).toEqual([
			{ file: join(folder, 'app-2026-11-21T000000Z.sqlite'), takenAt: at('2026-11-21T00:00:00Z') },
			{ file: join(folder, name), takenAt: at('2026-11-20T03:04:05Z') }
		]);
		expect(listBackups(join(folder, 'none yet'), 'app.sqlite')).toEqual([]);
	});
});

describe('which backups are kept', () => {
	it('keeps the newest of each of the last 14 days, and of each of the last 8 weeks', () => {
		// One backup a day at 03:00 for 100 days, up to Friday 2026-11-20.
		const daily = Array.from({ length: 100 }, (_, day) =>
			backup(new Date(at('2026-11-20T03:00:00Z').getTime() - day * 24 * HOUR).toISOString())
		);
		const removed = new Set(backupsToRemove(daily, 14, 8));
		const kept = daily.filter((one) => !removed.has(one));
		const keptDays = names(kept).map((name) => name.slice(0, 10));
		// The last 14 days…
		for (let day = 0; day < 14; day++) {
			expect(keptDays).toContain(new Date(at('2026-11-20T03:00:00Z').getTime() - day * 24 * HOUR).toISOString().slice(0, 10));
		}
		// …and the newest of each week (Monday to Sunday) before them, eight weeks in all.
		// Weeks start on Monday: the Sundays are their newest. The weeks of Nov 16, 9 and 2 end among the 14 days.
		expect(keptDays.filter((day) => day < '2026-11-07')).toEqual(['2026-10-04', '2026-10-11', '2026-10-18', '2026-10-25', '2026-11-01']);
		expect(kept).toHaveLength(14 + 5);
		expect(removed.size).toBe(100 - 19);
	});

	it('keeps only the newest of several backups in a day', () => {
		const today = ['2026-11-20T01:00:00Z', '2026-11-20T09:00:00Z', '2026-11-20T17:00:00Z'].map(backup);
		expect(names(backupsToRemove(today, 14, 8))).toEqual(['2026-11-20T01:00', '2026-11-20T09:00']);
		expect(backupsToRemove(today.slice(0, 1), 1, 0)).toEqual([]);
		expect(backupsToRemove([], 14, 8)).toEqual([]);
	});
});

describe('the backup scheduler', () => {
	let folder: string;
	let databaseFile: string;
	let source: Database.Database;
	let schedule: BackupSchedule;
	let logged: string[];

	beforeEach(() => {
		vi.useFakeTimers({ now: at('2026-11-20T03:00:00Z') });
		const root = mkdtempSync(join(tmpdir(), 'apc-scheduled-'));
		folder = join(root, 'backups');
		databaseFile = join(root, 'app.sqlite');
		source = new Database(databaseFile);
		source.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('kept')");
		schedule = { folder, intervalHours: 24, keepDaily: 14, keepWeekly: 8 };
		logged = [];
		vi.spyOn(console, 'log').mockImplementation((line) => logged.push(String(line)));
		vi.spyOn(console, 'error').mockImplementation((line) => logged.push(String(line)));
	});

	afterEach(() => {
		vi.useRealTimers();
		vi.restoreAllMocks();
		source.close();
	});

	const writeInProcess = async (file: string) => backupDatabase(source, file);
	const files = () => (existsSync(folder) ? readdirSync(folder).sort() : []);
	const scheduler = (write = writeInProcess) => new BackupScheduler(schedule, databaseFile, write);

	it('backs up at once when there is no backup yet, then every interval', async () => {
		const backups = scheduler();
		await backups.start();
		expect(files()).toEqual(['app-2026-11-20T030000Z.sqlite']);
		const copy = new Database(join(folder, files()[0]), { readonly: true });
		expect(copy.prepare('SELECT body FROM notes').pluck().all()).toEqual(['kept']);
		copy.close();
		expect(backups.status()).toMatchObject({
			on: true,
			last: { takenAt: at('2026-11-20T03:00:00Z') },
			failure: null,
			nextAt: at('2026-11-21T03:00:00Z')
		});

		await vi.advanceTimersByTimeAsync(23 * HOUR);
		expect(files()).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1 * HOUR);
		// A new day: yesterday's is still the newest of its day, so both are kept.
		expect(files()).toEqual(['app-2026-11-20T030000Z.sqlite', 'app-2026-11-21T030000Z.sqlite']);
		expect(logged.filter((line) => line.startsWith('Backed up the database to'))).toHaveLength(2);
		backups.stop();
	});

	it('waits at start-up while the newest backup is younger than the interval, and backs up at once when it is older', async () => {
		mkdirSync(folder);
		writeFileSync(join(folder, 'app-2026-11-19T090000Z.sqlite'), 'recent');
		const waiting = scheduler();
		await waiting.start();
		expect(files()).toEqual(['app-2026-11-19T090000Z.sqlite']);
		expect(waiting.status()).toMatchObject({ last: { takenAt: at('2026-11-19T09:00:00Z') }, nextAt: at('2026-11-20T09:00:00Z') });
		waiting.stop();

		schedule = { ...schedule, intervalHours: 12 };
		const due = scheduler();
		await due.start();
		expect(files()).toEqual(['app-2026-11-19T090000Z.sqlite', 'app-2026-11-20T030000Z.sqlite']);
		due.stop();
	});

	it('logs a failed backup, says so to admins, tries again within the hour, and removes nothing', async () => {
		mkdirSync(folder);
		const old = ['app-2026-08-01T030000Z.sqlite', 'app-2026-11-19T030000Z.sqlite'];
		for (const name of old) writeFileSync(join(folder, name), 'an older backup');
		let failing = true;
		schedule = { ...schedule, keepDaily: 2, keepWeekly: 0 };
		const backups = scheduler(async (file) => {
			if (failing) throw new Error('disk I/O error');
			return writeInProcess(file);
		});
		await backups.start();
		expect(files()).toEqual(old);
		const status = backups.status();
		expect(status).toMatchObject({ failure: { at: at('2026-11-20T03:00:00Z') }, nextAt: at('2026-11-20T04:00:00Z') });
		const reason = status.on ? status.failure!.reason : '';
		expect(reason).toBe(
			`The backup to ${join(folder, 'app-2026-11-20T030000Z.sqlite')} failed: disk I/O error. It will be tried again at 2026-11-20 04:00 UTC.`
		);
		expect(logged).toContain(reason);

		failing = false;
		await vi.advanceTimersByTimeAsync(HOUR);
		// The new backup is complete, so the one from August (no longer among the two days kept) can go.
		expect(files()).toEqual(['app-2026-11-19T030000Z.sqlite', 'app-2026-11-20T040000Z.sqlite']);
		expect(backups.status()).toMatchObject({ failure: null, nextAt: at('2026-11-21T04:00:00Z') });
		backups.stop();
	});

	it('removes the partial copy a backup killed part-way leaves, and nothing else', async () => {
		mkdirSync(folder);
		writeFileSync(join(folder, 'app-2026-11-19T030000Z.sqlite'), 'an older backup');
		writeFileSync(join(folder, 'notes.txt'), 'not ours');
		const backups = scheduler(async (file) => {
			// What a copy killed in the middle leaves: its partial file, and no finished one.
			writeFileSync(`${file}.partial-ab12cd34`, 'half a database');
			throw new Error('the backup was stopped');
		});
		await backups.start();
		expect(files()).toEqual(['app-2026-11-19T030000Z.sqlite', 'notes.txt']);
		backups.stop();
	});

	it('removes old backups only once the new one is complete, and leaves other files alone', async () => {
		mkdirSync(folder);
		const others = ['notes.txt', 'demo-2020-01-01T000000Z.sqlite'];
		for (const name of [...others, 'app-2026-11-20T010000Z.sqlite']) writeFileSync(join(folder, name), 'kept?');
		const seenWhileWriting: string[][] = [];
		schedule = { ...schedule, intervalHours: 1 };
		const backups = scheduler(async (file) => {
			seenWhileWriting.push(files());
			await writeInProcess(file);
		});
		await backups.start();
		expect(seenWhileWriting[0]).toContain('app-2026-11-20T010000Z.sqlite');
		expect(files()).toEqual(['app-2026-11-20T030000Z.sqlite', ...others].sort());
		backups.stop();
	});

	it('retries after one interval when that is shorter than an hour', async () => {
		schedule = { ...schedule, intervalHours: 0.25 };
		const backups = scheduler(async () => {
			throw new Error('no room');
		});
		await backups.start();
		expect(backups.status()).toMatchObject({ nextAt: at('2026-11-20T03:15:00Z') });
		await vi.advanceTimersByTimeAsync(15 * 60_000);
		expect(backups.status()).toMatchObject({ failure: { at: at('2026-11-20T03:15:00Z') }, nextAt: at('2026-11-20T03:30:00Z') });
		backups.stop();
		expect(basename(folder)).toBe('backups');
	});
});
