import type { Handle } from '@sveltejs/kit';
import { isSurveyRoute } from '../guard';
import { sessionExpiresAt, validateSessionToken } from '../session';
import { deleteSessionCookie, sessionCookieName, setSessionCookie } from '../session-cookie';
import { getUser } from '../user';

/**
 * Finds the signed-in user from the session cookie. Survey pages are skipped entirely: they never
 * read or set a cookie, even when a signed-in manager opens one.
 */
export const session: Handle = ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	if (isSurveyRoute(event.route.id)) return resolve(event);

	const token = event.cookies.get(sessionCookieName(event.url));
	if (!token) return resolve(event);
	const found = validateSessionToken(token);
	const user = found && getUser(found.userId);
	if (found && user && !user.disabled) {
		event.locals.session = found;
		event.locals.user = user;
		setSessionCookie(event.cookies, event.url, token, sessionExpiresAt(found));
	} else {
		deleteSessionCookie(event.cookies, event.url);
	}
	return resolve(event);
};
