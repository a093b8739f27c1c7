import { getAgency } from '$lib/server/agency';
import { requireUser } from '$lib/server/guard';
import { qrSvg } from '$lib/server/qr';
import { roundLink } from '$lib/server/round-link';
import { linkOrigin } from '$lib/server/form-origin';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params, url, request }) => {
	requireUser(locals);
	const link = roundLink(params.id, params.token);
	const surveyUrl = `${linkOrigin(request, url)}/s/${link.token}`;
	return {
		agencyName: getAgency().name,
		audience: link.audience,
		programName: link.programName,
		surveyUrl,
		qr: await qrSvg(surveyUrl, 'QR code for the survey')
	};
}) satisfies PageServerLoad;
