import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openChanges } from '$lib/action-plan';
import { ACTION_LEAD_MAX_LENGTH } from '$lib/limits';
import { listActions, recordAction, updateActionPlan, type NewAction } from '$lib/server/actions';
import { migrations, sql } from '$lib/server/db';
import { migrate } from '$lib/server/migrate';
import { createProgram } from '$lib/server/programs';
import { Refusal } from '$lib/server/refusal';
import { closeRound, createRound, openRound } from '$lib/server/rounds';

let rounds = 0;
const newRound = () => createRound({ name: `Plan round ${++rounds}`, programIds: [createProgram(`Plan program ${rounds}`).id] });
/** A round whose results are out, one still open, and one only planned. */
const [closed, open, draft] = [newRound(), newRound(), newRound()];
openRound(closed.id);
closeRound(closed.id);
openRound(open.id);

const change = (plan: Partial<NewAction> = {}): NewAction => ({
	roundId: closed.id,
	happenedOn: '2026-11-02',
	description: 'A map to the new drop-in center on every flyer.',
	descriptionEs: null,
	itemIds: ['stc.friendly'],
	published: false,
	lead: 'Drop-in center coordinator',
	dueRoundId: draft.id,
	status: 'planned',
	...plan
});

const count = () => sql<[], number>('SELECT count(*) FROM actions').pluck().get()!;
const stored = (id: number) => listActions().find((action) => action.id === id)!;

/** The refusal `work` throws: its message and the field it marks. */
function refusalOf(work: () => unknown): { message: string; field: string | undefined } {
	try {
		work();
	} catch (problem) {
		if (problem instanceof Refusal) return { message: problem.message, field: problem.field };
		throw problem;
	}
	throw new Error('not refused');
}

describe('recording a change as part of the plan', () => {
	it('keeps who leads it, the round it should show by and where it stands, and lists them with the round’s name', () => {
		const id = recordAction(change());
		expect(stored(id)).toMatchObject({
			lead: 'Drop-in center coordinator',
			dueRoundId: draft.id,
			dueRoundName: draft.name,
			status: 'planned',
			itemIds: ['stc.friendly']
		});
	});

	it('takes any real round as the due round, closed, open or still a draft, or none', () => {
		for (const due of [closed.id, open.id, draft.id, null]) {
			expect(stored(recordAction(change({ dueRoundId: due }))).dueRoundId).toBe(due);
		}
	});

	it('records a change with no plan as done and led by nobody, as changes were before the plan', () => {
		const { lead, dueRoundId, status, ...without } = change();
		void [lead, dueRoundId, status];
		expect(stored(recordAction(without))).toMatchObject({ lead: null, dueRoundId: null, dueRoundName: null, status: 'done' });
	});

	it('lets a done or dropped change have no lead, but not an open one', () => {
		for (const status of ['done', 'dropped']) expect(stored(recordAction(change({ status, lead: '' }))).lead).toBeNull();
		for (const status of ['planned', 'under-way']) {
			const before = count();
			expect(refusalOf(() => recordAction(change({ status, lead: '' })))).toEqual({
				message: `Say who leads this change, a name or a role: it is ${status === 'planned' ? 'planned' : 'under way'}.`,
				field: 'lead'
			});
			expect(count()).toBe(before);
		}
	});

	it('refuses a status not in the list, a lead over the limit, and a due round that is no round, storing nothing', () => {
		expect(stored(recordAction(change({ lead: 'x'.repeat(ACTION_LEAD_MAX_LENGTH) }))).lead).toHaveLength(ACTION_LEAD_MAX_LENGTH);
		const before = count();
		expect(refusalOf(() => recordAction(change({ status: 'finished' })))).toEqual({
			message: 'Choose where the change stands.',
			field: 'status'
		});
		expect(refusalOf(() => recordAction(change({ lead: 'x'.repeat(ACTION_LEAD_MAX_LENGTH + 1) })))).toEqual({
			message: `Say who leads it in up to ${ACTION_LEAD_MAX_LENGTH} characters.`,
			field: 'lead'
		});
		for (const dueRoundId of [999_999, Number.NaN]) {
			expect(refusalOf(() => recordAction(change({ dueRoundId })))).toEqual({
				message: 'Choose the round by which it should show, or none.',
				field: 'dueRoundId'
			});
		}
		expect(count()).toBe(before);
	});
});

describe('moving a change along the plan', () => {
	it('changes its lead, due round and status, and nothing else', () => {
		const id = recordAction(change());
		const before = stored(id);
		updateActionPlan(id, { lead: 'Program director', dueRoundId: open.id, status: 'under-way' });
		expect(stored(id)).toEqual({ ...before, lead: 'Program director', dueRoundId: open.id, dueRoundName: open.name, status: 'under-way' });
		updateActionPlan(id, { lead: '', dueRoundId: null, status: 'done' });
		expect(stored(id)).toEqual({ ...before, lead: null, dueRoundId: null, dueRoundName: null, status: 'done' });
	});

	it('refuses bad input and a change that does not exist, and changes nothing', () => {
		const id = recordAction(change());
		const before = stored(id);
		for (const plan of [
			{ lead: '', dueRoundId: draft.id, status: 'under-way' },
			{ lead: 'x'.repeat(ACTION_LEAD_MAX_LENGTH + 1), dueRoundId: draft.id, status: 'done' },
			{ lead: 'Program director', dueRoundId: 999_999, status: 'done' },
			{ lead: 'Program director', dueRoundId: draft.id, status: '' }
		]) {
			expect(() => updateActionPlan(id, plan), JSON.stringify(plan)).toThrow(Refusal);
			expect(stored(id)).toEqual(before);
		}
		expect(refusalOf(() => updateActionPlan(999_999, { lead: 'Anyone', status: 'done' })).message).toBe('There is no such action.');
	});
});

describe('the open and overdue changes', () => {
	it('are the planned and under-way ones, overdue when their due round has closed, overdue first', () => {
		const ids = {
			dueClosed: recordAction(change({ dueRoundId: closed.id, status: 'under-way' })),
			dueOpen: recordAction(change({ dueRoundId: open.id })),
			noDue: recordAction(change({ dueRoundId: null })),
			done: recordAction(change({ dueRoundId: closed.id, status: 'done' })),
			dropped: recordAction(change({ dueRoundId: closed.id, status: 'dropped' }))
		};
		const mine = listActions().filter((action) => Object.values(ids).includes(action.id));
		const plan = openChanges(mine, [closed.id]);
		expect(plan.map((open) => [open.id, open.overdue])).toEqual([
			[ids.dueClosed, true],
			[ids.noDue, false],
			[ids.dueOpen, false]
		]);
		// Once the open round closes, a change due by it is overdue too (newest first, as listed).
		expect(openChanges(mine, [closed.id, open.id]).map((open) => [open.id, open.overdue])).toEqual([
			[ids.dueOpen, true],
			[ids.dueClosed, true],
			[ids.noDue, false]
		]);
	});
});

describe('the migration that makes changes a plan', () => {
	it('marks the changes recorded before it as done, with no lead or due round', () => {
		const database = new Database(':memory:');
		migrate(
			database,
			migrations.filter((migration) => migration.version < 11)
		);
		database.exec(`INSERT INTO rounds (id, name, status, instrument_version, opened_at, closed_at, minimum_group_size, minimum_comment_group_size)
			VALUES (1, 'Spring', 'closed', '1', 1, 2, 5, 10);
			INSERT INTO actions (id, round_id, happened_on, description) VALUES (1, 1, '2026-01-05', 'Longer hours.');`);
		migrate(database, migrations);
		expect(database.prepare('SELECT lead, due_round_id, status FROM actions').get()).toEqual({
			lead: null,
			due_round_id: null,
			status: 'done'
		});
	});
});
