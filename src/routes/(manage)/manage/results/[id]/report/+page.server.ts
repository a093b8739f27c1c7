import { error } from '@sveltejs/kit';
import { currentInstrument } from '$lib/instruments';
import { countCell, mirrorRows, trendRows, type Filters } from '$lib/results-view';
import { listActions } from '$lib/server/actions';
import { getAgency } from '$lib/server/agency';
import { requireUser } from '$lib/server/guard';
import { resultsContext } from '$lib/server/results-page';
import type { PageServerLoad } from './$types';

/** A page a manager can print and hand to the board: summary, trends, the mirror view, actions. */
export const load = (({ locals, params, url }) => {
	requireUser(locals);
	const { rounds, results } = resultsContext(url);
	const round = rounds.find((candidate) => String(candidate.id) === params.id);
	if (!round) error(404, { message: 'There is no closed round with that number.' });
	const upTo: Filters = { audience: 'both', program: 'all', from: null, to: round.id, section: 'hr', item: null, round: round.id };
	const actions = listActions();
	return {
		agencyName: getAgency().name,
		round,
		minimumGroupSize: results.minimumGroupSize,
		responses: {
			staff: countCell(results.responseCount(round.id, 'staff', 'all'), results.minimumGroupSize),
			consumer: countCell(results.responseCount(round.id, 'consumer', 'all'), results.minimumGroupSize)
		},
		sections: currentInstrument.sections.map((section) => ({
			id: section.id,
			title: section.title.staff.en,
			trend: trendRows(results, currentInstrument, rounds, { ...upTo, section: section.id }, actions)
		})),
		mirror: mirrorRows(results, currentInstrument, round.id, 'all'),
		actions: actions.filter((action) => rounds.findIndex((r) => r.id === action.roundId) <= rounds.findIndex((r) => r.id === round.id))
	};
}) satisfies PageServerLoad;
