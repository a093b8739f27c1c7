import { requireUser } from '$lib/server/guard';
import { isOrderErasurePending } from '$lib/server/order-erasure';
import { backupReport } from '$lib/server/scheduled-backups';
import type { LayoutServerLoad } from './$types';

export const load = (({ locals }) => {
	const user = requireUser(locals);
	// Admins look after backups, so a failed one is shown to them on every page until one succeeds.
	const backupFailure = user.role === 'admin' ? (backupReport()?.failure ?? null) : null;
	// Said on every manage page, so whoever left a backup or a database tool open learns to close it.
	return { user: { username: user.username, role: user.role }, orderErasurePending: isOrderErasurePending(), backupFailure };
}) satisfies LayoutServerLoad;
