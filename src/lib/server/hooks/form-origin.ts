import type { Handle } from '@sveltejs/kit';
import { logRefusedOrigin, refusedFormOrigin, refusedFormResponse } from '../form-origin';

/** The survey pages whose form action refuses a form from another origin itself, filled in again. */
const surveyForms = ['/(survey)/s/[token]', '/(survey)/kiosk/[token]'];

/**
 * Refuses a form sent from any origin but this service's (`ORIGIN`). Only the demo also takes
 * forms from whatever address the browser used. A survey form goes on to its action, which
 * stores nothing and shows the form again, answers and all, with the reason in the respondent's
 * language (`submitSurvey`); any other form gets a plain page. The server log says, once per
 * origin, which one was seen and what to set.
 */
export const formOrigin: Handle = ({ event, resolve }) => {
	const seen = refusedFormOrigin(event.request, event.url, process.env.DEMO === '1');
	if (seen === null) return resolve(event);
	logRefusedOrigin(seen, event.url.origin);
	if (!surveyForms.includes(event.route.id ?? '')) return refusedFormResponse(event.request, event.url);
	event.locals.foreignOrigin = seen;
	return resolve(event);
};
