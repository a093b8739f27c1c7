import { describe, expect, it } from 'vitest';
import { getAgency, updateAgency } from '$lib/server/agency';
import { sql } from '$lib/server/db';
import { checkPasswordStrength, hashPassword, verifyPasswordHash } from '$lib/server/password';
import { checkProgramName, createProgram, listPrograms, renameProgram, setProgramRetired } from '$lib/server/programs';
import { createSession, validateSessionToken } from '$lib/server/session';
import { Refusal } from '$lib/server/refusal';
import { signIn as signInTo } from '$lib/server/sign-in';
import { createUser, getPasswordHash, getUser, getUserByUsername, setPassword, setUserDisabled, type User } from '$lib/server/user';

const goodPassword = 'correct horse battery staple';

/** A sign-in's answer as the sign-in page gets it: the account, or the refusal's status and message. */
type SignInResult = { ok: true; user: User } | { ok: false; status: number; message: string };
const signIn = (username: string, password: string, client: string): Promise<SignInResult> =>
	signInTo(username, password, client).then(
		(user) => ({ ok: true, user }),
		(refusal: unknown) => {
			if (!(refusal instanceof Refusal)) throw refusal;
			return { ok: false, status: refusal.status, message: refusal.message };
		}
	);
const statusOf = (result: SignInResult) => (result.ok ? 200 : result.status);
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

let clients = 0;
/** A client address of its own, so one test's failed sign-ins never throttle another's. */
const newClient = () => `198.51.100.${++clients}`;

const activeAdmins = () => sql<[], number>("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0").pluck().get()!;

describe('password rules', () => {
	it('ask for at least 8 characters and at most 128, with no rules about kinds of characters', () => {
		expect(checkPasswordStrength('')).toBe('too-short');
		expect(checkPasswordStrength('zq7#Lm2')).toBe('too-short');
		expect(checkPasswordStrength('zq7#Lm2p')).toBeNull();
		expect(checkPasswordStrength('tulipmoonriver')).toBeNull();
		expect(checkPasswordStrength('x7'.repeat(64))).toBeNull();
		expect(checkPasswordStrength('x7'.repeat(64) + 'y')).toBe('too-long');
	});

	it('count characters, not UTF-16 units, so a short emoji password is still too short', () => {
		expect(checkPasswordStrength('🦄🐙🦊🐢')).toBe('too-short');
		expect(checkPasswordStrength('🦄🐙🦊🐢🦄🐙🦊🐢')).toBeNull();
	});

	it('refuse the most common passwords, in any case', () => {
		expect(checkPasswordStrength('password123')).toBe('too-common');
		expect(checkPasswordStrength('PASSWORD123')).toBe('too-common');
		expect(checkPasswordStrength('PassWord123')).toBe('too-common');
		expect(checkPasswordStrength('12345678')).toBe('too-common');
		expect(checkPasswordStrength('qwertyuiop')).toBe('too-common');
	});
});

describe('password hashes', () => {
	it('are argon2id with 19 MiB of memory, two passes and one lane, and a fresh salt each time', async () => {
		const first = await hashPassword(goodPassword);
		const second = await hashPassword(goodPassword);
		expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22,}\$[A-Za-z0-9+/]{43,}$/);
		expect(first).not.toContain(goodPassword);
		expect(second).not.toBe(first);
	});

	it('verify the right password only', async () => {
		const hash = await hashPassword(goodPassword);
		expect(await verifyPasswordHash(hash, goodPassword)).toBe(true);
		expect(await verifyPasswordHash(hash, goodPassword.toUpperCase())).toBe(false);
		expect(await verifyPasswordHash(hash, `${goodPassword} `)).toBe(false);
	});
});

describe('creating accounts', () => {
	it('stores the account with a hashed password and finds it by username in any case', async () => {
		const user = await createUser('Dana.Lee', goodPassword, 'manager');
		expect(user).toMatchObject({ username: 'Dana.Lee', role: 'manager', disabled: false });
		expect(getUserByUsername('dana.lee')).toEqual(user);
		expect(getUserByUsername('DANA.LEE')).toEqual(user);
		expect(getPasswordHash(user.id)).toMatch(/^\$argon2id\$/);
	});

	it('refuses a username already taken, whatever its case', async () => {
		await createUser('Morgan', goodPassword, 'manager');
		await expect(createUser('morgan', goodPassword, 'manager')).rejects.toThrow(Refusal);
		await expect(createUser('MORGAN', goodPassword, 'admin')).rejects.toThrow(/already a user/);
		expect(sql<[], number>("SELECT count(*) FROM users WHERE username = 'morgan'").pluck().get()).toBe(1);
	});

	it('refuses usernames that are empty, too long or hold spaces or symbols', async () => {
		for (const username of ['', 'a'.repeat(65), 'two words', 'semi;colon', 'at@sign', 'slash/name']) {
			await expect(createUser(username, goodPassword, 'manager'), username).rejects.toThrow(Refusal);
			expect(getUserByUsername(username)).toBeUndefined();
		}
		// Letters of any script, digits, dots, dashes and underscores are fine.
		await expect(createUser('josé_m-2.b', goodPassword, 'manager')).resolves.toMatchObject({ username: 'josé_m-2.b' });
		await expect(createUser('a'.repeat(64), goodPassword, 'manager')).resolves.toBeDefined();
	});

	it('refuses a weak password or an unknown role, storing nothing', async () => {
		await expect(createUser('weak-one', 'password123', 'manager')).rejects.toThrow(/most common/);
		await expect(createUser('weak-two', 'short', 'manager')).rejects.toThrow(/at least 8/);
		await expect(createUser('boss', goodPassword, 'owner' as 'admin')).rejects.toThrow(Refusal);
		for (const username of ['weak-one', 'weak-two', 'boss']) expect(getUserByUsername(username)).toBeUndefined();
	});
});

describe('changing a password', () => {
	it('replaces the hash and ends every session the person had', async () => {
		const user = await createUser('pat', goodPassword, 'manager');
		const bystander = await createUser('pat-colleague', goodPassword, 'manager');
		const phone = createSession(user.id);
		const laptop = createSession(user.id);
		const theirs = createSession(bystander.id);
		await setPassword(user.id, 'a new and better passphrase');
		expect(validateSessionToken(phone.token)).toBeNull();
		expect(validateSessionToken(laptop.token)).toBeNull();
		expect(validateSessionToken(theirs.token)).not.toBeNull();
		expect(await verifyPasswordHash(getPasswordHash(user.id), 'a new and better passphrase')).toBe(true);
		expect(await verifyPasswordHash(getPasswordHash(user.id), goodPassword)).toBe(false);
	});

	it('refuses a weak new password and keeps the old password and sessions', async () => {
		const user = await createUser('quinn', goodPassword, 'manager');
		const { token } = createSession(user.id);
		await expect(setPassword(user.id, 'password123')).rejects.toThrow(Refusal);
		expect(validateSessionToken(token)).not.toBeNull();
		expect(await verifyPasswordHash(getPasswordHash(user.id), goodPassword)).toBe(true);
	});
});

describe('disabling accounts', () => {
	it('ends the sessions of a disabled account, and re-enabling does not bring them back', async () => {
		const user = await createUser('riley', goodPassword, 'manager');
		const { token } = createSession(user.id);
		setUserDisabled(user.id, true);
		expect(getUser(user.id)!.disabled).toBe(true);
		expect(validateSessionToken(token)).toBeNull();
		setUserDisabled(user.id, false);
		expect(getUser(user.id)!.disabled).toBe(false);
		expect(validateSessionToken(token)).toBeNull();
	});

	it('refuses an unknown account', () => {
		expect(() => setUserDisabled(999_999, true)).toThrow(Refusal);
	});

	it('never disables the last active admin, but does once another admin exists', async () => {
		const first = await createUser('first-admin', goodPassword, 'admin');
		expect(activeAdmins()).toBe(1);
		const { token } = createSession(first.id);
		expect(() => setUserDisabled(first.id, true)).toThrow(/last admin/);
		expect(getUser(first.id)!.disabled).toBe(false);
		expect(validateSessionToken(token)).not.toBeNull();

		const second = await createUser('second-admin', goodPassword, 'admin');
		setUserDisabled(first.id, true);
		expect(getUser(first.id)!.disabled).toBe(true);
		expect(validateSessionToken(token)).toBeNull();
		// Now the second is the last one standing.
		expect(() => setUserDisabled(second.id, true)).toThrow(Refusal);
		expect(activeAdmins()).toBe(1);
		setUserDisabled(first.id, false);
		expect(activeAdmins()).toBe(2);
	});
});

describe('signing in', () => {
	it('accepts the right password, with the username in any case', async () => {
		const user = await createUser('Sam', goodPassword, 'manager');
		expect(await signIn('Sam', goodPassword, newClient())).toEqual({ ok: true, user });
		expect(await signIn('sam', goodPassword, newClient())).toMatchObject({ ok: true, user: { id: user.id } });
	});

	it('answers a wrong password and an unknown username alike, so nobody learns who has an account', async () => {
		await createUser('taylor', goodPassword, 'manager');
		const wrongPassword = await signIn('taylor', 'not the password', newClient());
		const unknownUser = await signIn('nobody-here', 'not the password', newClient());
		expect(wrongPassword).toEqual({ ok: false, status: 400, message: expect.any(String) });
		expect(unknownUser).toEqual(wrongPassword);
		expect(wrongPassword.ok || wrongPassword.message).not.toMatch(/taylor|unknown|exist|no such/i);
	});

	it('throttles a username after a failure, even with the right password, until the wait is over', async () => {
		await createUser('uma', goodPassword, 'manager');
		expect(await signIn('uma', 'guess one', newClient())).toMatchObject({ ok: false, status: 400 });
		// From another address and in another case: the limit follows the username.
		const throttled = await signIn('UMA', goodPassword, newClient());
		expect(throttled).toMatchObject({ ok: false, status: 429 });
		expect(throttled.ok || throttled.message).toMatch(/wait \d+ seconds?/);
		expect(await signIn('uma', 'guess two', newClient())).toMatchObject({ status: 429 });

		await sleep(1100);
		expect(await signIn('uma', goodPassword, newClient())).toMatchObject({ ok: true });
		// A success clears the count: the next mistake is answered, not throttled.
		expect(await signIn('uma', 'typo', newClient())).toMatchObject({ status: 400 });
	});

	it('makes each failure for a username wait longer than the one before', async () => {
		await createUser('vic', goodPassword, 'manager');
		const waitOf = async () => {
			const result = await signIn('vic', goodPassword, newClient());
			expect(result).toMatchObject({ status: 429 });
			return Number(/wait (\d+)/.exec(result.ok ? '' : result.message)![1]);
		};
		await signIn('vic', 'wrong', newClient());
		const firstWait = await waitOf();
		await sleep(firstWait * 1000 + 50);
		await signIn('vic', 'wrong again', newClient());
		expect(await waitOf()).toBeGreaterThan(firstWait);
	});

	it('throttles one client trying many usernames, after a few free tries for typos', async () => {
		const user = await createUser('wren', goodPassword, 'manager');
		const client = newClient();
		// Each guess is at a fresh username, so only the per-client limit can stop them.
		let answered = 0;
		while (answered < 30 && statusOf(await signIn(`guess-${answered}`, 'wrong', client)) === 400) answered++;
		// A few typos (a whole office may share one address) are answered; a run of guesses is not.
		expect(answered).toBeGreaterThanOrEqual(3);
		expect(answered).toBeLessThan(30);
		expect(await signIn('wren', goodPassword, client)).toMatchObject({ ok: false, status: 429 });
		expect(await signIn('wren', goodPassword, newClient())).toMatchObject({ ok: true, user: { id: user.id } });
	});

	it('refuses a disabled account with the right password, and says nothing more to a wrong one', async () => {
		const user = await createUser('xan', goodPassword, 'manager');
		setUserDisabled(user.id, true);
		const refused = await signIn('xan', goodPassword, newClient());
		expect(refused).toMatchObject({ ok: false, status: 403 });
		expect(refused.ok || refused.message).toMatch(/disabled/);
		const wrong = await signIn('xan', 'wrong password', newClient());
		const unknown = await signIn('nobody-at-all', 'wrong password', newClient());
		expect(wrong).toEqual(unknown);
	});
});

describe('agency settings', () => {
	const valid = { name: 'Harbor Outreach', minimumGroupSize: 5, minimumCommentGroupSize: 10 };

	it('saves a valid change, with the name trimmed', () => {
		expect(() => updateAgency({ ...valid, name: '  Harbor Outreach  ', minimumGroupSize: 6, minimumCommentGroupSize: 12 })).not.toThrow();
		expect(getAgency()).toMatchObject({ name: 'Harbor Outreach', minimumGroupSize: 6, minimumCommentGroupSize: 12 });
	});

	it('never lets the minimum group size go below 3, and stores nothing when refused', () => {
		expect(() => updateAgency(valid)).not.toThrow();
		for (const minimumGroupSize of [2, 1, 0, -5, 3.5, Number.NaN]) {
			expect(() => updateAgency({ ...valid, minimumGroupSize }), String(minimumGroupSize)).toThrow(/at least 3/);
		}
		expect(getAgency()).toMatchObject(valid);
		expect(() => updateAgency({ ...valid, minimumGroupSize: 3, minimumCommentGroupSize: 3 })).not.toThrow();
		expect(getAgency().minimumGroupSize).toBe(3);
	});

	it('keeps the comment minimum at least the group minimum', () => {
		expect(() => updateAgency(valid)).not.toThrow();
		expect(() => updateAgency({ ...valid, minimumGroupSize: 8, minimumCommentGroupSize: 7 })).toThrow(/comments/);
		expect(() => updateAgency({ ...valid, minimumCommentGroupSize: 9.5 })).toThrow(/comments/);
		expect(getAgency()).toMatchObject(valid);
		expect(() => updateAgency({ ...valid, minimumGroupSize: 8, minimumCommentGroupSize: 8 })).not.toThrow();
		expect(getAgency()).toMatchObject({ minimumGroupSize: 8, minimumCommentGroupSize: 8 });
	});

	it('refuses an empty or overlong agency name', () => {
		expect(() => updateAgency(valid)).not.toThrow();
		expect(() => updateAgency({ ...valid, name: '   ' })).toThrow(/name/);
		expect(() => updateAgency({ ...valid, name: 'x'.repeat(201) })).toThrow(/name/);
		expect(getAgency().name).toBe(valid.name);
	});
});

describe('program names', () => {
	it('must be 1 to 200 characters and not already taken', () => {
		const dropIn = createProgram('Drop-in Center');
		expect(() => checkProgramName('')).toThrow(/up to 200/);
		expect(() => checkProgramName('x'.repeat(201))).toThrow(/up to 200/);
		expect(() => checkProgramName('x'.repeat(200))).not.toThrow();
		expect(() => checkProgramName('Drop-in Center')).toThrow(/already a program/);
		expect(() => checkProgramName('Therapy')).not.toThrow();
		// A program may keep its own name when renamed, but not take another's.
		expect(() => checkProgramName('Drop-in Center', dropIn.id)).not.toThrow();
		const therapy = createProgram('Therapy');
		expect(() => checkProgramName('Drop-in Center', therapy.id)).toThrow(/already a program/);
	});

	it('can be renamed, keeping the same program', () => {
		const program = createProgram('Mobile Van');
		renameProgram(program.id, 'Outreach Van');
		expect(listPrograms().find((p) => p.id === program.id)).toEqual({ ...program, name: 'Outreach Van' });
		expect(() => renameProgram(999_999, 'Nothing')).toThrow(/no such program/);
	});

	it('can be retired and brought back, keeping the program', () => {
		const program = createProgram('Needle Exchange');
		setProgramRetired(program.id, true);
		expect(listPrograms().find((p) => p.id === program.id)).toEqual({ ...program, retired: true });
		setProgramRetired(program.id, false);
		expect(listPrograms().find((p) => p.id === program.id)!.retired).toBe(false);
		expect(() => setProgramRetired(999_999, true)).toThrow(/no such program/);
	});
});
