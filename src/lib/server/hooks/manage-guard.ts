import { error, redirect, type Handle } from '@sveltejs/kit';
import { isAdminOnlyRoute, isManageRoute, owesSecondFactor, settingUpRoutes } from '../guard';
import { mustSetUpSecondFactor } from '../second-factor';

/**
 * Keeps everyone signed out, and managers from admin pages, out of /manage. Pages send a
 * signed-out visitor to sign in, someone who still owes their second factor to type it, and an
 * account that must set one up to the Security page before anything else; actions, exports and
 * other requests get 401 or 403 and no data. Every load and action checks again itself
 * (`requireUser`).
 */
export const manageGuard: Handle = ({ event, resolve }) => {
	const routeId = event.route.id;
	if (!isManageRoute(routeId)) return resolve(event);
	const { user } = event.locals;
	const isPage = event.request.method === 'GET' && !event.isDataRequest && !/\.\w+$/.test(routeId ?? '');
	const here = encodeURIComponent(event.url.pathname + event.url.search);
	if (!user) {
		if (isPage) redirect(303, `/login?redirectTo=${here}`);
		error(401, { message: 'Please sign in first.' });
	}
	// After an enhanced sign-in the next page is fetched as data: sent on all the same.
	const sendOn = isPage || (event.request.method === 'GET' && event.isDataRequest);
	if (owesSecondFactor(event.locals)) {
		if (sendOn) redirect(303, `/login/second-factor?redirectTo=${here}`);
		error(401, { message: 'Please finish signing in with your second factor first.' });
	}
	if (!settingUpRoutes.includes(routeId ?? '') && mustSetUpSecondFactor(user)) {
		if (sendOn) redirect(303, '/manage/security');
		error(403, { message: 'Set up a second factor first, on the Security page.' });
	}
	if (isAdminOnlyRoute(routeId) && user.role !== 'admin') error(403, { message: 'Only an admin can do this.' });
	return resolve(event);
};
