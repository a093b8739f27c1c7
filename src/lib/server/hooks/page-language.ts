import type { Handle } from '@sveltejs/kit';
import { languageFrom } from '$lib/i18n';

/** Sets `<html lang>` from the language in the URL, so screen readers speak the page rightly. */
export const pageLanguage: Handle = ({ event, resolve }) => {
	const language = languageFrom(event.url);
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', language) });
};
