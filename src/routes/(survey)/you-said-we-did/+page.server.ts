import { error } from '@sveltejs/kit';
import { currentInstrument, isMirrored } from '$lib/instruments';
import { languageFrom } from '$lib/i18n';
import { listActions } from '$lib/server/actions';
import { getAgency } from '$lib/server/agency';
import { listClosedRounds, loadResults } from '$lib/server/results';
import type { PageServerLoad } from './$types';

/** The agency's public page, when an admin has turned it on: published changes and consumers' results. */
export const load = (({ url }) => {
	const agency = getAgency();
	if (!agency.publicPage) error(404, { message: 'We could not find this page', detail: 'Please check the address.' });
	const language = languageFrom(url);
	const last = listClosedRounds().at(-1);
	const results = last && loadResults([last.id]);
	return {
		language,
		agencyName: agency.name,
		actions: listActions(true).map((action) => ({
			id: action.id,
			happenedOn: action.happenedOn,
			text: language === 'es' && action.descriptionEs ? action.descriptionEs : action.description,
			translated: language === 'en' || action.descriptionEs !== null
		})),
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
			: []
	};
}) satisfies PageServerLoad;
