import { redirect } from '@sveltejs/kit';
import { defaultSections } from '$lib/instruments';
import type { RoundFormValues } from '$lib/round-form';
import { readPostedForm, refusing } from '$lib/server/form';
import { requireUser } from '$lib/server/guard';
import { activeAgencyQuestions } from '$lib/server/agency-questions';
import { listPrograms } from '$lib/server/programs';
import { createRound, readRoundForm } from '$lib/server/rounds';
import type { Actions, PageServerLoad } from './$types';

const activePrograms = () => listPrograms().filter((program) => !program.retired);
const activeQuestionIds = () => new Set(activeAgencyQuestions().map((question) => question.id));

export const load = (({ locals }) => {
	requireUser(locals);
	const programs = activePrograms();
	const questions = activeAgencyQuestions();
	const values: RoundFormValues = {
		name: '',
		nameEs: '',
		plannedStart: '',
		plannedEnd: '',
		sections: defaultSections,
		programIds: programs.map((program) => program.id),
		// Every active question of the agency's own is asked unless left out.
		questionIds: questions.map((question) => question.id)
	};
	return { programs, questions, values };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request }) => {
		requireUser(locals);
		const values = readRoundForm(
			await readPostedForm(request),
			new Set(activePrograms().map((program) => program.id)),
			activeQuestionIds()
		);
		return refusing(values, () => {
			const round = createRound(values);
			redirect(303, `/manage/rounds/${round.id}`);
		});
	}
} satisfies Actions;
