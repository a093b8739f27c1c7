import type { Handle } from '@sveltejs/kit';

/**
 * Headers for every page the app renders (the content security policy itself comes from
 * `kit.csp`). Nothing is cached, so a shared device can't show the last person's answers.
 *
 * The referrer is sent to this site only, never to another, so a survey link can't leak.
 * `no-referrer` would hide it from this site too, and then a browser without JavaScript posts
 * forms with `Origin: null`, which SvelteKit's cross-site check must refuse: any other site can
 * send that origin too.
 */
export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store');
	return response;
};
