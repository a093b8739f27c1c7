import { audiences, type Audience, type Instrument } from '$lib/instruments';
import { resultsInstrument } from './agency-questions';
import { agencyItemId } from '$lib/instruments/agency';
import { Results, type ItemCountRow, type ResponseCountRow, type RoundMinimums } from '$lib/results';
import { getAgency } from './agency';
import { sql } from './db';

export interface ClosedRound {
	id: number;
	name: string;
	/** What Spanish-speaking readers read, when given. */
	nameEs: string | null;
	closedAt: number;
}

/** Closed rounds, oldest first: the points on every trend line. */
export function listClosedRounds(): ClosedRound[] {
	return sql<[], { id: number; name: string; name_es: string | null; closed_at: number }>(
		"SELECT id, name, name_es, closed_at FROM rounds WHERE status = 'closed' ORDER BY closed_at, id"
	)
		.all()
		.map((row) => ({ id: row.id, name: row.name, nameEs: row.name_es, closedAt: row.closed_at }));
}

/**
 * Recently built results, by rounds and minimum group size. A closed round's counts never
 * change, so results built once stay right until the rounds or the minimum differ (the key).
 */
const recent = new Map<string, Results>();

/**
 * The results of every closed round (or of the rounds given), from the counts written when each
 * closed, each round under the minimum group sizes it closed with. Open rounds are never part of it.
 */
export function loadResults(roundIds?: readonly number[]): Results {
	const rounds = roundIds ?? listClosedRounds().map((round) => round.id);
	const minimumGroupSize = getAgency().minimumGroupSize;
	const instrument = resultsInstrument();
	// The agency's own questions are part of the key: a question's short name may be corrected at any time.
	const ours = instrument.sections.flatMap((section) => section.items.filter((item) => item.name).map((item) => `${item.id}:${item.name}`));
	const key = `${rounds.join(',')}|${minimumGroupSize}|${ours.join(',')}`;
	const known = recent.get(key);
	if (known) return known;
	const results = readResults(instrument, rounds, minimumGroupSize);
	if (recent.size >= 4) recent.delete(recent.keys().next().value!);
	recent.set(key, results);
	return results;
}

/**
 * Whether a group's own counts (how many answered, used codes, paper forms) may be shown: always
 * while its round is open, as the live count; once closed, only where the small-group rules show
 * how many answered, since every count of a closed round is a figure of its results.
 */
export function groupCountsShown(
	round: { id: number; status: string },
	audience: Audience,
	programId: number | null,
	/** The closed rounds' results, when the caller already has them: a page asking for each of its groups reads them once. */
	results?: Results
): boolean {
	return round.status !== 'closed' || (results ?? loadResults()).responseCount(round.id, audience, programId ?? 0).shown;
}

/**
 * Builds every closed round's results ahead of time, so no manager waits for it: at start-up and
 * after a round closes. Reading ten years of counts takes tens of milliseconds, and so does scoring
 * every question and section of every round for the whole agency (what the results page's heatmap
 * and trends show); a view then takes a few. A failure here costs nothing but that: the results
 * are built when first asked for.
 */
export function prepareResults(): void {
	try {
		const results = loadResults();
		for (const { id } of listClosedRounds()) {
			for (const audience of audiences) {
				for (const section of results.instrument.sections) {
					for (const item of section.items) results.item(id, audience, 'all', item.id);
					results.section(id, audience, 'all', section.id);
				}
			}
		}
	} catch (problem) {
		console.error('Could not build the results ahead; they will be built when first asked for:', problem);
	}
}

function readResults(instrument: Instrument, rounds: readonly number[], minimumGroupSize: number): Results {
	const placeholders = rounds.map(() => '?').join(', ') || 'NULL';
	const minimums = new Map(
		sql<number[], { id: number; minimum_group_size: number; minimum_comment_group_size: number }>(
			`SELECT id, minimum_group_size, minimum_comment_group_size FROM rounds WHERE id IN (${placeholders}) AND status = 'closed'`
		)
			.all(...rounds)
			.map((row): [number, RoundMinimums] => [row.id, { figures: row.minimum_group_size, comments: row.minimum_comment_group_size }])
	);
	const itemCounts = sql<number[], [number, Audience, number, string, number, number, number, number, number, number]>(
		`SELECT round_id, audience, program_key, item_id, unsure, answered_1, answered_2, answered_3, answered_4, answered_5
		 FROM item_counts WHERE round_id IN (${placeholders})`
	)
		.raw()
		.all(...rounds)
		.map(([roundId, audience, programKey, itemId, ...counts]): ItemCountRow => ({ roundId, audience, programKey, itemId, counts }));
	const responseCounts = sql<number[], { round_id: number; audience: Audience; program_key: number; responses: number }>(
		`SELECT round_id, audience, program_key, responses FROM response_counts WHERE round_id IN (${placeholders})`
	)
		.all(...rounds)
		.map((row): ResponseCountRow => ({
			roundId: row.round_id,
			audience: row.audience,
			programKey: row.program_key,
			responses: row.responses
		}));
	const agencyAsked = new Set(
		sql<number[], { round_id: number; question_id: number }>(
			`SELECT round_id, question_id FROM round_questions WHERE round_id IN (${placeholders})`
		)
			.all(...rounds)
			.map((row) => `${row.round_id}|${agencyItemId(row.question_id)}`)
	);
	return new Results(instrument, itemCounts, responseCounts, minimumGroupSize, minimums, agencyAsked);
}
