import { isHttpError } from '@sveltejs/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserFamily } from '$lib/browser-family';
import { sql } from '$lib/server/db';
import { requireUser } from '$lib/server/guard';
import { claimAttempt, codeThrottlers, Throttler } from '$lib/server/rate-limit';
import { Refusal } from '$lib/server/refusal';
import {
	checkTotp,
	hasSecondFactor,
	mustSetUpSecondFactor,
	resetSecondFactor,
	setUpTotp,
	useRecoveryCode
} from '$lib/server/second-factor';
import {
	hashRecoveryCode,
	isRecoveryCode,
	matchTotpStep,
	newRecoveryCode,
	newTotpKey,
	totpCode,
	totpKeyUri,
	totpStep
} from '$lib/server/second-factor-codes';
import { createSession, validateSessionToken } from '$lib/server/session';
import type { User } from '$lib/server/user';

/** RFC 6238, appendix B: the SHA-1 key is the ASCII string "12345678901234567890". */
const rfcKey = new TextEncoder().encode('12345678901234567890');
const rfcVectors: [seconds: number, code: string][] = [
	[59, '94287082'],
	[1111111109, '07081804'],
	[1111111111, '14050471'],
	[1234567890, '89005924'],
	[2000000000, '69279037'],
	[20000000000, '65353130']
];

let users = 0;

/** An account row (its password is never checked here) with the role asked for. */
function newUser(role: 'admin' | 'manager' = 'manager'): User {
	const username = `second-factor-${++users}`;
	const id = Number(
		sql("INSERT INTO users (username, password_hash, role, created_at) VALUES (?, 'not a real hash', ?, 0)").run(username, role)
			.lastInsertRowid
	);
	return { id, username, role, disabled: false };
}

const refusalOf = (work: () => unknown): Refusal => {
	try {
		work();
	} catch (thrown) {
		if (thrown instanceof Refusal) return thrown;
		throw thrown;
	}
	throw new Error('Expected a refusal');
};

/** A moment well inside a 30-second step, so a step either side is a whole step away. */
const T = 1_800_000_015_000;
const STEP = 30_000;

/** Each test's account has its own throttle key; a fresh client address each time keeps the client throttle out of the way. */
let clients = 0;
const client = () => `198.51.100.${++clients % 250}`;

afterEach(() => vi.restoreAllMocks());

/** Lets the account try again at once: a refused code makes the next try wait a second (tested below). */
const forgive = (user: User) => codeThrottlers.perAccount.reset(`account:${user.id}`);

describe('authenticator app codes (TOTP)', () => {
	it('match RFC 6238’s SHA-1 test vectors, in 8 digits and in the 6 the app shows', () => {
		for (const [seconds, code] of rfcVectors) {
			expect(totpCode(rfcKey, seconds * 1000, 8), `T = ${seconds}`).toBe(code);
			expect(totpCode(rfcKey, seconds * 1000), `T = ${seconds}, 6 digits`).toBe(code.slice(2));
		}
	});

	it('change every 30 seconds', () => {
		expect(totpStep(59_000)).toBe(1);
		expect(totpStep(60_000)).toBe(2);
		expect(totpCode(rfcKey, 60_000)).not.toBe(totpCode(rfcKey, 59_000));
	});

	it('are taken one step either side of now, for a phone whose clock is off, and no further', () => {
		const key = newTotpKey();
		const now = totpStep(T);
		expect(matchTotpStep(key, totpCode(key, T), T, 0)).toBe(now);
		expect(matchTotpStep(key, totpCode(key, T - STEP), T, 0)).toBe(now - 1);
		expect(matchTotpStep(key, totpCode(key, T + STEP), T, 0)).toBe(now + 1);
		expect(matchTotpStep(key, totpCode(key, T - 2 * STEP), T, 0)).toBeNull();
		expect(matchTotpStep(key, totpCode(key, T + 2 * STEP), T, 0)).toBeNull();
	});

	it('are refused once used, and so is any older one', () => {
		const key = newTotpKey();
		const code = totpCode(key, T);
		const used = matchTotpStep(key, code, T, 0)!;
		expect(matchTotpStep(key, code, T, used)).toBeNull();
		expect(matchTotpStep(key, totpCode(key, T - STEP), T, used)).toBeNull();
		expect(matchTotpStep(key, totpCode(key, T + STEP), T, used)).toBe(used + 1);
	});

	it('ignore spaces, and refuse anything but the right digits', () => {
		const key = newTotpKey();
		const code = totpCode(key, T);
		expect(matchTotpStep(key, `${code.slice(0, 3)} ${code.slice(3)}`, T, 0)).not.toBeNull();
		for (const wrong of ['', 'abcdef', code.slice(1), `${code}0`, String((Number(code) + 1) % 1_000_000).padStart(6, '0')]) {
			expect(matchTotpStep(key, wrong, T, 0), wrong).toBeNull();
		}
	});

	it('are set up from an otpauth address that names the service and the account', () => {
		const uri = totpKeyUri('Any Positive Change', 'rosa', newTotpKey());
		expect(uri).toMatch(/^otpauth:\/\/totp\/Any%20Positive%20Change:rosa\?/);
		expect(uri).toContain('period=30');
		expect(uri).toContain('digits=6');
	});
});

describe('an account’s authenticator app', () => {
	it('is stored only once a code shows the app has the key, and then counts as a second factor', () => {
		const user = newUser();
		const { session } = createSession(user.id);
		const key = newTotpKey();
		expect(refusalOf(() => setUpTotp(session, key, '000000', T)).field).toBe('code');
		expect(hasSecondFactor(user.id)).toBe(false);
		const recoveryCode = setUpTotp(session, key, totpCode(key, T), T);
		expect(recoveryCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
		expect(hasSecondFactor(user.id)).toBe(true);
	});

	it('takes a code once: the same code again is refused, and so is a wrong one', () => {
		const user = newUser();
		const key = newTotpKey();
		setUpTotp(createSession(user.id).session, key, totpCode(key, T), T);
		// The set-up code itself is used up.
		expect(refusalOf(() => checkTotp(user, totpCode(key, T), client(), T)).message).toMatch(/not right/);
		forgive(user);
		expect(() => checkTotp(user, totpCode(key, T + STEP), client(), T + STEP)).not.toThrow();
		expect(refusalOf(() => checkTotp(user, totpCode(key, T + STEP), client(), T + STEP)).message).toMatch(/not right/);
	});

	it('changing it ends the account’s other sessions, and keeps this one', () => {
		const user = newUser();
		const here = createSession(user.id);
		const elsewhere = createSession(user.id);
		const key = newTotpKey();
		setUpTotp(here.session, key, totpCode(key, T), T);
		expect(validateSessionToken(here.token)).not.toBeNull();
		expect(validateSessionToken(elsewhere.token)).toBeNull();
	});
});

describe('wrong codes', () => {
	it('are throttled per account, with a message that says only to wait', () => {
		const user = newUser();
		const key = newTotpKey();
		setUpTotp(createSession(user.id).session, key, totpCode(key, T), T);
		expect(refusalOf(() => checkTotp(user, '000000', client(), T)).status).toBe(400);
		const throttled = refusalOf(() => checkTotp(user, totpCode(key, T + STEP), client(), T + STEP));
		expect(throttled.status).toBe(429);
		expect(throttled.message).toMatch(/^Too many tries\. Please wait \d+ seconds, then try again\.$/);
	});

	it('are throttled per client address after ten free tries, across accounts', () => {
		const address = '203.0.113.77';
		const statuses = Array.from({ length: 12 }, () => refusalOf(() => checkTotp(newUser(), '000000', address, T)).status);
		expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
		expect(statuses[11]).toBe(429);
	});

	it('back off longer with each failure, and a success forgives the account', () => {
		let clock = 0;
		const perAccount = new Throttler([1, 2, 4], () => clock);
		const perClient = new Throttler([0], () => clock);
		claimAttempt({ perAccount, perClient }, 'rosa', '192.0.2.1');
		expect(perAccount.waitSeconds('rosa')).toBe(1);
		clock += 1000;
		claimAttempt({ perAccount, perClient }, 'rosa', '192.0.2.1');
		expect(perAccount.waitSeconds('rosa')).toBe(2);
		expect(() => claimAttempt({ perAccount, perClient }, 'rosa', '192.0.2.1')).toThrow(/Too many tries/);
		clock += 2000;
		claimAttempt({ perAccount, perClient }, 'rosa', '192.0.2.1').succeeded();
		expect(perAccount.waitSeconds('rosa')).toBe(0);
		expect(codeThrottlers.perAccount).not.toBe(codeThrottlers.perClient);
	});
});

describe('the recovery code', () => {
	it('is random, kept only as a hash, and read loosely', () => {
		const code = newRecoveryCode();
		expect(newRecoveryCode()).not.toBe(code);
		const hash = hashRecoveryCode(code);
		expect(Buffer.from(hash).toString('utf8')).not.toContain(code.replace(/-/g, ''));
		expect(isRecoveryCode(code, hash)).toBe(true);
		expect(isRecoveryCode(` ${code.toLowerCase().replace(/-/g, ' ')} `, hash)).toBe(true);
		expect(
			isRecoveryCode(
				code.replace(/^./, (first) => (first === 'A' ? 'B' : 'A')),
				hash
			)
		).toBe(false);
	});

	it('works once: it removes the second factors, ends the other sessions, and is then refused', () => {
		const user = newUser();
		const key = newTotpKey();
		const phone = createSession(user.id);
		const code = setUpTotp(phone.session, key, totpCode(key, T), T)!;
		const stored = sql('SELECT recovery_code_hash FROM users WHERE id = ?').pluck().get(user.id) as Buffer;
		expect(stored.toString('utf8')).not.toContain(code);

		const laptop = createSession(user.id);
		expect(refusalOf(() => useRecoveryCode(laptop.session, user, 'AAAA-AAAA-AAAA-AAAA-AAAA', client())).field).toBe('recoveryCode');
		forgive(user);
		useRecoveryCode(laptop.session, user, code, client());
		expect(hasSecondFactor(user.id)).toBe(false);
		expect(validateSessionToken(phone.token)).toBeNull();
		expect(validateSessionToken(laptop.token)).not.toBeNull();
		forgive(user);
		expect(refusalOf(() => useRecoveryCode(laptop.session, user, code, client())).message).toMatch(/not right/);
	});
});

describe('who must have a second factor', () => {
	it('is every admin, who is sent to set one up before anything else; a manager may choose unless the agency asks it', () => {
		const admin = newUser('admin');
		const manager = newUser('manager');
		expect(mustSetUpSecondFactor(admin)).toBe(true);
		expect(mustSetUpSecondFactor(manager)).toBe(false);
		const refused = (() => {
			try {
				requireUser({ user: admin, session: null }, 'admin');
			} catch (thrown) {
				return thrown;
			}
		})();
		expect(isHttpError(refused, 403)).toBe(true);

		sql('UPDATE agency SET managers_need_second_factor = 1').run();
		try {
			expect(mustSetUpSecondFactor(manager)).toBe(true);
		} finally {
			sql('UPDATE agency SET managers_need_second_factor = 0').run();
		}

		const key = newTotpKey();
		const { session } = createSession(admin.id);
		setUpTotp(session, key, totpCode(key, T), T);
		expect(mustSetUpSecondFactor(admin)).toBe(false);
		// With a second factor, a session that has not passed it is turned away; one that has is let in.
		expect(() => requireUser({ user: admin, session }, 'admin')).toThrow();
		expect(requireUser({ user: admin, session: { ...session, secondFactorPassed: true } }, 'admin')).toBe(admin);
	});

	it('can be reset by an admin: the factors go, the sessions end, and the log says who and when, with no secret', () => {
		const user = newUser();
		const key = newTotpKey();
		const phone = createSession(user.id);
		const code = setUpTotp(phone.session, key, totpCode(key, T), T)!;
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		resetSecondFactor(user, 'marta');
		expect(hasSecondFactor(user.id)).toBe(false);
		expect(validateSessionToken(phone.token)).toBeNull();
		expect(log).toHaveBeenCalledTimes(1);
		const line = String(log.mock.calls[0][0]);
		expect(line).toMatch(new RegExp(`^Second factor of ${user.username} reset by marta at \\d{4}-\\d\\d-\\d\\dT`));
		expect(line).not.toContain(code);
	});
});

describe('the browser family shown in the list of sessions', () => {
	it('names the browser and its system, nothing finer', () => {
		const cases: [string | null, string][] = [
			['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox on Windows'],
			[
				'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
				'Safari on macOS'
			],
			[
				'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
				'Chrome on Android'
			],
			[
				'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
				'Edge on Windows'
			],
			[
				'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
				'Safari on iOS'
			],
			[null, 'Unknown browser'],
			['curl/8.5.0', 'Another browser']
		];
		for (const [userAgent, family] of cases) expect(browserFamily(userAgent), String(userAgent)).toBe(family);
	});
});
