import { currentInstrument } from '$lib/instruments';
import { ACTION_DESCRIPTION_MAX_LENGTH, characterCount } from '$lib/limits';
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
}

export interface NewAction {
	roundId: number;
	happenedOn: string;
	description: string;
	descriptionEs: string | null;
	itemIds: string[];
	published: boolean;
}

const itemIds = new Set(currentInstrument.sections.flatMap((section) => section.items.map((item) => item.id)));

/**
 * Records what the agency changed: after a round that has opened, on a real date, said in plain
 * words (and in Spanish, if given) within the length limit, about questions the instrument asks.
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
	if (action.itemIds.length === 0 || action.itemIds.some((id) => !itemIds.has(id))) {
		throw new Refusal('Choose at least one question this answers.', { field: 'itemIds' });
	}
	return writeTransaction(() => {
		const id = Number(
			sql('INSERT INTO actions (round_id, happened_on, description, description_es, published) VALUES (?, ?, ?, ?, ?)').run(
				action.roundId,
				action.happenedOn,
				action.description,
				action.descriptionEs,
				action.published ? 1 : 0
			).lastInsertRowid
		);
		for (const itemId of action.itemIds) sql('INSERT INTO action_items (action_id, item_id) VALUES (?, ?)').run(id, itemId);
		return id;
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
}

/** Every action, newest first; only the published ones when `publishedOnly`. */
export function listActions(publishedOnly = false): Action[] {
	return sql<[number], ActionRow>(
		`SELECT actions.id, actions.round_id, rounds.name AS round_name, actions.happened_on, actions.description,
		        actions.description_es, actions.published,
		        (SELECT group_concat(item_id, ' ') FROM action_items WHERE action_id = actions.id) AS item_ids
		 FROM actions JOIN rounds ON rounds.id = actions.round_id
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
			published: row.published === 1
		}));
}
