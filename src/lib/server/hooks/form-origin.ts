import { error, type Handle } from '@sveltejs/kit';

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses form posts from other sites (this replaces SvelteKit's own origin check, which is
 * turned off in svelte.config.js so that this one rule can live in one place).
 *
 * Survey pages send no referrer, so a browser without JavaScript posts the survey form with
 * `Origin: null`. A survey post carries no session and no cookie, so a forged one gains nothing
 * that a direct post would not; it is accepted from a null origin and still rate-limited.
 * Everything else must come from this site's own origin.
 */
export const formOrigin: Handle = ({ event, resolve }) => {
	const { request, url, route } = event;
	if (writeMethods.has(request.method)) {
		const origin = request.headers.get('origin');
		const anonymousSurvey = route.id?.startsWith('/(survey)/') ?? false;
		const sameSite = origin === url.origin;
		if (!sameSite && !(anonymousSurvey && (origin === null || origin === 'null'))) {
			error(403, { message: 'This form was sent from another site, so it was not accepted.' });
		}
	}
	return resolve(event);
};
