import { error } from '@sveltejs/kit';
import { findSurveyLink, type SurveyLink } from './survey-links';

/** A survey link of the round in the address, for the sharing pages; 404 when it is not. */
export function roundLink(roundId: string, token: string): SurveyLink {
	const link = findSurveyLink(token);
	if (!link || String(link.round.id) !== roundId) error(404, { message: 'There is no such survey link in this round.' });
	return link;
}
