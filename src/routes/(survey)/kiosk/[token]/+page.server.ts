import { fail } from '@sveltejs/kit';
import { languageFrom } from '$lib/i18n';
import { openSurvey, refusalOf, answerRequest, surveyPage } from '$lib/server/survey';
import type { Actions, PageServerLoad } from './$types';

/** Seconds of no use before an abandoned kiosk form warns and then clears itself. */
const DEFAULT_IDLE_SECONDS = 90;

function idleSeconds(url: URL): number {
	const asked = Number(url.searchParams.get('idle'));
	return Number.isInteger(asked) && asked >= 5 && asked <= 600 ? asked : DEFAULT_IDLE_SECONDS;
}

export const load = (({ params, url, request }) => {
	const language = languageFrom(url);
	const survey = openSurvey(params.token, language, request.method === 'POST');
	return { ...surveyPage(survey, language, url), idleSeconds: idleSeconds(url) };
}) satisfies PageServerLoad;

export const actions = {
	// Stored like any web answer, marked as kiosk; a shared tablet shows no one's answers back.
	default: async ({ params, url, request, locals, getClientAddress }) => {
		const language = languageFrom(url);
		const survey = openSurvey(params.token, language, true);
		const submission = await answerRequest(survey, request, {
			language,
			channel: 'kiosk',
			clientAddress: getClientAddress(),
			foreignOrigin: locals.foreignOrigin
		});
		// The language switch posted the form: it comes back in the other language, filled in.
		if ('carried' in submission) return { carried: submission.carried };
		if (!submission.ok) return fail(submission.status, refusalOf(submission));
		return { submitted: true as const };
	}
} satisfies Actions;
