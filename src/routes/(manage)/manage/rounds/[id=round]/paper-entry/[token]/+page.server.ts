import { fail } from '@sveltejs/kit';
import { languageFrom } from '$lib/i18n';
import { requireUser } from '$lib/server/guard';
import { getAgency } from '$lib/server/agency';
import { paperEntriesOfRound, paperEntryOf } from '$lib/server/paper-entries';
import { groupCountsShown } from '$lib/server/results';
import { roundLink } from '$lib/server/round-link';
import { openSurveyForLink, refusalOf, submitRequest, surveySections } from '$lib/server/survey';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, params, url }) => {
	requireUser(locals);
	const language = languageFrom(url);
	const survey = openSurveyForLink(roundLink(params.id, params.token));
	const { link } = survey;
	const group = paperEntryOf(paperEntriesOfRound(link.round.id, getAgency().minimumGroupSize), link);
	return {
		language,
		roundName: link.round.name,
		roundStatus: link.round.status,
		audience: link.audience,
		programName: link.programName,
		sections: surveySections(survey, language),
		// How many were typed in here, and by whom: counts only. How many answered in all is the
		// live count while the round is open; once closed, it is a figure for the results pages.
		paper: groupCountsShown(link.round, link.audience, link.programId)
			? { paperForms: group.paperForms, enteredBy: group.enteredBy }
			: null,
		responsesSoFar: link.round.status === 'open' ? group.responses : null
	};
}) satisfies PageServerLoad;

export const actions = {
	// A paper form is stored exactly like a web answer, marked as paper; who typed it in is only
	// counted, so made-up forms padding a small group can be seen.
	default: async ({ locals, params, url, request }) => {
		const user = requireUser(locals);
		const survey = openSurveyForLink(roundLink(params.id, params.token));
		const submission = await submitRequest(survey, request, {
			language: languageFrom(url),
			channel: 'paper',
			enteredBy: user.id,
			clientAddress: ''
		});
		if (!submission.ok) return fail(submission.status, refusalOf(submission));
		return { entered: true };
	}
} satisfies Actions;
