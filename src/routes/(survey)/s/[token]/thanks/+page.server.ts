import { error } from '@sveltejs/kit';
import { languageFrom, messages } from '$lib/i18n';
import { getAgency } from '$lib/server/agency';
import { findSurveyLink } from '$lib/server/survey-links';
import type { PageServerLoad } from './$types';

/** Where a consumer lands after sending: a plain page, so reloading it can't send the answers twice. */
export const load = (({ params, url }) => {
	const language = languageFrom(url);
	const link = findSurveyLink(params.token);
	if (!link) {
		const { title, body } = messages[language].linkProblems.unknown;
		error(404, { message: title, detail: body });
	}
	return { language, audience: link.audience, agencyName: getAgency().name, programName: link.programName };
}) satisfies PageServerLoad;
