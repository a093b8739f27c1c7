/**
 * `npm run backup -- FILE`: a consistent copy of the database in FILE, taken while the server
 * goes on taking answers. Restore it by stopping the server and putting the copy in the
 * database's place (see the README).
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupDatabase } from '../backup';
import { databasePath } from '../db';

const usage = 'Usage: npm run backup -- FILE   (copies the database named by DATABASE_PATH, or db/app.sqlite)';

function run(args: string[]): string {
	const [file, ...rest] = args;
	if (!file || file.startsWith('-') || rest.length > 0) throw new Error(usage);
	const source = databasePath();
	if (!existsSync(source)) throw new Error(`There is no database at ${source}.`);
	if (existsSync(file)) throw new Error(`${file} already exists; choose a new file name, so no backup is overwritten.`);
	// Only read: the backup never changes the database, nor brings its schema up to date.
	const database = new Database(source, { readonly: true, fileMustExist: true });
	try {
		database.pragma('busy_timeout = 5000');
		backupDatabase(database, file);
	} finally {
		database.close();
	}
	return `Backed up ${source} to ${resolve(file)}.`;
}

try {
	console.log(run(process.argv.slice(2)));
} catch (problem) {
	console.error(problem instanceof Error ? problem.message : problem);
	process.exitCode = 1;
}
