import { currentInstrument } from '$lib/instruments';
import { parseFilters, type Filters, type RoundRef } from '$lib/results-view';
import { listPrograms } from './programs';
import { listClosedRounds, loadResults } from './results';

/** Everything a results page starts from: closed rounds, programs, filters from the address, and the results. */
export function resultsContext(url: URL) {
	const rounds: RoundRef[] = listClosedRounds().map(({ id, name }) => ({ id, name }));
	const programs = listPrograms().map(({ id, name }) => ({ key: id, name }));
	const filters: Filters = parseFilters(url.searchParams, currentInstrument, rounds, programs.map((program) => program.key));
	return {
		rounds,
		programs,
		filters,
		results: loadResults(rounds.map((round) => round.id)),
		// The choices the filter forms offer.
		programOptions: [{ value: 'all', label: 'All programs' }, ...programs.map((program) => ({ value: program.key, label: program.name }))],
		sectionOptions: currentInstrument.sections.map((section) => ({ value: section.id, label: section.title.staff.en })),
		roundOptions: rounds.map((round) => ({ value: round.id, label: round.name }))
	};
}
