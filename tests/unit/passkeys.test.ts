/**
 * Passkeys and security keys, checked as a browser and an authenticator would answer: the
 * authenticator here is a real P-256 (or RSA) key made with node:crypto, its data and its "none"
 * attestation written out byte by byte as the WebAuthn standard lays them out.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PASSKEY_NAME_MAX_LENGTH } from '$lib/limits';
import { sql } from '$lib/server/db';
import {
	addPasskey,
	CHALLENGE_SECONDS,
	checkPasskey,
	createPasskeyChallenge,
	listPasskeys,
	relyingPartyOf,
	removePasskey,
	type PasskeyAssertion,
	type PasskeyRegistration
} from '$lib/server/passkeys';
import { Refusal } from '$lib/server/refusal';
import { hasSecondFactor, replaceRecoveryCode, resetSecondFactor, useRecoveryCode } from '$lib/server/second-factor';
import { createSession, validateSessionToken, type Session } from '$lib/server/session';
import type { User } from '$lib/server/user';

const ORIGIN = 'https://survey.example.org';
const party = relyingPartyOf(ORIGIN);

afterEach(() => vi.restoreAllMocks());

// ---- CBOR, as much of it as an attestation object needs ------------------------------------

function head(major: number, length: number): Buffer {
	if (length < 24) return Buffer.from([(major << 5) | length]);
	if (length < 256) return Buffer.from([(major << 5) | 24, length]);
	return Buffer.from([(major << 5) | 25, length >> 8, length & 255]);
}
const cborInteger = (value: number) => (value >= 0 ? head(0, value) : head(1, -1 - value));
const cborBytes = (bytes: Uint8Array) => Buffer.concat([head(2, bytes.length), bytes]);
const cborText = (text: string) => Buffer.concat([head(3, Buffer.byteLength(text)), Buffer.from(text)]);
const cborMap = (entries: [Buffer, Buffer][]) => Buffer.concat([head(5, entries.length), ...entries.flat()]);

// ---- An authenticator ----------------------------------------------------------------------

interface Authenticator {
	credentialId: Buffer;
	privateKey: KeyObject;
	cosePublicKey: Buffer;
	counter: number;
}

/** A new key as an authenticator holds it, with its public key in COSE form (ES256 on P-256, or RS256). */
function newAuthenticator(kind: 'ES256' | 'RS256' = 'ES256'): Authenticator {
	const credentialId = Buffer.from(crypto.getRandomValues(new Uint8Array(16)));
	if (kind === 'ES256') {
		const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
		const { x, y } = publicKey.export({ format: 'jwk' });
		const cosePublicKey = cborMap([
			[cborInteger(1), cborInteger(2)],
			[cborInteger(3), cborInteger(-7)],
			[cborInteger(-1), cborInteger(1)],
			[cborInteger(-2), cborBytes(Buffer.from(x!, 'base64url'))],
			[cborInteger(-3), cborBytes(Buffer.from(y!, 'base64url'))]
		]);
		return { credentialId, privateKey, cosePublicKey, counter: 0 };
	}
	const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const { n, e } = publicKey.export({ format: 'jwk' });
	const cosePublicKey = cborMap([
		[cborInteger(1), cborInteger(3)],
		[cborInteger(3), cborInteger(-257)],
		[cborInteger(-1), cborBytes(Buffer.from(n!, 'base64url'))],
		[cborInteger(-2), cborBytes(Buffer.from(e!, 'base64url'))]
	]);
	return { credentialId, privateKey, cosePublicKey, counter: 0 };
}

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_CREDENTIAL = 0x40;

/** Authenticator data: the relying party id's hash, the flags, the counter, and for a new key the key itself. */
function authenticatorData(key: Authenticator, { rpId = party.id, flags = FLAG_USER_PRESENT | FLAG_USER_VERIFIED, withKey = false } = {}) {
	const counter = Buffer.alloc(4);
	counter.writeUInt32BE(key.counter);
	const parts: Buffer[] = [createHash('sha256').update(rpId).digest(), Buffer.from([flags | (withKey ? FLAG_CREDENTIAL : 0)]), counter];
	if (withKey) {
		const length = Buffer.alloc(2);
		length.writeUInt16BE(key.credentialId.length);
		parts.push(Buffer.alloc(16), length, key.credentialId, key.cosePublicKey);
	}
	return Buffer.concat(parts);
}

const clientData = (type: 'webauthn.create' | 'webauthn.get', challenge: string, origin = ORIGIN) =>
	Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));

/** What the browser posts when `key` is made for `challenge`, its data changed where a test asks. */
function register(
	key: Authenticator,
	challenge: string,
	{ name = 'Blue key', origin = ORIGIN, rpId = party.id, type = 'webauthn.create' as const, flags = FLAG_USER_PRESENT } = {}
): PasskeyRegistration {
	const attestationObject = cborMap([
		[cborText('fmt'), cborText('none')],
		[cborText('attStmt'), cborMap([])],
		[cborText('authData'), cborBytes(authenticatorData(key, { rpId, flags, withKey: true }))]
	]);
	return {
		name,
		attestationObject: attestationObject.toString('base64url'),
		clientDataJSON: clientData(type, challenge, origin).toString('base64url')
	};
}

/** What the browser posts when `key` signs `challenge`: a signature over authenticatorData || sha256(clientDataJSON). */
function assert(
	key: Authenticator,
	challenge: string,
	{ origin = ORIGIN, rpId = party.id, counter = key.counter + 1 } = {}
): PasskeyAssertion {
	key.counter = counter;
	const data = authenticatorData(key, { rpId });
	const json = clientData('webauthn.get', challenge, origin);
	const signature = sign('sha256', Buffer.concat([data, createHash('sha256').update(json).digest()]), key.privateKey);
	return {
		credentialId: key.credentialId.toString('base64url'),
		authenticatorData: data.toString('base64url'),
		clientDataJSON: json.toString('base64url'),
		signature: signature.toString('base64url')
	};
}

// ---- Accounts and what they hold -------------------------------------------------------------

let users = 0;

function newUser(role: 'admin' | 'manager' = 'manager'): User {
	const username = `passkey-${++users}`;
	const id = Number(
		sql("INSERT INTO users (username, password_hash, role, created_at) VALUES (?, 'not a real hash', ?, 0)").run(username, role)
			.lastInsertRowid
	);
	return { id, username, role, disabled: false };
}

/** An account signed in on two devices: `session` adds and uses keys, `other` must be ended only by a real change. */
function signedInTwice(role: 'admin' | 'manager' = 'manager') {
	const user = newUser(role);
	const { session } = createSession(user.id);
	const other = createSession(user.id).token;
	return { user, session, otherIsSignedIn: () => validateSessionToken(other) !== null };
}

/** Everything a refusal must leave as it was: the account's passkeys and counters, its recovery code, its sessions. */
const stateOf = (userId: number) => ({
	passkeys: sql('SELECT id, name, algorithm, public_key, sign_count FROM passkeys WHERE user_id = ? ORDER BY id').all(userId),
	user: sql('SELECT totp_key, recovery_code_hash FROM users WHERE id = ?').get(userId),
	sessions: sql('SELECT id, second_factor_passed FROM sessions WHERE user_id = ? ORDER BY id').all(userId)
});

function expectRefusedChangingNothing(userId: number, work: () => unknown): Refusal {
	const before = stateOf(userId);
	let refusal: unknown;
	try {
		work();
	} catch (thrown) {
		refusal = thrown;
	}
	expect(refusal).toBeInstanceOf(Refusal);
	expect(stateOf(userId)).toEqual(before);
	return refusal as Refusal;
}

/** Adds `key` to the account through a real challenge, as the page does. */
function added(session: Session, key: Authenticator, name = 'Blue key') {
	return addPasskey(session, register(key, createPasskeyChallenge(session.id), { name }), party);
}

describe('adding a passkey', () => {
	it('keeps a real P-256 key under its name, gives the first recovery code, and ends the other sessions', () => {
		const { user, session, otherIsSignedIn } = signedInTwice();
		const key = newAuthenticator();
		const recoveryCode = added(session, key, '  Work laptop  ');
		expect(recoveryCode).toMatch(/\S{8,}/);
		expect(listPasskeys(user.id)).toEqual([
			{ id: key.credentialId.toString('base64url'), name: 'Work laptop', createdAt: expect.any(Number) }
		]);
		expect(hasSecondFactor(user.id)).toBe(true);
		expect(otherIsSignedIn()).toBe(false);
		expect(validateSessionToken(createSession(user.id).token)).not.toBeNull();
		// A second key is the account's second, with no new recovery code: the first still stands.
		expect(added(session, newAuthenticator(), 'Spare key')).toBeNull();
		expect(
			listPasskeys(user.id)
				.map((passkey) => passkey.name)
				.sort()
		).toEqual(['Spare key', 'Work laptop']);
	});

	it('keeps an RS256 key too, and signs in with it', () => {
		const { user, session } = signedInTwice();
		const key = newAuthenticator('RS256');
		added(session, key);
		expect(() => checkPasskey(session, user, assert(key, createPasskeyChallenge(session.id)), party)).not.toThrow();
	});

	it('refuses a challenge the server did not give this session, and writes nothing', () => {
		const { user, session, otherIsSignedIn } = signedInTwice();
		createPasskeyChallenge(session.id);
		const elsewhere = createSession(user.id).session;
		const forged = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
		expectRefusedChangingNothing(user.id, () => addPasskey(session, register(newAuthenticator(), forged), party));
		// Another session's challenge is no good here either.
		const theirs = createPasskeyChallenge(elsewhere.id);
		createPasskeyChallenge(session.id);
		expectRefusedChangingNothing(user.id, () => addPasskey(session, register(newAuthenticator(), theirs), party));
		expect(otherIsSignedIn()).toBe(true);
	});

	it('refuses an answer made for another address, and writes nothing', () => {
		const { user, session } = signedInTwice();
		for (const origin of ['https://survey.example.org.evil.example', 'http://survey.example.org', 'https://evil.example']) {
			const registration = register(newAuthenticator(), createPasskeyChallenge(session.id), { origin });
			expectRefusedChangingNothing(user.id, () => addPasskey(session, registration, party));
		}
	});

	it('refuses authenticator data made for another relying party (its rpIdHash), and writes nothing', () => {
		const { user, session } = signedInTwice();
		const registration = register(newAuthenticator(), createPasskeyChallenge(session.id), { rpId: 'evil.example' });
		expectRefusedChangingNothing(user.id, () => addPasskey(session, registration, party));
	});

	it('refuses a key made with no one present, or an answer to sign in sent as a new key, and writes nothing', () => {
		const { user, session } = signedInTwice();
		const absent = register(newAuthenticator(), createPasskeyChallenge(session.id), { flags: FLAG_USER_VERIFIED });
		expectRefusedChangingNothing(user.id, () => addPasskey(session, absent, party));
		const wrongStep = { ...register(newAuthenticator(), createPasskeyChallenge(session.id)) };
		wrongStep.clientDataJSON = clientData(
			'webauthn.get',
			JSON.parse(Buffer.from(wrongStep.clientDataJSON, 'base64url').toString()).challenge
		).toString('base64url');
		expectRefusedChangingNothing(user.id, () => addPasskey(session, wrongStep, party));
	});

	it('takes a challenge once: the same answer again is refused, and writes nothing more', () => {
		const { user, session } = signedInTwice();
		const registration = register(newAuthenticator(), createPasskeyChallenge(session.id));
		addPasskey(session, registration, party);
		expectRefusedChangingNothing(user.id, () => addPasskey(session, registration, party));
		// Nor does a refused answer leave its challenge to be tried again.
		const challenge = createPasskeyChallenge(session.id);
		expectRefusedChangingNothing(user.id, () =>
			addPasskey(session, register(newAuthenticator(), challenge, { origin: 'https://evil.example' }), party)
		);
		expectRefusedChangingNothing(user.id, () => addPasskey(session, register(newAuthenticator(), challenge), party));
	});

	it('refuses a challenge older than its time, and writes nothing', () => {
		const { user, session } = signedInTwice();
		const start = Date.now();
		const registration = register(newAuthenticator(), createPasskeyChallenge(session.id, start));
		expectRefusedChangingNothing(user.id, () => addPasskey(session, registration, party, start + CHALLENGE_SECONDS * 1000 + 1));
	});

	it(`refuses a name longer than ${PASSKEY_NAME_MAX_LENGTH} characters, or none, saying so, and writes nothing`, () => {
		const { user, session } = signedInTwice();
		for (const name of ['x'.repeat(PASSKEY_NAME_MAX_LENGTH + 1), '   ']) {
			const registration = register(newAuthenticator(), createPasskeyChallenge(session.id), { name });
			const refusal = expectRefusedChangingNothing(user.id, () => addPasskey(session, registration, party));
			expect(refusal.field).toBe('passkeyName');
			expect(refusal.message).toMatch(name.trim() ? /at most 64 characters/ : /Give the passkey a name/);
		}
		// Exactly the limit, counted in characters, is taken.
		expect(() => added(session, newAuthenticator(), '🔑'.repeat(PASSKEY_NAME_MAX_LENGTH))).not.toThrow();
	});

	it('refuses the same key twice, and writes nothing', () => {
		const { user, session } = signedInTwice();
		const key = newAuthenticator();
		added(session, key);
		expectRefusedChangingNothing(user.id, () => added(session, key, 'Same key again'));
	});
});

describe('signing with a passkey', () => {
	function withKey() {
		const account = signedInTwice();
		const key = newAuthenticator();
		added(account.session, key);
		return { ...account, key };
	}

	it('accepts a signature over the authenticator data and the client data, and keeps the counter', () => {
		const { user, session, key } = withKey();
		checkPasskey(session, user, assert(key, createPasskeyChallenge(session.id), { counter: 7 }), party);
		expect(sql('SELECT sign_count FROM passkeys WHERE user_id = ?').pluck().get(user.id)).toBe(7);
	});

	it('refuses a bad signature, and writes nothing', () => {
		const { user, session, key } = withKey();
		const assertion = assert(key, createPasskeyChallenge(session.id));
		const signature = Buffer.from(assertion.signature, 'base64url');
		signature[signature.length - 1] ^= 1;
		expectRefusedChangingNothing(user.id, () =>
			checkPasskey(session, user, { ...assertion, signature: signature.toString('base64url') }, party)
		);
		// Signed by another key under this key's id.
		const impostor = { ...newAuthenticator(), credentialId: key.credentialId };
		expectRefusedChangingNothing(user.id, () => checkPasskey(session, user, assert(impostor, createPasskeyChallenge(session.id)), party));
	});

	it('refuses a replayed answer, a wrong challenge, another address and another relying party, and writes nothing', () => {
		const { user, session, key } = withKey();
		const good = assert(key, createPasskeyChallenge(session.id));
		checkPasskey(session, user, good, party);
		expectRefusedChangingNothing(user.id, () => checkPasskey(session, user, good, party));
		createPasskeyChallenge(session.id);
		const forged = Buffer.alloc(32, 7).toString('base64url');
		expectRefusedChangingNothing(user.id, () => checkPasskey(session, user, assert(key, forged), party));
		const elsewhere = assert(key, createPasskeyChallenge(session.id), { origin: 'https://evil.example' });
		expectRefusedChangingNothing(user.id, () => checkPasskey(session, user, elsewhere, party));
		const otherParty = assert(key, createPasskeyChallenge(session.id), { rpId: 'evil.example' });
		expectRefusedChangingNothing(user.id, () => checkPasskey(session, user, otherParty, party));
	});

	it('refuses a counter that did not move on (a copied key), and writes nothing', () => {
		const { user, session, key } = withKey();
		checkPasskey(session, user, assert(key, createPasskeyChallenge(session.id), { counter: 5 }), party);
		for (const counter of [5, 4]) {
			const assertion = assert(key, createPasskeyChallenge(session.id), { counter });
			expectRefusedChangingNothing(user.id, () => checkPasskey(session, user, assertion, party));
		}
	});

	it("refuses someone else's passkey", () => {
		const { session, key } = withKey();
		const stranger = signedInTwice();
		const assertion = assert(key, createPasskeyChallenge(stranger.session.id));
		expectRefusedChangingNothing(stranger.user.id, () => checkPasskey(stranger.session, stranger.user, assertion, party));
		expect(session.userId).not.toBe(stranger.user.id);
	});
});

describe('removing passkeys', () => {
	it('removes one of the account’s own, ending its other sessions; the recovery code goes with the last', () => {
		const { user, session } = signedInTwice();
		const key = newAuthenticator();
		added(session, key);
		const other = createSession(user.id).token;
		expect(removePasskey(session, user, key.credentialId.toString('base64url'))).toBe('Blue key');
		expect(listPasskeys(user.id)).toEqual([]);
		expect(validateSessionToken(other)).toBeNull();
		expect(sql('SELECT recovery_code_hash FROM users WHERE id = ?').pluck().get(user.id)).toBeNull();
	});

	it('keeps the last second factor of an account that must have one, and refuses another account’s key', () => {
		const admin = signedInTwice('admin');
		const key = newAuthenticator();
		added(admin.session, key);
		const id = key.credentialId.toString('base64url');
		expect(expectRefusedChangingNothing(admin.user.id, () => removePasskey(admin.session, admin.user, id)).message).toMatch(
			/add another passkey or the authenticator app/
		);
		const stranger = signedInTwice();
		expectRefusedChangingNothing(admin.user.id, () => removePasskey(stranger.session, stranger.user, id));
		expectRefusedChangingNothing(stranger.user.id, () => removePasskey(stranger.session, stranger.user, 'not an id!'));
	});

	it('go with an admin’s reset and with the recovery code', () => {
		const first = signedInTwice();
		added(first.session, newAuthenticator());
		vi.spyOn(console, 'log').mockImplementation(() => {});
		resetSecondFactor(first.user, 'an admin');
		expect(listPasskeys(first.user.id)).toEqual([]);

		const second = signedInTwice();
		added(second.session, newAuthenticator());
		const code = replaceRecoveryCode(second.user.id);
		useRecoveryCode(second.session, second.user, code, '198.51.100.7');
		expect(listPasskeys(second.user.id)).toEqual([]);
		expect(hasSecondFactor(second.user.id)).toBe(false);
	});
});
