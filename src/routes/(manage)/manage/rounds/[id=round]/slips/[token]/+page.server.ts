import { getAgency } from '$lib/server/agency';
import { readPostedForm, refusing } from '$lib/server/form';
import { requireUser } from '$lib/server/guard';
import { qrSvg } from '$lib/server/qr';
import { groupCountsShown } from '$lib/server/results';
import { roundLink } from '$lib/server/round-link';
import { countCodes, generateCodes } from '$lib/server/survey-codes';
import { linkOrigin } from '$lib/server/form-origin';
import type { Actions, PageServerLoad } from './$types';

// This page never lists codes, only how many exist and how many are used: a list of the unused
// ones would show which slip was just spent, and so who answered, and when.
export const load = (({ locals, params }) => {
	requireUser(locals);
	const link = roundLink(params.id, params.token);
	return {
		agencyName: getAgency().name,
		roundName: link.round.name,
		roundStatus: link.round.status,
		audience: link.audience,
		programName: link.programName,
		// Once the round closes, how many codes were used is how many answered: a figure under the rules.
		codes: groupCountsShown(link.round, link.audience, link.programId) ? countCodes(link.token) : null
	};
}) satisfies PageServerLoad;

export const actions = {
	// New codes are printed from this reply alone, once; nothing reads them back from the database.
	default: async ({ locals, params, request, url }) => {
		requireUser(locals);
		const link = roundLink(params.id, params.token);
		const form = await readPostedForm(request);
		// The count as typed, cut short: enough to fill the box in again, never a flood.
		return refusing({ count: form.text('count').slice(0, 20) }, async () => {
			const codes = generateCodes(link.token, form.number('count'));
			const surveyUrl = `${linkOrigin(request, url)}/s/${link.token}`;
			const slips = await Promise.all(
				codes.map(async (code) => ({ code, qr: await qrSvg(`${surveyUrl}?code=${code}`, `QR code for the survey with code ${code}`) }))
			);
			return { surveyUrl, slips };
		});
	}
} satisfies Actions;
