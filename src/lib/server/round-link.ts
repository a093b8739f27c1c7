import { error } from '@sveltejs/kit';
import { getRound, type Round } from './rounds';
import { findSurveyLink, type SurveyLink } from './survey-links';

/** The round an address names (`[id=round]` has checked it is a number); 404 when there is none. */
export function addressedRound(id: string): Round {
	const round = getRound(Number(id));
	if (!round) error(404, { message: 'There is no such round.' });
	return round;
}

/** A survey link of the round in the address, for the sharing pages; 404 when it is not. */
export function roundLink(roundId: string, token: string): SurveyLink {
	const link = findSurveyLink(token);
	if (!link || link.round.id !== Number(roundId)) error(404, { message: 'There is no such survey link in this round.' });
	return link;
}
