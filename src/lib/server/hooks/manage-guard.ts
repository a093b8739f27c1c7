import { error, redirect, type Handle } from '@sveltejs/kit';
import { isAdminOnlyRoute, isManageRoute } from '../guard';

/**
 * Keeps everyone signed out, and managers from admin pages, out of /manage. Pages send a
 * signed-out visitor to sign in; actions, exports and other requests get 401 and no data. Every
 * load and action checks again itself (`requireUser`).
 */
export const manageGuard: Handle = ({ event, resolve }) => {
	const routeId = event.route.id;
	if (!isManageRoute(routeId)) return resolve(event);
	const { user } = event.locals;
	const isPage = event.request.method === 'GET' && !event.isDataRequest && !/\.\w+$/.test(routeId ?? '');
	if (!user) {
		if (isPage) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
		error(401, { message: 'Please sign in first.' });
	}
	if (isAdminOnlyRoute(routeId) && user.role !== 'admin') error(403, { message: 'Only an admin can do this.' });
	return resolve(event);
};
