import type { Audience } from '$lib/instruments';
import { sql } from './db';
import type { ResponseGroup } from './response-group';

/**
 * Counts one paper form typed in by an account, inside the transaction that stores the form, so
 * a refused or failed form counts nothing. Only the count is kept: no time, nothing about the
 * response.
 */
export function recordPaperEntry(group: ResponseGroup, userId: number): void {
	sql(
		`INSERT INTO paper_entries (round_id, audience, program_key, user_id, forms) VALUES (?, ?, ?, ?, 1)
		 ON CONFLICT (round_id, audience, program_key, user_id) DO UPDATE SET forms = forms + 1`
	).run(group.roundId, group.audience, group.programId ?? 0, userId);
}

/** One group of a round: how many answered, how many of them were paper forms, and who typed those in. */
export interface PaperEntry extends ResponseGroup {
	programName: string | null;
	responses: number;
	paperForms: number;
	/** Each account with how many it typed in, most first: "rosa (6), demo (3)". */
	enteredBy: string;
	/** Whether the group reaches the minimum group size only because of its paper forms. */
	liftedByPaper: boolean;
}

/**
 * Whether paper forms are what lifts a group to the minimum group size: with them its figures are
 * shown, without them they would be hidden. Then its results rest on forms typed in by hand, and
 * whoever typed them could have made them up to read the few real answers beside them.
 */
export function liftedByPaper(group: { responses: number; paperForms: number }, minimumGroupSize: number): boolean {
	return group.paperForms > 0 && group.responses >= minimumGroupSize && group.responses - group.paperForms < minimumGroupSize;
}

/** "rosa (6), demo (3)"; paper forms stored before counts were kept are named as such. */
export function describeEnteredBy(typists: { username: string; forms: number }[], paperForms: number): string {
	const recorded = typists.reduce((sum, typist) => sum + typist.forms, 0);
	const names = typists.map((typist) => `${typist.username} (${typist.forms})`);
	if (paperForms > recorded) names.push(`not recorded (${paperForms - recorded})`);
	return names.join(', ');
}

/** Every group of a round that has answers, with its paper forms and who typed them in. */
export function paperEntriesOfRound(roundId: number, minimumGroupSize: number): PaperEntry[] {
	const groups = sql<
		[number],
		{ audience: Audience; program_id: number | null; program_name: string | null; responses: number; paper_forms: number }
	>(
		`SELECT responses.audience, responses.program_id, programs.name AS program_name,
			count(*) AS responses, count(*) FILTER (WHERE responses.channel = 'paper') AS paper_forms
		 FROM responses LEFT JOIN programs ON programs.id = responses.program_id
		 WHERE responses.round_id = ?
		 GROUP BY responses.audience, responses.program_id
		 ORDER BY responses.audience DESC, programs.name`
	).all(roundId);
	const typists = sql<[number], { audience: Audience; program_key: number; username: string; forms: number }>(
		`SELECT paper_entries.audience, paper_entries.program_key, users.username, paper_entries.forms
		 FROM paper_entries JOIN users ON users.id = paper_entries.user_id
		 WHERE paper_entries.round_id = ?
		 ORDER BY paper_entries.forms DESC, users.username`
	).all(roundId);
	return groups.map((group) => {
		const counted = { responses: group.responses, paperForms: group.paper_forms };
		const ofGroup = typists.filter((typist) => typist.audience === group.audience && typist.program_key === (group.program_id ?? 0));
		return {
			roundId,
			audience: group.audience,
			programId: group.program_id,
			programName: group.program_name,
			...counted,
			enteredBy: describeEnteredBy(ofGroup, group.paper_forms),
			liftedByPaper: liftedByPaper(counted, minimumGroupSize)
		};
	});
}

/** One group's figures among a round's, or none yet (no answers at all) for a group not among them. */
export function paperEntryOf(
	entries: PaperEntry[],
	group: { audience: Audience; programId: number | null }
): Pick<PaperEntry, 'responses' | 'paperForms' | 'enteredBy' | 'liftedByPaper'> {
	const found = entries.find((entry) => entry.audience === group.audience && entry.programId === group.programId);
	return found ?? { responses: 0, paperForms: 0, enteredBy: '', liftedByPaper: false };
}
