import { changeStatusLabel, isChangeStatus, isOpen, type ChangeStatus } from '$lib/action-plan';
import { ACTION_DESCRIPTION_MAX_LENGTH, ACTION_LEAD_MAX_LENGTH, characterCount } from '$lib/limits';
import { resultsInstrument } from './agency-questions';
import { sql, writeTransaction } from './db';
import { isCalendarDate } from './form';
import { Refusal } from './refusal';
import { getRound } from './rounds';

/** "You said, we did": something the agency changed, tied to a round and to items. */
export interface Action {
	id: number;
	roundId: number;
	roundName: string;
	happenedOn: string;
	description: string;
	descriptionEs: string | null;
	itemIds: string[];
	published: boolean;
	/** Who leads it, a name or a role; none for a change recorded before the plan was kept. */
	lead: string | null;
	/** The round by which it should show in the results, if one was set. */
	dueRoundId: number | null;
	dueRoundName: string | null;
	status: ChangeStatus;
}

/** A change's place in the plan, as posted: checked by `recordAction` and `updateActionPlan`. */
export interface ActionPlan {
	/** Empty or missing for nobody. */
	lead?: string | null;
	dueRoundId?: number | null;
	/** One of `changeStatuses`; a change recorded without one is done, as every change was before the plan. */
	status?: string;
}

export interface NewAction extends ActionPlan {
	roundId: number;
	happenedOn: string;
	description: string;
	descriptionEs: string | null;
	itemIds: string[];
	published: boolean;
}

/** The questions a change may answer: every question results hold, the agency's own asked in a closed round included. */
const knownItemIds = () => new Set(resultsInstrument().sections.flatMap((section) => section.items.map((item) => item.id)));

/**
 * A plan as stored, or a refusal: a status from the list; a lead within the length limit, and one
 * for every open change (nobody leading it, it will not happen); a due round that is a real round,
 * any the agency has or will run, or none.
 */
function checkPlan(plan: ActionPlan): { lead: string | null; dueRoundId: number | null; status: ChangeStatus } {
	const status = plan.status ?? 'done';
	if (!isChangeStatus(status)) throw new Refusal('Choose where the change stands.', { field: 'status' });
	const lead = plan.lead || null;
	if (lead !== null && characterCount(lead) > ACTION_LEAD_MAX_LENGTH) {
		throw new Refusal(`Say who leads it in up to ${ACTION_LEAD_MAX_LENGTH} characters.`, { field: 'lead' });
	}
	if (lead === null && isOpen(status)) {
		throw new Refusal(`Say who leads this change, a name or a role: it is ${changeStatusLabel[status].toLowerCase()}.`, { field: 'lead' });
	}
	const dueRoundId = plan.dueRoundId ?? null;
	if (dueRoundId !== null && !getRound(dueRoundId)) {
		throw new Refusal('Choose the round by which it should show, or none.', { field: 'dueRoundId' });
	}
	return { lead, dueRoundId, status };
}

/**
 * Records what the agency changed or plans to change: after a round that has opened, on a real
 * date, said in plain words (and in Spanish, if given) within the length limit, about questions
 * the instrument asks, with its place in the plan (`checkPlan`).
 */
export function recordAction(action: NewAction): number {
	const round = getRound(action.roundId);
	if (!round || round.status === 'draft') throw new Refusal('Choose the round this answers.', { field: 'roundId' });
	if (!isCalendarDate(action.happenedOn)) throw new Refusal('Give the date the change happened.', { field: 'happenedOn' });
	const longest = ACTION_DESCRIPTION_MAX_LENGTH.toLocaleString('en');
	if (action.description === '' || characterCount(action.description) > ACTION_DESCRIPTION_MAX_LENGTH) {
		throw new Refusal(`Say what changed, in up to ${longest} characters.`, { field: 'description' });
	}
	if (action.descriptionEs !== null && characterCount(action.descriptionEs) > ACTION_DESCRIPTION_MAX_LENGTH) {
		throw new Refusal(`Keep the Spanish to ${longest} characters.`, { field: 'descriptionEs' });
	}
	const known = knownItemIds();
	if (action.itemIds.length === 0 || action.itemIds.some((id) => !known.has(id))) {
		throw new Refusal('Choose at least one question this answers.', { field: 'itemIds' });
	}
	const plan = checkPlan(action);
	return writeTransaction(() => {
		const id = Number(
			sql(
				`INSERT INTO actions (round_id, happened_on, description, description_es, published, lead, due_round_id, status)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
			).run(
				action.roundId,
				action.happenedOn,
				action.description,
				action.descriptionEs,
				action.published ? 1 : 0,
				plan.lead,
				plan.dueRoundId,
				plan.status
			).lastInsertRowid
		);
		for (const itemId of action.itemIds) sql('INSERT INTO action_items (action_id, item_id) VALUES (?, ?)').run(id, itemId);
		return id;
	});
}

/** Moves a change along the plan: who leads it, the round it should show by, where it stands. */
export function updateActionPlan(id: number, update: ActionPlan): void {
	const plan = checkPlan(update);
	writeTransaction(() => {
		const changed = sql('UPDATE actions SET lead = ?, due_round_id = ?, status = ? WHERE id = ?').run(
			plan.lead,
			plan.dueRoundId,
			plan.status,
			id
		).changes;
		if (changed !== 1) throw noSuchAction();
	});
}

export function setActionPublished(id: number, published: boolean): void {
	if (sql('UPDATE actions SET published = ? WHERE id = ?').run(published ? 1 : 0, id).changes !== 1) throw noSuchAction();
}

export function deleteAction(id: number): void {
	if (sql('DELETE FROM actions WHERE id = ?').run(id).changes !== 1) throw noSuchAction();
}

const noSuchAction = () => new Refusal('There is no such action.');

interface ActionRow {
	id: number;
	round_id: number;
	round_name: string;
	happened_on: string;
	description: string;
	description_es: string | null;
	published: number;
	item_ids: string | null;
	lead: string | null;
	due_round_id: number | null;
	due_round_name: string | null;
	status: ChangeStatus;
}

/** Every action, newest first; only the published ones when `publishedOnly`. */
export function listActions(publishedOnly = false): Action[] {
	return sql<[number], ActionRow>(
		`SELECT actions.id, actions.round_id, rounds.name AS round_name, actions.happened_on, actions.description,
		        actions.description_es, actions.published,
		        (SELECT group_concat(item_id, ' ') FROM action_items WHERE action_id = actions.id) AS item_ids,
		        actions.lead, actions.due_round_id, due.name AS due_round_name, actions.status
		 FROM actions JOIN rounds ON rounds.id = actions.round_id
		 LEFT JOIN rounds AS due ON due.id = actions.due_round_id
		 WHERE actions.published >= ?
		 ORDER BY actions.happened_on DESC, actions.id DESC`
	)
		.all(publishedOnly ? 1 : 0)
		.map((row) => ({
			id: row.id,
			roundId: row.round_id,
			roundName: row.round_name,
			happenedOn: row.happened_on,
			description: row.description,
			descriptionEs: row.description_es,
			itemIds: row.item_ids ? row.item_ids.split(' ').sort() : [],
			published: row.published === 1,
			lead: row.lead,
			dueRoundId: row.due_round_id,
			dueRoundName: row.due_round_name,
			status: row.status
		}));
}
