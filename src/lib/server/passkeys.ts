/**
 * Passkeys and security keys (WebAuthn) as a second factor, each with the name its owner gave it,
 * checked as Lucia's example "email and password with 2FA and WebAuthn" checks them, with
 * `@oslojs/webauthn`: the browser signs a challenge from this server, for this server's address.
 *
 * A challenge lives in memory, one per session, for two minutes, and is spent by the first try
 * that names it. The app is one process, so memory is where every browser's challenge is found;
 * a restart costs at most one more press of the button; and asking for a challenge writes
 * nothing to the database, so no one can grow it by asking.
 */
import { decodePKIXECDSASignature, decodeSEC1PublicKey, ECDSAPublicKey, p256, verifyECDSASignature } from '@oslojs/crypto/ecdsa';
import { decodePKCS1RSAPublicKey, RSAPublicKey, sha256ObjectIdentifier, verifyRSASSAPKCS1v15Signature } from '@oslojs/crypto/rsa';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import {
	ClientDataType,
	coseAlgorithmES256,
	coseAlgorithmRS256,
	coseEllipticCurveP256,
	createAssertionSignatureMessage,
	parseAttestationObject,
	parseAuthenticatorData,
	parseClientDataJSON,
	type AuthenticatorData
} from '@oslojs/webauthn';
import type { PasskeyOptions } from '$lib/passkey-ceremony';
import { characterCount, PASSKEY_NAME_MAX_LENGTH, PASSKEYS_PER_ACCOUNT_MAX } from '$lib/limits';
import { sql, writeTransaction } from './db';
import type { PostedForm } from './form';
import { Refusal } from './refusal';
import { afterSecondFactorChange, hasTotp, isSecondFactorRequired } from './second-factor';
import type { Session } from './session';
import type { User } from './user';

export interface Passkey {
	/** The credential id, base64url, as the browser names it. */
	id: string;
	name: string;
	createdAt: number;
}

/** Who the browser signs for: the host of the service's address (`ORIGIN`), and the address itself. */
export interface RelyingParty {
	id: string;
	origin: string;
}

export const relyingPartyOf = (origin: string): RelyingParty => ({ id: new URL(origin).hostname, origin });

/** What the browser answers when a new passkey is made, base64url as the page sends it. */
export interface PasskeyRegistration {
	name: string;
	attestationObject: string;
	clientDataJSON: string;
}

/** What the browser answers when a passkey signs the challenge, base64url as the page sends it. */
export interface PasskeyAssertion {
	credentialId: string;
	authenticatorData: string;
	clientDataJSON: string;
	signature: string;
}

export const CHALLENGE_SECONDS = 120;

const challenges = new Map<string, { challenge: Uint8Array; expiresAt: number }>();

export function listPasskeys(userId: number): Passkey[] {
	return sql<[number], { id: Buffer; name: string; created_at: number }>(
		'SELECT id, name, created_at FROM passkeys WHERE user_id = ? ORDER BY created_at, name'
	)
		.all(userId)
		.map((row) => ({ id: row.id.toString('base64url'), name: row.name, createdAt: row.created_at }));
}

/** A new random challenge for this session, in base64url; it replaces any the session had. */
export function createPasskeyChallenge(sessionId: string, at = Date.now()): string {
	for (const [id, held] of challenges) if (held.expiresAt <= at) challenges.delete(id);
	const challenge = crypto.getRandomValues(new Uint8Array(32));
	challenges.set(sessionId, { challenge, expiresAt: at + CHALLENGE_SECONDS * 1000 });
	return encodeBase64urlNoPadding(challenge);
}

/** The session's challenge, spent whatever comes of it: true only when the browser signed that one, in time. */
function spendChallenge(sessionId: string, signed: Uint8Array, at: number): boolean {
	const held = challenges.get(sessionId);
	challenges.delete(sessionId);
	return held !== undefined && held.expiresAt > at && constantTimeEqual(held.challenge, signed);
}

const unchecked = () => new Refusal('That passkey or security key could not be checked, or took too long. Try again.');

function decoded(text: string): Uint8Array {
	try {
		return decodeBase64urlIgnorePadding(text);
	} catch {
		throw unchecked();
	}
}

/**
 * The challenge is spent first, so a refused answer can't be sent again. Then the browser must
 * have signed it for this very step (making a key, or signing in), at this service's address,
 * not from inside another site's frame.
 */
function checkClientData(session: Session, clientDataJSON: Uint8Array, type: ClientDataType, party: RelyingParty, at: number): void {
	let clientData;
	try {
		clientData = parseClientDataJSON(clientDataJSON);
	} catch {
		challenges.delete(session.id);
		throw unchecked();
	}
	const fresh = spendChallenge(session.id, clientData.challenge, at);
	if (!fresh || clientData.type !== type || clientData.origin !== party.origin || clientData.crossOrigin) throw unchecked();
}

/**
 * The authenticator's own report: made for this service's host, with the person present (a
 * touch or a press). Their PIN or fingerprint is asked for where the key has one, but not
 * required: the password already came first.
 */
function checkAuthenticatorData(data: AuthenticatorData, party: RelyingParty): void {
	if (!data.verifyRelyingPartyIdHash(party.id) || !data.userPresent) throw unchecked();
}

/** The new key's public key, as it is kept: ES256 (P-256) as SEC1, RS256 as PKCS#1. */
function publicKeyOf(data: AuthenticatorData): { algorithm: number; publicKey: Uint8Array } {
	const key = data.credential!.publicKey;
	try {
		if (key.algorithm() === coseAlgorithmES256) {
			const ec2 = key.ec2();
			if (ec2.curve !== coseEllipticCurveP256) throw unchecked();
			return { algorithm: coseAlgorithmES256, publicKey: new ECDSAPublicKey(p256, ec2.x, ec2.y).encodeSEC1Uncompressed() };
		}
		if (key.algorithm() === coseAlgorithmRS256) {
			const rsa = key.rsa();
			return { algorithm: coseAlgorithmRS256, publicKey: new RSAPublicKey(rsa.n, rsa.e).encodePKCS1() };
		}
	} catch {
		throw unchecked();
	}
	throw new Refusal('This kind of passkey or security key is not supported. Try another, or the authenticator app.');
}

function checkPasskeyName(name: string): void {
	if (!name) throw new Refusal('Give the passkey a name, such as “Phone” or “Blue key”.', { field: 'passkeyName' });
	if (characterCount(name) > PASSKEY_NAME_MAX_LENGTH) {
		throw new Refusal(`A passkey's name can be at most ${PASSKEY_NAME_MAX_LENGTH} characters.`, { field: 'passkeyName' });
	}
}

/**
 * Keeps a new passkey or security key under the name its owner gave it, once the browser's
 * answer shows it was made for this session's challenge at this address. The account's other
 * sessions end, as any change to a second factor does. Returns the recovery code to show once,
 * when the account had none.
 */
export function addPasskey(session: Session, registration: PasskeyRegistration, party: RelyingParty, at = Date.now()): string | null {
	const name = registration.name.trim();
	checkPasskeyName(name);
	checkClientData(session, decoded(registration.clientDataJSON), ClientDataType.Create, party, at);
	let data: AuthenticatorData;
	try {
		data = parseAttestationObject(decoded(registration.attestationObject)).authenticatorData;
	} catch {
		throw unchecked();
	}
	// The attestation statement is not read: this app asks for none, and trusts no maker's certificate.
	checkAuthenticatorData(data, party);
	if (!data.credential) throw unchecked();
	const { algorithm, publicKey } = publicKeyOf(data);
	const id = Buffer.from(data.credential.id);
	return writeTransaction(() => {
		if (sql<[Buffer], number>('SELECT count(*) FROM passkeys WHERE id = ?').pluck().get(id)! > 0) {
			throw new Refusal('That passkey or security key is already added.');
		}
		if (listPasskeys(session.userId).length >= PASSKEYS_PER_ACCOUNT_MAX) {
			throw new Refusal(`An account can have at most ${PASSKEYS_PER_ACCOUNT_MAX} passkeys. Remove one you no longer use first.`);
		}
		sql('INSERT INTO passkeys (id, user_id, name, algorithm, public_key, created_at, sign_count) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
			id,
			session.userId,
			name,
			algorithm,
			Buffer.from(publicKey),
			Math.floor(at / 1000),
			data.signatureCounter
		);
		return afterSecondFactorChange(session);
	});
}

/** The fields of a signed challenge, as the page posts them. */
export const postedAssertion = (form: PostedForm): PasskeyAssertion => ({
	credentialId: form.text('credentialId'),
	authenticatorData: form.text('authenticatorData'),
	clientDataJSON: form.text('clientDataJSON'),
	signature: form.text('signature')
});

function isSignedBy(algorithm: number, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
	const hash = sha256(message);
	try {
		if (algorithm === coseAlgorithmES256) {
			return verifyECDSASignature(decodeSEC1PublicKey(p256, publicKey), hash, decodePKIXECDSASignature(signature));
		}
		if (algorithm === coseAlgorithmRS256) {
			return verifyRSASSAPKCS1v15Signature(decodePKCS1RSAPublicKey(publicKey), sha256ObjectIdentifier, hash, signature);
		}
	} catch {
		return false;
	}
	return false;
}

/**
 * Checks that one of the account's passkeys signed this session's challenge at this address:
 * the signature over the authenticator's data and the hash of the browser's, and a signature
 * counter that moved on (a key that counts and goes back is a copy). The counter is kept.
 */
export function checkPasskey(session: Session, user: User, assertion: PasskeyAssertion, party: RelyingParty, at = Date.now()): void {
	const clientDataJSON = decoded(assertion.clientDataJSON);
	checkClientData(session, clientDataJSON, ClientDataType.Get, party, at);
	const authenticatorData = decoded(assertion.authenticatorData);
	let data: AuthenticatorData;
	try {
		data = parseAuthenticatorData(authenticatorData);
	} catch {
		throw unchecked();
	}
	checkAuthenticatorData(data, party);
	const id = Buffer.from(decoded(assertion.credentialId));
	writeTransaction(() => {
		const passkey = sql<[Buffer, number], { algorithm: number; public_key: Buffer; sign_count: number }>(
			'SELECT algorithm, public_key, sign_count FROM passkeys WHERE id = ? AND user_id = ?'
		).get(id, user.id);
		if (!passkey) throw new Refusal('That passkey or security key is not one of this account’s.');
		const message = createAssertionSignatureMessage(authenticatorData, clientDataJSON);
		if (!isSignedBy(passkey.algorithm, new Uint8Array(passkey.public_key), message, decoded(assertion.signature))) throw unchecked();
		const counts = passkey.sign_count > 0 || data.signatureCounter > 0;
		if (counts && data.signatureCounter <= passkey.sign_count) throw unchecked();
		sql('UPDATE passkeys SET sign_count = ? WHERE id = ?').run(data.signatureCounter, id);
	});
}

/**
 * Removes one of the account's own passkeys; the account's other sessions end. An account that
 * must have a second factor keeps at least one.
 */
export function removePasskey(session: Session, user: User, passkeyId: string): string {
	return writeTransaction(() => {
		const id = /^[\w-]{1,1400}$/.test(passkeyId) ? Buffer.from(passkeyId, 'base64url') : Buffer.alloc(0);
		const name = sql<[Buffer, number], string>('SELECT name FROM passkeys WHERE id = ? AND user_id = ?').pluck().get(id, user.id);
		if (name === undefined) throw new Refusal('That passkey has already been removed, or is not yours.');
		const others = listPasskeys(user.id).length - 1 + (hasTotp(user.id) ? 1 : 0);
		if (isSecondFactorRequired(user) && others === 0) {
			throw new Refusal('You need a second factor, so add another passkey or the authenticator app before you remove this one.');
		}
		sql('DELETE FROM passkeys WHERE id = ? AND user_id = ?').run(id, user.id);
		afterSecondFactorChange(session);
		return name;
	});
}

/** What the page's script needs to ask the browser for a passkey: where, and which keys the account has. */
export function passkeyOptions(user: User, party: RelyingParty): PasskeyOptions {
	const handle = new Uint8Array(8);
	new DataView(handle.buffer).setBigUint64(0, BigInt(user.id));
	return {
		relyingPartyId: party.id,
		origin: party.origin,
		userHandle: encodeBase64urlNoPadding(handle),
		username: user.username,
		credentialIds: listPasskeys(user.id).map((passkey) => passkey.id)
	};
}
