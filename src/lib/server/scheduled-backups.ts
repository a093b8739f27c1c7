/**
 * Backups that run themselves. With `BACKUP_DIR` set, the server writes a consistent copy of the
 * database there (as `npm run backup` does, in a process of its own, so answers keep coming)
 * every `BACKUP_INTERVAL_HOURS` (24), and at start-up when the newest is older than that. It
 * keeps the newest copy of each of the last `BACKUP_KEEP_DAILY` days that have one (14) and of
 * each of the last `BACKUP_KEEP_WEEKLY` such weeks (8), and removes the others only once a new
 * copy is complete. A
 * failed backup is logged, shown to admins and tried again; it never stops the server.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileNameTime } from './backup';
import { databasePath } from './db';

export interface BackupSchedule {
	folder: string;
	intervalHours: number;
	keepDaily: number;
	keepWeekly: number;
}

/** One backup file in the folder, and when it was taken (from its name). */
export interface BackupFile {
	file: string;
	takenAt: Date;
}

export type BackupStatus =
	| { on: false }
	| {
			on: true;
			folder: string;
			/** Null when the schedule asked for can't be followed (the failure says why). */
			intervalHours: number | null;
			last: BackupFile | null;
			/** The last attempt's problem, until a backup succeeds again. */
			failure: { at: Date; reason: string } | null;
			nextAt: Date | null;
	  };

const HOUR = 3_600_000;
/** A failed backup is tried again after an hour, or sooner when backups are more frequent. */
const RETRY_AFTER_HOURS = 1;
/** The longest a timer can wait; a later time is reached in steps. */
const LONGEST_TIMER = 2 ** 31 - 1;

/**
 * The schedule the environment asks for, null when `BACKUP_DIR` is not set, or why it can't be
 * followed (the server then says so to admins rather than quietly making no backups).
 */
export function backupScheduleFrom(env: Record<string, string | undefined>): BackupSchedule | string | null {
	const folder = env.BACKUP_DIR?.trim();
	if (!folder) return null;
	const number = (name: string, fallback: number) => (env[name]?.trim() ? Number(env[name]) : fallback);
	const schedule = {
		folder: resolve(folder),
		intervalHours: number('BACKUP_INTERVAL_HOURS', 24),
		keepDaily: number('BACKUP_KEEP_DAILY', 14),
		keepWeekly: number('BACKUP_KEEP_WEEKLY', 8)
	};
	if (!(schedule.intervalHours > 0 && Number.isFinite(schedule.intervalHours))) {
		return 'BACKUP_INTERVAL_HOURS must be a number of hours above 0.';
	}
	if (!Number.isInteger(schedule.keepDaily) || schedule.keepDaily < 1) return 'BACKUP_KEEP_DAILY must be a whole number, at least 1.';
	if (!Number.isInteger(schedule.keepWeekly) || schedule.keepWeekly < 0) return 'BACKUP_KEEP_WEEKLY must be a whole number, 0 or more.';
	return schedule;
}

/** A backup's file name: the database's name and the time it was taken, in UTC (`app-2026-11-20T030000Z.sqlite`). */
export function backupFileName(database: string, takenAt: Date): string {
	return `${databaseStem(database)}-${fileNameTime(takenAt)}.sqlite`;
}

const databaseStem = (database: string) => basename(database, extname(database));

/** The backups of `database` in `folder`, newest first; any other file there is left alone. */
export function listBackups(folder: string, database: string): BackupFile[] {
	if (!existsSync(folder)) return [];
	const pattern = /^(.+)-(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})Z\.sqlite$/;
	const backups: BackupFile[] = [];
	for (const name of readdirSync(folder)) {
		const match = pattern.exec(name);
		if (!match || match[1] !== databaseStem(database)) continue;
		const takenAt = new Date(`${match[2]}T${match[3]}:${match[4]}:${match[5]}Z`);
		if (!Number.isNaN(takenAt.getTime())) backups.push({ file: join(folder, name), takenAt });
	}
	return backups.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

/**
 * The backups to remove: all but the newest of each of the last `keepDaily` days that have one,
 * and the newest of each of the last `keepWeekly` weeks (from Monday) that have one, in UTC.
 */
export function backupsToRemove(backups: BackupFile[], keepDaily: number, keepWeekly: number): BackupFile[] {
	const newestFirst = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
	const kept = new Set<BackupFile>();
	const keepNewestPer = (period: (date: Date) => string, count: number) => {
		const periods = new Set<string>();
		for (const backup of newestFirst) {
			const key = period(backup.takenAt);
			if (periods.has(key)) continue;
			if (periods.size === count) break;
			periods.add(key);
			kept.add(backup);
		}
	};
	keepNewestPer(dayOf, keepDaily);
	keepNewestPer((date) => dayOf(new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * 24 * HOUR)), keepWeekly);
	return newestFirst.filter((backup) => !kept.has(backup));
}

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** Writes a backup of the database to `file`, which must not exist yet. */
export type BackupWriter = (file: string) => Promise<void>;

/**
 * Runs `npm run backup`'s own command (`build/cli/backup.js`, beside the server's `index.js`) in
 * a process of its own: the copy then takes none of the server's time, and answers keep coming.
 */
export const writeBackupInOwnProcess: BackupWriter = (file) => {
	const command = join(dirname(process.argv[1] ?? ''), 'cli', 'backup.js');
	if (!existsSync(command)) return Promise.reject(new Error(`The backup command ${command} is missing; build the app (npm run build).`));
	return new Promise((done, failed) => {
		execFile(
			process.execPath,
			[command, file],
			{ env: { ...process.env, DATABASE_PATH: databasePath() }, timeout: 3 * HOUR },
			(problem, _stdout, stderr) => (problem ? failed(new Error(stderr.trim() || problem.message)) : done())
		);
	});
};

/** Makes backups on a schedule, and says how they went. */
export class BackupScheduler {
	private last: BackupFile | null = null;
	private failure: { at: Date; reason: string } | null = null;
	private nextAt: Date | null = null;
	private timer: NodeJS.Timeout | undefined;
	private stopped = false;

	constructor(
		private readonly schedule: BackupSchedule,
		private readonly database: string,
		private readonly write: BackupWriter,
		private readonly clock: () => Date = () => new Date()
	) {}

	/** Backs up now when the newest backup is older than the interval (or there is none), else waits for its time. */
	start(): Promise<void> {
		try {
			this.last = this.listOwnBackups()[0] ?? null;
		} catch {
			// A folder that can't be read is reported by the backup that follows at once.
			this.last = null;
		}
		const due = this.last ? new Date(this.last.takenAt.getTime() + this.schedule.intervalHours * HOUR) : this.clock();
		if (due.getTime() <= this.clock().getTime()) return this.backUp();
		this.waitUntil(due);
		return Promise.resolve();
	}

	stop(): void {
		this.stopped = true;
		clearTimeout(this.timer);
	}

	status(): BackupStatus {
		const { folder, intervalHours } = this.schedule;
		return { on: true, folder, intervalHours, last: this.last, failure: this.failure, nextAt: this.nextAt };
	}

	/** One backup, then the old ones it makes unneeded are removed; on failure, another try later. */
	async backUp(): Promise<void> {
		const takenAt = this.clock();
		const file = join(this.schedule.folder, backupFileName(this.database, takenAt));
		try {
			mkdirSync(this.schedule.folder, { recursive: true, mode: 0o700 });
			await this.write(file);
		} catch (problem) {
			// A copy killed part-way (a timeout, a crash) can't clean up after itself; its partial file
			// is a whole copy of the database that no retention rule would ever remove.
			removePartialCopies(file);
			const retryAt = new Date(this.clock().getTime() + Math.min(this.schedule.intervalHours, RETRY_AFTER_HOURS) * HOUR);
			this.fail(`The backup to ${file} failed: ${reasonOf(problem)} It will be tried again at ${formatTime(retryAt)}.`);
			this.waitUntil(retryAt);
			return;
		}
		this.last = { file, takenAt };
		this.failure = null;
		console.log(`Backed up the database to ${file}.`);
		this.removeOldBackups();
		this.waitUntil(new Date(takenAt.getTime() + this.schedule.intervalHours * HOUR));
	}

	/** Removes what the retention rule no longer keeps; run only after a new backup is complete. */
	private removeOldBackups(): void {
		try {
			for (const old of backupsToRemove(this.listOwnBackups(), this.schedule.keepDaily, this.schedule.keepWeekly)) {
				rmSync(old.file, { force: true });
			}
		} catch (problem) {
			this.fail(`The backup was made, but older backups in ${this.schedule.folder} could not be removed: ${reasonOf(problem)}`);
		}
	}

	private listOwnBackups(): BackupFile[] {
		return listBackups(this.schedule.folder, this.database);
	}

	private fail(reason: string): void {
		this.failure = { at: this.clock(), reason };
		console.error(reason);
	}

	private waitUntil(at: Date): void {
		if (this.stopped) return;
		this.nextAt = at;
		clearTimeout(this.timer);
		const wait = Math.min(Math.max(0, at.getTime() - this.clock().getTime()), LONGEST_TIMER);
		this.timer = setTimeout(() => (this.clock() >= at ? void this.backUp() : this.waitUntil(at)), wait);
		// The server keeps running for its own reasons; a waiting backup must not keep a test or a command alive.
		this.timer.unref();
	}
}

const reasonOf = (problem: unknown) => {
	const text = problem instanceof Error ? problem.message : String(problem);
	return /[.!?]$/.test(text) ? text : `${text}.`;
};

/** A time as admins read it on the Settings page and in the log: `2026-11-20 03:00 UTC`. */
export function formatTime(date: Date): string {
	return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

let scheduler: BackupScheduler | null = null;
let scheduleProblem: { folder: string; at: Date; reason: string } | null = null;

/** Starts the backups the environment asks for (at server start-up); nothing when `BACKUP_DIR` is not set. */
export function startScheduledBackups(env = process.env, write: BackupWriter = writeBackupInOwnProcess): Promise<void> {
	scheduler?.stop();
	scheduler = null;
	scheduleProblem = null;
	const schedule = backupScheduleFrom(env);
	if (schedule === null) return Promise.resolve();
	if (typeof schedule === 'string') {
		scheduleProblem = { folder: resolve(env.BACKUP_DIR ?? ''), at: new Date(), reason: `No backups are being made: ${schedule}` };
		console.error(scheduleProblem.reason);
		return Promise.resolve();
	}
	scheduler = new BackupScheduler(schedule, databasePath(), write);
	return scheduler.start();
}

/** How scheduled backups stand, for admins. */
export function backupStatus(): BackupStatus {
	if (scheduler) return scheduler.status();
	if (scheduleProblem) {
		const { folder, at, reason } = scheduleProblem;
		return { on: true, folder, intervalHours: null, last: null, failure: { at, reason }, nextAt: null };
	}
	return { on: false };
}

/** What admins read about backups, times written out; null when scheduled backups are off. */
export interface BackupReport {
	folder: string;
	intervalHours: number | null;
	last: { file: string; at: string } | null;
	failure: { at: string; reason: string } | null;
	next: string | null;
}

export function backupReport(): BackupReport | null {
	const status = backupStatus();
	if (!status.on) return null;
	const { folder, intervalHours, last, failure, nextAt } = status;
	return {
		folder,
		intervalHours,
		last: last && { file: last.file, at: formatTime(last.takenAt) },
		failure: failure && { at: formatTime(failure.at), reason: failure.reason },
		next: nextAt && formatTime(nextAt)
	};
}

/** Removes what a failed backup to `file` may have left beside it (`FILE.partial-…`). */
function removePartialCopies(file: string): void {
	try {
		const prefix = `${basename(file)}.partial-`;
		for (const name of readdirSync(dirname(file))) if (name.startsWith(prefix)) rmSync(join(dirname(file), name), { force: true });
	} catch (problem) {
		console.error('Could not remove a failed backup’s partial copy:', problem);
	}
}
