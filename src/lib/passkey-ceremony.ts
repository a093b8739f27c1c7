/**
 * The browser's side of a passkey or security key (WebAuthn): ask the server for a challenge,
 * have the browser make a key or sign the challenge, and hand back what the server checks
 * (`src/lib/server/passkeys.ts`), in base64url, for the page's form to post.
 */
import { deserialize } from '$app/forms';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';

/** What the server tells the page's script: where keys are made for, and which the account has. */
export interface PasskeyOptions {
	relyingPartyId: string;
	origin: string;
	userHandle: string;
	username: string;
	credentialIds: string[];
}

const encoded = (bytes: ArrayBuffer) => encodeBase64urlNoPadding(new Uint8Array(bytes));
/** Bytes in a buffer of their own, as the browser's credential calls take them. */
const decoded = (text: string) => new Uint8Array(decodeBase64urlIgnorePadding(text));
const keyList = (ids: string[]) => ids.map((id) => ({ id: decoded(id), type: 'public-key' as const }));

/** How long the browser waits for a touch or a PIN, in milliseconds. */
const CEREMONY_MILLISECONDS = 110_000;

/**
 * Why this browser, at this address, can't use a passkey, in plain words; null when it can.
 * Browsers offer passkeys only in a secure context: an https:// address, or this computer's own.
 */
export function passkeysMissingReason(options: PasskeyOptions): string | null {
	if (!window.isSecureContext) {
		return `Passkeys and security keys are not offered here: this page was opened at a plain http:// address (${location.origin}), and browsers offer them only at https:// addresses or on this computer as localhost. The authenticator app works here.`;
	}
	if (typeof PublicKeyCredential === 'undefined' || !navigator.credentials) {
		return 'This browser does not offer passkeys or security keys. The authenticator app works in any browser.';
	}
	if (location.hostname !== options.relyingPartyId) {
		return `Passkeys work only at ${options.origin}, the address this service is set up for. Open the service there to use one.`;
	}
	return null;
}

/** A new challenge from the page's own form action, which keeps it for this session. */
export async function requestChallenge(action: string): Promise<Uint8Array<ArrayBuffer>> {
	const response = await fetch(action, { method: 'POST', body: new FormData(), headers: { accept: 'application/json' } });
	const result = deserialize(await response.text());
	if (result.type !== 'success' || typeof result.data?.challenge !== 'string') throw new Error('No challenge');
	return decoded(result.data.challenge);
}

/** Makes a new passkey for this account with ES256 or RS256, and returns what the server checks. */
export async function makePasskey(options: PasskeyOptions, challenge: Uint8Array<ArrayBuffer>): Promise<Record<string, string>> {
	const credential = await navigator.credentials.create({
		publicKey: {
			challenge,
			rp: { id: options.relyingPartyId, name: 'Any Positive Change' },
			user: { id: decoded(options.userHandle), name: options.username, displayName: options.username },
			pubKeyCredParams: [
				{ alg: -7, type: 'public-key' },
				{ alg: -257, type: 'public-key' }
			],
			attestation: 'none',
			authenticatorSelection: { residentKey: 'discouraged', userVerification: 'preferred' },
			excludeCredentials: keyList(options.credentialIds),
			timeout: CEREMONY_MILLISECONDS
		}
	});
	if (!(credential instanceof PublicKeyCredential) || !(credential.response instanceof AuthenticatorAttestationResponse)) {
		throw new Error('No passkey was made');
	}
	return { attestationObject: encoded(credential.response.attestationObject), clientDataJSON: encoded(credential.response.clientDataJSON) };
}

/** Has one of the account's passkeys sign the challenge, and returns what the server checks. */
export async function signWithPasskey(options: PasskeyOptions, challenge: Uint8Array<ArrayBuffer>): Promise<Record<string, string>> {
	const credential = await navigator.credentials.get({
		publicKey: {
			challenge,
			rpId: options.relyingPartyId,
			allowCredentials: keyList(options.credentialIds),
			userVerification: 'preferred',
			timeout: CEREMONY_MILLISECONDS
		}
	});
	if (!(credential instanceof PublicKeyCredential) || !(credential.response instanceof AuthenticatorAssertionResponse)) {
		throw new Error('Nothing was signed');
	}
	return {
		credentialId: encoded(credential.rawId),
		authenticatorData: encoded(credential.response.authenticatorData),
		clientDataJSON: encoded(credential.response.clientDataJSON),
		signature: encoded(credential.response.signature)
	};
}

/** What went wrong with the browser's passkey prompt, in plain words. */
export function ceremonyProblem(problem: unknown): string {
	const name = problem instanceof DOMException ? problem.name : '';
	if (name === 'NotAllowedError' || name === 'AbortError') {
		return 'No passkey was used: it was cancelled, or took too long. Try again when you are ready.';
	}
	if (name === 'InvalidStateError') return 'That passkey or security key is already added to your account.';
	if (name === 'SecurityError') {
		return 'Your browser would not use passkeys at this address: they need the service’s name (a domain, or localhost), not a number address.';
	}
	return 'Something went wrong with the passkey or security key. Try again, or use the authenticator app.';
}
