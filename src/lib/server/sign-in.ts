import type { Cookies } from '@sveltejs/kit';
import { browserFamily } from '$lib/browser-family';
import { hashPassword, verifyPasswordHash } from './password';
import { claimAttempt, signInThrottlers } from './rate-limit';
import { createSession, invalidateSession, sessionExpiresAt, type Session } from './session';
import { setSessionCookie } from './session-cookie';
import { Refusal } from './refusal';
import { checkNewPassword, getPasswordHash, getUserByUsername, setPassword, type User } from './user';

/** A hash to check against when the username is unknown, so both answers take as long. */
const unknownUserHash = hashPassword('no such user: this hash only spends the time a real check would');

/**
 * The account a username and password sign in to, with failures throttled per username and per
 * client in memory. A refusal never says whether the username exists.
 */
export async function signIn(username: string, password: string, clientAddress: string): Promise<User> {
	if (!username || !password) throw new Refusal('Enter your username and password.');
	const claim = claimAttempt(signInThrottlers, username.toLowerCase(), clientAddress);
	const user = getUserByUsername(username);
	const valid = user
		? await verifyPasswordHash(getPasswordHash(user.id), password)
		: (await verifyPasswordHash(await unknownUserHash, password), false);
	if (!user || !valid) throw new Refusal('That username and password do not match an account.');
	claim.succeeded();
	if (user.disabled) throw new Refusal('This account is disabled. Ask an admin to re-enable it.', { status: 403 });
	return user;
}

/**
 * Changes a signed-in person's own password, once they have typed their current one: guessing
 * it is throttled just like signing in. The new one ends every session they had.
 */
export async function changeOwnPassword(
	user: User,
	passwords: { current: string; password: string; again: string },
	clientAddress: string
): Promise<void> {
	await checkOwnPassword(user, passwords.current, clientAddress, 'current');
	checkNewPassword(passwords.password, passwords.again);
	await setPassword(user.id, passwords.password);
}

/**
 * A signed-in person's own password, typed again (to change it, or before a sensitive action):
 * guessing it is throttled just like signing in.
 */
export async function checkOwnPassword(user: User, password: string, clientAddress: string, field = 'password'): Promise<void> {
	// Nothing typed is no guess, so it is not counted against anyone.
	if (!password) throw new Refusal('Type your current password.', { field });
	const claim = claimAttempt(signInThrottlers, user.username.toLowerCase(), clientAddress);
	if (!(await verifyPasswordHash(getPasswordHash(user.id), password))) {
		throw new Refusal('Your current password is not right.', { field });
	}
	claim.succeeded();
}

/**
 * A fresh session at every sign-in, never a reused one; any session the browser had is ended.
 * The browser's family (from its User-Agent) is kept so the person can tell their sessions apart.
 */
export function startSession(
	user: User,
	cookies: Cookies,
	url: URL,
	{ previous, userAgent = null }: { previous?: Session | null; userAgent?: string | null } = {}
): Session {
	if (previous) invalidateSession(previous.id);
	const { session, token } = createSession(user.id, browserFamily(userAgent));
	setSessionCookie(cookies, url, token, sessionExpiresAt(session));
	return session;
}
