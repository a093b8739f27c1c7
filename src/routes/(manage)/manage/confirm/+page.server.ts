import { redirect } from '@sveltejs/kit';
import { readPostedForm, refusing } from '$lib/server/form';
import { requireUser, safeRedirect } from '$lib/server/guard';
import { checkTotp, hasTotp } from '$lib/server/second-factor';
import { markChecked } from '$lib/server/session';
import { checkOwnPassword } from '$lib/server/sign-in';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => {
	const user = requireUser(locals);
	return { totp: hasTotp(user.id) };
}) satisfies PageServerLoad;

export const actions = {
	// The password again, throttled as at sign-in; then sensitive actions are open for ten minutes.
	password: async ({ locals, request, url, getClientAddress }) => {
		const user = requireUser(locals);
		const form = await readPostedForm(request);
		return refusing({}, async () => {
			await checkOwnPassword(user, form.asSent('password'), getClientAddress());
			markChecked(locals.session!);
			redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
		});
	},

	// Or a new code from the authenticator app, taken once like at sign-in.
	code: async ({ locals, request, url, getClientAddress }) => {
		const user = requireUser(locals);
		const form = await readPostedForm(request);
		return refusing({}, () => {
			checkTotp(user, form.text('code'), getClientAddress());
			markChecked(locals.session!);
			redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
		});
	}
} satisfies Actions;
