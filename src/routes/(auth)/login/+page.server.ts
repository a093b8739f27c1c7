import { redirect } from '@sveltejs/kit';
import { readPostedForm, refusing } from '$lib/server/form';
import { safeRedirect } from '$lib/server/guard';
import { hasSecondFactor } from '$lib/server/second-factor';
import { signIn, startSession } from '$lib/server/sign-in';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return {};
}) satisfies PageServerLoad;

export const actions = {
	// The password is the first step; an account with a second factor is asked for it next.
	default: async ({ request, cookies, url, locals, getClientAddress }) => {
		const form = await readPostedForm(request);
		const username = form.text('username');
		return refusing({ username }, async () => {
			const user = await signIn(username, form.asSent('password'), getClientAddress());
			startSession(user, cookies, url, { previous: locals.session, userAgent: request.headers.get('user-agent') });
			const next = safeRedirect(url.searchParams.get('redirectTo'));
			redirect(303, hasSecondFactor(user.id) ? `/login/second-factor?redirectTo=${encodeURIComponent(next)}` : next);
		});
	}
} satisfies Actions;
