/**
 * The board brief: the report's first page, one printed page that a board reads before anything
 * else. It picks from a round's summary and the plan, so every figure is one the summary already
 * shows under the small-group rules, said in the summary's own words ("rose from 3.03 to 4.26, by
 * at least 0.68"); this module only chooses what fits on a page.
 */
import { isOpen, type ChangeStatus, type OpenChange, type PlannedChange } from './action-plan';
import type { Audience } from './instruments';
import type { CountCell, MirrorRow } from './results-view';
import { moveWords, type ItemChange, type RoundSummary } from './summary';

/** How many entries each list of the brief holds at most, so the page holds on one printed sheet. */
export const BRIEF_LIST_LENGTH = 4;
/** How many changes (under way, or made) the brief names, and how many moves of a change made. */
export const BRIEF_CHANGES = 3;
export const BRIEF_MOVES = 2;
/** The longest a change's description runs in the brief; the appendix has it whole. */
export const BRIEF_DESCRIPTION_LENGTH = 140;

/** A description cut at a word to fit the brief, with an ellipsis when cut. */
export function briefDescription(text: string): string {
	const characters = [...text];
	if (characters.length <= BRIEF_DESCRIPTION_LENGTH) return text;
	const cut = characters.slice(0, BRIEF_DESCRIPTION_LENGTH - 1).join('');
	const atWord = cut.lastIndexOf(' ');
	return `${(atWord > BRIEF_DESCRIPTION_LENGTH / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}

export interface BriefChange {
	itemId: string;
	name: string;
	audience: Audience;
	direction: 'up' | 'down';
	before: number;
	after: number;
	/** "rose from 3.03 to 4.26, by at least 0.68": the summary's words for the move. */
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
	/** Changes still planned or under way, overdue ones first; and how many more there are. */
	underWay: OpenChange<PlannedChange>[];
	moreUnderWay: number;
	/** The changes made (done) after the previous round: the first few moves beyond noise of each, and how many more questions it named. */
	finished: { id: number; description: string; moves: BriefChange[]; others: number }[];
	moreFinished: number;
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
		words: moveWords(change)
	};
}

const briefChanges = (changes: readonly ItemChange[]) => changes.map(briefChange).filter((change) => change !== null);

function gapOf(row: MirrorRow): BriefGap | null {
	if (!row.staff.shown || !row.consumer.shown) return null;
	return { itemId: row.itemId, name: row.name, staff: row.staff.mean, consumer: row.consumer.mean, words: row.words };
}

/**
 * The brief of a round: the summary's better and worse lists (surest first) and widest gaps, cut to
 * what a page holds; the open changes of the plan; and how the changes made after the previous
 * round did (`statusOf` says where each recorded change stands: only those done are "made").
 */
export function boardBrief(
	summary: RoundSummary,
	plan: readonly OpenChange<PlannedChange>[] = [],
	statusOf: (actionId: number) => ChangeStatus = () => 'done'
): BoardBrief {
	const open = plan.filter((change) => isOpen(change.status));
	const made = summary.actions.filter((action) => statusOf(action.id) === 'done');
	const better = briefChanges(summary.better);
	const worse = briefChanges(summary.worse);
	return {
		answered: { staff: summary.answered.staff, consumer: summary.answered.consumer },
		compared: summary.previous !== null,
		better: better.slice(0, BRIEF_LIST_LENGTH),
		worse: worse.slice(0, BRIEF_LIST_LENGTH),
		moreBetter: Math.max(0, better.length - BRIEF_LIST_LENGTH),
		moreWorse: Math.max(0, worse.length - BRIEF_LIST_LENGTH),
		gaps: summary.gaps.widest
			.map(gapOf)
			.filter((gap) => gap !== null)
			.slice(0, BRIEF_LIST_LENGTH),
		underWay: open.slice(0, BRIEF_CHANGES).map((change) => ({ ...change, description: briefDescription(change.description) })),
		moreUnderWay: Math.max(0, open.length - BRIEF_CHANGES),
		finished: made.slice(0, BRIEF_CHANGES).map((action) => {
			const moves = briefChanges(action.items).slice(0, BRIEF_MOVES);
			return { id: action.id, description: briefDescription(action.description), moves, others: action.items.length - moves.length };
		}),
		moreFinished: Math.max(0, made.length - BRIEF_CHANGES)
	};
}
