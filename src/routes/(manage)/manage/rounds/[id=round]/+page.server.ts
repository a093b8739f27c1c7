import { redirect } from '@sveltejs/kit';
import { getAgency } from '$lib/server/agency';
import { ourSections } from '$lib/instruments/agency';
import { roundSections } from '$lib/server/agency-questions';
import { readPostedForm, refusing } from '$lib/server/form';
import { requireRecentCheck, requireUser } from '$lib/server/guard';
import { paperEntriesOfRound, paperEntryOf } from '$lib/server/paper-entries';
import { countCell } from '$lib/results-view';
import { countResponsesByGroup } from '$lib/server/responses';
import { groupCountsShown, loadResults } from '$lib/server/results';
import { addressedRound } from '$lib/server/round-link';
import { closeConfirmedRound, openRound } from '$lib/server/rounds';
import { invalidateSession } from '$lib/server/session';
import { deleteSessionCookie } from '$lib/server/session-cookie';
import { countCodes } from '$lib/server/survey-codes';
import { linkForKiosk, listSurveyLinks, setLinkMode } from '$lib/server/survey-links';
import { linkOrigin } from '$lib/server/form-origin';
import type { Actions, PageServerLoad } from './$types';

/** The forms of this page send nothing to fill in again: a refusal says what to change. */
const noValues = {};

/** A group's paper forms, without how many answered in all once that is a figure of the results. */
function withoutCount<T extends { responses: number }>(entry: T, closed: boolean): Omit<T, 'responses'> & { responses: number | null } {
	return closed ? { ...entry, responses: null } : entry;
}

export const load = (({ locals, params, url, request }) => {
	requireUser(locals);
	const round = addressedRound(params.id);
	const results = round.status === 'closed' ? loadResults() : null;
	const counts = results ? [] : countResponsesByGroup(round.id);
	// A closed round is judged by the minimum it closed with; an open one by today's.
	const minimumGroupSize = results ? results.minimumFor(round.id) : getAgency().minimumGroupSize;
	const paperEntries = paperEntriesOfRound(round.id, minimumGroupSize);
	const links = listSurveyLinks(round.id).map((link) => {
		// A closed group's counts are figures of its results: shown only where the rules show it.
		const countsShown = groupCountsShown(round, link.audience, link.programId, results ?? undefined);
		return {
			...link,
			url: `${linkOrigin(request, url)}/s/${link.token}`,
			codes: countsShown ? countCodes(link.token) : null,
			// While a round is open, managers see how many answered, never what they said. Once it
			// closes, how many answered is a figure of its results, shown under the small-group rules.
			responses: results
				? countCell(results.responseCount(round.id, link.audience, link.programId ?? 0), results.minimumFor(round.id))
				: {
						shown: true as const,
						n: counts.find((count) => count.audience === link.audience && count.programId === link.programId)?.responses ?? 0
					},
			// Who typed in paper forms, counted, so forms made up to pad a small group can be seen.
			// Once the round closes, the group's own count is left to the responses column above.
			paper: countsShown ? withoutCount(paperEntryOf(paperEntries, link), results !== null) : null
		};
	});
	// The agency's own questions it asks, by their short names, in the words this round asks.
	const ownQuestions = roundSections(round, 'staff')
		.instrument.sections.filter((section) => ourSections.includes(section.id))
		.flatMap((section) => section.items.map((item) => item.name!));
	return { round, links, minimumGroupSize, ownQuestions };
}) satisfies PageServerLoad;

export const actions = {
	open: ({ locals, params }) => {
		requireUser(locals);
		const round = addressedRound(params.id);
		return refusing(noValues, () => {
			openRound(round.id);
			return { message: 'The round is open. Share its links.' };
		});
	},

	// Closing is final, so the form must say so and the manager must tick that they understand.
	close: async ({ locals, params, request }) => {
		requireUser(locals);
		requireRecentCheck(locals, `/manage/rounds/${params.id}`);
		const round = addressedRound(params.id);
		const form = await readPostedForm(request);
		return refusing(noValues, () => {
			closeConfirmedRound(round.id, form.checked('confirm', 'final'));
			return { message: 'The round is closed. It can never be reopened.' };
		});
	},

	mode: async ({ locals, params, request }) => {
		requireUser(locals);
		const round = addressedRound(params.id);
		const form = await readPostedForm(request);
		const mode = form.asSent('mode');
		return refusing(noValues, () => {
			setLinkMode(round.id, form.asSent('token'), mode);
			return { message: mode === 'code' ? 'This link now asks for a single-use code.' : 'This link is now open to anyone who has it.' };
		});
	},

	// The kiosk runs on a shared tablet, so the manager is signed out on it first.
	kiosk: async ({ locals, params, request, cookies, url }) => {
		requireUser(locals);
		const round = addressedRound(params.id);
		const form = await readPostedForm(request);
		return refusing(noValues, () => {
			const link = linkForKiosk(round, form.asSent('token'));
			if (locals.session) invalidateSession(locals.session.id);
			deleteSessionCookie(cookies, url);
			redirect(303, `/kiosk/${link.token}`);
		});
	}
} satisfies Actions;
