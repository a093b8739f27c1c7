import { error, fail, redirect } from '@sveltejs/kit';
import { getAgency } from '$lib/server/agency';
import { requireUser } from '$lib/server/guard';
import { paperEntriesOfRound, paperEntryOf } from '$lib/server/paper-entries';
import { countCell } from '$lib/results-view';
import { countResponsesByGroup } from '$lib/server/responses';
import { loadResults } from '$lib/server/results';
import { closeRound, getRound, openRound, type Round } from '$lib/server/rounds';
import { invalidateSession } from '$lib/server/session';
import { deleteSessionCookie } from '$lib/server/session-cookie';
import { countCodes, MAX_CODES_AT_ONCE } from '$lib/server/survey-codes';
import { listSurveyLinks, setLinkMode, type LinkMode } from '$lib/server/survey-links';
import type { Actions, PageServerLoad } from './$types';
import { postedForm } from '$lib/server/form-body';

function findRound(id: string): Round {
	const round = /^\d+$/.test(id) ? getRound(Number(id)) : undefined;
	if (!round) error(404, { message: 'There is no such round.' });
	return round;
}

/** A link of this round, named by the form; anything else is refused. */
function findLink(round: Round, form: FormData) {
	const token = String(form.get('token') ?? '');
	const link = listSurveyLinks(round.id).find((candidate) => candidate.token === token);
	if (!link) error(400, { message: 'That survey link is not part of this round.' });
	return link;
}

export const load = (({ locals, params, url }) => {
	requireUser(locals);
	const round = findRound(params.id);
	const counts = countResponsesByGroup(round.id);
	const results = round.status === 'closed' ? loadResults() : null;
	const { minimumGroupSize } = getAgency();
	const paperEntries = paperEntriesOfRound(round.id, minimumGroupSize);
	const links = listSurveyLinks(round.id).map((link) => ({
		...link,
		url: `${url.origin}/s/${link.token}`,
		codes: countCodes(link.token),
		// While a round is open, managers see how many answered, never what they said. Once it
		// closes, how many answered is a figure of its results, shown under the small-group rules.
		responses: results
			? countCell(results.responseCount(round.id, link.audience, link.programId ?? 'all'), results.minimumGroupSize)
			: { shown: true as const, n: counts.find((count) => count.audience === link.audience && count.programId === link.programId)?.responses ?? 0 },
		// Who typed in paper forms, counted, so forms made up to pad a small group can be seen.
		paper: paperEntryOf(paperEntries, link)
	}));
	return { round, links, maxCodes: MAX_CODES_AT_ONCE, minimumGroupSize };
}) satisfies PageServerLoad;

export const actions = {
	open: ({ locals, params }) => {
		requireUser(locals);
		const round = findRound(params.id);
		if (round.status !== 'draft') return fail(409, { message: 'Only a draft round can be opened.' });
		openRound(round.id);
		return { message: 'The round is open. Share its links.' };
	},

	// Closing is final, so the form must say so and the manager must tick that they understand.
	close: async ({ locals, params, request }) => {
		requireUser(locals);
		const round = findRound(params.id);
		const form = await postedForm(request);
		if (form.get('confirm') !== 'final') {
			return fail(400, { message: 'Tick the box to confirm that closing is final.' });
		}
		if (!closeRound(round.id)) return fail(409, { message: 'Only an open round can be closed.' });
		return { message: 'The round is closed. It can never be reopened.' };
	},

	mode: async ({ locals, params, request }) => {
		requireUser(locals);
		const round = findRound(params.id);
		const form = await postedForm(request);
		const link = findLink(round, form);
		const mode = form.get('mode');
		if (mode !== 'open' && mode !== 'code') return fail(400, { message: 'Choose open or single-use codes.' });
		if (!setLinkMode(round.id, link.token, mode as LinkMode)) return fail(409, { message: 'A closed round’s links can’t change.' });
		return { message: mode === 'code' ? 'This link now asks for a single-use code.' : 'This link is now open to anyone who has it.' };
	},

	// The kiosk runs on a shared tablet, so the manager is signed out on it first.
	kiosk: async ({ locals, params, request, cookies, url }) => {
		requireUser(locals);
		const round = findRound(params.id);
		const link = findLink(round, await postedForm(request));
		if (round.status !== 'open') return fail(409, { message: 'Open the round before starting a kiosk.' });
		if (locals.session) invalidateSession(locals.session.id);
		deleteSessionCookie(cookies, url);
		redirect(303, `/kiosk/${link.token}`);
	}
} satisfies Actions;
