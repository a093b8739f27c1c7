import type { Cookies } from '@sveltejs/kit';
import { hashPassword, verifyPasswordHash } from './password';
import { clientKey, signInsPerClient, signInsPerUsername } from './rate-limit';
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
	const claim = claimAttempt(username, clientAddress);
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
	const claim = claimAttempt(user.username, clientAddress);
	if (!(await verifyPasswordHash(getPasswordHash(user.id), passwords.current))) {
		throw new Refusal('Your current password is not right.', { field: 'current' });
	}
	claim.succeeded();
	checkNewPassword(passwords.password, passwords.again);
	await setPassword(user.id, passwords.password);
}

/**
 * Takes one try at a password for a username from a client, counted as failed until
 * `succeeded()` says otherwise: the count happens before the slow check, so tries sent all at
 * once are throttled too. A client or username that tried too often is refused (429) until it
 * has waited.
 */
function claimAttempt(username: string, clientAddress: string): { succeeded: () => void } {
	const usernameKey = username.toLowerCase();
	const client = clientKey(clientAddress);
	const wait = Math.max(signInsPerUsername.waitSeconds(usernameKey), signInsPerClient.waitSeconds(client));
	if (wait > 0) throw new Refusal(`Too many tries. Please wait ${wait} seconds, then try again.`, { status: 429 });
	signInsPerUsername.recordFailure(usernameKey);
	const forgiveClient = signInsPerClient.recordFailure(client);
	return {
		succeeded: () => {
			signInsPerUsername.reset(usernameKey);
			forgiveClient();
		}
	};
}

/** A fresh session at every sign-in, never a reused one; any session the browser had is ended. */
export function startSession(user: User, cookies: Cookies, url: URL, previous?: Session | null): void {
	if (previous) invalidateSession(previous.id);
	const { session, token } = createSession(user.id);
	setSessionCookie(cookies, url, token, sessionExpiresAt(session));
}
