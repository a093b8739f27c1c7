import { languageFrom, withLanguage } from '$lib/i18n';
import { takeReflection } from '$lib/server/held-reflections';
import { surveyLinkPage } from '$lib/server/survey';
import type { PageServerLoad } from './$types';

/**
 * A staff member's reflection, shown once: taking it out of memory here means a reload, Back then
 * Forward, or a copied address finds only a page saying it is gone.
 */
export const load = (({ params, url }) => {
	const language = languageFrom(url);
	return {
		...surveyLinkPage(params.token, language),
		reflection: takeReflection(url.searchParams.get('view') ?? ''),
		surveyStart: withLanguage(new URL(`/s/${params.token}`, url), language)
	};
}) satisfies PageServerLoad;
