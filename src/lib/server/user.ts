import { USERNAME_MAX_LENGTH } from '$lib/limits';
import { sql, writeTransaction } from './db';
import { checkPasswordStrength, hashPassword, passwordProblemMessages } from './password';
import { Refusal } from './refusal';
import { invalidateUserSessions } from './session';

export type Role = 'admin' | 'manager';
const roles: readonly Role[] = ['admin', 'manager'];

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

const usernamePattern = new RegExp(`^[\\p{L}\\p{N}._-]{1,${USERNAME_MAX_LENGTH}}$`, 'u');

export const isRole = (role: string): role is Role => (roles as readonly string[]).includes(role);

/** Adds an account; refused, storing nothing, for a username in use or malformed, a weak password or an unknown role. */
export async function createUser(username: string, password: string, role: string): Promise<User> {
	if (!usernamePattern.test(username)) {
		throw new Refusal(`Use 1 to ${USERNAME_MAX_LENGTH} letters, digits, dots, dashes or underscores for the username.`, {
			field: 'username'
		});
	}
	checkPassword(password);
	if (!isRole(role)) throw new Refusal('Choose admin or manager.', { field: 'role' });
	const passwordHash = await hashPassword(password);
	return writeTransaction(() => {
		if (getUserByUsername(username)) throw new Refusal(`There is already a user called ${username}.`, { field: 'username' });
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

function checkPassword(password: string): void {
	const problem = checkPasswordStrength(password);
	if (problem) throw new Refusal(passwordProblemMessages[problem], { field: 'password' });
}

/** A new password, typed twice the same way, that passes the password rules. */
export function checkNewPassword(password: string, again: string): void {
	if (password !== again) throw new Refusal('The two passwords are not the same.', { field: 'confirm' });
	checkPassword(password);
}

/** Sets a new password and ends every session the person had, so an old device is signed out. */
export async function setPassword(userId: number, password: string): Promise<void> {
	checkPassword(password);
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

/** The account a form names by its id; refused when there is none. */
export function findUser(id: number): User {
	const user = getUser(id);
	if (!user) throw new Refusal('There is no such user.');
	return user;
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
		const user = findUser(userId);
		if (disabled && user.role === 'admin' && activeAdminCount() <= 1 && !user.disabled) {
			throw new Refusal('This is the last admin, so it cannot be disabled. Make someone else an admin first.');
		}
		sql('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, userId);
		if (disabled) invalidateUserSessions(userId);
	});
}

function activeAdminCount(): number {
	return sql<[], number>("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0").pluck().get()!;
}
