/**
 * What the results pages show, built from `Results`: trend rows, the mirror view, distributions,
 * and the chart settings drawn from the very same rows, so a chart and its table can't disagree.
 */
import type { ChartConfiguration } from 'chart.js';
import { audienceStyle, markerColor } from './charts';
import { formatScore } from './format';
import { isMirrored, type Audience, type Instrument, type SectionId } from './instruments';
import type { ProgramFilter, Results } from './results';
import { hiddenReasonText, type Shown } from './small-groups';

export type AudienceChoice = 'both' | Audience;

export interface Filters {
	audience: AudienceChoice;
	program: ProgramFilter;
	/** The first and last closed round shown (ids), inclusive. */
	from: number | null;
	to: number | null;
	section: SectionId;
	item: string | null;
}

/** A figure as a table shows it: the number, or why it is hidden. */
export type Cell = { shown: true; mean: number; favourable: number; n: number } | { shown: false; why: string };

export interface RoundRef {
	id: number;
	name: string;
}

export interface TrendRow {
	round: RoundRef;
	cells: Partial<Record<Audience, Cell>>;
	/** "You said, we did" actions recorded against this round. */
	actions: string[];
}

export interface MirrorRow {
	itemId: string;
	text: string;
	staff: Cell;
	consumer: Cell;
	/** Staff mean minus consumer mean, when both are shown. */
	gap: number | null;
}

export interface DistributionRow {
	itemId: string;
	text: string;
	/** Counts for each scale point 1–5, then "not sure"; or why hidden. */
	counts: number[] | null;
	why: string | null;
	/** How many gave a score, when shown: a hidden row publishes nothing. */
	n: number | null;
}

export const audiencesOf = (choice: AudienceChoice): Audience[] => (choice === 'both' ? ['staff', 'consumer'] : [choice]);

function toCell(shown: Shown<{ mean: number | null; favourable: number | null }>, minimum: number): Cell {
	if (!shown.shown || shown.value.mean === null) {
		return { shown: false, why: hiddenReasonText(shown.shown ? 'protects-a-small-group' : shown.reason, minimum) };
	}
	return { shown: true, mean: shown.value.mean, favourable: shown.value.favourable ?? 0, n: shown.n };
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
		item: instrument.sections.find((candidate) => candidate.id === section)?.items.some((candidate) => candidate.id === item)
			? item
			: null
	};
}

/** The rounds between `from` and `to`, oldest first. */
export function roundsInRange(rounds: readonly RoundRef[], filters: Filters): RoundRef[] {
	const start = filters.from === null ? 0 : rounds.findIndex((round) => round.id === filters.from);
	const endAt = filters.to === null ? rounds.length - 1 : rounds.findIndex((round) => round.id === filters.to);
	return rounds.slice(Math.min(start, endAt), Math.max(start, endAt) + 1);
}

/** A section's (or, when an item is chosen, that item's) score per round, per audience. */
export function trendRows(
	results: Results,
	rounds: readonly RoundRef[],
	filters: Filters,
	actionsByRound: ReadonlyMap<number, string[]>
): TrendRow[] {
	return roundsInRange(rounds, filters).map((round) => ({
		round,
		cells: Object.fromEntries(
			audiencesOf(filters.audience).map((audience) => [
				audience,
				filters.item
					? toCell(results.item(round.id, audience, filters.program, filters.item), results.minimumFor(round.id))
					: toCell(results.section(round.id, audience, filters.program, filters.section), results.minimumFor(round.id))
			])
		),
		actions: actionsByRound.get(round.id) ?? []
	}));
}

/** Every mirrored item in a round, staff beside consumers, biggest gap (staff above) first. */
export function mirrorRows(results: Results, instrument: Instrument, roundId: number, program: ProgramFilter): MirrorRow[] {
	const rows = instrument.sections
		.flatMap((section) => section.items)
		.filter(isMirrored)
		.map((item): MirrorRow => {
			const staff = toCell(results.item(roundId, 'staff', program, item.id), results.minimumFor(roundId));
			const consumer = toCell(results.item(roundId, 'consumer', program, item.id), results.minimumFor(roundId));
			return {
				itemId: item.id,
				text: item.staff.en,
				staff,
				consumer,
				gap: staff.shown && consumer.shown ? staff.mean - consumer.mean : null
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
		.filter((item) => audience === 'staff' || isMirrored(item))
		.map((item) => {
			const score = results.item(roundId, audience, program, item.id);
			return score.shown
				? { itemId: item.id, text: item.staff.en, counts: [...score.value.distribution, score.value.unsure], why: null, n: score.n }
				: {
						itemId: item.id,
						text: item.staff.en,
						counts: null,
						why: hiddenReasonText(score.reason, results.minimumFor(roundId)),
						n: null
					};
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

const audienceName = { staff: 'Staff', consumer: 'Consumers' } as const;

/** The trend chart: one line per audience (gaps where hidden), and a marker where actions were recorded. */
export function trendChart(rows: readonly TrendRow[], audiences: readonly Audience[]): ChartConfiguration {
	const labels = rows.map((row) => row.round.name);
	return {
		type: 'line',
		data: {
			labels,
			datasets: [
				...audiences.map((audience) => ({
					label: audienceName[audience],
					data: rows.map((row) => {
						const cell = row.cells[audience];
						return cell?.shown ? Number(formatScore(cell.mean)) : null;
					}),
					borderColor: audienceStyle[audience].color,
					backgroundColor: audienceStyle[audience].color,
					pointStyle: audienceStyle[audience].point,
					pointRadius: 5,
					borderDash: audienceStyle[audience].dash,
					spanGaps: false
				})),
				{
					type: 'scatter' as const,
					label: 'You said, we did',
					data: rows.flatMap((row, index) => (row.actions.length > 0 ? [{ x: index, y: 5 }] : [])),
					borderColor: markerColor,
					backgroundColor: markerColor,
					pointStyle: 'triangle',
					pointRadius: 8
				}
			]
		},
		options: {
			animation: false,
			responsive: true,
			scales: { y: { min: 1, max: 5, title: { display: true, text: 'Mean (1–5)' } } },
			plugins: { legend: { position: 'bottom' } }
		}
	} as ChartConfiguration;
}

/** The mirror chart: staff and consumer means side by side per item, in the table's order. */
export function mirrorChart(rows: readonly MirrorRow[]): ChartConfiguration {
	const mean = (cell: Cell) => (cell.shown ? Number(formatScore(cell.mean)) : null);
	return {
		type: 'bar',
		data: {
			labels: rows.map((row) => row.itemId),
			datasets: (['staff', 'consumer'] as const).map((audience) => ({
				label: audienceName[audience],
				data: rows.map((row) => mean(row[audience])),
				backgroundColor: audienceStyle[audience].color
			}))
		},
		options: {
			animation: false,
			indexAxis: 'y',
			responsive: true,
			scales: { x: { min: 1, max: 5 } },
			plugins: { legend: { position: 'bottom' } }
		}
	} as ChartConfiguration;
}

/** The distribution chart: each item's answers stacked over the scale. */
export function distributionChart(rows: readonly DistributionRow[], labels: readonly string[]): ChartConfiguration {
	const palette = ['#D55E00', '#E69F00', '#BBBBBB', '#56B4E9', '#0072B2', '#999999'];
	return {
		type: 'bar',
		data: {
			labels: rows.map((row) => row.itemId),
			datasets: labels.map((label, index) => ({
				label,
				data: rows.map((row) => row.counts?.[index] ?? null),
				backgroundColor: palette[index]
			}))
		},
		options: {
			animation: false,
			indexAxis: 'y',
			responsive: true,
			scales: { x: { stacked: true }, y: { stacked: true } },
			plugins: { legend: { position: 'bottom' } }
		}
	} as ChartConfiguration;
}
