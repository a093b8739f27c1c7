import { languageFrom } from '$lib/i18n';
import { getAgency } from '$lib/server/agency';
import type { PageServerLoad } from './$types';

export const load = (({ url }) => {
	const { minimumGroupSize, minimumCommentGroupSize } = getAgency();
	return { language: languageFrom(url), minimumGroupSize, minimumCommentGroupSize };
}) satisfies PageServerLoad;
