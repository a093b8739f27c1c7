import { fail, redirect } from '@sveltejs/kit';
import { languageFrom, withLanguage } from '$lib/i18n';
import { buildReflection } from '$lib/server/reflection';
import { openSurvey, submitRequest, surveyPage } from '$lib/server/survey';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ params, url, request }) => {
	const language = languageFrom(url);
	// After a refused post to a round that has just closed, show the form again with its answers.
	const survey = openSurvey(params.token, language, request.method === 'POST');
	return surveyPage(survey, language, url);
}) satisfies PageServerLoad;

export const actions = {
	// The round, audience and program come from the link on the server, never from the form,
	// so a respondent can't answer for another group or for a round that has closed.
	default: async ({ params, url, request, getClientAddress }) => {
		const language = languageFrom(url);
		const survey = openSurvey(params.token, language, true);

		const submission = await submitRequest(survey, request, { language, channel: 'web', clientAddress: getClientAddress() });
		if (!submission.ok) return fail(submission.status, { problem: submission.problem, values: submission.values });

		// Consumers go on to a plain thank-you page, so reloading it can't send the answers twice.
		if (survey.link.audience === 'consumer') {
			redirect(303, withLanguage(new URL(`${url.pathname}/thanks`, url), language));
		}
		return {
			submitted: true as const,
			// Staff see their own answers back on a private page; the server keeps no link to them.
			reflection: buildReflection(survey.instrument, survey.sections, submission.response.answers, language)
		};
	}
} satisfies Actions;
