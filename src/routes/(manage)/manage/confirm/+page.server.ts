import { redirect } from '@sveltejs/kit';
import { readPostedForm, refusing } from '$lib/server/form';
import { requireSignedIn, safeRedirect } from '$lib/server/guard';
import { checkPasskey, createPasskeyChallenge, listPasskeys, passkeyOptions, postedAssertion, relyingPartyOf } from '$lib/server/passkeys';
import { checkTotp, hasTotp } from '$lib/server/second-factor';
import { markChecked } from '$lib/server/session';
import { checkOwnPassword } from '$lib/server/sign-in';
import type { Actions, PageServerLoad } from './$types';

// Signed in is enough: an admin setting up their second factor may be asked to confirm it is them first.
export const load = (({ locals, url }) => {
	const user = requireSignedIn(locals);
	// Carried on each form's address, so a refused try does not lose where the person was going.
	const returnTo = `redirectTo=${encodeURIComponent(safeRedirect(url.searchParams.get('redirectTo')))}`;
	const passkeys = listPasskeys(user.id).length > 0 ? passkeyOptions(user, relyingPartyOf(url.origin)) : null;
	return { totp: hasTotp(user.id), passkeys, returnTo };
}) satisfies PageServerLoad;

export const actions = {
	// The password again, throttled as at sign-in; then sensitive actions are open for ten minutes.
	password: async ({ locals, request, url, getClientAddress }) => {
		const user = requireSignedIn(locals);
		const form = await readPostedForm(request);
		return refusing({}, async () => {
			await checkOwnPassword(user, form.asSent('password'), getClientAddress());
			markChecked(locals.session!);
			redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
		});
	},

	// Or a new code from the authenticator app, taken once like at sign-in.
	code: async ({ locals, request, url, getClientAddress }) => {
		const user = requireSignedIn(locals);
		const form = await readPostedForm(request);
		return refusing({}, () => {
			checkTotp(user, form.text('code'), getClientAddress());
			markChecked(locals.session!);
			redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
		});
	},

	// A fresh challenge for this session's passkey to sign, asked for by the page's script.
	passkeyChallenge: async ({ locals, request }) => {
		requireSignedIn(locals);
		await readPostedForm(request);
		return { challenge: createPasskeyChallenge(locals.session!.id) };
	},

	// Or one of the account's passkeys, signing this session's challenge.
	passkey: async ({ locals, request, url }) => {
		const user = requireSignedIn(locals);
		const form = await readPostedForm(request);
		return refusing({}, () => {
			checkPasskey(locals.session!, user, postedAssertion(form), relyingPartyOf(url.origin));
			markChecked(locals.session!);
			redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
		});
	}
} satisfies Actions;
