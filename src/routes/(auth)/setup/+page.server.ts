import { error, fail, redirect } from '@sveltejs/kit';
import { closeSetup, isSetupOpen } from '$lib/server/setup';
import { startSession } from '$lib/server/sign-in';
import { AccountError, createUser } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

// Once an admin exists, or without the one-time token printed at start-up, there is no setup page.
const requireSetupToken = (url: URL) => {
	if (!isSetupOpen(url.searchParams.get('token'))) error(404, { message: 'Not found' });
};

export const load = (({ url }) => {
	requireSetupToken(url);
	return {};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, url, cookies }) => {
		requireSetupToken(url);
		const form = await request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (password !== String(form.get('confirm') ?? '')) {
			return fail(400, { username, message: 'The two passwords are not the same.' });
		}
		try {
			const admin = await createUser(username, password, 'admin');
			closeSetup();
			startSession(admin, cookies, url);
		} catch (problem) {
			if (problem instanceof AccountError) return fail(400, { username, message: problem.message });
			throw problem;
		}
		redirect(303, '/manage');
	}
} satisfies Actions;
