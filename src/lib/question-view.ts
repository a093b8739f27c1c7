/**
 * One question's own page: its wording, its trend for both audiences, the last closed round's
 * distribution, gap and programs, and every change recorded against it with how it did. Built
 * from the rows the results pages already draw (trends, distributions, the mirror view, "did what
 * we changed work?"), so a figure reads the same here as there, and passes through `Results`.
 */
import { formatGap, formatGapInterval, formatScore } from './format';
import { asks, findItem, itemName, type Audience, type Instrument, type SectionId } from './instruments';
import type { Results } from './results';
import {
	actionLabels,
	audienceName,
	distributionRows,
	fittedAxis,
	itemFigure,
	mirrorRows,
	recordChangePath,
	trendPanels,
	type ActionMark,
	type DistributionRow,
	type ItemFigure,
	type MirrorRow,
	type RoundRef,
	type TrendPanel
} from './results-view';
import type { Interval } from './statistics';
import { actionOutcomes, type ActionOutcome } from './summary';

/** A "You said, we did" change as the question page lists it. */
export interface QuestionChange extends ActionMark {
	roundName: string;
	happenedOn: string;
}

export interface QuestionView {
	itemId: string;
	name: string;
	sectionId: SectionId;
	sectionTitle: string;
	/** What each audience reads; consumers only where the question is mirrored. */
	wording: { staff: string | null; consumer: string | null };
	audiences: Audience[];
	/** The last closed round: the one its distribution, gap and programs describe. */
	round: RoundRef;
	trend: TrendPanel;
	axis: Interval;
	distributions: { audience: Audience; rows: DistributionRow[] }[];
	/** Staff beside consumers in the last round, judged with every other mirrored question, and said in a sentence; null when not mirrored. */
	gap: { row: MirrorRow; sentence: string } | null;
	/** Each program's figure in the last round, per audience, shown or hidden by the rules. */
	programs: { name: string; figures: ItemFigure[] }[];
	/** Every change recorded against the question, newest first, labelled as the trend marks it, with how this question did since. */
	changes: { label: string | null; change: QuestionChange; outcome: ActionOutcome | null }[];
	recordChange: string;
}

export interface QuestionInput {
	results: Results;
	instrument: Instrument;
	/** Closed rounds, oldest first. */
	rounds: readonly RoundRef[];
	itemId: string;
	programs: readonly { key: number; name: string }[];
	/** Every change recorded, newest first: the outcomes are judged together with all of them, as on the actions page. */
	actions: readonly QuestionChange[];
}

/** The question page's rows; null for a question the instrument doesn't ask, or before any round has closed. */
export function questionView(input: QuestionInput): QuestionView | null {
	const { results, instrument, rounds, itemId, programs, actions } = input;
	const found = findItem(instrument, itemId);
	const round = rounds.at(-1);
	if (!found || !round) return null;
	const { item, section } = found;
	const audiences = (['staff', 'consumer'] as const).filter((audience) => asks(item, audience) && section.audiences.includes(audience));
	const about = actions.filter((action) => action.itemIds.includes(itemId));
	const [trend] = trendPanels(
		results,
		instrument,
		rounds,
		{
			audience: audiences.length === 2 ? 'both' : audiences[0],
			program: 'all',
			from: null,
			to: null,
			section: section.id,
			item: itemId,
			round: null
		},
		about
	);
	const labels = actionLabels(rounds, about);
	// Judged as on the actions page, with every change, so a change's verdict reads the same on both.
	const outcomes = actionOutcomes(results, instrument, rounds, actions);
	return {
		itemId,
		name: itemName(item),
		sectionId: section.id,
		sectionTitle: section.title.staff.en,
		wording: { staff: item.staff?.en ?? null, consumer: item.consumer?.en ?? null },
		audiences,
		round,
		trend,
		axis: fittedAxis([trend]),
		distributions: audiences.map((audience) => ({
			audience,
			rows: distributionRows(results, instrument, round.id, audience, 'all', section.id).filter((row) => row.itemId === itemId)
		})),
		gap: gapOf(mirrorRows(results, instrument, round.id, 'all'), itemId, round),
		programs: programs.map((program) => ({
			name: program.name,
			figures: audiences.map((audience) => itemFigure(results, round.id, audience, program.key, itemId))
		})),
		changes: about.map((change) => {
			const outcome = outcomes.find((candidate) => candidate.id === change.id);
			return {
				label: labels.get(change.id) ?? null,
				change,
				outcome: outcome ? { ...outcome, items: outcome.items.filter((entry) => entry.itemId === itemId) } : null
			};
		}),
		recordChange: recordChangePath(itemId, round.id)
	};
}

/** The question's row of the mirror view, and what it says: the two means and the gap with its interval and level, or which side is hidden. */
function gapOf(mirror: readonly MirrorRow[], itemId: string, round: RoundRef): QuestionView['gap'] {
	const row = mirror.find((candidate) => candidate.itemId === itemId);
	if (!row) return null;
	const { staff, consumer, judged } = row;
	if (!staff.shown || !consumer.shown) {
		const hidden = [staff.shown ? null : `staff’s (${staff.why})`, consumer.shown ? null : `consumers’ (${consumer.why})`].filter(Boolean);
		return { row, sentence: `In ${round.name} the ${hidden.join(' and the ')} figure is hidden, so the gap can’t be shown.` };
	}
	const level = judged.confidence === null ? '' : ` at ${Number((judged.confidence * 100).toFixed(1))}% confidence`;
	const compared = mirror.filter((candidate) => candidate.gap !== null).length;
	return {
		row,
		sentence:
			`In ${round.name} ${audienceName.staff.toLowerCase()} average ${formatScore(staff.mean)} and consumers ${formatScore(consumer.mean)}, ` +
			`a gap of ${formatGap(row.gap)} (interval ${formatGapInterval(judged.interval)}${level}, judged with the other ${compared - 1} mirrored questions shown): ${row.words}.`
	};
}
