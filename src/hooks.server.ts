import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { databasePath, db } from '$lib/server/db';
import { seedDemoIfAsked } from '$lib/server/demo';
import { formRefusals } from '$lib/server/form-body';
import { isStorageFailure } from '$lib/server/health';
import { prepareResultsPage } from '$lib/server/results-page';
import { databaseAvailable } from '$lib/server/hooks/database-available';
import { offerSetupIfNeeded } from '$lib/server/setup';
import { manageGuard } from '$lib/server/hooks/manage-guard';
import { pageLanguage } from '$lib/server/hooks/page-language';
import { securityHeaders } from '$lib/server/hooks/security-headers';
import { session } from '$lib/server/hooks/session';
import { surveyPageDelivery } from '$lib/server/hooks/survey-page-delivery';

/**
 * Opening the database applies any pending migrations before the first request is served. With
 * no admin yet, a one-time setup link is printed. A database that can't be opened or updated is
 * reported here, once, and the server goes on answering 503 until it is fixed and restarted.
 */
export const init: ServerInit = async () => {
	try {
		db();
	} catch (problem) {
		console.error(
			`The database at ${databasePath()} can't be used, so every request is answered 503 until it is fixed and the server restarted.`,
			problem
		);
		return;
	}
	await seedDemoIfAsked();
	prepareResultsPage();
	offerSetupIfNeeded(process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`);
};

export const handle = sequence(surveyPageDelivery, securityHeaders, databaseAvailable, session, manageGuard, pageLanguage);

/** An unexpected failure shows a calm page; the details go to the server log, never to the visitor. */
export const handleError: HandleServerError = ({ error, status, event }) => {
	if (status === 404) return { message: 'We could not find this page', detail: 'Please check the address.' };
	// Refusals of the request itself (SvelteKit's and the server's own): the visitor's to mend, not ours.
	if (status === 413) return formRefusals.tooLarge;
	if (status >= 400 && status < 500) return formRefusals.unreadable;
	console.error(`Error on ${event.route.id ?? 'unknown route'}:`, error);
	if (isStorageFailure(error)) {
		return {
			message: 'Nothing was saved: the database can’t store anything right now.',
			detail: 'The disk may be full or read-only. Please tell whoever looks after this service.'
		};
	}
	return {
		message: 'Something went wrong on our side.',
		detail: 'Nothing was saved. Please try again in a moment.'
	};
};
