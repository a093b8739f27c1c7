import { getAgency } from '$lib/server/agency';
import { requireUser } from '$lib/server/guard';
import { qrSvg } from '$lib/server/qr';
import { roundLink } from '$lib/server/round-link';
import { listUnusedCodes } from '$lib/server/survey-codes';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
	requireUser(locals);
	const link = roundLink(params.id, params.token);
	const surveyUrl = `${url.origin}/s/${link.token}`;
	const slips = await Promise.all(
		listUnusedCodes(link.token).map(async (code) => ({
			code,
			qr: await qrSvg(`${surveyUrl}?code=${code}`, `QR code for the survey with code ${code}`)
		}))
	);
	return { agencyName: getAgency().name, audience: link.audience, programName: link.programName, surveyUrl, slips };
}) satisfies PageServerLoad;
