import type { Cookies } from '@sveltejs/kit';
import { hashPassword, verifyPasswordHash } from './password';
import { signInsPerClient, signInsPerUsername } from './rate-limit';
import { createSession, sessionExpiresAt } from './session';
import { setSessionCookie } from './session-cookie';
import { getPasswordHash, getUserByUsername, type User } from './user';

export type SignInResult =
	| { ok: true; user: User }
	| { ok: false; status: number; message: string };

/** A hash to check against when the username is unknown, so both answers take as long. */
const unknownUserHash = hashPassword('no such user: this hash only spends the time a real check would');

/**
 * Checks a username and password, with failures throttled per username and per client in
 * memory. The message never says whether the username exists.
 */
export async function signIn(username: string, password: string, clientAddress: string): Promise<SignInResult> {
	const usernameKey = username.toLowerCase();
	const wait = Math.max(signInsPerUsername.waitSeconds(usernameKey), signInsPerClient.waitSeconds(clientAddress));
	if (wait > 0) {
		return { ok: false, status: 429, message: `Too many tries. Please wait ${wait} seconds, then try again.` };
	}
	const user = getUserByUsername(username);
	const valid = user
		? await verifyPasswordHash(getPasswordHash(user.id), password)
		: (await verifyPasswordHash(await unknownUserHash, password), false);
	if (!user || !valid) {
		signInsPerUsername.recordFailure(usernameKey);
		signInsPerClient.recordFailure(clientAddress);
		return { ok: false, status: 400, message: 'That username and password do not match an account.' };
	}
	if (user.disabled) return { ok: false, status: 403, message: 'This account is disabled. Ask an admin to re-enable it.' };
	signInsPerUsername.reset(usernameKey);
	return { ok: true, user };
}

/** A fresh session at every sign-in, never a reused one. */
export function startSession(user: User, cookies: Cookies, url: URL): void {
	const { session, token } = createSession(user.id);
	setSessionCookie(cookies, url, token, sessionExpiresAt(session));
}
