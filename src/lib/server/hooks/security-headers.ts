import type { Handle } from '@sveltejs/kit';

/**
 * Headers for every page the app renders (the content security policy itself comes from
 * `kit.csp`). Survey pages send no referrer, so a survey link never leaks to another site, and
 * nothing is cached, so a shared device can't show the last person's answers.
 */
export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'no-referrer');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store');
	return response;
};
