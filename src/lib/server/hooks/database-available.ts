import type { Handle } from '@sveltejs/kit';
import { languageFrom, messages, PRODUCT_NAME } from '$lib/i18n';
import type { Language } from '$lib/instruments';
import { openingProblem } from '../health';

/**
 * Said on every page while the database can't be used: plainly, in the address's language first
 * and then in the other, each marked with its language.
 */
function unavailablePage(language: Language): string {
	const other: Language = language === 'en' ? 'es' : 'en';
	return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title lang="en">${PRODUCT_NAME.text}</title></head>
<body><main><h1 lang="en">${PRODUCT_NAME.text}</h1><p>${messages[language].pageErrors.unavailable}</p><p lang="${other}">${messages[other].pageErrors.unavailable}</p></main></body>
</html>`;
}

/**
 * When the database could not be opened or updated, every request is answered 503 with a plain
 * page (and `/healthz` says why), rather than the server stopping and being restarted forever.
 * The page is a response of this hook's own, so the security headers are added to it as usual.
 */
export const databaseAvailable: Handle = ({ event, resolve }) => {
	if (event.route.id === '/healthz' || openingProblem() === null) return resolve(event);
	return new Response(unavailablePage(languageFrom(event.url)), {
		status: 503,
		headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '300' }
	});
};
