/**
 * `npm run restore -- FILE`: puts a backup in the place of the database (the one DATABASE_PATH
 * names), once it has checked the copy and that no server has the database open. The database
 * that was there is kept aside (see the README).
 */
import { resolve } from 'node:path';
import { databasePath, migrations } from '../db';
import { restoreDatabase, RestoreError } from '../restore';

const usage =
	'Usage: npm run restore -- FILE   (puts FILE in the place of the database named by DATABASE_PATH, or db/app.sqlite; stop the server first)';

function run(args: string[]): string {
	const [file, ...rest] = args;
	if (!file || file.startsWith('-') || rest.length > 0) throw new RestoreError(usage);
	const path = databasePath();
	const newestSchema = Math.max(...migrations.map((migration) => migration.version));
	const aside = restoreDatabase(file, path, newestSchema);
	return [
		`Restored ${resolve(file)} to ${path}.`,
		aside ? `The database that was there is kept as ${aside}.` : 'There was no database there before.',
		'Start the server again: it brings the copy up to date if it is from an older version.'
	].join('\n');
}

try {
	console.log(run(process.argv.slice(2)));
} catch (problem) {
	console.error(problem instanceof RestoreError ? problem.message : problem);
	process.exitCode = 1;
}
