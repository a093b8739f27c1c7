import { fail } from '@sveltejs/kit';
import { languageFrom } from '$lib/i18n';
import { requireUser } from '$lib/server/guard';
import { countResponsesByGroup } from '$lib/server/responses';
import { roundLink } from '$lib/server/round-link';
import { openSurveyForLink, submitRequest, surveySections } from '$lib/server/survey';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, params, url }) => {
	requireUser(locals);
	const language = languageFrom(url);
	const survey = openSurveyForLink(roundLink(params.id, params.token));
	const { link } = survey;
	return {
		language,
		roundName: link.round.name,
		roundStatus: link.round.status,
		audience: link.audience,
		programName: link.programName,
		sections: surveySections(survey, language),
		responses:
			countResponsesByGroup(link.round.id).find(
				(count) => count.audience === link.audience && count.programId === link.programId
			)?.responses ?? 0
	};
}) satisfies PageServerLoad;

export const actions = {
	// A paper form is stored exactly like a web answer, marked as paper, and nothing else.
	default: async ({ locals, params, url, request }) => {
		requireUser(locals);
		const survey = openSurveyForLink(roundLink(params.id, params.token));
		const submission = await submitRequest(survey, request, {
			language: languageFrom(url),
			channel: 'paper',
			clientAddress: ''
		});
		if (!submission.ok) return fail(submission.status, { problem: submission.problem, values: submission.values });
		return { entered: true };
	}
} satisfies Actions;
