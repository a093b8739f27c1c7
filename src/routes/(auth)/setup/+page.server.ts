import { error, fail, redirect } from '@sveltejs/kit';
import { claimSetup, isSetupOpen } from '$lib/server/setup';
import { startSession } from '$lib/server/sign-in';
import { AccountError, createUser } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';
import { postedForm } from '$lib/server/form-body';

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
		const form = await postedForm(request);
		const claim = claimSetup(url.searchParams.get('token'));
		if (!claim) error(404, { message: 'Not found' });
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		try {
			if (password !== String(form.get('confirm') ?? '')) throw new AccountError('The two passwords are not the same.');
			const admin = await createUser(username, password, 'admin');
			startSession(admin, cookies, url);
		} catch (problem) {
			claim.giveBack();
			if (problem instanceof AccountError) return fail(400, { username, message: problem.message });
			throw problem;
		}
		redirect(303, '/manage');
	}
} satisfies Actions;
