/**
 * What the results pages show, built from `Results`: trend rows, the mirror view, distributions
 * and the items × rounds heatmap. Charts are drawn from the very same rows (in
 * `chart-configurations.ts`), so a chart and its table can't disagree. Every figure here is one `Results` shows, for the same group and filter;
 * an interval is worked out from that figure's own counts, so it tells nothing the figure doesn't.
 */
import {
	asks,
	isMirrored,
	itemName,
	itemWording,
	nameOf,
	sectionsFor,
	type Audience,
	type Instrument,
	type SectionId
} from './instruments';
import type { ProgramFilter, Results } from './results';
import type { ItemScore } from './scoring';
import { hiddenReasonText, type HiddenReason, type Shown } from './small-groups';
import {
	gapWords,
	judgeTogether,
	meanInterval,
	sampleOf,
	welchDifference,
	wilsonInterval,
	type Interval,
	type Judged,
	type Sample
} from './statistics';

/**
 * Where a question's own page is (its trend, distribution, gap and the changes recorded against it):
 * every question named anywhere in results links here.
 */
export const questionPath = (itemId: string): string => `/manage/results/questions/${encodeURIComponent(itemId)}`;

/** The actions form, filled in for one question (and the round a change answers, when known). */
export const recordChangePath = (itemId: string, roundId?: number): string =>
	`/manage/actions?item=${encodeURIComponent(itemId)}${roundId === undefined ? '' : `&round=${roundId}`}#record`;

/** An audience as managers' pages name it. */
export const audienceName = { staff: 'Staff', consumer: 'Consumers' } as const;

export type AudienceChoice = 'both' | Audience;

export interface Filters {
	audience: AudienceChoice;
	program: ProgramFilter;
	/** The first and last closed round shown (ids), inclusive. */
	from: number | null;
	to: number | null;
	section: SectionId;
	item: string | null;
	/** The closed round the summary, mirror view and distributions describe (id); the last when null. */
	round: number | null;
}

/**
 * A figure as a table shows it: the number with its 95% intervals (a question's; a section's has
 * none), or why it is not there: hidden by the rules, or never asked of that audience (which is no
 * figure at all, and says so).
 */
export type Cell =
	| { shown: true; mean: number; favourable: number; n: number; meanInterval: Interval | null; favourableInterval: Interval | null }
	| { shown: false; why: string; notAsked?: true };

/** The cell of an audience the instrument never asks about these questions: not hidden, not asked. */
const notAskedCell: Cell = { shown: false, why: 'not asked', notAsked: true };

export interface RoundRef {
	id: number;
	name: string;
}

/** A "You said, we did" action as the results pages mark it. */
export interface ActionMark {
	id: number;
	roundId: number;
	description: string;
	itemIds: readonly string[];
}

export interface TrendRow {
	round: RoundRef;
	cells: Partial<Record<Audience, Cell>>;
	/** "You said, we did" actions recorded against this round, about the trend's questions. */
	actions: string[];
}

export interface MirrorRow {
	itemId: string;
	/** The question's short name, as charts label it. */
	name: string;
	text: string;
	staff: Cell;
	consumer: Cell;
	/** Staff mean minus consumer mean, when both are shown. */
	gap: number | null;
	/** The gap judged with every other gap of the round (Welch, false-discovery rate held). */
	judged: Judged;
	words: string;
}

export interface DistributionRow {
	itemId: string;
	name: string;
	text: string;
	/** Counts for each scale point 1–5, then "not sure"; or why hidden. */
	counts: number[] | null;
	why: string | null;
	/** How many gave a score, when shown: a hidden row publishes nothing. */
	n: number | null;
}

/** One question's figure in one round, for one audience and filter: how summaries carry figures. */
export interface ItemFigure {
	round: number;
	audience: Audience;
	program: ProgramFilter;
	itemId: string;
	cell: Cell;
}

export const audiencesOf = (choice: AudienceChoice): Audience[] => (choice === 'both' ? ['staff', 'consumer'] : [choice]);

const hiddenCell = (reason: HiddenReason, minimum: number): Cell =>
	reason === 'not-asked' ? notAskedCell : { shown: false, why: hiddenReasonText(reason, minimum) };

/**
 * Why a question's figure is hidden: the rules' own reason, or, when the rules show it but it has
 * no mean (every answer "not sure"), that a mean would give away a small group beside it.
 */
const hiddenReasonOf = (shown: Shown<ItemScore>): HiddenReason => (shown.shown ? 'protects-a-small-group' : shown.reason);

/** An item's cell, with its t interval for the mean and Wilson interval for the favourable share. */
function itemCell(shown: Shown<ItemScore>, minimum: number): Cell {
	if (!shown.shown || shown.value.mean === null) return hiddenCell(hiddenReasonOf(shown), minimum);
	const sample = sampleOf(shown.value.distribution);
	const favourable = shown.value.favourable ?? 0;
	return {
		shown: true,
		mean: shown.value.mean,
		favourable,
		n: shown.n,
		meanInterval: meanInterval(sample),
		favourableInterval: wilsonInterval(shown.value.distribution[3] + shown.value.distribution[4], shown.n)
	};
}

/** One question's figure, as shown for a group. */
export function itemFigure(results: Results, round: number, audience: Audience, program: ProgramFilter, itemId: string): ItemFigure {
	return { round, audience, program, itemId, cell: itemCell(results.item(round, audience, program, itemId), results.minimumFor(round)) };
}

/** What a shown item's mean rests on, for comparing it with another; null when hidden. */
export function itemSample(results: Results, round: number, audience: Audience, program: ProgramFilter, itemId: string): Sample | null {
	const shown = results.item(round, audience, program, itemId);
	return shown.shown && shown.value.mean !== null ? sampleOf(shown.value.distribution) : null;
}

/**
 * A section's cell: its mean and favourable share, with no interval. The section pools every
 * answer to its questions, and one person's answers to a section go together, so an honest
 * interval would rest on each person's own section mean, which the counts kept at close do not
 * hold. Whether a section's questions moved beyond noise is judged question by question instead.
 */
function sectionCell(results: Results, round: number, audience: Audience, program: ProgramFilter, sectionId: SectionId): Cell {
	const shown = results.section(round, audience, program, sectionId);
	if (!shown.shown) return hiddenCell(shown.reason, results.minimumFor(round));
	const { mean, favourable } = shown.value;
	return { shown: true, mean, favourable, n: shown.n, meanInterval: null, favourableInterval: null };
}

/** How many responded, as a table shows it: the number, or why it is hidden. */
export type CountCell = { shown: true; n: number } | { shown: false; why: string };

export function countCell(count: Shown<number>, minimum: number): CountCell {
	return count.shown ? { shown: true, n: count.value } : { shown: false, why: hiddenReasonText(count.reason, minimum) };
}

/** Reads the filters from the address; anything unknown falls back to the default. */
export function parseFilters(
	params: URLSearchParams,
	instrument: Instrument,
	rounds: readonly RoundRef[],
	programKeys: readonly number[]
): Filters {
	const audience = params.get('audience');
	const program = Number(params.get('program'));
	const roundId = (name: string) => {
		const id = Number(params.get(name));
		return rounds.some((round) => round.id === id) ? id : null;
	};
	const section = instrument.sections.find((candidate) => candidate.id === params.get('section'))?.id ?? 'hr';
	const item = params.get('item');
	return {
		audience: audience === 'staff' || audience === 'consumer' ? audience : 'both',
		program: programKeys.includes(program) ? program : 'all',
		from: roundId('from'),
		to: roundId('to'),
		section,
		item: instrument.sections.find((candidate) => candidate.id === section)?.items.some((candidate) => candidate.id === item) ? item : null,
		round: roundId('round')
	};
}

/** The rounds between `from` and `to`, oldest first. */
export function roundsInRange(rounds: readonly RoundRef[], filters: Pick<Filters, 'from' | 'to'>): RoundRef[] {
	const start = filters.from === null ? 0 : rounds.findIndex((round) => round.id === filters.from);
	const endAt = filters.to === null ? rounds.length - 1 : rounds.findIndex((round) => round.id === filters.to);
	return rounds.slice(Math.min(start, endAt), Math.max(start, endAt) + 1);
}

/** The round a summary describes (the one chosen, else the last closed) and the closed round before it. */
export function chosenRound(
	rounds: readonly RoundRef[],
	filters: Pick<Filters, 'round'>
): { round: RoundRef; previous: RoundRef | null } | null {
	const index = filters.round === null ? rounds.length - 1 : rounds.findIndex((round) => round.id === filters.round);
	if (index < 0) return null;
	return { round: rounds[index], previous: index > 0 ? rounds[index - 1] : null };
}

/** The questions a trend is about: one chosen question, or all of a section's. */
function subjectItems(instrument: Instrument, sectionId: SectionId, item: string | null): string[] {
	return item ? [item] : (instrument.sections.find((section) => section.id === sectionId)?.items.map((candidate) => candidate.id) ?? []);
}

/** A section's (or, when an item is chosen, that item's) score per round, per audience. */
export function trendRows(
	results: Results,
	instrument: Instrument,
	rounds: readonly RoundRef[],
	filters: Pick<Filters, 'audience' | 'program' | 'from' | 'to' | 'section' | 'item'>,
	actions: readonly ActionMark[]
): TrendRow[] {
	const about = new Set(subjectItems(instrument, filters.section, filters.item));
	const relevant = actions.filter((action) => action.itemIds.some((id) => about.has(id)));
	// An audience never asked these questions (consumers a staff-only section; staff one of the agency's
	// questions for consumers only) has no figure to hide.
	const asked = (audience: Audience) =>
		instrument.sections.some((section) => section.items.some((item) => about.has(item.id) && asks(item, audience)));
	return roundsInRange(rounds, filters).map((round) => ({
		round,
		cells: Object.fromEntries(
			audiencesOf(filters.audience).map((audience) => [
				audience,
				!asked(audience)
					? notAskedCell
					: filters.item
						? itemCell(results.item(round.id, audience, filters.program, filters.item), results.minimumFor(round.id))
						: sectionCell(results, round.id, audience, filters.program, filters.section)
			])
		),
		actions: relevant.filter((action) => action.roundId === round.id).map((action) => action.description)
	}));
}

/** A mark on the trend charts: an action, numbered on the page, between the round it answers and the next. */
export interface ActionMarker {
	label: string;
	roundId: number;
	description: string;
}

/** One small chart of the trends: a section, or one question. */
export interface TrendPanel {
	id: string;
	title: string;
	/** The question a panel charts, so its title can lead to the question's page; null for a section. */
	itemId: string | null;
	rows: TrendRow[];
	markers: ActionMarker[];
	/** A question's panel carries its 95% intervals; a section's has none (see `sectionCell`). */
	intervals: boolean;
}

/** Each action's label on the page ("A1", "A2", …), oldest round first. */
export function actionLabels(rounds: readonly RoundRef[], actions: readonly ActionMark[]): Map<number, string> {
	const order = (action: ActionMark) => rounds.findIndex((round) => round.id === action.roundId);
	const sorted = actions.filter((action) => order(action) >= 0).sort((a, b) => order(a) - order(b) || a.id - b.id);
	return new Map(sorted.map((action, index) => [action.id, `A${index + 1}`]));
}

/**
 * The trends as small multiples: one chart per section, or one for the chosen question. Each is
 * marked with the actions about its questions.
 */
export function trendPanels(
	results: Results,
	instrument: Instrument,
	rounds: readonly RoundRef[],
	filters: Filters,
	actions: readonly ActionMark[]
): TrendPanel[] {
	const labels = actionLabels(rounds, actions);
	const inRange = new Set(roundsInRange(rounds, filters).map((round) => round.id));
	const panel = (id: string, title: string, sectionId: SectionId, item: string | null): TrendPanel => {
		const about = new Set(subjectItems(instrument, sectionId, item));
		return {
			id,
			title,
			itemId: item,
			rows: trendRows(results, instrument, rounds, { ...filters, section: sectionId, item }, actions),
			intervals: item !== null,
			markers: actions
				.filter((action) => labels.has(action.id) && inRange.has(action.roundId) && action.itemIds.some((itemId) => about.has(itemId)))
				.map((action) => ({ label: labels.get(action.id)!, roundId: action.roundId, description: action.description }))
				.sort((a, b) => Number(a.label.slice(1)) - Number(b.label.slice(1)))
		};
	};
	if (filters.item) return [panel(filters.item, nameOf(instrument, filters.item), filters.section, filters.item)];
	return instrument.sections.map((section) => panel(section.id, section.title.staff.en, section.id, null));
}

/** One y axis for every small multiple, fitted to what they show (intervals included), in half points. */
export function fittedAxis(panels: readonly TrendPanel[]): Interval {
	const values = panels.flatMap((panel) =>
		panel.rows.flatMap((row) =>
			Object.values(row.cells).flatMap((cell) =>
				cell?.shown ? [cell.meanInterval?.low ?? cell.mean, cell.meanInterval?.high ?? cell.mean] : []
			)
		)
	);
	if (values.length === 0) return { low: 1, high: 5 };
	let low = Math.max(1, Math.floor(Math.min(...values) * 2) / 2);
	let high = Math.min(5, Math.ceil(Math.max(...values) * 2) / 2);
	// At least a point of the scale, so a flat line looks flat rather than like a cliff.
	while (high - low < 1) {
		if (low > 1) low -= 0.5;
		if (high - low < 1 && high < 5) high += 0.5;
	}
	return { low, high };
}

/** Every mirrored item in a round, staff beside consumers, biggest gap (staff above) first. */
export function mirrorRows(results: Results, instrument: Instrument, roundId: number, program: ProgramFilter): MirrorRow[] {
	const items = instrument.sections.flatMap((section) => section.items).filter(isMirrored);
	const samples = items.map((item) => {
		const staff = itemSample(results, roundId, 'staff', program, item.id);
		const consumer = itemSample(results, roundId, 'consumer', program, item.id);
		return staff && consumer ? welchDifference(staff, consumer) : null;
	});
	const judged = judgeTogether(samples);
	const rows = items.map((item, index): MirrorRow => {
		const staff = itemCell(results.item(roundId, 'staff', program, item.id), results.minimumFor(roundId));
		const consumer = itemCell(results.item(roundId, 'consumer', program, item.id), results.minimumFor(roundId));
		return {
			itemId: item.id,
			name: itemName(item),
			text: itemWording(item),
			staff,
			consumer,
			gap: staff.shown && consumer.shown ? staff.mean - consumer.mean : null,
			judged: judged[index],
			words: gapWords(judged[index].verdict)
		};
	});
	return rows.sort((a, b) => (b.gap ?? -Infinity) - (a.gap ?? -Infinity));
}

/** How each item's answers spread over the scale, for one audience in one round. */
export function distributionRows(
	results: Results,
	instrument: Instrument,
	roundId: number,
	audience: Audience,
	program: ProgramFilter,
	sectionId: SectionId
): DistributionRow[] {
	const section = instrument.sections.find((candidate) => candidate.id === sectionId);
	if (!section || !section.audiences.includes(audience)) return [];
	return section.items
		.filter((item) => asks(item, audience))
		.map((item) => {
			const score = results.item(roundId, audience, program, item.id);
			const named = { itemId: item.id, name: itemName(item), text: itemWording(item) };
			return score.shown
				? { ...named, counts: [...score.value.distribution, score.value.unsure], why: null, n: score.n }
				: { ...named, counts: null, why: hiddenReasonText(score.reason, results.minimumFor(roundId)), n: null };
		});
}

/**
 * Consumer answers that sit near the top with little spread: common in satisfaction surveys of
 * these services, where people may fear losing a service. The page says so and points to the comments.
 */
export function looksCeilinged(rows: readonly DistributionRow[]): boolean {
	const shown = rows.filter((row) => row.counts);
	if (shown.length === 0) return false;
	const totals = [0, 0, 0, 0, 0];
	for (const row of shown) row.counts!.slice(0, 5).forEach((n, index) => (totals[index] += n));
	const n = totals.reduce((sum, count) => sum + count, 0);
	if (n === 0) return false;
	const mean = totals.reduce((sum, count, index) => sum + count * (index + 1), 0) / n;
	const variance = totals.reduce((sum, count, index) => sum + count * (index + 1 - mean) ** 2, 0) / n;
	return mean >= 4.3 && Math.sqrt(variance) <= 0.8;
}

/** Which way a question moved beyond noise, as a summary judged it. */
export type HeatChange = 'higher' | 'lower';

/**
 * A heatmap cell: the mean as printed in it (one decimal) with its colour step, what it rests on,
 * and whether the summary judged it moved beyond noise; or why it is hidden, said with the minimum
 * its own round closed with.
 */
export type HeatCell =
	{ mean: number; printed: string; level: number; n: number; change: HeatChange | null } | { hidden: HiddenReason; why: string };

/** The changes beyond noise a summary found for one audience: in `round`, since `previous`. */
export interface JudgedChanges {
	round: RoundRef;
	previous: RoundRef;
	higher: readonly { itemId: string }[];
	lower: readonly { itemId: string }[];
}

export interface Heatmap {
	audience: Audience;
	program: ProgramFilter;
	rounds: RoundRef[];
	/** The round whose changes beyond noise are marked, and the round they are since; null when none is in view. */
	marked: { round: RoundRef; previous: RoundRef } | null;
	sections: { id: SectionId; title: string; rows: { itemId: string; name: string; text: string; cells: HeatCell[] }[] }[];
}

/** A heatmap cell's mean as it is printed in the cell: one decimal. */
export const printedHeat = (mean: number): string => mean.toFixed(1);

/**
 * A heatmap cell's colour step, read from the mean as printed: its tenths, from 10 (1.0) to 50
 * (5.0). Two cells that print the same number get the same colour, and a small difference in the
 * number is a small step on one scale, never a jump from one colour to another.
 */
export function heatLevel(mean: number): number {
	return Math.round(Number(printedHeat(mean)) * 10);
}

/**
 * Every question an audience answers down the side, every closed round in range across, each cell
 * its mean; the cells of the changes a summary judged beyond noise are marked with their direction.
 */
export function heatmap(
	results: Results,
	instrument: Instrument,
	rounds: readonly RoundRef[],
	audience: Audience,
	program: ProgramFilter,
	judged: JudgedChanges | null = null
): Heatmap {
	const marked = judged && rounds.some((round) => round.id === judged.round.id) ? judged : null;
	const changeOf = (roundId: number, itemId: string): HeatChange | null => {
		if (!marked || roundId !== marked.round.id) return null;
		if (marked.higher.some((change) => change.itemId === itemId)) return 'higher';
		return marked.lower.some((change) => change.itemId === itemId) ? 'lower' : null;
	};
	return {
		audience,
		program,
		rounds: [...rounds],
		marked: marked && { round: marked.round, previous: marked.previous },
		sections: sectionsFor(
			instrument,
			audience,
			instrument.sections.map((section) => section.id)
		).map((section) => ({
			id: section.id,
			title: section.title.staff.en,
			rows: section.items
				.filter((item) => asks(item, audience))
				.map((item) => ({
					itemId: item.id,
					name: itemName(item),
					text: itemWording(item),
					cells: rounds.map((round): HeatCell => {
						const score = results.item(round.id, audience, program, item.id);
						if (score.shown && score.value.mean !== null) {
							const mean = score.value.mean;
							return { mean, printed: printedHeat(mean), level: heatLevel(mean), n: score.n, change: changeOf(round.id, item.id) };
						}
						const reason = hiddenReasonOf(score);
						return { hidden: reason, why: hiddenReasonText(reason, results.minimumFor(round.id)) };
					})
				}))
		}))
	};
}
