import { error, redirect } from '@sveltejs/kit';
import { readPostedForm, refusing } from '$lib/server/form';
import { createFirstAdmin, isSetupOpen } from '$lib/server/setup';
import { startSession } from '$lib/server/sign-in';
import type { Actions, PageServerLoad } from './$types';

// Once an admin exists, or without the one-time token printed at start-up, there is no setup page.
function notFound(): never {
	error(404, { message: 'Not found' });
}

export const load = (({ url }) => {
	if (!isSetupOpen(url.searchParams.get('token'))) notFound();
	return {};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, url, cookies }) => {
		const form = await readPostedForm(request);
		const username = form.text('username');
		return refusing({ username }, async () => {
			const token = url.searchParams.get('token');
			const admin = await createFirstAdmin(token, username, form.asSent('password'), form.asSent('confirm'));
			if (!admin) notFound();
			startSession(admin, cookies, url, { userAgent: request.headers.get('user-agent') });
			redirect(303, '/manage');
		});
	}
} satisfies Actions;
