import { error } from '@sveltejs/kit';
import { formatDate } from '$lib/format';
import { findItem, itemText, readInEnglish, type Instrument, type Item } from '$lib/instruments';
import type { Language } from '$lib/instruments/types';
import { languageFrom, messages, nameIn } from '$lib/i18n';
import { itemFigure, type ItemFigure } from '$lib/results-view';
import { actionOutcomes, questionsFor } from '$lib/summary';
import { listActions } from '$lib/server/actions';
import { getAgency } from '$lib/server/agency';
import { listClosedRounds, loadResults } from '$lib/server/results';
import type { PageServerLoad } from './$types';

/** The share favourable as a whole percent, or null when hidden. */
const percentOf = (figure: ItemFigure) => (figure.cell.shown ? Math.round(figure.cell.favourable * 100) : null);

/**
 * How many gave one of the two answers counted, out of how many answered: "20 of the 37 people who
 * answered". Only where the rules show the figure, and so the count it rests on.
 */
const countOf = (figure: ItemFigure) =>
	figure.cell.shown ? { favourable: Math.round(figure.cell.favourable * figure.cell.n), answered: figure.cell.n } : null;

/** The two answers a question's favourable share counts, from its own scale, in the reader's words: "“often” or “always”". */
function answersCounted(instrument: Instrument, itemId: string, language: Language): string {
	const { section } = findItem(instrument, itemId)!;
	const [fourth, fifth] = instrument.scales[section.scale].points.slice(3).map((point) => lowerFirst(point.label[language]));
	return messages[language].publicPage.answerPair(fourth, fifth);
}

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase() + text.slice(1);

/** A consumer statement in the reader's language; one of the agency's own written in English only is marked as English. */
const statementIn = (item: Item, language: Language) => ({
	text: itemText(item, 'consumer', language),
	lang: readInEnglish(item, 'consumer', language) ? ('en' as const) : undefined
});

/** The agency's public page, when an admin has turned it on: published changes and consumers' results. */
export const load = (({ url }) => {
	const agency = getAgency();
	const language = languageFrom(url);
	if (!agency.publicPage) error(404, messages[language].pageErrors.notFound);
	const closed = listClosedRounds();
	const rounds = closed.map(({ id, name }) => ({ id, name }));
	const last = rounds.at(-1);
	const results = last && loadResults(rounds.map((round) => round.id));
	const published = listActions(true);
	// Each round's name as the reader reads it, an English one marked as English on the Spanish page.
	const names = new Map(closed.map((round) => [round.id, nameIn({ en: round.name, es: round.nameEs }, language)]));
	const roundName = (id: number) => names.get(id) ?? { text: '' };
	const describe = (action: (typeof published)[number]) => ({
		text: language === 'es' && action.descriptionEs ? action.descriptionEs : action.description,
		// A change written in English only says so on the Spanish page, and is marked as English.
		translated: language === 'en' || action.descriptionEs !== null
	});
	return {
		language,
		agencyName: agency.name,
		actions: published.map((action) => ({ id: action.id, happenedOn: formatDate(action.happenedOn, language), ...describe(action) })),
		round: last ? roundName(last.id) : null,
		// Consumers' own statements, agency-wide, under the small-group rules.
		statements: results
			? questionsFor(results.instrument, 'consumer').map((item) => ({
					id: item.id,
					...statementIn(item, language),
					counted: answersCounted(results.instrument, item.id, language),
					percent: percentOf(itemFigure(results, last!.id, 'consumer', 'all', item.id)),
					count: countOf(itemFigure(results, last!.id, 'consumer', 'all', item.id))
				}))
			: [],
		// "Did our changes help?": consumers' share favourable on each published change's questions,
		// agency-wide, before and after, judged as the manage pages judge it.
		outcomes: results
			? actionOutcomes(results, results.instrument, rounds, published, { audiences: ['consumer'], measure: 'favourable' })
					.filter((outcome) => outcome.items.length > 0)
					.map((outcome) => {
						const action = published.find((candidate) => candidate.id === outcome.id)!;
						return {
							id: outcome.id,
							...describe(action),
							items: outcome.items.map((item) => ({
								itemId: item.itemId,
								...statementIn(findItem(results.instrument, item.itemId)!.item, language),
								counted: answersCounted(results.instrument, item.itemId, language),
								before: {
									roundId: item.before.round,
									round: roundName(item.before.round),
									percent: percentOf(item.before),
									count: countOf(item.before)
								},
								after: item.after.map((after) => ({
									roundId: after.round.id,
									round: roundName(after.round.id),
									percent: percentOf(after.figure),
									count: countOf(after.figure),
									verdict: after.judged.verdict
								}))
							}))
						};
					})
			: []
	};
}) satisfies PageServerLoad;
