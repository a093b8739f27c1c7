import type { Cookies } from '@sveltejs/kit';
import { hashPassword, verifyPasswordHash } from './password';
import { clientKey, signInsPerClient, signInsPerUsername } from './rate-limit';
import { createSession, invalidateSession, sessionExpiresAt, type Session } from './session';
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
	const claim = claimAttempt(username, clientAddress);
	if (!claim.ok) return claim;
	const user = getUserByUsername(username);
	const valid = user
		? await verifyPasswordHash(getPasswordHash(user.id), password)
		: (await verifyPasswordHash(await unknownUserHash, password), false);
	if (!user || !valid) return { ok: false, status: 400, message: 'That username and password do not match an account.' };
	claim.succeeded();
	if (user.disabled) return { ok: false, status: 403, message: 'This account is disabled. Ask an admin to re-enable it.' };
	return { ok: true, user };
}

/**
 * Takes one try at a password for a username from a client, counted as failed until
 * `succeeded()` says otherwise: the count happens before the slow check, so tries sent all at
 * once are throttled too. Used by sign-in and by changing one's own password.
 */
export function claimAttempt(
	username: string,
	clientAddress: string
): { ok: true; succeeded: () => void } | { ok: false; status: number; message: string } {
	const usernameKey = username.toLowerCase();
	const client = clientKey(clientAddress);
	const wait = Math.max(signInsPerUsername.waitSeconds(usernameKey), signInsPerClient.waitSeconds(client));
	if (wait > 0) return { ok: false, status: 429, message: `Too many tries. Please wait ${wait} seconds, then try again.` };
	signInsPerUsername.recordFailure(usernameKey);
	const forgiveClient = signInsPerClient.recordFailure(client);
	return {
		ok: true,
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
