import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { randomToken } from './random';
import { hasActiveAdmin } from './user';

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
 * Takes the token for one attempt at creating the first admin, at once, before any slow work:
 * two attempts sent together can't both use it. `giveBack` returns it if the attempt was refused.
 */
export function claimSetup(token: string | null): { giveBack: () => void } | null {
	if (!isSetupOpen(token)) return null;
	const claimed = setupToken;
	setupToken = null;
	return { giveBack: () => (setupToken = claimed) };
}
