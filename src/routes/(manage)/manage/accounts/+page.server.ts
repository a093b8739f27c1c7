import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/guard';
import { invalidateUserSessions } from '$lib/server/session';
import { AccountError, createUser, getUser, listUsers, roles, setPassword, setUserDisabled, type Role } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';
import { postedForm } from '$lib/server/form-body';

export const load = (({ locals }) => {
	requireUser(locals, 'admin');
	return { users: listUsers() };
}) satisfies PageServerLoad;

/** The account a form names, if there is one. */
const namedUser = (form: FormData) => getUser(Number(form.get('userId')));

/** Runs an account change, turning a refusal into a message on the page. */
async function change(work: () => Promise<string> | string, values: Record<string, string> = {}) {
	try {
		return { message: await work() };
	} catch (problem) {
		if (problem instanceof AccountError) return fail(400, { message: problem.message, values });
		throw problem;
	}
}

export const actions = {
	add: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		const form = await postedForm(request);
		const username = String(form.get('username') ?? '').trim();
		const role = String(form.get('role') ?? '') as Role;
		if (!roles.includes(role)) return fail(400, { message: 'Choose admin or manager.', values: { username, role } });
		return change(async () => {
			await createUser(username, String(form.get('password') ?? ''), role);
			return `Added ${username} as ${role}.`;
		}, { username, role });
	},

	disable: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		const user = namedUser(await postedForm(request));
		if (!user) return fail(400, { message: 'There is no such user.' });
		return change(() => {
			setUserDisabled(user.id, true);
			return `Disabled ${user.username} and ended their sessions.`;
		});
	},

	enable: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		const user = namedUser(await postedForm(request));
		if (!user) return fail(400, { message: 'There is no such user.' });
		return change(() => {
			setUserDisabled(user.id, false);
			return `Re-enabled ${user.username}.`;
		});
	},

	reset: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		const form = await postedForm(request);
		const user = namedUser(form);
		if (!user) return fail(400, { message: 'There is no such user.' });
		return change(async () => {
			await setPassword(user.id, String(form.get('password') ?? ''));
			return `Set a new password for ${user.username} and ended their sessions. Tell them the new password in person.`;
		});
	},

	endSessions: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		const user = namedUser(await postedForm(request));
		if (!user) return fail(400, { message: 'There is no such user.' });
		invalidateUserSessions(user.id);
		return { message: `Ended every session of ${user.username}.` };
	}
} satisfies Actions;
