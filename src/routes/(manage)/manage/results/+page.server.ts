import { currentInstrument } from '$lib/instruments';
import { audiencesOf, countCell, trendRows } from '$lib/results-view';
import { actionsByRound } from '$lib/server/actions';
import { requireUser } from '$lib/server/guard';
import { resultsContext } from '$lib/server/results-page';
import type { PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	requireUser(locals);
	const { rounds, programs, filters, results, programOptions, sectionOptions, roundOptions } = resultsContext(url);
	const audiences = audiencesOf(filters.audience);
	const section = currentInstrument.sections.find((candidate) => candidate.id === filters.section)!;
	return {
		rounds,
		programs,
		filters,
		audiences,
		sections: currentInstrument.sections.map(({ id, title }) => ({ id, title: title.staff.en })),
		programOptions,
		sectionOptions,
		roundOptions,
		items: section.items.map((item) => ({ id: item.id, text: item.staff.en })),
		trend: trendRows(results, rounds, { ...filters, item: filters.item }, actionsByRound()),
		minimumGroupSize: results.minimumGroupSize,
		// How many responded is a figure too: a small group's count is hidden like its answers.
		counts: rounds.map((round) => ({
			round,
			staff: countCell(results.responseCount(round.id, 'staff', filters.program), results.minimumFor(round.id)),
			consumer: countCell(results.responseCount(round.id, 'consumer', filters.program), results.minimumFor(round.id))
		}))
	};
}) satisfies PageServerLoad;
