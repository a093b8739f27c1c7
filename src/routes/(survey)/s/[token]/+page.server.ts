import { fail } from '@sveltejs/kit';
import { parseResponse, type FormValues, type SubmissionProblem } from '$lib/answers';
import { languageFrom } from '$lib/i18n';
import { getAgency } from '$lib/server/agency';
import { BodyTooLargeError, readForm } from '$lib/server/form-body';
import { rateLimitsOn, surveySubmissions } from '$lib/server/rate-limit';
import { buildReflection } from '$lib/server/reflection';
import { RoundNotOpenError, saveResponse } from '$lib/server/responses';
import { itemIdsOf, openSurvey, surveySections } from '$lib/server/survey';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ params, url }) => {
	const language = languageFrom(url);
	const survey = openSurvey(params.token, language);
	return {
		language,
		audience: survey.link.audience,
		agencyName: getAgency().name,
		roundName: survey.link.round.name,
		programName: survey.link.programName,
		sections: surveySections(survey, language)
	};
}) satisfies PageServerLoad;

const refuse = (status: number, problem: SubmissionProblem, values?: FormValues) =>
	fail(status, { problem, values: values ?? { answers: {}, comment: '' } });

export const actions = {
	// The round, audience and program come from the link on the server, never from the form,
	// so a respondent can't answer for another group or a round that has closed.
	default: async ({ params, url, request, getClientAddress }) => {
		const language = languageFrom(url);
		const survey = openSurvey(params.token, language, true);

		let form: FormData;
		try {
			form = await readForm(request);
		} catch (problem) {
			if (problem instanceof BodyTooLargeError) return refuse(413, 'too-large');
			return refuse(400, 'not-text');
		}

		const parsed = parseResponse(form, itemIdsOf(survey));
		if (!parsed.ok) return refuse(400, parsed.problem, parsed.values);
		if (survey.link.round.status !== 'open') return refuse(410, 'round-closed', parsed.values);
		if (rateLimitsOn() && !surveySubmissions.consume(getClientAddress())) {
			return refuse(429, 'too-many', parsed.values);
		}

		const { link } = survey;
		try {
			saveResponse(
				{ roundId: link.round.id, audience: link.audience, programId: link.programId },
				{ language, channel: 'web' },
				parsed.response
			);
		} catch (problem) {
			if (problem instanceof RoundNotOpenError) return refuse(410, 'round-closed', parsed.values);
			throw problem;
		}

		return {
			submitted: true as const,
			// Staff see their own answers back on a private page; the server keeps no link to them.
			reflection:
				link.audience === 'staff'
					? buildReflection(survey.instrument, survey.sections, parsed.response.answers, language)
					: null
		};
	}
} satisfies Actions;
