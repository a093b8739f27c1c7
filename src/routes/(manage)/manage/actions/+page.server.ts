import { currentInstrument } from '$lib/instruments';
import { deleteAction, listActions, recordAction, setActionPublished, type NewAction } from '$lib/server/actions';
import { readPostedForm, refusing } from '$lib/server/form';
import { requireUser } from '$lib/server/guard';
import { listClosedRounds, loadResults } from '$lib/server/results';
import { actionOutcomes } from '$lib/summary';
import { listRounds } from '$lib/server/rounds';
import type { Actions, PageServerLoad } from './$types';

/** What a refused form on this page is filled in again with: only a change being recorded. */
type Values = Partial<NewAction>;
const noValues: Values = {};

export const load = (({ locals }) => {
	requireUser(locals);
	const actions = listActions();
	const closed = listClosedRounds().map(({ id, name }) => ({ id, name }));
	return {
		actions,
		// Did what we changed work? Each action's questions before and in every later closed round.
		outcomes: actionOutcomes(loadResults(closed.map((round) => round.id)), currentInstrument, closed, actions),
		rounds: listRounds()
			.filter((round) => round.status !== 'draft')
			.map(({ id, name }) => ({ id, name })),
		items: currentInstrument.sections.flatMap((section) => section.items.map((item) => ({ id: item.id, text: item.staff.en })))
	};
}) satisfies PageServerLoad;

export const actions = {
	// "You said, we did": what changed, when, after which round, about which questions.
	record: async ({ locals, request }) => {
		requireUser(locals);
		const form = await readPostedForm(request);
		const action: NewAction = {
			roundId: form.number('roundId'),
			happenedOn: form.text('happenedOn'),
			description: form.text('description'),
			descriptionEs: form.text('descriptionEs') || null,
			itemIds: [...new Set(form.all('itemIds'))],
			published: form.checked('published')
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
