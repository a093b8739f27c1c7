import { languageFrom } from '$lib/i18n';
import { surveyLinkPage } from '$lib/server/survey';
import type { PageServerLoad } from './$types';

/** Where a consumer lands after sending: a plain page, so reloading it can't send the answers twice. */
export const load = (({ params, url }) => surveyLinkPage(params.token, languageFrom(url))) satisfies PageServerLoad;
