import { fail } from '@sveltejs/kit';
import { getAgency, setPublicPage, updateAgency } from '$lib/server/agency';
import { writeTransaction } from '$lib/server/db';
import { requireUser } from '$lib/server/guard';
import { checkProgramName, createProgram, listPrograms, renameProgram, setProgramRetired } from '$lib/server/programs';
import type { Actions, PageServerLoad } from './$types';
import { postedForm } from '$lib/server/form-body';

export const load = (({ locals }) => {
	requireUser(locals, 'admin');
	return { agency: getAgency(), programs: listPrograms() };
}) satisfies PageServerLoad;

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
/** An optional field: empty means not given. */
const optionalText = (form: FormData, name: string) => text(form, name) || null;

export const actions = {
	agency: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		const form = await postedForm(request);
		const agency = {
			name: text(form, 'name'),
			minimumGroupSize: Number(text(form, 'minimumGroupSize')),
			minimumCommentGroupSize: Number(text(form, 'minimumCommentGroupSize'))
		};
		const problem = updateAgency(agency);
		if (problem) return fail(400, { message: problem, agency });
		return { message: 'Saved.' };
	},

	publicPage: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		const on = (await postedForm(request)).get('on') === '1';
		setPublicPage(on);
		return { message: on ? 'The public page is on, at /you-said-we-did.' : 'The public page is off.' };
	},

	// The Spanish name is what Spanish-speaking respondents read in the survey's header.
	addProgram: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		const form = await postedForm(request);
		const name = text(form, 'name');
		const nameEs = optionalText(form, 'nameEs');
		// Checked and added in one transaction, so two admins can't add the same name at once.
		const problem = writeTransaction(() => checkProgramName(name, undefined, nameEs) ?? (createProgram(name, nameEs), null));
		if (problem) return fail(400, { message: problem, programName: name, programNameEs: nameEs ?? '' });
		return { message: `Added ${name}.` };
	},

	renameProgram: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		const form = await postedForm(request);
		const id = Number(form.get('programId'));
		const name = text(form, 'name');
		const nameEs = optionalText(form, 'nameEs');
		const problem = writeTransaction(
			() => checkProgramName(name, id, nameEs) ?? (renameProgram(id, name, nameEs) ? null : 'There is no such program.')
		);
		if (problem) return fail(400, { message: problem });
		return { message: `Renamed to ${name}. Past results keep their place under the new name.` };
	},

	retireProgram: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		const form = await postedForm(request);
		const retired = form.get('retired') === '1';
		if (!setProgramRetired(Number(form.get('programId')), retired)) return fail(400, { message: 'There is no such program.' });
		return { message: retired ? 'Retired. Its past results stay.' : 'Brought back.' };
	}
} satisfies Actions;
