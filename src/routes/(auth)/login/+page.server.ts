import { redirect } from '@sveltejs/kit';
import { readPostedForm, refusing } from '$lib/server/form';
import { signIn, startSession } from '$lib/server/sign-in';
import type { Actions, PageServerLoad } from './$types';

/** Only a path on this site, so a crafted link can't send someone elsewhere after signing in. */
function safeRedirect(target: string | null): string {
	return target && /^\/manage(?:[/?#][\x21-\x7e]*)?$/.test(target) ? target : '/manage';
}

export const load = (({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return {};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, cookies, url, locals, getClientAddress }) => {
		const form = await readPostedForm(request);
		const username = form.text('username');
		return refusing({ username }, async () => {
			const user = await signIn(username, form.asSent('password'), getClientAddress());
			startSession(user, cookies, url, locals.session);
			redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
		});
	}
} satisfies Actions;
