import { redirect } from '@sveltejs/kit';
import { invalidateSession } from '$lib/server/session';
import { deleteSessionCookie } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load = (() => redirect(303, '/login')) satisfies PageServerLoad;

export const actions = {
	// Signing out deletes the session itself, not just the cookie.
	default: ({ locals, cookies, url }) => {
		if (locals.session) invalidateSession(locals.session.id);
		deleteSessionCookie(cookies, url);
		redirect(303, '/login');
	}
} satisfies Actions;
