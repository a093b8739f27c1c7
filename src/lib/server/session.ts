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
	/** Whether this session passed the account's second factor (an account without one never does). */
	secondFactorPassed: boolean;
	/** When a password or second factor was last checked in this session: sensitive actions ask again after a while. */
	checkedAt: number;
}

/** One of an account's sessions as its owner sees it: never the address it came from. */
export interface SessionSummary {
	id: string;
	createdAt: number;
	lastSeenAt: number;
	browser: string;
}

export const sessionLimits = {
	/** A session unused for this long ends. */
	inactivitySeconds: Number(process.env.SESSION_INACTIVITY_SECONDS ?? 8 * 60 * 60),
	/** A session ends this long after sign-in, however much it is used. */
	lifetimeSeconds: Number(process.env.SESSION_LIFETIME_SECONDS ?? 7 * 24 * 60 * 60),
	/** How often use is written back, so that not every request writes. */
	activityCheckSeconds: 60,
	/** How long a password or second-factor check lasts before a sensitive action asks again. */
	recheckSeconds: Number(process.env.RECHECK_SECONDS ?? 10 * 60)
};

export const now = () => Math.floor(Date.now() / 1000);

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

interface SessionRow {
	secret_hash: Buffer;
	user_id: number;
	created_at: number;
	last_verified_at: number;
	second_factor_passed: number;
	checked_at: number;
}

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

/**
 * A new session for a user who has just typed their password; the token goes to the browser, only
 * a hash of its secret is kept. `browser` is the browser's family, for the account's list of sessions.
 */
export function createSession(userId: number, browser = ''): { session: Session; token: string } {
	const id = generateSecureRandomString();
	const secret = generateSecureRandomString();
	const createdAt = now();
	sql(
		'INSERT INTO sessions (id, secret_hash, user_id, created_at, last_verified_at, checked_at, browser) VALUES (?, ?, ?, ?, ?, ?, ?)'
	).run(id, Buffer.from(hashSecret(secret)), userId, createdAt, createdAt, createdAt, browser);
	const session = { id, userId, createdAt, lastVerifiedAt: createdAt, secondFactorPassed: false, checkedAt: createdAt };
	return { session, token: `${id}.${secret}` };
}

/** The session a token stands for, or null: unknown, wrong secret, idle too long, or too old. */
export function validateSessionToken(token: string): Session | null {
	const [id, secret, ...rest] = token.split('.');
	if (!id || !secret || rest.length > 0) return null;
	const row = sql<[string], SessionRow>(
		'SELECT secret_hash, user_id, created_at, last_verified_at, second_factor_passed, checked_at FROM sessions WHERE id = ?'
	).get(id);
	if (!row) return null;
	if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash))) return null;

	const time = now();
	if (time - row.last_verified_at >= sessionLimits.inactivitySeconds || time - row.created_at >= sessionLimits.lifetimeSeconds) {
		invalidateSession(id);
		return null;
	}
	const session: Session = {
		id,
		userId: row.user_id,
		createdAt: row.created_at,
		lastVerifiedAt: row.last_verified_at,
		secondFactorPassed: row.second_factor_passed === 1,
		checkedAt: row.checked_at
	};
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

/** Ends every session a person has but this one: their other devices are signed out. */
export function invalidateOtherSessions(userId: number, keptSessionId: string): void {
	sql('DELETE FROM sessions WHERE user_id = ? AND id != ?').run(userId, keptSessionId);
}

/** Ends one of a person's own sessions; false when they have no such session. */
export function invalidateOwnSession(userId: number, sessionId: string): boolean {
	return sql('DELETE FROM sessions WHERE user_id = ? AND id = ?').run(userId, sessionId).changes > 0;
}

/** The session has passed the account's second factor, which is a fresh check too. */
export function markSecondFactorPassed(session: Session): void {
	session.secondFactorPassed = true;
	session.checkedAt = now();
	sql('UPDATE sessions SET second_factor_passed = 1, checked_at = ? WHERE id = ?').run(session.checkedAt, session.id);
}

/** A password or second factor was just checked again in this session. */
export function markChecked(session: Session): void {
	session.checkedAt = now();
	sql('UPDATE sessions SET checked_at = ? WHERE id = ?').run(session.checkedAt, session.id);
}

/** Whether a password or second factor was checked recently enough for a sensitive action. */
export const isRecentlyChecked = (session: Session) => now() - session.checkedAt < sessionLimits.recheckSeconds;

/** A person's live sessions, newest first, as they may see them. */
export function listUserSessions(userId: number): SessionSummary[] {
	const oldest = now() - sessionLimits.inactivitySeconds;
	return sql<[number, number, number], SessionSummary>(
		`SELECT id, created_at AS createdAt, last_verified_at AS lastSeenAt, browser FROM sessions
		 WHERE user_id = ? AND last_verified_at > ? AND created_at > ? ORDER BY created_at DESC`
	).all(userId, oldest, now() - sessionLimits.lifetimeSeconds);
}

/** When the cookie should expire: the sooner of the idle timeout and the absolute lifetime. */
export function sessionExpiresAt(session: Pick<Session, 'createdAt' | 'lastVerifiedAt'>): Date {
	const seconds = Math.min(session.lastVerifiedAt + sessionLimits.inactivitySeconds, session.createdAt + sessionLimits.lifetimeSeconds);
	return new Date(seconds * 1000);
}
