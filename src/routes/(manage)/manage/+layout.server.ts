import { requireUser } from '$lib/server/guard';
import type { LayoutServerLoad } from './$types';

export const load = (({ locals }) => {
	const user = requireUser(locals);
	return { user: { username: user.username, role: user.role } };
}) satisfies LayoutServerLoad;
