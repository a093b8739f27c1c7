import { error } from '@sveltejs/kit';
import { formatDate } from '$lib/format';
import { currentInstrument, isMirrored } from '$lib/instruments';
import { languageFrom, messages, nameIn } from '$lib/i18n';
import { listActions } from '$lib/server/actions';
import { getAgency } from '$lib/server/agency';
import { listClosedRounds, loadResults } from '$lib/server/results';
import { getRound } from '$lib/server/rounds';
import type { PageServerLoad } from './$types';

/** The agency's public page, when an admin has turned it on: published changes and consumers' results. */
export const load = (({ url }) => {
	const agency = getAgency();
	const language = languageFrom(url);
	if (!agency.publicPage) error(404, messages[language].pageErrors.notFound);
	const last = listClosedRounds().at(-1);
	const lastRound = last && getRound(last.id);
	const results = last && loadResults([last.id]);
	return {
		language,
		agencyName: agency.name,
		actions: listActions(true).map((action) => ({
			id: action.id,
			happenedOn: formatDate(action.happenedOn, language),
			text: language === 'es' && action.descriptionEs ? action.descriptionEs : action.description,
			// A change written in English only says so on the Spanish page, and is marked as English.
			translated: language === 'en' || action.descriptionEs !== null
		})),
		round: lastRound ? nameIn({ en: lastRound.name, es: lastRound.nameEs }, language) : null,
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
			: []
	};
}) satisfies PageServerLoad;
