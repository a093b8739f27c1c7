import { json } from '@sveltejs/kit';
import { AGENCY_QUESTION_TEXT_MAX_LENGTH } from '$lib/limits';
import { requireUser } from '$lib/server/guard';
import { readingLevel } from '$lib/server/readability';
import type { RequestHandler } from './$types';

/**
 * A text's reading level as someone types a question of the agency's own: the same counters and
 * formulas as the plain-language tests of the deck's words. Reads nothing and stores nothing.
 */
export const GET: RequestHandler = ({ locals, url }) => {
	requireUser(locals, 'admin');
	const language = url.searchParams.get('language') === 'es' ? 'es' : 'en';
	const text = (url.searchParams.get('text') ?? '').slice(0, AGENCY_QUESTION_TEXT_MAX_LENGTH * 2).trim();
	return json(readingLevel(text, language), { headers: { 'cache-control': 'no-store' } });
};
