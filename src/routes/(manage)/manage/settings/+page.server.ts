import { getAgency, setManagersNeedSecondFactor, setPublicPage, updateAgency } from '$lib/server/agency';
import { activeAgencyQuestions } from '$lib/server/agency-questions';
import { readPostedForm, refusing } from '$lib/server/form';
import { requireRecentCheck, requireUser } from '$lib/server/guard';
import { backupReport } from '$lib/server/scheduled-backups';
import { createProgram, listPrograms, renameProgram, setProgramRetired, setProgramStaffCount } from '$lib/server/programs';
import type { Actions, PageServerLoad } from './$types';

/** What a refused form on this page is filled in again with: the agency's settings, or a new program's name. */
interface Values {
	agency?: { name: string; minimumGroupSize: number; minimumCommentGroupSize: number };
	programName?: string;
	programNameEs?: string;
	/** A refused rename, to fill that program's rename form in again. */
	rename?: { programId: number; name: string; nameEs: string };
	/** A refused headcount, to fill that program's form in again. */
	staff?: { programId: number; staffCount: string };
}
const noValues: Values = {};

export const load = (({ locals }) => {
	requireUser(locals, 'admin');
	return { agency: getAgency(), programs: listPrograms(), backups: backupReport(), ownQuestions: activeAgencyQuestions().length };
}) satisfies PageServerLoad;

export const actions = {
	agency: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		requireRecentCheck(locals, '/manage/settings');
		const form = await readPostedForm(request);
		const agency = {
			name: form.text('name'),
			minimumGroupSize: form.number('minimumGroupSize'),
			minimumCommentGroupSize: form.number('minimumCommentGroupSize')
		};
		const values: Values = { agency };
		return refusing(values, () => {
			updateAgency(agency);
			return { message: 'Saved.' };
		});
	},

	publicPage: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		requireRecentCheck(locals, '/manage/settings');
		const on = (await readPostedForm(request)).checked('on', '1');
		setPublicPage(on);
		return { message: on ? 'The public page is on, at /you-said-we-did.' : 'The public page is off.' };
	},

	// Admins always need a second factor; this asks it of managers too, at their next page.
	secondFactor: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		requireRecentCheck(locals, '/manage/settings');
		const on = (await readPostedForm(request)).checked('managers', '1');
		setManagersNeedSecondFactor(on);
		return {
			message: on
				? 'Managers must now set up a second factor before they go on.'
				: 'Managers may now choose whether to use a second factor.'
		};
	},

	// The Spanish name is what Spanish-speaking respondents read in the survey's header.
	addProgram: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		requireRecentCheck(locals, '/manage/settings');
		const form = await readPostedForm(request);
		const name = form.text('name');
		const nameEs = form.text('nameEs') || null;
		const values: Values = { programName: name, programNameEs: nameEs ?? '' };
		return refusing(values, () => {
			createProgram(name, nameEs);
			return { message: `Added ${name}.` };
		});
	},

	renameProgram: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		requireRecentCheck(locals, '/manage/settings');
		const form = await readPostedForm(request);
		const name = form.text('name');
		const rename = { programId: form.number('programId'), name, nameEs: form.text('nameEs') };
		const values: Values = { rename };
		return refusing(values, () => {
			renameProgram(rename.programId, name, rename.nameEs || null);
			return { message: `Renamed to ${name}. Past results keep their place under the new name.` };
		});
	},

	// How many staff work in a program lets results say what share of them answered; empty clears it.
	programStaff: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		const form = await readPostedForm(request);
		const staff = { programId: form.number('programId'), staffCount: form.text('staffCount') };
		const values: Values = { staff };
		return refusing(values, () => {
			setProgramStaffCount(staff.programId, staff.staffCount === '' ? null : form.number('staffCount'));
			return { message: staff.staffCount === '' ? 'Cleared how many staff work there.' : `Saved: ${staff.staffCount} staff work there.` };
		});
	},

	retireProgram: async ({ locals, request }) => {
		requireUser(locals, 'admin');
		requireRecentCheck(locals, '/manage/settings');
		const form = await readPostedForm(request);
		const retired = form.checked('retired', '1');
		return refusing(noValues, () => {
			setProgramRetired(form.number('programId'), retired);
			return { message: retired ? 'Retired. Its past results stay.' : 'Brought back.' };
		});
	}
} satisfies Actions;
