import { languageFrom } from '$lib/i18n';
import type { PageServerLoad } from './$types';

export const load = (({ url }) => ({ language: languageFrom(url) })) satisfies PageServerLoad;
