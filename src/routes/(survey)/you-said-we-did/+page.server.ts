import { error } from '@sveltejs/kit';
import { currentInstrument, findItem, isMirrored } from '$lib/instruments';
import { languageFrom } from '$lib/i18n';
import type { ItemFigure } from '$lib/results-view';
import { actionOutcomes } from '$lib/summary';
import { listActions } from '$lib/server/actions';
import { getAgency } from '$lib/server/agency';
import { listClosedRounds, loadResults } from '$lib/server/results';
import type { PageServerLoad } from './$types';

/** The share favourable as the public page says it, "62 out of 100 people", or null when hidden. */
const percentOf = (figure: ItemFigure) => (figure.cell.shown ? Math.round(figure.cell.favourable * 100) : null);

/** The agency's public page, when an admin has turned it on: published changes and consumers' results. */
export const load = (({ url }) => {
	const agency = getAgency();
	if (!agency.publicPage) error(404, { message: 'We could not find this page', detail: 'Please check the address.' });
	const language = languageFrom(url);
	const rounds = listClosedRounds().map(({ id, name }) => ({ id, name }));
	const last = rounds.at(-1);
	const results = last && loadResults(rounds.map((round) => round.id));
	const published = listActions(true);
	const describe = (action: (typeof published)[number]) => ({
		text: language === 'es' && action.descriptionEs ? action.descriptionEs : action.description,
		translated: language === 'en' || action.descriptionEs !== null
	});
	return {
		language,
		agencyName: agency.name,
		actions: published.map((action) => ({ id: action.id, happenedOn: action.happenedOn, ...describe(action) })),
		round: last?.name ?? null,
		// Consumers' own statements, agency-wide, under the small-group rules.
		statements: results
			? currentInstrument.sections
					.filter((section) => section.audiences.includes('consumer'))
					.flatMap((section) => section.items.filter(isMirrored))
					.map((item) => {
						const score = results.item(last!.id, 'consumer', 'all', item.id);
						return {
							id: item.id,
							text: item.consumer![language],
							percent: score.shown && score.value.favourable !== null ? Math.round(score.value.favourable * 100) : null
						};
					})
			: [],
		// "Did our changes help?": consumers' share favourable on each published change's questions,
		// agency-wide, before and after, judged as the manage pages judge it.
		outcomes: results
			? actionOutcomes(results, currentInstrument, rounds, published, { audiences: ['consumer'], measure: 'favourable' })
					.filter((outcome) => outcome.items.length > 0)
					.map((outcome) => {
						const action = published.find((candidate) => candidate.id === outcome.id)!;
						return {
							id: outcome.id,
							...describe(action),
							items: outcome.items.map((item) => ({
								itemId: item.itemId,
								text: findItem(currentInstrument, item.itemId)!.item.consumer![language],
								before: { roundId: item.before.round, round: action.roundName, percent: percentOf(item.before) },
								after: item.after.map((after) => ({ roundId: after.round.id, round: after.round.name, percent: percentOf(after.figure), verdict: after.judged.verdict }))
							}))
						};
					})
			: []
	};
}) satisfies PageServerLoad;
