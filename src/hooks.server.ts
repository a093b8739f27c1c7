import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { databasePath, db } from '$lib/server/db';
import { seedDemoIfAsked } from '$lib/server/demo';
import { isStorageFailure } from '$lib/server/health';
import { languageFrom, messages } from '$lib/i18n';
import { finishOrderErasure } from '$lib/server/order-erasure';
import { prepareResultsPage } from '$lib/server/results-page';
import { whenRoundCloses } from '$lib/server/rounds';
import { startScheduledBackups } from '$lib/server/scheduled-backups';
import { databaseAvailable } from '$lib/server/hooks/database-available';
import { formOrigin } from '$lib/server/hooks/form-origin';
import { offerSetupIfNeeded } from '$lib/server/setup';
import { manageGuard } from '$lib/server/hooks/manage-guard';
import { pageLanguage } from '$lib/server/hooks/page-language';
import { securityHeaders } from '$lib/server/hooks/security-headers';
import { session } from '$lib/server/hooks/session';
import { surveyPageDelivery } from '$lib/server/hooks/survey-page-delivery';

/**
 * Opening the database applies any pending migrations before the first request is served. A
 * rewrite of the file that a reader held back when a round closed is finished now, or retried
 * until it is. With no admin yet, a one-time setup link is printed. A database that can't be
 * opened or updated is reported here, once, and the server goes on answering 503 until it is
 * fixed and restarted.
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
	finishOrderErasure();
	prepareResultsPage();
	// Results are built again when a round closes, so the first manager to look waits for nothing.
	whenRoundCloses(prepareResultsPage);
	startScheduledBackups().catch((problem) => console.error('Scheduled backups could not start:', problem));
	offerSetupIfNeeded(process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`);
};

export const handle = sequence(surveyPageDelivery, securityHeaders, formOrigin, databaseAvailable, session, manageGuard, pageLanguage);

/**
 * An unexpected failure shows a calm page in the visitor's language; the details go to the
 * server log, never to the visitor.
 */
export const handleError: HandleServerError = ({ error, status, event }) => {
	const { pageErrors } = messages[languageFrom(event.url)];
	if (status === 404) return pageErrors.notFound;
	// Refusals of the request itself (SvelteKit's and the server's own): the visitor's to mend, not ours.
	if (status === 413) return pageErrors.tooLarge;
	if (status >= 400 && status < 500) return pageErrors.unreadable;
	console.error(`Error on ${event.route.id ?? 'unknown route'}:`, error);
	return isStorageFailure(error) ? pageErrors.storageFailure : pageErrors.unexpected;
};
