import type { Audience } from '$lib/instruments';
import type { ProgramFilter, Results } from '$lib/results';
import { getAgency } from './agency';
import { sql } from './db';

export type CommentsView = { shown: true; comments: string[] } | { shown: false; minimum: number };

/**
 * A closed round's comments from one audience (and program), in random order, only when the
 * group is at least the comment minimum and, for a program, when the rest of the agency beside it
 * is too: writing style can identify a person, so comments need a larger group than figures.
 */
export function roundComments(results: Results, roundId: number, audience: Audience, program: ProgramFilter): CommentsView {
	const minimum = results.commentMinimumFor(roundId) ?? getAgency().minimumCommentGroupSize;
	if (!results.groupShown(roundId, audience, program, minimum)) {
		return { shown: false, minimum };
	}
	const comments = sql<[number, string, number, number], string>(
		`SELECT body FROM comments WHERE round_id = ? AND audience = ? AND (? = 1 OR ifnull(program_id, 0) = ?)
		 ORDER BY random()`
	)
		.pluck()
		.all(roundId, audience, program === 'all' ? 1 : 0, program === 'all' ? 0 : program);
	return { shown: true, comments };
}
