import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/guard';
import { verifyPasswordHash } from '$lib/server/password';
import { claimAttempt, startSession } from '$lib/server/sign-in';
import { AccountError, getPasswordHash, setPassword } from '$lib/server/user';
import type { Actions } from './$types';
import { postedForm } from '$lib/server/form-body';

export const actions = {
	// A new password ends every session, on every device; this one gets a fresh session.
	default: async ({ locals, request, cookies, url, getClientAddress }) => {
		const user = requireUser(locals);
		const form = await postedForm(request);
		const current = String(form.get('current') ?? '');
		const password = String(form.get('password') ?? '');
		// Guessing the current password is throttled just like signing in.
		const claim = claimAttempt(user.username, getClientAddress());
		if (!claim.ok) return fail(claim.status, { message: claim.message });
		if (!(await verifyPasswordHash(getPasswordHash(user.id), current))) {
			return fail(400, { message: 'Your current password is not right.' });
		}
		claim.succeeded();
		if (password !== String(form.get('confirm') ?? '')) return fail(400, { message: 'The two new passwords are not the same.' });
		try {
			await setPassword(user.id, password);
		} catch (problem) {
			if (problem instanceof AccountError) return fail(400, { message: problem.message });
			throw problem;
		}
		startSession(user, cookies, url);
		return { message: 'Your password is changed. You were signed out everywhere else.' };
	}
} satisfies Actions;
