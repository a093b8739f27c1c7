import { languageFrom, withLanguage } from '$lib/i18n';
import { takeReflection } from '$lib/server/held-reflections';
import { journeyContext } from '$lib/server/reflection';
import { myReflectionsOf, surveyLinkPage } from '$lib/server/survey';
import type { PageServerLoad } from './$types';

/**
 * A staff member's reflection, shown once: taking it out of memory here means a reload, Back then
 * Forward, or a copied address finds only a page saying it is gone. The key shows it only under
 * the link it was sent from. A HEAD request (a link preview, a checker) takes nothing: it reads
 * no page, so it must not spend the one showing.
 */
export const load = (({ params, url, request }) => {
	const language = languageFrom(url);
	const key = url.searchParams.get('view') ?? '';
	const reflection = request.method === 'HEAD' ? null : takeReflection(key, params.token);
	return {
		...surveyLinkPage(params.token, language),
		reflection,
		// What their browser compares a copy they kept with; the same for everyone.
		journey: reflection && journeyContext(language),
		surveyStart: withLanguage(new URL(`/s/${params.token}`, url), language),
		myReflections: myReflectionsOf(params.token, language)
	};
}) satisfies PageServerLoad;
