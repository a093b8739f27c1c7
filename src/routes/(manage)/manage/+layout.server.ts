import { requireSignedIn } from '$lib/server/guard';
import { mustSetUpSecondFactor } from '$lib/server/second-factor';
import { isOrderErasurePending } from '$lib/server/order-erasure';
import { backupReport } from '$lib/server/scheduled-backups';
import type { LayoutServerLoad } from './$types';

export const load = (({ locals }) => {
	// Signed in is enough here: the Security page, where a second factor is set up, sits under this layout too.
	const user = requireSignedIn(locals);
	// Admins look after backups, so a failed one is shown to them on every page until one succeeds.
	const backupFailure = user.role === 'admin' ? (backupReport()?.failure ?? null) : null;
	// Said on every manage page, so whoever left a backup or a database tool open learns to close it.
	return {
		user: { username: user.username, role: user.role },
		settingUpSecondFactor: mustSetUpSecondFactor(user),
		orderErasurePending: isOrderErasurePending(),
		backupFailure
	};
}) satisfies LayoutServerLoad;
