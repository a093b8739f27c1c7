import { fail } from '@sveltejs/kit';
import { currentInstrument } from '$lib/instruments';
import { isCalendarDate } from '$lib/round-form';
import { createAction, deleteAction, listActions, setActionPublished } from '$lib/server/actions';
import { requireUser } from '$lib/server/guard';
import { listClosedRounds, loadResults } from '$lib/server/results';
import { actionOutcomes } from '$lib/summary';
import { listRounds } from '$lib/server/rounds';
import type { Actions, PageServerLoad } from './$types';
import { postedForm } from '$lib/server/form-body';

const allItemIds = new Set(currentInstrument.sections.flatMap((section) => section.items.map((item) => item.id)));

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
		const form = await postedForm(request);
		const values = {
			roundId: Number(form.get('roundId')),
			happenedOn: String(form.get('happenedOn') ?? '').trim(),
			description: String(form.get('description') ?? '').trim(),
			descriptionEs: String(form.get('descriptionEs') ?? '').trim(),
			itemIds: [...new Set(form.getAll('itemIds').map(String))],
			published: form.get('published') === 'on'
		};
		const rounds = listRounds().filter((round) => round.status !== 'draft');
		const problem = !rounds.some((round) => round.id === values.roundId)
			? 'Choose the round this answers.'
			: !isCalendarDate(values.happenedOn)
				? 'Give the date the change happened.'
				: values.description.length === 0 || values.description.length > 1000
					? 'Say what changed, in up to 1,000 characters.'
					: values.descriptionEs.length > 1000
						? 'Keep the Spanish to 1,000 characters.'
						: values.itemIds.length === 0 || values.itemIds.some((id) => !allItemIds.has(id))
							? 'Choose at least one question this answers.'
							: null;
		if (problem) return fail(400, { message: problem, values });
		createAction({ ...values, descriptionEs: values.descriptionEs || null });
		return { message: 'Recorded. It now marks its round on the trend charts.' };
	},

	publish: async ({ locals, request }) => {
		requireUser(locals);
		const form = await postedForm(request);
		const published = form.get('published') === '1';
		if (!setActionPublished(Number(form.get('actionId')), published)) return fail(400, { message: 'There is no such action.' });
		return { message: published ? 'Published on the public page.' : 'Taken off the public page.' };
	},

	remove: async ({ locals, request }) => {
		requireUser(locals);
		if (!deleteAction(Number((await postedForm(request)).get('actionId')))) return fail(400, { message: 'There is no such action.' });
		return { message: 'Deleted.' };
	}
} satisfies Actions;
