import { fail, redirect } from '@sveltejs/kit';
import { defaultSections } from '$lib/instruments';
import { parseRoundForm, type RoundFormValues } from '$lib/round-form';
import { requireUser } from '$lib/server/guard';
import { listPrograms } from '$lib/server/programs';
import { createRound } from '$lib/server/rounds';
import type { Actions, PageServerLoad } from './$types';
import { postedForm } from '$lib/server/form-body';

const activePrograms = () => listPrograms().filter((program) => !program.retired);

export const load = (({ locals }) => {
	requireUser(locals);
	const programs = activePrograms();
	const values: RoundFormValues = {
		name: '',
		nameEs: '',
		plannedStart: '',
		plannedEnd: '',
		sections: defaultSections,
		programIds: programs.map((program) => program.id)
	};
	return { programs, values };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request }) => {
		requireUser(locals);
		const parsed = parseRoundForm(await postedForm(request), new Set(activePrograms().map((program) => program.id)));
		if (!parsed.ok) return fail(400, { message: parsed.message, values: parsed.values });
		const { name, nameEs, plannedStart, plannedEnd, sections, programIds } = parsed.values;
		const round = createRound({
			name,
			nameEs: nameEs || null,
			sections,
			programIds,
			plannedStart: plannedStart || null,
			plannedEnd: plannedEnd || null
		});
		redirect(303, `/manage/rounds/${round.id}`);
	}
} satisfies Actions;
