import { readPostedForm, refusing } from '$lib/server/form';
import { requireUser } from '$lib/server/guard';
import { markSecondFactorPassed } from '$lib/server/session';
import { changeOwnPassword, startSession } from '$lib/server/sign-in';
import type { Actions } from './$types';

export const actions = {
	// A new password ends every session, on every device; this one gets a fresh session, which
	// keeps the second factor this browser already passed.
	default: async ({ locals, request, cookies, url, getClientAddress }) => {
		const user = requireUser(locals);
		const form = await readPostedForm(request);
		// Passwords are never sent back to the page.
		return refusing({}, async () => {
			const passwords = { current: form.asSent('current'), password: form.asSent('password'), again: form.asSent('confirm') };
			await changeOwnPassword(user, passwords, getClientAddress());
			const session = startSession(user, cookies, url, { userAgent: request.headers.get('user-agent') });
			if (locals.session?.secondFactorPassed) markSecondFactorPassed(session);
			return { message: 'Your password is changed. You were signed out everywhere else.' };
		});
	}
} satisfies Actions;
