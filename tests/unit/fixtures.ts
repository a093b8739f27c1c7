import type { Audience } from '$lib/instruments';
import { createProgram } from '$lib/server/programs';
import { createRound, openRound } from '$lib/server/rounds';
import { listSurveyLinks } from '$lib/server/survey-links';
import { openSurvey } from '$lib/server/survey';
import { createUser } from '$lib/server/user';

let programs = 0;

/** A fresh open round with one program, and the survey behind its link for an audience. */
export function openTestSurvey(audience: Audience = 'staff') {
	const program = createProgram(`Program ${++programs}`);
	const round = createRound({ name: `Round ${programs}`, programIds: [program.id] });
	openRound(round.id);
	const token = listSurveyLinks(round.id).find((link) => link.audience === audience)!.token;
	return { round, program, token, survey: openSurvey(token, 'en') };
}

export const client = { language: 'en' as const, channel: 'web' as const, clientAddress: '192.0.2.10' };

let managers = 0;

/** A new manager account, such as one who types in collected paper forms. */
export function addManager(username = `manager-${++managers}`) {
	return createUser(username, 'typed in by hand, one form at a time', 'manager');
}
