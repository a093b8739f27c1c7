import { redirect } from '@sveltejs/kit';
import { readPostedForm, refusing } from '$lib/server/form';
import { owesSecondFactor, safeRedirect } from '$lib/server/guard';
import { checkPasskey, createPasskeyChallenge, listPasskeys, passkeyOptions, postedAssertion, relyingPartyOf } from '$lib/server/passkeys';
import { checkTotp, hasTotp, useRecoveryCode } from '$lib/server/second-factor';
import { markSecondFactorPassed } from '$lib/server/session';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The signed-in person who still owes their second factor; anyone else is sent on. */
function owing({ locals, url }: Pick<RequestEvent, 'locals' | 'url'>) {
	if (!locals.user || !locals.session) redirect(303, '/login');
	if (!owesSecondFactor(locals)) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return { user: locals.user, session: locals.session };
}

export const load = ((event) => {
	const { user } = owing(event);
	// Carried on each form's address, so a refused code does not lose where the person was going.
	const returnTo = `redirectTo=${encodeURIComponent(safeRedirect(event.url.searchParams.get('redirectTo')))}`;
	const passkeys = listPasskeys(user.id).length > 0 ? passkeyOptions(user, relyingPartyOf(event.url.origin)) : null;
	return { totp: hasTotp(user.id), passkeys, returnTo };
}) satisfies PageServerLoad;

export const actions = {
	// The code is checked, throttled and taken once by the server module; then the session counts as passed.
	totp: async (event) => {
		const { user, session } = owing(event);
		const form = await readPostedForm(event.request);
		return refusing({}, () => {
			checkTotp(user, form.text('code'), event.getClientAddress());
			markSecondFactorPassed(session);
			redirect(303, safeRedirect(event.url.searchParams.get('redirectTo')));
		});
	},

	// A fresh challenge for this session's passkey to sign, asked for by the page's script.
	passkeyChallenge: async (event) => {
		const { session } = owing(event);
		await readPostedForm(event.request);
		return { challenge: createPasskeyChallenge(session.id) };
	},

	// One of the account's passkeys signed this session's challenge: the session counts as passed, as with a code.
	passkey: async (event) => {
		const { user, session } = owing(event);
		const form = await readPostedForm(event.request);
		return refusing({}, () => {
			checkPasskey(session, user, postedAssertion(form), relyingPartyOf(event.url.origin));
			markSecondFactorPassed(session);
			redirect(303, safeRedirect(event.url.searchParams.get('redirectTo')));
		});
	},

	// The recovery code works once: it removes the second factors, so the person sets one up again.
	recovery: async (event) => {
		const { user, session } = owing(event);
		const form = await readPostedForm(event.request);
		return refusing({}, () => {
			useRecoveryCode(session, user, form.text('recoveryCode'), event.getClientAddress());
			markSecondFactorPassed(session);
			redirect(303, '/manage/security?recovered=1');
		});
	}
} satisfies Actions;
