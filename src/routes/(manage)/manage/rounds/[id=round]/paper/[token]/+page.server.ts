import { getAgency } from '$lib/server/agency';
import { requireUser } from '$lib/server/guard';
import { languageFrom } from '$lib/i18n';
import { openSurveyForLink, surveySections } from '$lib/server/survey';
import { roundLink } from '$lib/server/round-link';
import type { PageServerLoad } from './$types';

export const load = (({ locals, params, url }) => {
	requireUser(locals);
	const language = languageFrom(url);
	const survey = openSurveyForLink(roundLink(params.id, params.token));
	return {
		language,
		agencyName: getAgency().name,
		audience: survey.link.audience,
		programName: survey.link.programName,
		roundName: survey.link.round.name,
		sections: surveySections(survey, language)
	};
}) satisfies PageServerLoad;
