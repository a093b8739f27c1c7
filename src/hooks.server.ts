import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { db } from '$lib/server/db';
import { seedDemoIfAsked } from '$lib/server/demo';
import { offerSetupIfNeeded } from '$lib/server/setup';
import { manageGuard } from '$lib/server/hooks/manage-guard';
import { pageLanguage } from '$lib/server/hooks/page-language';
import { securityHeaders } from '$lib/server/hooks/security-headers';
import { session } from '$lib/server/hooks/session';

/**
 * Opening the database applies any pending migrations before the first request is served. With
 * no admin yet, a one-time setup link is printed.
 */
export const init: ServerInit = async () => {
	db();
	await seedDemoIfAsked();
	offerSetupIfNeeded(process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`);
};

export const handle = sequence(securityHeaders, session, manageGuard, pageLanguage);

/** An unexpected failure shows a calm page; the details go to the server log, never to the visitor. */
export const handleError: HandleServerError = ({ error, status, event }) => {
	if (status === 404) return { message: 'We could not find this page', detail: 'Please check the address.' };
	console.error(`Error on ${event.route.id ?? 'unknown route'}:`, error);
	return {
		message: 'Something went wrong on our side.',
		detail: 'Nothing was saved. Please try again in a moment.'
	};
};
