import { error } from '@sveltejs/kit';
import type { Audience } from '$lib/instruments';
import { distributionRows, fittedAxis, heatmap, mirrorRows, trendPanels, type Filters } from '$lib/results-view';
import { openChanges } from '$lib/action-plan';
import { listActions } from '$lib/server/actions';
import { getAgency } from '$lib/server/agency';
import { requireUser } from '$lib/server/guard';
import { paperEntriesOfRound } from '$lib/server/paper-entries';
import { groupCountsShown } from '$lib/server/results';
import { resultsContext, scaleLabelsFor } from '$lib/server/results-page';
import { boardBrief } from '$lib/board-brief';
import { actionOutcomes, judgedChanges, summarizeRound } from '$lib/summary';
import type { PageServerLoad } from './$types';

/** How many closed rounds the report's heatmap spans: as many as a printed page holds across. */
const HEATMAP_ROUNDS = 8;

/** A page a manager can print and hand to the board: summary, charts, the mirror view, the heatmap, actions. */
export const load = (({ locals, params, url }) => {
	requireUser(locals);
	const { rounds, programs, results } = resultsContext(url);
	const index = rounds.findIndex((candidate) => String(candidate.id) === params.id);
	if (index < 0) error(404, { message: 'There is no closed round with that number.' });
	const round = rounds[index];
	const upTo: Filters = { audience: 'both', program: 'all', from: null, to: round.id, section: 'hr', item: null, round: round.id };
	const until = rounds.slice(0, index + 1);
	// Only what was recorded by this round: a report reads the same whenever it is printed again.
	const actions = listActions().filter((action) => until.some((candidate) => candidate.id === action.roundId));
	const trends = trendPanels(results, results.instrument, rounds, upTo, actions);
	const summary = summarizeRound({
		results,
		instrument: results.instrument,
		round,
		previous: rounds[index - 1] ?? null,
		program: 'all',
		programs,
		actions
	});
	const plan = openChanges(
		actions,
		until.map((closed) => closed.id)
	);
	return {
		agencyName: getAgency().name,
		round,
		minimumGroupSize: results.minimumFor(round.id),
		summary,
		trends,
		axis: fittedAxis(trends),
		rounds: until,
		mirror: mirrorRows(results, results.instrument, round.id, 'all'),
		distributions: results.instrument.sections
			.filter((section) => section.audiences.includes('consumer'))
			.map((section) => ({
				id: section.id,
				title: section.title.consumer.en,
				rows: distributionRows(results, results.instrument, round.id, 'consumer', 'all', section.id),
				scaleLabels: scaleLabelsFor(results.instrument, section.id)
			})),
		heatmaps: (['consumer', 'staff'] as Audience[]).map((audience) =>
			heatmap(results, results.instrument, until.slice(-HEATMAP_ROUNDS), audience, 'all', judgedChanges(summary, audience))
		),
		actions,
		// Open as of now, overdue when due by this round or an earlier one: a report says what was late by its round.
		plan,
		brief: boardBrief(summary, plan, (id) => actions.find((action) => action.id === id)?.status ?? 'done'),
		outcomes: actionOutcomes(results, results.instrument, until, actions),
		// The board sees which groups' answers were typed in by hand, and by whom: counts only, and
		// only of groups whose own count the small-group rules show, like everything else here.
		paperForms: {
			minimumGroupSize: results.minimumFor(round.id),
			groups: paperEntriesOfRound(round.id, results.minimumFor(round.id))
				.filter(
					(group) => group.paperForms > 0 && groupCountsShown({ id: round.id, status: 'closed' }, group.audience, group.programId, results)
				)
				.map(({ audience, programId, programName, paperForms, enteredBy, liftedByPaper }) => ({
					audience,
					programId,
					programName,
					paperForms,
					enteredBy,
					liftedByPaper
				}))
		}
	};
}) satisfies PageServerLoad;
