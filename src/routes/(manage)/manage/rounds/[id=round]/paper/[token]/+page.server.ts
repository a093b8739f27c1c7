import { getAgency } from '$lib/server/agency';
import { requireUser } from '$lib/server/guard';
import { languageFrom, nameIn } from '$lib/i18n';
import { openSurveyForLink, programNameIn, surveySections } from '$lib/server/survey';
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
		// The form is read by respondents, so names are in its language where the agency gave one.
		programName: programNameIn(survey.link, language),
		roundName: survey.link.round.name,
		roundNameShown: nameIn({ en: survey.link.round.name, es: survey.link.round.nameEs }, language),
		sections: surveySections(survey, language)
	};
}) satisfies PageServerLoad;
