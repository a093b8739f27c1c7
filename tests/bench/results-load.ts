/**
 * Ten years of quarterly rounds (two audiences, two programs, about a million answers), stored
 * through the app's own functions, and the time the results dashboard takes to load its data.
 */
import { performance } from 'node:perf_hooks';
import type { AnswerValue } from '$lib/instruments';
import { currentInstrument, defaultSections, sectionsFor, type Audience } from '$lib/instruments';
import { mulberry32 } from '$lib/server/demo';
import { db } from '$lib/server/db';
import { createProgram } from '$lib/server/programs';
import { saveResponse } from '$lib/server/responses';
import { listClosedRounds } from '$lib/server/results';
import { prepareResultsPage, resultsOverview } from '$lib/server/results-page';
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
						saveResponse(
							{ roundId: round.id, audience, programId: program.id },
							{ language: 'en', channel: 'web' },
							{ answers: given, comment: null }
						);
					}
				}
			}
		}
	})();
	roundIds.forEach((id, quarter) => closeRound(id, 1_500_000_000 + quarter * 7_889_400));
	return { rounds: roundIds.length, answers };
}

/**
 * What /manage/results loads, as its page does: the summary of a closed round beside the one before
 * it, the items × rounds heatmap of every round, the trends as small multiples, the mirror view and
 * the distributions. The server builds the closed rounds' results, and the page as a manager first
 * opens it, when it starts and when a round closes (`prepareResultsPage`); that build is timed
 * first. Then a manager's first view of the page, and the views after it, each summing up a
 * different round, so no summary is reused.
 */
export function timeDashboard(runs = 30) {
	const building = performance.now();
	prepareResultsPage();
	const built = performance.now() - building;
	const rounds = listClosedRounds();
	const times: number[] = [];
	let heatmapCells = 0;
	for (let run = 0; run < runs; run++) {
		const round = rounds[rounds.length - 1 - (run % rounds.length)];
		const started = performance.now();
		const page = resultsOverview(new URL(`http://localhost/manage/results?round=${round.id}`));
		times.push(performance.now() - started);
		heatmapCells = page.heatmap.sections.reduce((sum, section) => sum + section.rows.length * page.heatmap.rounds.length, 0);
	}
	const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	return { built, first: times[0], median: median(times), worst: Math.max(...times), runs, heatmapCells };
}
