import { sql, writeTransaction } from './db';
import { checkPasswordStrength, hashPassword, passwordProblemMessages } from './password';
import { invalidateUserSessions } from './session';

export type Role = 'admin' | 'manager';
export const roles: readonly Role[] = ['admin', 'manager'];

export interface User {
	id: number;
	username: string;
	role: Role;
	disabled: boolean;
}

interface UserRow {
	id: number;
	username: string;
	role: Role;
	disabled: number;
}

const toUser = (row: UserRow): User => ({
	id: row.id,
	username: row.username,
	role: row.role,
	disabled: row.disabled === 1
});

/** A refusal a person can act on: the message says what to change. */
export class AccountError extends Error {}

export const USERNAME_PATTERN = /^[\p{L}\p{N}._-]{1,64}$/u;

export function checkUsername(username: string): string | null {
	return USERNAME_PATTERN.test(username)
		? null
		: 'Use 1 to 64 letters, digits, dots, dashes or underscores for the username.';
}

export async function createUser(username: string, password: string, role: Role): Promise<User> {
	const problem = checkUsername(username) ?? passwordProblem(password);
	if (problem) throw new AccountError(problem);
	if (!roles.includes(role)) throw new AccountError('The role must be admin or manager.');
	const passwordHash = await hashPassword(password);
	return writeTransaction(() => {
		if (getUserByUsername(username)) throw new AccountError(`There is already a user called ${username}.`);
		const id = Number(
			sql('INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)').run(
				username,
				passwordHash,
				role,
				Math.floor(Date.now() / 1000)
			).lastInsertRowid
		);
		return { id, username, role, disabled: false };
	});
}

function passwordProblem(password: string): string | null {
	const problem = checkPasswordStrength(password);
	return problem && passwordProblemMessages[problem];
}

/** Sets a new password and ends every session the person had, so an old device is signed out. */
export async function setPassword(userId: number, password: string): Promise<void> {
	const problem = passwordProblem(password);
	if (problem) throw new AccountError(problem);
	const passwordHash = await hashPassword(password);
	writeTransaction(() => {
		sql('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
		invalidateUserSessions(userId);
	});
}

export function getUser(id: number): User | undefined {
	const row = sql<[number], UserRow>('SELECT id, username, role, disabled FROM users WHERE id = ?').get(id);
	return row && toUser(row);
}

export function getUserByUsername(username: string): User | undefined {
	const row = sql<[string], UserRow>('SELECT id, username, role, disabled FROM users WHERE username = ?').get(username);
	return row && toUser(row);
}

export function getPasswordHash(userId: number): string {
	return sql<[number], string>('SELECT password_hash FROM users WHERE id = ?').pluck().get(userId)!;
}

export function listUsers(): User[] {
	return sql<[], UserRow>('SELECT id, username, role, disabled FROM users ORDER BY username').all().map(toUser);
}

export function hasActiveAdmin(): boolean {
	return activeAdminCount() > 0;
}

/** Disables or re-enables an account; disabling ends its sessions. The last admin stays. */
export function setUserDisabled(userId: number, disabled: boolean): void {
	writeTransaction(() => {
		const user = getUser(userId);
		if (!user) throw new AccountError('There is no such user.');
		if (disabled && user.role === 'admin' && activeAdminCount() <= 1 && !user.disabled) {
			throw new AccountError('This is the last admin, so it cannot be disabled. Make someone else an admin first.');
		}
		sql('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, userId);
		if (disabled) invalidateUserSessions(userId);
	});
}

function activeAdminCount(): number {
	return sql<[], number>("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0").pluck().get()!;
}
