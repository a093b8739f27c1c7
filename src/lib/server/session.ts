/**
 * Sessions as the Lucia guide describes them (lucia-auth.com, "Basic session implementation" and
 * "Inactivity timeout"): a token `<id>.<secret>`, only a SHA-256 hash of the secret stored, the
 * secret compared in constant time, an inactivity timeout and an absolute lifetime.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { sql } from './db';

export interface Session {
	id: string;
	userId: number;
	createdAt: number;
	lastVerifiedAt: number;
}

export const sessionLimits = {
	/** A session unused for this long ends. */
	inactivitySeconds: Number(process.env.SESSION_INACTIVITY_SECONDS ?? 8 * 60 * 60),
	/** A session ends this long after sign-in, however much it is used. */
	lifetimeSeconds: Number(process.env.SESSION_LIFETIME_SECONDS ?? 7 * 24 * 60 * 60),
	/** How often use is written back, so that not every request writes. */
	activityCheckSeconds: 60
};

const now = () => Math.floor(Date.now() / 1000);

/**
 * 32 characters from a 32-letter alphabet: 160 random bits. The guide uses 24 characters (120
 * bits); this app asks for at least 128 bits in a session secret.
 */
export function generateSecureRandomString(): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
	const bytes = crypto.getRandomValues(new Uint8Array(32));
	let text = '';
	for (const byte of bytes) text += alphabet[byte >> 3];
	return text;
}

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

/** A new session for a user; the token goes to the browser, only a hash of its secret is kept. */
export function createSession(userId: number): { session: Session; token: string } {
	const id = generateSecureRandomString();
	const secret = generateSecureRandomString();
	const createdAt = now();
	sql('INSERT INTO sessions (id, secret_hash, user_id, created_at, last_verified_at) VALUES (?, ?, ?, ?, ?)').run(
		id,
		Buffer.from(hashSecret(secret)),
		userId,
		createdAt,
		createdAt
	);
	return { session: { id, userId, createdAt, lastVerifiedAt: createdAt }, token: `${id}.${secret}` };
}

/** The session a token stands for, or null: unknown, wrong secret, idle too long, or too old. */
export function validateSessionToken(token: string): Session | null {
	const [id, secret, ...rest] = token.split('.');
	if (!id || !secret || rest.length > 0) return null;
	const row = sql<[string], { secret_hash: Buffer; user_id: number; created_at: number; last_verified_at: number }>(
		'SELECT secret_hash, user_id, created_at, last_verified_at FROM sessions WHERE id = ?'
	).get(id);
	if (!row) return null;
	if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash))) return null;

	const time = now();
	if (time - row.last_verified_at >= sessionLimits.inactivitySeconds || time - row.created_at >= sessionLimits.lifetimeSeconds) {
		invalidateSession(id);
		return null;
	}
	const session = { id, userId: row.user_id, createdAt: row.created_at, lastVerifiedAt: row.last_verified_at };
	if (time - row.last_verified_at >= sessionLimits.activityCheckSeconds) {
		sql('UPDATE sessions SET last_verified_at = ? WHERE id = ?').run(time, id);
		session.lastVerifiedAt = time;
	}
	return session;
}

export function invalidateSession(sessionId: string): void {
	sql('DELETE FROM sessions WHERE id = ?').run(sessionId);
}

/** Ends every session a person has, on every device. */
export function invalidateUserSessions(userId: number): void {
	sql('DELETE FROM sessions WHERE user_id = ?').run(userId);
}

/** When the cookie should expire: the sooner of the idle timeout and the absolute lifetime. */
export function sessionExpiresAt(session: Session): Date {
	const seconds = Math.min(session.lastVerifiedAt + sessionLimits.inactivitySeconds, session.createdAt + sessionLimits.lifetimeSeconds);
	return new Date(seconds * 1000);
}
