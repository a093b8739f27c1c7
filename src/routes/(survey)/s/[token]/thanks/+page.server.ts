import { languageFrom } from '$lib/i18n';
import { takeThanks } from '$lib/server/held-reflections';
import { surveyLinkPage } from '$lib/server/survey';
import type { PageServerLoad } from './$types';

/**
 * Where a consumer lands after sending: a plain page, so reloading it can't send the answers
 * twice. It says the answers arrived once, to the person sent here; anyone who opens or reloads
 * the address later is told nothing about anyone's answers. A HEAD request spends nothing.
 */
export const load = (({ params, url, request }) => ({
	...surveyLinkPage(params.token, languageFrom(url)),
	sent: request.method !== 'HEAD' && takeThanks(url.searchParams.get('sent') ?? '', params.token)
})) satisfies PageServerLoad;
