import { languageFrom } from '$lib/i18n';
import { journeyContext } from '$lib/server/reflection';
import { staffLinkPage } from '$lib/server/survey';
import type { PageServerLoad } from './$types';

/**
 * "My reflections": a staff member's own copies, opened in their browser. The page is the same for
 * everyone who asks, whatever their round's status, and nothing they keep is ever sent to it.
 */
export const load = (({ params, url }) => {
	const language = languageFrom(url);
	return { ...staffLinkPage(params.token, language), journey: journeyContext(language) };
}) satisfies PageServerLoad;
