import { requireRecentCheck, requireUser } from '$lib/server/guard';
import { readPostedForm, refusing } from '$lib/server/form';
import { resetSecondFactor, secondFactorsOf } from '$lib/server/second-factor';
import { invalidateUserSessions } from '$lib/server/session';
import { createUser, findUser, listUsers, setPassword, setUserDisabled } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

/** What a refused form on this page is filled in again with: only the new account's name and role. */
interface Values {
	username?: string;
	role?: string;
}
const noValues: Values = {};

export const load = (({ locals }) => {
	requireUser(locals, 'admin');
	return { users: listUsers().map((user) => ({ ...user, secondFactors: secondFactorsOf(user.id) })) };
}) satisfies PageServerLoad;

export const actions = {
	add: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		requireRecentCheck(locals, '/manage/accounts');
		const form = await readPostedForm(request);
		// The role as sent: a role is chosen from the list, never typed.
		const [username, role] = [form.text('username'), form.asSent('role')];
		const values: Values = { username, role };
		return refusing(values, async () => {
			const user = await createUser(username, form.asSent('password'), role);
			return { message: `Added ${user.username} as ${user.role}.` };
		});
	},

	disable: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		requireRecentCheck(locals, '/manage/accounts');
		const form = await readPostedForm(request);
		return refusing(noValues, () => {
			const user = findUser(form.number('userId'));
			setUserDisabled(user.id, true);
			return { message: `Disabled ${user.username} and ended their sessions.` };
		});
	},

	enable: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		requireRecentCheck(locals, '/manage/accounts');
		const form = await readPostedForm(request);
		return refusing(noValues, () => {
			const user = findUser(form.number('userId'));
			setUserDisabled(user.id, false);
			return { message: `Re-enabled ${user.username}.` };
		});
	},

	reset: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		requireRecentCheck(locals, '/manage/accounts');
		const form = await readPostedForm(request);
		return refusing(noValues, async () => {
			const user = findUser(form.number('userId'));
			await setPassword(user.id, form.asSent('password'));
			return { message: `Set a new password for ${user.username} and ended their sessions. Tell them the new password in person.` };
		});
	},

	endSessions: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		requireRecentCheck(locals, '/manage/accounts');
		const form = await readPostedForm(request);
		return refusing(noValues, () => {
			const user = findUser(form.number('userId'));
			invalidateUserSessions(user.id);
			return { message: `Ended every session of ${user.username}.` };
		});
	},

	// For someone who lost their phone and their recovery code: they sign in with their password and set one up again.
	resetSecondFactor: async ({ locals, request }) => {
		const admin = requireUser(locals, 'admin');
		requireRecentCheck(locals, '/manage/accounts');
		const form = await readPostedForm(request);
		return refusing(noValues, () => {
			const user = findUser(form.number('userId'));
			resetSecondFactor(user, admin.username);
			return {
				message: `Removed the second factor of ${user.username} and ended their sessions. They set one up again at their next sign-in.`
			};
		});
	}
} satisfies Actions;
