import { itemName, itemWording } from '$lib/instruments';
import {
	deleteAction,
	listActions,
	recordAction,
	setActionPublished,
	updateActionPlan,
	type ActionPlan,
	type NewAction
} from '$lib/server/actions';
import { readPostedForm, refusing, type PostedForm } from '$lib/server/form';
import { requireUser } from '$lib/server/guard';
import { listClosedRounds, loadResults } from '$lib/server/results';
import { actionOutcomes } from '$lib/summary';
import { listRounds } from '$lib/server/rounds';
import type { Actions, PageServerLoad } from './$types';

/**
 * What a refused form on this page is filled in again with: a change being recorded, or one
 * change's plan (`actionId` says which) being updated.
 */
type Values = Partial<NewAction> & { actionId?: number };
const noValues: Values = {};

/** The plan's fields as posted; "none" for the due round is an empty choice. */
function readPlan(form: PostedForm): Required<ActionPlan> {
	const due = form.text('dueRoundId');
	return { lead: form.text('lead'), dueRoundId: due === '' ? null : form.number('dueRoundId'), status: form.asSent('status') };
}

export const load = (({ locals }) => {
	requireUser(locals);
	const actions = listActions();
	const closed = listClosedRounds().map(({ id, name }) => ({ id, name }));
	const results = loadResults(closed.map((round) => round.id));
	const rounds = listRounds();
	const answerable = rounds.filter((round) => round.status !== 'draft').map(({ id, name }) => ({ id, name }));
	return {
		actions,
		// Did what we changed work? Each action's questions before and in every later closed round.
		outcomes: actionOutcomes(results, results.instrument, closed, actions),
		rounds: answerable,
		// A change most often answers the results just read: the last closed round's.
		lastClosedRoundId: closed.at(-1)?.id,
		// A change may be due by any round, one still to run included.
		dueRounds: rounds.map(({ id, name, status }) => ({ id, name, status })),
		sections: results.instrument.sections.map((section) => ({
			id: section.id,
			title: section.title.staff.en,
			items: section.items.map((item) => ({ id: item.id, name: itemName(item), text: itemWording(item) }))
		}))
	};
}) satisfies PageServerLoad;

export const actions = {
	// "You said, we did": what changed, when, after which round, about which questions, and its place in the plan.
	record: async ({ locals, request }) => {
		requireUser(locals);
		const form = await readPostedForm(request);
		const action: NewAction = {
			roundId: form.number('roundId'),
			happenedOn: form.text('happenedOn'),
			description: form.text('description'),
			descriptionEs: form.text('descriptionEs') || null,
			itemIds: [...new Set(form.all('itemIds'))],
			published: form.checked('published'),
			...readPlan(form)
		};
		const values: Values = action;
		return refusing(values, () => {
			recordAction(action);
			// Published without Spanish, it still shows on the Spanish page, marked as English only.
			const noSpanish =
				action.published && !action.descriptionEs ? ' It has no Spanish, so the Spanish page shows the English and says so.' : '';
			return { message: `Recorded. It now marks its round on the trend charts.${noSpanish}` };
		});
	},

	// Who leads a change, by when it should show, and where it stands, as the plan moves on.
	plan: async ({ locals, request }) => {
		requireUser(locals);
		const form = await readPostedForm(request);
		const actionId = form.number('actionId');
		const plan = readPlan(form);
		const values: Values = { actionId, ...plan };
		return refusing(values, () => {
			updateActionPlan(actionId, plan);
			return { message: 'Saved the plan for this change.' };
		});
	},

	publish: async ({ locals, request }) => {
		requireUser(locals);
		const form = await readPostedForm(request);
		const published = form.checked('published', '1');
		return refusing(noValues, () => {
			setActionPublished(form.number('actionId'), published);
			return { message: published ? 'Published on the public page.' : 'Taken off the public page.' };
		});
	},

	remove: async ({ locals, request }) => {
		requireUser(locals);
		const form = await readPostedForm(request);
		return refusing(noValues, () => {
			deleteAction(form.number('actionId'));
			return { message: 'Deleted.' };
		});
	}
} satisfies Actions;
