import { currentInstrument } from '$lib/instruments';
import { parseFilters, type Filters, type RoundRef } from '$lib/results-view';
import { listPrograms } from './programs';
import { listClosedRounds, loadResults } from './results';

/** Everything a results page starts from: closed rounds, programs, filters from the address, and the results. */
export function resultsContext(url: URL) {
	const rounds: RoundRef[] = listClosedRounds().map(({ id, name }) => ({ id, name }));
	const programs = listPrograms().map(({ id, name }) => ({ key: id, name }));
	const filters: Filters = parseFilters(url.searchParams, currentInstrument, rounds, programs.map((program) => program.key));
	return { rounds, programs, filters, results: loadResults(rounds.map((round) => round.id)) };
}
