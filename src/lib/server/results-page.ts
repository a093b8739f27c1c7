import { findItem, itemName, type Audience, type Instrument } from '$lib/instruments';
import {
	audiencesOf,
	chosenRound,
	countCell,
	distributionRows,
	fittedAxis,
	heatmap,
	mirrorRows,
	parseFilters,
	roundsInRange,
	trendPanels,
	type Filters,
	type RoundRef
} from '$lib/results-view';

import { questionView } from '$lib/question-view';
import { judgedChanges, summarizeRound } from '$lib/summary';
import { openChanges } from '$lib/action-plan';
import { listActions } from './actions';
import { listPrograms } from './programs';
import { listClosedRounds, loadResults, prepareResults } from './results';
import type { Results } from '$lib/results';

/** Everything a results page starts from: closed rounds, programs, filters from the address, and the results. */
export function resultsContext(url: URL) {
	const rounds: RoundRef[] = listClosedRounds().map(({ id, name }) => ({ id, name }));
	const programs = listPrograms().map(({ id, name, staffCount }) => ({ key: id, name, staffCount }));
	const results = loadResults(rounds.map((round) => round.id));
	const filters: Filters = parseFilters(
		url.searchParams,
		results.instrument,
		rounds,
		programs.map((program) => program.key)
	);
	return {
		rounds,
		programs,
		filters,
		results,
		// The choices the filter forms offer.
		programOptions: [{ value: 'all', label: 'All programs' }, ...programs.map((program) => ({ value: program.key, label: program.name }))],
		sectionOptions: results.instrument.sections.map((section) => ({ value: section.id, label: section.title.staff.en })),
		roundOptions: rounds.map((round) => ({ value: round.id, label: round.name }))
	};
}

/** The scale's labels for a section, then its "not sure": the columns of a distribution. */
export function scaleLabelsFor(instrument: Instrument, sectionId: string): string[] {
	const section = instrument.sections.find((candidate) => candidate.id === sectionId) ?? instrument.sections[0];
	const scale = instrument.scales[section.scale];
	return [...scale.points.map((point) => point.label.en), scale.unsure.en];
}

/**
 * What a page built from results once, by the results it was built from: a closed round's counts
 * never change, so neither does a summary or a heatmap of them (the results are built afresh when
 * a round closes or the minimum group size changes, and the old ones dropped).
 */
const built = new WeakMap<Results, Map<string, unknown>>();
/** How many views are kept per set of results: the oldest goes first, so memory stays bounded. */
const KEPT = 200;

function once<T>(results: Results, key: string, work: () => T): T {
	let known = built.get(results);
	if (!known) built.set(results, (known = new Map()));
	if (!known.has(key)) {
		if (known.size >= KEPT) known.delete(known.keys().next().value!);
		known.set(key, work());
	}
	return known.get(key) as T;
}

/**
 * The results landing page: the summary of the chosen closed round (the last by default), the
 * items × rounds heatmap, the trends as small multiples, and the chosen round's mirror view and
 * distributions, all for the filters in the address.
 */
export function resultsOverview(url: URL) {
	const { rounds, programs, filters, results, programOptions, sectionOptions, roundOptions } = resultsContext(url);
	const actions = listActions();
	const chosen = chosenRound(rounds, filters);
	// The heatmap and distributions show one audience: consumers unless staff alone are chosen.
	const focus: Audience = filters.audience === 'staff' ? 'staff' : 'consumer';
	const section = results.instrument.sections.find((candidate) => candidate.id === filters.section)!;
	const range = roundsInRange(rounds, filters);
	// Actions are recorded and deleted at any time: what they are is part of what a summary or a trend was built from.
	const actionsKey = JSON.stringify(actions.map(({ id, roundId, description, itemIds }) => [id, roundId, description, itemIds]));
	const trends = once(
		results,
		`trends|${filters.audience}|${filters.program}|${range.map((round) => round.id)}|${filters.section}|${filters.item}|${actionsKey}`,
		() => trendPanels(results, results.instrument, rounds, filters, actions)
	);
	const summary =
		chosen &&
		once(results, `summary|${chosen.round.id}|${filters.program}|${JSON.stringify(programs)}|${actionsKey}`, () =>
			summarizeRound({
				results,
				instrument: results.instrument,
				round: chosen.round,
				previous: chosen.previous,
				program: filters.program,
				programs,
				actions
			})
		);
	return {
		rounds,
		programs,
		filters,
		audiences: audiencesOf(filters.audience),
		focus,
		programOptions,
		sectionOptions,
		roundOptions,
		sectionTitle: section.title.staff.en,
		// The filters open by themselves once one is chosen, so what is shown is never a surprise.
		filtered: [...url.searchParams.keys()].length > 0,
		programName: filters.program === 'all' ? null : (programs.find((program) => program.key === filters.program)?.name ?? null),
		items: section.items.map((item) => ({ id: item.id, name: itemName(item) })),
		minimumGroupSize: results.minimumGroupSize,
		chosen,
		// The changes still planned or under way, overdue once their due round has closed.
		plan: openChanges(
			actions,
			rounds.map((round) => round.id)
		),
		summary,
		// The heatmap marks the changes the summary judged beyond noise, for the round it sums up.
		heatmap: once(results, `heatmap|${focus}|${filters.program}|${range.map((round) => round.id)}|${chosen?.round.id}`, () =>
			heatmap(results, results.instrument, range, focus, filters.program, summary && judgedChanges(summary, focus))
		),
		trends,
		axis: fittedAxis(trends),
		mirror: chosen
			? once(results, `mirror|${chosen.round.id}|${filters.program}`, () =>
					mirrorRows(results, results.instrument, chosen.round.id, filters.program)
				)
			: [],
		distributions: chosen ? distributionRows(results, results.instrument, chosen.round.id, focus, filters.program, filters.section) : [],
		scaleLabels: scaleLabelsFor(results.instrument, filters.section),
		// How many responded is a figure too: a small group's count is hidden like its answers.
		counts: rounds.map((round) => ({
			round,
			staff: countCell(results.responseCount(round.id, 'staff', filters.program), results.minimumFor(round.id)),
			consumer: countCell(results.responseCount(round.id, 'consumer', filters.program), results.minimumFor(round.id))
		}))
	};
}

/**
 * A question's own page, for the last closed round: 'unknown' when the instrument doesn't ask
 * that question, 'no-closed-round' before any round has closed. Kept with the results it came
 * from, like the landing page.
 */
export function questionPage(itemId: string) {
	const rounds: RoundRef[] = listClosedRounds().map(({ id, name }) => ({ id, name }));
	const results = loadResults(rounds.map((round) => round.id));
	if (!findItem(results.instrument, itemId)) return 'unknown' as const;
	const programs = listPrograms().map(({ id, name }) => ({ key: id, name }));
	const actions = listActions().map(({ id, roundId, roundName, happenedOn, description, itemIds }) => ({
		id,
		roundId,
		roundName,
		happenedOn,
		description,
		itemIds
	}));
	const view = once(results, `question|${itemId}|${JSON.stringify(programs)}|${JSON.stringify(actions)}`, () =>
		questionView({ results, instrument: results.instrument, rounds, itemId, programs, actions })
	);
	if (!view) return 'no-closed-round' as const;
	return { ...view, minimumGroupSize: results.minimumFor(view.round.id), scaleLabels: scaleLabelsFor(results.instrument, view.sectionId) };
}

/**
 * Builds the closed rounds' results ahead of time (`prepareResults`), and the results page as a
 * manager first opens it (the last round summed up, every round in the heatmap and trends), so the
 * first view after a start or a close waits for nothing. A failure costs nothing but that.
 */
export function prepareResultsPage(): void {
	prepareResults();
	try {
		resultsOverview(new URL('http://localhost/manage/results'));
	} catch (problem) {
		console.error('Could not build the results page ahead; it will be built when first asked for:', problem);
	}
}
