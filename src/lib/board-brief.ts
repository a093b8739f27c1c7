/**
 * The board brief: the report's first page, one printed page that a board reads before anything
 * else. It picks from a round's summary (so every figure is one the summary already shows, under
 * the small-group rules) and says each change in words a board member without statistics can
 * check: "rose from 3.03 to 4.26, by at least 0.68".
 */
import { formatScore } from './format';
import type { Audience } from './instruments';
import type { CountCell, MirrorRow } from './results-view';
import type { ItemChange, RoundSummary } from './summary';

/** How many entries each list of the brief holds at most, so the page holds on one printed sheet. */
export const BRIEF_LIST_LENGTH = 4;

export interface BriefChange {
	itemId: string;
	name: string;
	audience: Audience;
	direction: 'up' | 'down';
	before: number;
	after: number;
	/** The change the interval guarantees, in words: "by at least 0.68". */
	words: string;
}

export interface BriefGap {
	itemId: string;
	name: string;
	staff: number;
	consumer: number;
	words: string;
}

export interface BoardBrief {
	answered: { staff: CountCell; consumer: CountCell };
	/** Whether there is an earlier round to compare with at all. */
	compared: boolean;
	better: BriefChange[];
	worse: BriefChange[];
	/** How many more moved beyond noise than the lists name. */
	moreBetter: number;
	moreWorse: number;
	gaps: BriefGap[];
	/** The changes recorded after the previous round, each with how its questions moved. */
	finished: { id: number; description: string; moves: BriefChange[]; unclear: number }[];
}

/** "by at least 0.68": the smallest move the (false-discovery adjusted) interval allows. */
function leastMove(change: ItemChange): string {
	const interval = change.judged.interval;
	if (!interval) return '';
	const least = change.judged.verdict === 'higher' ? interval.low : -interval.high;
	return `by at least ${formatScore(least)}`;
}

function briefChange(change: ItemChange): BriefChange | null {
	if (!change.before.cell.shown || !change.after.cell.shown) return null;
	if (change.judged.verdict !== 'higher' && change.judged.verdict !== 'lower') return null;
	return {
		itemId: change.itemId,
		name: change.name,
		audience: change.audience,
		direction: change.judged.verdict === 'higher' ? 'up' : 'down',
		before: change.before.cell.mean,
		after: change.after.cell.mean,
		words: leastMove(change)
	};
}

/** The largest moves first, whichever audience they belong to. */
const bySize = (a: ItemChange, b: ItemChange) => Math.abs(b.judged.difference ?? 0) - Math.abs(a.judged.difference ?? 0);

function gapOf(row: MirrorRow): BriefGap | null {
	if (!row.staff.shown || !row.consumer.shown) return null;
	return { itemId: row.itemId, name: row.name, staff: row.staff.mean, consumer: row.consumer.mean, words: row.words };
}

export function boardBrief(summary: RoundSummary): BoardBrief {
	const higher = summary.changes.flatMap((group) => group.higher).sort(bySize);
	const lower = summary.changes.flatMap((group) => group.lower).sort(bySize);
	const pick = (changes: ItemChange[]) =>
		changes
			.map(briefChange)
			.filter((change) => change !== null)
			.slice(0, BRIEF_LIST_LENGTH);
	const better = pick(higher);
	const worse = pick(lower);
	return {
		answered: { staff: summary.answered.staff, consumer: summary.answered.consumer },
		compared: summary.previous !== null,
		better,
		worse,
		moreBetter: higher.length - better.length,
		moreWorse: lower.length - worse.length,
		gaps: summary.gaps.widest
			.map(gapOf)
			.filter((gap) => gap !== null)
			.slice(0, BRIEF_LIST_LENGTH),
		finished: summary.actions.map((action) => {
			const moves = action.items.map(briefChange).filter((change) => change !== null);
			return { id: action.id, description: action.description, moves, unclear: action.items.length - moves.length };
		})
	};
}
