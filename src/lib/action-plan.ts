/**
 * "You said, we did" as a plan: where a change stands, and which changes are still open or
 * overdue. Pure rules over what `listActions` returns, shared by the actions page, the results
 * page and the report.
 */

/** Where a change stands, in the order a plan goes through. */
export const changeStatuses = ['planned', 'under-way', 'done', 'dropped'] as const;
export type ChangeStatus = (typeof changeStatuses)[number];

export const changeStatusLabel: Record<ChangeStatus, string> = {
	planned: 'Planned',
	'under-way': 'Under way',
	done: 'Done',
	dropped: 'Dropped'
};

export const isChangeStatus = (text: string): text is ChangeStatus => (changeStatuses as readonly string[]).includes(text);

/** A change still to be made: planned or under way. */
export const isOpen = (status: ChangeStatus): boolean => status === 'planned' || status === 'under-way';

/** What the plan needs of a recorded change. */
export interface PlannedChange {
	id: number;
	description: string;
	itemIds: string[];
	lead: string | null;
	dueRoundId: number | null;
	dueRoundName: string | null;
	status: ChangeStatus;
}

/** An open change, and whether the round it should have shown by has closed without it being done. */
export type OpenChange<Change extends PlannedChange> = Change & { overdue: boolean };

/**
 * The open changes, overdue ones first, each marked overdue when its due round is among
 * `closedRoundIds` (every closed round on the results page; those up to its round in a report).
 */
export function openChanges<Change extends PlannedChange>(changes: Change[], closedRoundIds: readonly number[]): OpenChange<Change>[] {
	const closed = new Set(closedRoundIds);
	const open = changes
		.filter((change) => isOpen(change.status))
		.map((change) => ({ ...change, overdue: change.dueRoundId !== null && closed.has(change.dueRoundId) }));
	return [...open.filter((change) => change.overdue), ...open.filter((change) => !change.overdue)];
}
