/**
 * `npm run admin -- add-user NAME --role admin|manager`, `npm run admin -- set-password NAME` and
 * `npm run admin -- reset-second-factor NAME` (for the last admin, when nobody else can).
 * The password is read from standard input, so it never shows in the shell's history.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { databasePath } from '../db';
import { Refusal } from '../refusal';
import { resetSecondFactor } from '../second-factor';
import { createUser, getUserByUsername, isRole, setPassword } from '../user';

const usage = `Usage:
  npm run admin -- add-user NAME --role admin|manager
  npm run admin -- set-password NAME
  npm run admin -- reset-second-factor NAME
The password is read from standard input (typed, or piped in).`;

/** The whole of standard input when piped; one unechoed line when typed at a terminal. */
async function readPassword(): Promise<string> {
	if (!process.stdin.isTTY) {
		let text = '';
		for await (const chunk of process.stdin) text += chunk;
		return text.replace(/\r?\n$/, '');
	}
	process.stdout.write('Password (not shown): ');
	const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
	const reader = createInterface({ input: process.stdin, output: silent, terminal: true });
	const line = await new Promise<string>((resolve) => reader.question('', resolve));
	reader.close();
	process.stdout.write('\n');
	return line;
}

async function run(args: string[]): Promise<string> {
	const [command, given] = args;
	const name = given?.startsWith('-') ? undefined : given;
	if (command === 'add-user' && name) {
		const roleAt = args.indexOf('--role');
		const role = roleAt > 0 ? args[roleAt + 1] : 'manager';
		if (!isRole(role)) throw new Refusal('The role must be admin or manager.');
		if (getUserByUsername(name)) throw new Refusal(`There is already a user called ${name}.`);
		await createUser(name, await readPassword(), role);
		return `Added ${name} as ${role} in ${databasePath()}.`;
	}
	if (command === 'set-password' && name) {
		const user = getUserByUsername(name);
		if (!user) throw new Refusal(`There is no user called ${name}.`);
		await setPassword(user.id, await readPassword());
		return `Set a new password for ${name}; their sessions have ended.`;
	}
	if (command === 'reset-second-factor' && name) {
		const user = getUserByUsername(name);
		if (!user) throw new Refusal(`There is no user called ${name}.`);
		resetSecondFactor(user, `the admin command, run by ${process.env.USER || process.env.LOGNAME || 'an unnamed system user'}`);
		return `Removed the second factor of ${name}; their sessions have ended. They set one up again at their next sign-in.`;
	}
	throw new Refusal(usage);
}

run(process.argv.slice(2)).then(
	(done) => console.log(done),
	(problem) => {
		console.error(problem instanceof Refusal ? problem.message : problem);
		process.exitCode = 1;
	}
);
