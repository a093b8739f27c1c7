import { fail } from '@sveltejs/kit';
import { getAgency, setPublicPage, updateAgency } from '$lib/server/agency';
import { writeTransaction } from '$lib/server/db';
import { requireUser } from '$lib/server/guard';
import { backupReport } from '$lib/server/scheduled-backups';
import { checkProgramName, createProgram, listPrograms, renameProgram, setProgramRetired } from '$lib/server/programs';
import type { Actions, PageServerLoad } from './$types';
import { postedForm } from '$lib/server/form-body';

export const load = (({ locals }) => {
	requireUser(locals, 'admin');
	return { agency: getAgency(), programs: listPrograms(), backups: backupReport() };
}) satisfies PageServerLoad;

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

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

	addProgram: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		const name = text(await postedForm(request), 'name');
		// Checked and added in one transaction, so two admins can't add the same name at once.
		const problem = writeTransaction(() => checkProgramName(name) ?? (createProgram(name), null));
		if (problem) return fail(400, { message: problem, programName: name });
		return { message: `Added ${name}.` };
	},

	renameProgram: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		const form = await postedForm(request);
		const id = Number(form.get('programId'));
		const name = text(form, 'name');
		const problem = writeTransaction(() => checkProgramName(name, id) ?? (renameProgram(id, name) ? null : 'There is no such program.'));
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
