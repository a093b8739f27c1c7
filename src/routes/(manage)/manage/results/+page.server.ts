import { requireUser } from '$lib/server/guard';
import { resultsOverview } from '$lib/server/results-page';
import type { PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	requireUser(locals);
	return resultsOverview(url);
}) satisfies PageServerLoad;
