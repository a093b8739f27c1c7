/**
 * The codes of a second factor, as pure rules: an authenticator app's codes (TOTP, RFC 6238:
 * HMAC-SHA-1, a new 6-digit code every 30 seconds) through `@oslojs/otp`, and the recovery code
 * shown once at set-up, of which only a hash is kept.
 */
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from '@oslojs/otp';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** How many 30-second steps a phone's clock may be off, either way. */
export const TOTP_DRIFT_STEPS = 1;

/** The 30-second step a moment (in milliseconds since 1970) falls in. */
export const totpStep = (unixMilliseconds: number) => Math.floor(unixMilliseconds / 1000 / TOTP_PERIOD_SECONDS);

/** A new secret for an authenticator app: 160 random bits, as RFC 4226 recommends. */
export function newTotpKey(): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(20));
}

/** The secret as people type it into an app: base32, in groups of four. */
export function totpKeyText(key: Uint8Array): string {
	return encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, '$1 ');
}

/** The `otpauth://` address a QR code carries, naming the service and the account. */
export function totpKeyUri(issuer: string, username: string, key: Uint8Array): string {
	return createTOTPKeyURI(issuer, username, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The code an app shows at a moment: what a test computes, or a person reads off their phone. */
export function totpCode(key: Uint8Array, unixMilliseconds: number, digits = TOTP_DIGITS): string {
	return generateHOTP(key, BigInt(totpStep(unixMilliseconds)), digits);
}

/**
 * The step a typed code belongs to, looking one step either side of now for a phone whose clock
 * is a little off, and only at steps after `lastUsedStep`: a code already taken, or an older one,
 * is refused, so a code seen over someone's shoulder can't be used again. Null when it doesn't match.
 */
export function matchTotpStep(key: Uint8Array, typed: string, unixMilliseconds: number, lastUsedStep: number): number | null {
	const code = typed.replace(/\s/g, '');
	if (!/^\d+$/.test(code)) return null;
	const now = totpStep(unixMilliseconds);
	for (let step = Math.max(now - TOTP_DRIFT_STEPS, lastUsedStep + 1); step <= now + TOTP_DRIFT_STEPS; step++) {
		if (verifyHOTP(key, BigInt(step), TOTP_DIGITS, code)) return step;
	}
	return null;
}

const recoveryAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * A recovery code: 20 characters (about 98 random bits) in groups of four, from letters and
 * digits that can't be mistaken for each other. Random enough that a plain SHA-256 hash keeps it.
 */
export function newRecoveryCode(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(20));
	// 256 is not a multiple of 31, so bytes past the last whole multiple are drawn again.
	let code = '';
	for (let i = 0; code.length < 20; i++) {
		const byte = i < bytes.length ? bytes[i] : crypto.getRandomValues(new Uint8Array(1))[0];
		if (byte < 248) code += recoveryAlphabet[byte % 31];
	}
	return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** The code as kept: spaces, dashes and case don't count, so a code copied loosely still works. */
export function hashRecoveryCode(typed: string): Uint8Array {
	return sha256(new TextEncoder().encode(typed.toUpperCase().replace(/[\s-]/g, '')));
}

export function isRecoveryCode(typed: string, storedHash: Uint8Array): boolean {
	return constantTimeEqual(hashRecoveryCode(typed), storedHash);
}
