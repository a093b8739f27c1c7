import type { Audience } from '$lib/instruments';
import { distributionRows, looksCeilinged, mirrorRows } from '$lib/results-view';
import { roundComments } from '$lib/server/comments';
import { requireUser } from '$lib/server/guard';
import { countResponsesByGroup } from '$lib/server/responses';
import { resultsContext, scaleLabelsFor } from '$lib/server/results-page';
import { addressedRound } from '$lib/server/round-link';
import type { PageServerLoad } from './$types';

export const load = (({ locals, params, url }) => {
	requireUser(locals);
	const round = addressedRound(params.id);
	// No live differencing: until a round closes, only how many answered.
	if (round.status !== 'closed') {
		const counts = countResponsesByGroup(round.id);
		return {
			round: { id: round.id, name: round.name, status: round.status },
			closed: false as const,
			counts: (['staff', 'consumer'] as const).map((audience) => ({
				audience,
				responses: counts.filter((count) => count.audience === audience).reduce((sum, count) => sum + count.responses, 0)
			}))
		};
	}
	const { filters, results, programOptions, sectionOptions } = resultsContext(url);
	const audience: Audience = filters.audience === 'staff' ? 'staff' : 'consumer';
	const distributions = distributionRows(results, results.instrument, round.id, audience, filters.program, filters.section);
	return {
		round: { id: round.id, name: round.name, status: round.status },
		closed: true as const,
		filters,
		audience,
		programOptions,
		sectionOptions,
		minimumGroupSize: results.minimumFor(round.id),
		mirror: mirrorRows(results, results.instrument, round.id, filters.program),
		distributions,
		scaleLabels: scaleLabelsFor(results.instrument, filters.section),
		ceilinged: audience === 'consumer' && looksCeilinged(distributions),
		comments: roundComments(results, round.id, audience, filters.program)
	};
}) satisfies PageServerLoad;
