import { fail, redirect } from '@sveltejs/kit';
import { signIn, startSession } from '$lib/server/sign-in';
import type { Actions, PageServerLoad } from './$types';
import { postedForm } from '$lib/server/form-body';

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
		const form = await postedForm(request);
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!username || !password) return fail(400, { username, message: 'Enter your username and password.' });

		const result = await signIn(username, password, getClientAddress());
		if (!result.ok) return fail(result.status, { username, message: result.message });
		startSession(result.user, cookies, url, locals.session);
		redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	}
} satisfies Actions;
