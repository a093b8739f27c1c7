import type { Cookies } from '@sveltejs/kit';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sql } from '$lib/server/db';
import {
	createSession,
	invalidateSession,
	invalidateUserSessions,
	sessionExpiresAt,
	sessionLimits,
	validateSessionToken
} from '$lib/server/session';
import { deleteSessionCookie, sessionCookieName, setSessionCookie } from '$lib/server/session-cookie';
import { startSession } from '$lib/server/sign-in';

const now = () => Math.floor(Date.now() / 1000);

let users = 0;

/** A user row to hang sessions on; the password hash is never checked here. */
function newUserId(): number {
	return Number(
		sql("INSERT INTO users (username, password_hash, role, created_at) VALUES (?, 'not a real hash', 'manager', ?)").run(
			`session-user-${++users}`,
			now()
		).lastInsertRowid
	);
}

interface SessionRow {
	id: string;
	secret_hash: Buffer;
	user_id: number;
	created_at: number;
	last_verified_at: number;
}

const sessionRow = (id: string) => sql<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?').get(id);
const moveBack = (id: string, column: 'created_at' | 'last_verified_at', seconds: number) =>
	sql(`UPDATE sessions SET ${column} = ${column} - ? WHERE id = ?`).run(seconds, id);

/** The letters a session id or secret is drawn from: lowercase, without l, o, 0 or 1. */
const tokenPart = /^[a-km-np-z2-9]{32}$/;

describe('session tokens', () => {
	it('are `<id>.<secret>`, each 32 characters from a 32-letter alphabet: at least 128 random bits of secret', () => {
		const { token, session } = createSession(newUserId());
		const [id, secret, ...rest] = token.split('.');
		expect(rest).toEqual([]);
		expect(id).toBe(session.id);
		expect(id).toMatch(tokenPart);
		expect(secret).toMatch(tokenPart);
		// 32 characters × log2(32) = 160 bits.
		expect(secret.length * Math.log2(32)).toBeGreaterThanOrEqual(128);
	});

	it('use every letter of the alphabet and never repeat, so the bits are really random', () => {
		const userId = newUserId();
		const secrets = new Set<string>();
		const letters = new Set<string>();
		for (let i = 0; i < 200; i++) {
			const secret = createSession(userId).token.split('.')[1];
			secrets.add(secret);
			for (const letter of secret) letters.add(letter);
		}
		expect(secrets.size).toBe(200);
		expect(letters.size).toBe(32);
	});

	it('store only a 32-byte SHA-256 hash of the secret, never the secret itself', () => {
		const userId = newUserId();
		const { token, session } = createSession(userId);
		const secret = token.split('.')[1];
		const row = sessionRow(session.id)!;
		expect(row.secret_hash).toBeInstanceOf(Buffer);
		expect(row.secret_hash.length).toBe(32);
		expect(row.secret_hash.equals(Buffer.from(secret))).toBe(false);
		expect(row.secret_hash.equals(createHash('sha256').update(secret).digest())).toBe(true);
		// No column holds the secret or the whole token in any form a reader could use.
		const stored = JSON.stringify({ ...row, secret_hash: row.secret_hash.toString('latin1') });
		expect(stored).not.toContain(secret);
		expect(row).toMatchObject({ id: session.id, user_id: userId });
	});
});

describe('checking a session token', () => {
	it('accepts the token it gave out and names the right user', () => {
		const userId = newUserId();
		const { token } = createSession(userId);
		expect(validateSessionToken(token)).toMatchObject({ userId });
	});

	it('refuses a wrong secret for a real id, and the session still works with the right one', () => {
		const { token, session } = createSession(newUserId());
		const other = createSession(newUserId()).token.split('.')[1];
		expect(validateSessionToken(`${session.id}.${other}`)).toBeNull();
		// One letter changed is as wrong as any other secret.
		const secret = token.split('.')[1];
		const flipped = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
		expect(validateSessionToken(`${session.id}.${flipped}`)).toBeNull();
		expect(validateSessionToken(token)).not.toBeNull();
	});

	it('refuses malformed tokens', () => {
		const { token, session } = createSession(newUserId());
		const secret = token.split('.')[1];
		for (const malformed of [
			'',
			'.',
			session.id,
			`${session.id}.`,
			`.${secret}`,
			`${token}.extra`,
			`${session.id}.${secret}.`,
			secret,
			`${session.id}${secret}`,
			`${secret}.${session.id}`
		]) {
			expect(validateSessionToken(malformed), malformed).toBeNull();
		}
		expect(validateSessionToken(token)).not.toBeNull();
	});

	it('refuses a token whose session was signed out', () => {
		const { token, session } = createSession(newUserId());
		invalidateSession(session.id);
		expect(validateSessionToken(token)).toBeNull();
		expect(sessionRow(session.id)).toBeUndefined();
	});
});

describe('session limits', () => {
	it('are eight hours idle, seven days in all, write activity back at most once a minute, and ask again for sensitive actions after ten minutes', () => {
		expect(sessionLimits).toEqual({
			inactivitySeconds: 8 * 60 * 60,
			lifetimeSeconds: 7 * 24 * 60 * 60,
			activityCheckSeconds: 60,
			recheckSeconds: 10 * 60
		});
	});

	it('end a session left idle for the inactivity timeout, and delete its row', () => {
		const { token, session } = createSession(newUserId());
		moveBack(session.id, 'last_verified_at', sessionLimits.inactivitySeconds - 120);
		expect(validateSessionToken(token)).not.toBeNull();

		const idle = createSession(newUserId());
		moveBack(idle.session.id, 'created_at', sessionLimits.inactivitySeconds);
		moveBack(idle.session.id, 'last_verified_at', sessionLimits.inactivitySeconds);
		expect(validateSessionToken(idle.token)).toBeNull();
		expect(sessionRow(idle.session.id)).toBeUndefined();
	});

	it('end a session at its absolute lifetime however recently it was used, and delete its row', () => {
		const { token, session } = createSession(newUserId());
		moveBack(session.id, 'created_at', sessionLimits.lifetimeSeconds - 120);
		expect(validateSessionToken(token)).not.toBeNull();

		const old = createSession(newUserId());
		moveBack(old.session.id, 'created_at', sessionLimits.lifetimeSeconds);
		// Used a moment ago: activity does not extend the lifetime.
		expect(sessionRow(old.session.id)!.last_verified_at).toBeGreaterThanOrEqual(now() - 1);
		expect(validateSessionToken(old.token)).toBeNull();
		expect(sessionRow(old.session.id)).toBeUndefined();
	});

	it('record activity only once the check interval has passed', () => {
		const { token, session } = createSession(newUserId());
		const recent = sessionLimits.activityCheckSeconds - 20;
		moveBack(session.id, 'last_verified_at', recent);
		const before = sessionRow(session.id)!.last_verified_at;
		expect(validateSessionToken(token)!.lastVerifiedAt).toBe(before);
		expect(sessionRow(session.id)!.last_verified_at).toBe(before);

		moveBack(session.id, 'last_verified_at', 40);
		const checked = validateSessionToken(token)!;
		const after = sessionRow(session.id)!.last_verified_at;
		expect(after).toBeGreaterThanOrEqual(now() - 1);
		expect(checked.lastVerifiedAt).toBe(after);
	});

	it('keep an idle session alive when it is used before the timeout', () => {
		const { token, session } = createSession(newUserId());
		moveBack(session.id, 'last_verified_at', sessionLimits.inactivitySeconds - 60);
		expect(validateSessionToken(token)).not.toBeNull();
		// The use just now counts: another seven hours later it is still open.
		moveBack(session.id, 'last_verified_at', sessionLimits.inactivitySeconds - 3600);
		expect(validateSessionToken(token)).not.toBeNull();
	});

	it('let the cookie expire at the sooner of the idle timeout and the lifetime', () => {
		const fresh = { id: 'x', userId: 1, createdAt: 1_000_000, lastVerifiedAt: 1_000_000 };
		expect(sessionExpiresAt(fresh).getTime()).toBe((1_000_000 + sessionLimits.inactivitySeconds) * 1000);
		const nearlyOld = { ...fresh, lastVerifiedAt: 1_000_000 + sessionLimits.lifetimeSeconds - 60 };
		expect(sessionExpiresAt(nearlyOld).getTime()).toBe((1_000_000 + sessionLimits.lifetimeSeconds) * 1000);
	});
});

describe('ending sessions', () => {
	it("ends every session of one person, on every device, and nobody else's", () => {
		const person = newUserId();
		const colleague = newUserId();
		const phone = createSession(person);
		const laptop = createSession(person);
		const theirs = createSession(colleague);
		invalidateUserSessions(person);
		expect(validateSessionToken(phone.token)).toBeNull();
		expect(validateSessionToken(laptop.token)).toBeNull();
		expect(sql<[number], number>('SELECT count(*) FROM sessions WHERE user_id = ?').pluck().get(person)).toBe(0);
		expect(validateSessionToken(theirs.token)).toMatchObject({ userId: colleague });
	});
});

type CookieCall =
	| { call: 'set'; name: string; value: string; options: Record<string, unknown> }
	| { call: 'delete'; name: string; options: Record<string, unknown> };

function fakeCookies(): { cookies: Cookies; calls: CookieCall[] } {
	const calls: CookieCall[] = [];
	const cookies = {
		set: (name: string, value: string, options: Record<string, unknown>) => calls.push({ call: 'set', name, value, options }),
		delete: (name: string, options: Record<string, unknown>) => calls.push({ call: 'delete', name, options })
	} as unknown as Cookies;
	return { cookies, calls };
}

describe('the session cookie', () => {
	const expires = new Date('2030-01-01T00:00:00Z');

	it('is `__Host-session`, Secure, HttpOnly, SameSite=Lax and site-wide over https', () => {
		const url = new URL('https://survey.example.org/login');
		const { cookies, calls } = fakeCookies();
		setSessionCookie(cookies, url, 'id.secret', expires);
		expect(sessionCookieName(url)).toBe('__Host-session');
		expect(calls).toEqual([
			{
				call: 'set',
				name: '__Host-session',
				value: 'id.secret',
				options: { httpOnly: true, sameSite: 'lax', secure: true, path: '/', expires }
			}
		]);
	});

	it('is plain `session`, still HttpOnly and SameSite=Lax, over http where Secure cookies would be dropped', () => {
		const url = new URL('http://localhost:3000/login');
		const { cookies, calls } = fakeCookies();
		setSessionCookie(cookies, url, 'id.secret', expires);
		expect(calls).toEqual([
			{
				call: 'set',
				name: 'session',
				value: 'id.secret',
				options: { httpOnly: true, sameSite: 'lax', secure: false, path: '/', expires }
			}
		]);
	});

	it('is deleted under the same name and path it was set with', () => {
		for (const [address, name, secure] of [
			['https://survey.example.org/logout', '__Host-session', true],
			['http://localhost:3000/logout', 'session', false]
		] as const) {
			const { cookies, calls } = fakeCookies();
			deleteSessionCookie(cookies, new URL(address));
			expect(calls).toEqual([{ call: 'delete', name, options: { path: '/', secure } }]);
		}
	});

	it('carries a fresh, valid session token at sign-in, expiring when the session would', () => {
		const userId = newUserId();
		const user = { id: userId, username: `session-user-${users}`, role: 'manager' as const, disabled: false };
		const { cookies, calls } = fakeCookies();
		startSession(user, cookies, new URL('https://survey.example.org/login'));
		startSession(user, cookies, new URL('https://survey.example.org/login'));
		const [first, second] = calls as Extract<CookieCall, { call: 'set' }>[];
		expect(first.value).not.toBe(second.value);
		const session = validateSessionToken(second.value)!;
		expect(session.userId).toBe(userId);
		expect(second.options.expires).toEqual(sessionExpiresAt(session));
	});
});
