import { requireUser } from '$lib/server/guard';
import { isOrderErasurePending } from '$lib/server/order-erasure';
import type { LayoutServerLoad } from './$types';

export const load = (({ locals }) => {
	const user = requireUser(locals);
	// Said on every manage page, so whoever left a backup or a database tool open learns to close it.
	return { user: { username: user.username, role: user.role }, orderErasurePending: isOrderErasurePending() };
}) satisfies LayoutServerLoad;
