import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { isDemoAccount } from '$lib/server/demo';
import { readPostedForm, refusing } from '$lib/server/form';
import { requireRecentCheck, requireSignedIn } from '$lib/server/guard';
import { addPasskey, createPasskeyChallenge, listPasskeys, passkeyOptions, relyingPartyOf, removePasskey } from '$lib/server/passkeys';
import { qrSvg } from '$lib/server/qr';
import { Refusal } from '$lib/server/refusal';
import { formatTime } from '$lib/server/scheduled-backups';
import { hasSecondFactor, hasTotp, isSecondFactorRequired, removeTotp, replaceRecoveryCode, setUpTotp } from '$lib/server/second-factor';
import { newTotpKey, totpKeyText, totpKeyUri } from '$lib/server/second-factor-codes';
import { invalidateOtherSessions, invalidateOwnSession, listUserSessions, markSecondFactorPassed } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const here = '/manage/security';

/** A key sent back from the set-up form: the 160 bits this page gave out, in base32; null for anything else. */
function postedKey(text: string): Uint8Array | null {
	try {
		const key = decodeBase32IgnorePadding(text.replace(/\s/g, '').toUpperCase());
		return key.length === 20 ? key : null;
	} catch {
		return null;
	}
}

/** What the app set-up shows: a QR code and the same key in text, for a key the page holds until it is confirmed. */
async function totpSetUp(username: string, key: Uint8Array) {
	const uri = totpKeyUri('Any Positive Change', username, key);
	return { key: totpKeyText(key), qr: await qrSvg(uri, 'QR code for your authenticator app') };
}

export const load = (async ({ locals, url }) => {
	const user = requireSignedIn(locals);
	const totp = hasTotp(user.id);
	return {
		totp,
		// A new key each time the page is shown, until one is confirmed with a code: nothing is stored before.
		totpSetUp: totp ? null : await totpSetUp(user.username, newTotpKey()),
		passkeys: listPasskeys(user.id),
		passkeyOptions: passkeyOptions(user, relyingPartyOf(url.origin)),
		required: isSecondFactorRequired(user),
		demoAccount: isDemoAccount(user.username),
		hasSecondFactor: hasSecondFactor(user.id),
		recovered: url.searchParams.has('recovered'),
		sessions: listUserSessions(user.id).map((session) => ({
			id: session.id,
			started: formatTime(new Date(session.createdAt * 1000)),
			lastSeen: formatTime(new Date(session.lastSeenAt * 1000)),
			browser: session.browser || 'Unknown browser',
			current: session.id === locals.session?.id
		}))
	};
}) satisfies PageServerLoad;

export const actions = {
	// The first code from the app shows it holds the key; only then is the key stored.
	setUpTotp: async ({ locals, request }) => {
		const user = requireSignedIn(locals);
		requireRecentCheck(locals, here);
		const form = await readPostedForm(request);
		const key = postedKey(form.text('key'));
		// Refused, the same key is shown again, so the app that scanned it need not scan again.
		return refusing({ totpSetUp: key && (await totpSetUp(user.username, key)) }, () => {
			if (!key) throw new Refusal('The set-up form was changed. Scan the new QR code and type a code again.');
			const recoveryCode = setUpTotp(locals.session!, key, form.text('code'));
			markSecondFactorPassed(locals.session!);
			return { message: 'Your authenticator app is set up. You were signed out everywhere else.', recoveryCode };
		});
	},

	// An admin (or a manager the agency asks it of) keeps at least one second factor.
	removeTotp: async ({ locals, request }) => {
		const user = requireSignedIn(locals);
		requireRecentCheck(locals, here);
		// The form holds nothing to read, but a body too large or broken is refused as such, like every form's.
		await readPostedForm(request);
		return refusing({}, () => {
			if (!hasTotp(user.id)) throw new Refusal('There is no authenticator app to remove.');
			if (isSecondFactorRequired(user) && listPasskeys(user.id).length === 0) {
				throw new Refusal('You need a second factor, so add a passkey before you remove the app.');
			}
			removeTotp(locals.session!);
			return { message: 'The authenticator app is removed. You were signed out everywhere else.' };
		});
	},

	// A fresh challenge for a new passkey to sign, asked for by the page's script.
	passkeyChallenge: async ({ locals, request }) => {
		requireSignedIn(locals);
		await readPostedForm(request);
		return { challenge: createPasskeyChallenge(locals.session!.id) };
	},

	// The browser made a key for this session's challenge; kept under its name, it counts as this session's second factor.
	addPasskey: async ({ locals, request, url }) => {
		requireSignedIn(locals);
		requireRecentCheck(locals, here);
		const form = await readPostedForm(request);
		const name = form.text('passkeyName');
		return refusing({ passkeyName: name }, () => {
			const registration = { name, attestationObject: form.text('attestationObject'), clientDataJSON: form.text('clientDataJSON') };
			const recoveryCode = addPasskey(locals.session!, registration, relyingPartyOf(url.origin));
			markSecondFactorPassed(locals.session!);
			return { message: `The passkey “${name}” is added. You were signed out everywhere else.`, recoveryCode };
		});
	},

	// An admin (or a manager the agency asks it of) keeps at least one second factor.
	removePasskey: async ({ locals, request }) => {
		const user = requireSignedIn(locals);
		requireRecentCheck(locals, here);
		const form = await readPostedForm(request);
		return refusing({}, () => {
			const name = removePasskey(locals.session!, user, form.text('passkeyId'));
			return { message: `The passkey “${name}” is removed. You were signed out everywhere else.` };
		});
	},

	// A new code replaces the old one, which stops working: for a code that was lost or seen by someone.
	recoveryCode: async ({ locals, request }) => {
		const user = requireSignedIn(locals);
		requireRecentCheck(locals, here);
		// The form holds nothing to read, but a body too large or broken is refused as such, like every form's.
		await readPostedForm(request);
		return refusing({}, () => {
			if (!hasSecondFactor(user.id)) throw new Refusal('Set up a second factor first; the recovery code comes with it.');
			return { message: 'Here is your new recovery code. The old one no longer works.', recoveryCode: replaceRecoveryCode(user.id) };
		});
	},

	// Another of the person's own sessions, or all the others; this one ends by signing out.
	endSessions: async ({ locals, request }) => {
		const user = requireSignedIn(locals);
		const which = (await readPostedForm(request)).text('which');
		return refusing({}, () => {
			if (which === 'others') {
				invalidateOtherSessions(user.id, locals.session!.id);
				return { message: 'Every other session has ended.' };
			}
			if (which === locals.session!.id || !invalidateOwnSession(user.id, which)) {
				throw new Refusal('That session has already ended, or is this one. To end this one, sign out.');
			}
			return { message: 'That session has ended: that browser is signed out.' };
		});
	}
} satisfies Actions;
