import { error } from '@sveltejs/kit';
import { currentInstrument } from '$lib/instruments';
import { countCell, mirrorRows, trendRows, type Filters } from '$lib/results-view';
import { actionsByRound, listActions } from '$lib/server/actions';
import { getAgency } from '$lib/server/agency';
import { requireUser } from '$lib/server/guard';
import { paperEntriesOfRound } from '$lib/server/paper-entries';
import { resultsContext } from '$lib/server/results-page';
import type { PageServerLoad } from './$types';

/** A page a manager can print and hand to the board: summary, trends, the mirror view, actions. */
export const load = (({ locals, params, url }) => {
	requireUser(locals);
	const { rounds, results } = resultsContext(url);
	const round = rounds.find((candidate) => candidate.id === Number(params.id));
	if (!round) error(404, { message: 'There is no closed round with that number.' });
	const upTo: Filters = { audience: 'both', program: 'all', from: null, to: round.id, section: 'hr', item: null };
	const byRound = actionsByRound();
	const paperMinimum = results.minimumFor(round.id);
	return {
		agencyName: getAgency().name,
		round,
		minimumGroupSize: results.minimumFor(round.id),
		responses: {
			staff: countCell(results.responseCount(round.id, 'staff', 'all'), results.minimumFor(round.id)),
			consumer: countCell(results.responseCount(round.id, 'consumer', 'all'), results.minimumFor(round.id))
		},
		sections: currentInstrument.sections.map((section) => ({
			id: section.id,
			title: section.title.staff.en,
			trend: trendRows(results, rounds, { ...upTo, section: section.id }, byRound)
		})),
		mirror: mirrorRows(results, currentInstrument, round.id, 'all'),
		// Actions recorded against this round or an earlier closed one; never one against a round still open.
		actions: listActions().filter((action) => {
			const after = rounds.findIndex((candidate) => candidate.id === action.roundId);
			return after >= 0 && after <= rounds.indexOf(round);
		}),
		// The board sees which groups' answers were typed in by hand, and by whom: counts only, and
		// only of groups whose own count the small-group rules show, like everything else here.
		paperForms: {
			minimumGroupSize: paperMinimum,
			groups: paperEntriesOfRound(round.id, paperMinimum)
				.filter((group) => group.paperForms > 0 && results.responseCount(round.id, group.audience, group.programId ?? 'all').shown)
				.map(({ audience, programId, programName, paperForms, enteredBy, liftedByPaper }) => ({ audience, programId, programName, paperForms, enteredBy, liftedByPaper }))
		}
	};
}) satisfies PageServerLoad;
