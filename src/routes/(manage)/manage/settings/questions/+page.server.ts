import {
	activeAgencyQuestions,
	addAgencyQuestion,
	checkPlainLanguage,
	correctAgencyQuestion,
	draftOf,
	draftReadingLevels,
	listAgencyQuestions,
	readQuestionDraft,
	retireAgencyQuestion,
	type DraftLevels,
	type QuestionDraft
} from '$lib/server/agency-questions';
import { readPostedForm, refusing } from '$lib/server/form';
import { requireRecentCheck, requireUser } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

/** What the question form is filled in again with: the draft as typed, and which question it corrects. */
interface Values {
	draft?: QuestionDraft;
	questionId?: number;
	plainAnyway?: boolean;
	/** Each text's reading level, as the page shows it beside the text. */
	levels?: DraftLevels;
}
const noValues: Values = {};

export const load = (({ locals, url }) => {
	requireUser(locals, 'admin');
	const questions = listAgencyQuestions();
	const editing = questions.find((question) => question.retiredAt === null && String(question.id) === url.searchParams.get('edit'));
	return {
		questions,
		activeCount: activeAgencyQuestions().length,
		editing: editing
			? { id: editing.id, asked: editing.asked, draft: draftOf(editing), levels: draftReadingLevels(draftOf(editing)) }
			: null
	};
}) satisfies PageServerLoad;

/** Saved, and what a Spanish reader will see when the question has no Spanish. */
function savedMessage(draft: QuestionDraft, verb: string): string {
	const noSpanish =
		(draft.audience !== 'consumer' && draft.staffEs === '') || (draft.audience !== 'staff' && draft.consumerEs === '')
			? ' It has no Spanish for everyone it asks: Spanish pages show the English, marked “Solo en inglés”.'
			: '';
	return `${verb} “${draft.name}”.${noSpanish}`;
}

export const actions = {
	save: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		requireRecentCheck(locals, '/manage/settings/questions');
		const form = await readPostedForm(request);
		const draft = readQuestionDraft(form);
		const questionId = form.text('questionId') === '' ? undefined : form.number('questionId');
		const plainAnyway = form.checked('plainAnyway', '1');
		const values: Values = { draft, questionId, plainAnyway, levels: draftReadingLevels(draft) };
		return refusing(values, () => {
			checkPlainLanguage(draft, plainAnyway);
			if (questionId === undefined) {
				addAgencyQuestion(draft);
				return { message: savedMessage(draft, 'Added') };
			}
			const savedAs = correctAgencyQuestion(questionId, draft);
			return {
				message:
					savedAs === questionId
						? savedMessage(draft, 'Corrected')
						: `${savedMessage(draft, 'Saved as a new question:')} A closed round asked the old wording, so it keeps its results and is retired.`
			};
		});
	},

	retire: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		requireRecentCheck(locals, '/manage/settings/questions');
		const form = await readPostedForm(request);
		return refusing(noValues, () => {
			retireAgencyQuestion(form.number('questionId'));
			return { message: 'Retired. Rounds made from now on do not ask it; its results stay.' };
		});
	}
} satisfies Actions;
