import { fail, redirect } from '@sveltejs/kit';
import { languageFrom, withLanguage } from '$lib/i18n';
import { holdReflection, holdThanks } from '$lib/server/held-reflections';
import { buildReflection } from '$lib/server/reflection';
import { myReflectionsOf, openSurvey, refusalOf, answerRequest, surveyPage } from '$lib/server/survey';
import type { Actions, PageServerLoad } from './$types';

// No SvelteKit client on the survey page: it is whole without scripts, and its one small script
// (`$lib/survey-page-script.js`) counts answers and sends the form in place, so a phone on a
// slow connection fetches a few KB rather than the app's 40 KB of JavaScript.
export const csr = false;

export const load = (({ params, url, request }) => {
	const language = languageFrom(url);
	// After a refused post to a round that has just closed, show the form again with its answers.
	const survey = openSurvey(params.token, language, request.method === 'POST');
	return {
		...surveyPage(survey, language, url),
		// Staff may open the copies of their own answers they kept; consumers keep none.
		myReflections: survey.link.audience === 'staff' ? myReflectionsOf(params.token, language) : null
	};
}) satisfies PageServerLoad;

export const actions = {
	// The round, audience and program come from the link on the server, never from the form,
	// so a respondent can't answer for another group or for a round that has closed.
	default: async ({ params, url, request, locals, getClientAddress }) => {
		const language = languageFrom(url);
		const survey = openSurvey(params.token, language, true);

		const submission = await answerRequest(survey, request, {
			language,
			channel: 'web',
			clientAddress: getClientAddress(),
			foreignOrigin: locals.foreignOrigin
		});
		// The language switch posted the form: it comes back in the other language, filled in.
		if ('carried' in submission) return { carried: submission.carried };
		if (!submission.ok) return fail(submission.status, refusalOf(submission));

		// Both go on to a page of their own, so Back and Reload can't send the answers twice.
		// The thank-you says the answers arrived only once, to the person who sent them.
		if (survey.link.audience === 'consumer') {
			const thanksPage = new URL(`${url.pathname}/thanks`, url);
			thanksPage.searchParams.set('sent', holdThanks(params.token));
			redirect(303, withLanguage(thanksPage, language));
		}
		// Staff see their own answers once: the reflection waits in memory under a one-time key,
		// apart from the stored response, and the next person on the device can't bring it back.
		const reflection = buildReflection(survey.instrument, survey.sections, submission.response.answers, language, survey.link.round);
		const reflectionPage = new URL(`${url.pathname}/reflection`, url);
		reflectionPage.searchParams.set('view', holdReflection(reflection, params.token));
		redirect(303, withLanguage(reflectionPage, language));
	}
} satisfies Actions;
