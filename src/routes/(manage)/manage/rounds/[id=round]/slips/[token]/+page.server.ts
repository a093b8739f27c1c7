import { fail } from '@sveltejs/kit';
import { getAgency } from '$lib/server/agency';
import { postedForm } from '$lib/server/form-body';
import { requireUser } from '$lib/server/guard';
import { qrSvg } from '$lib/server/qr';
import { roundLink } from '$lib/server/round-link';
import { countCodes, generateCodes, MAX_CODES_AT_ONCE } from '$lib/server/survey-codes';
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
		codes: countCodes(link.token),
		maxCodes: MAX_CODES_AT_ONCE
	};
}) satisfies PageServerLoad;

export const actions = {
	// New codes are printed from this reply alone, once; nothing reads them back from the database.
	default: async ({ locals, params, request, url }) => {
		requireUser(locals);
		const link = roundLink(params.id, params.token);
		const form = await postedForm(request);
		const count = Number(form.get('count'));
		if (!Number.isInteger(count) || count < 1 || count > MAX_CODES_AT_ONCE) {
			return fail(400, { message: `Make between 1 and ${MAX_CODES_AT_ONCE} codes at a time.`, count: String(form.get('count') ?? '').slice(0, 20) });
		}
		if (link.round.status === 'closed') return fail(409, { message: 'A closed round needs no more codes.' });
		const surveyUrl = `${url.origin}/s/${link.token}`;
		const slips = await Promise.all(
			generateCodes(link.token, count).map(async (code) => ({
				code,
				qr: await qrSvg(`${surveyUrl}?code=${code}`, `QR code for the survey with code ${code}`)
			}))
		);
		return { surveyUrl, slips };
	}
} satisfies Actions;
