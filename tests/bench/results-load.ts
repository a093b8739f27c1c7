/**
 * Ten years of quarterly rounds (two audiences, two programs, about a million answers), stored
 * through the app's own functions, and the time the results dashboard takes to load its data.
 */
import { performance } from 'node:perf_hooks';
import type { AnswerValue } from '$lib/instruments';
import { currentInstrument, defaultSections, sectionsFor, type Audience } from '$lib/instruments';
import { trendRows, mirrorRows, parseFilters } from '$lib/results-view';
import { mulberry32 } from '$lib/server/demo';
import { db } from '$lib/server/db';
import { createProgram } from '$lib/server/programs';
import { saveResponse } from '$lib/server/responses';
import { listClosedRounds, loadResults, prepareResults } from '$lib/server/results';
import { closeRound, createRound, openRound } from '$lib/server/rounds';

const perGroup: Record<Audience, number> = { staff: 80, consumer: 250 };

export function seedYears(file: string): { rounds: number; answers: number } {
	process.env.DATABASE_PATH = file;
	const random = mulberry32(10);
	const programs = [createProgram('Drop-in center'), createProgram('Counseling program')];
	const roundIds: number[] = [];
	let answers = 0;
	db().transaction(() => {
		for (let quarter = 0; quarter < 40; quarter++) {
			const round = createRound({ name: `Q${(quarter % 4) + 1} ${2017 + Math.floor(quarter / 4)}`, programIds: programs.map((p) => p.id) });
			openRound(round.id);
			roundIds.push(round.id);
			for (const audience of ['staff', 'consumer'] as const) {
				const items = sectionsFor(currentInstrument, audience, defaultSections[audience]).flatMap((section) => section.items);
				for (const program of programs) {
					for (let i = 0; i < perGroup[audience]; i++) {
						const given = new Map<string, AnswerValue>();
						for (const item of items) {
							if (random() < 0.05) continue;
							given.set(item.id, random() < 0.06 ? 0 : ((1 + Math.floor(random() * 5)) as AnswerValue));
						}
						answers += given.size;
						saveResponse({ roundId: round.id, audience, programId: program.id }, { language: 'en', channel: 'web' }, { answers: given, comment: null });
					}
				}
			}
		}
	})();
	roundIds.forEach((id, quarter) => closeRound(id, 1_500_000_000 + quarter * 7_889_400));
	return { rounds: roundIds.length, answers };
}

/**
 * What /manage/results loads: every closed round's results, a section trend, and a mirror view.
 * The server builds the closed rounds' results when it starts and when a round closes
 * (`prepareResults`); that build is timed first. Then a manager's first view of the dashboard,
 * and the views after it.
 */
export function timeDashboard(runs = 30) {
	const building = performance.now();
	prepareResults();
	const built = performance.now() - building;
	const times: number[] = [];
	for (let run = 0; run < runs; run++) {
		const started = performance.now();
		const rounds = listClosedRounds().map(({ id, name }) => ({ id, name }));
		const results = loadResults(rounds.map((round) => round.id));
		const filters = parseFilters(new URLSearchParams('section=stc'), currentInstrument, rounds, []);
		trendRows(results, currentInstrument, rounds, filters, []);
		mirrorRows(results, currentInstrument, rounds.at(-1)!.id, 'all');
		times.push(performance.now() - started);
	}
	const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	return { built, first: times[0], median: median(times), worst: Math.max(...times), runs };
}
