import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { randomToken } from './random';
import { checkNewPassword, createUser, hasActiveAdmin, type User } from './user';

/** The one-time setup token: in memory only, so it lasts until it is used or the server restarts. */
let setupToken: string | null = null;

/** With no admin yet, prints a one-time link that creates the first one. */
export function offerSetupIfNeeded(origin: string): void {
	if (hasActiveAdmin()) return;
	setupToken = randomToken();
	console.log(`No admin yet. Create the first one, once, at: ${origin}/setup?token=${setupToken}`);
}

export function isSetupOpen(token: string | null): boolean {
	if (!setupToken || !token || hasActiveAdmin()) return false;
	const encoder = new TextEncoder();
	const [expected, given] = [encoder.encode(setupToken), encoder.encode(token)];
	return expected.length === given.length && constantTimeEqual(expected, given);
}

/**
 * Creates the first admin, with the one-time token; null when the token doesn't open setup. The
 * token is taken at once, before any slow work, so two attempts sent together can't both use it,
 * and given back when the attempt is refused.
 */
export async function createFirstAdmin(token: string | null, username: string, password: string, again: string): Promise<User | null> {
	if (!isSetupOpen(token)) return null;
	const claimed = setupToken;
	setupToken = null;
	try {
		checkNewPassword(password, again);
		return await createUser(username, password, 'admin');
	} catch (problem) {
		setupToken = claimed;
		throw problem;
	}
}
