import type { Handle } from '@sveltejs/kit';
import { openingProblem } from '../health';

/** Said on every page while the database can't be used: plainly, in both languages. */
const UNAVAILABLE_MESSAGE =
	'Sorry, this service can’t take or show answers right now, and nothing was saved. Please try again later. · ' +
	'Lo sentimos: este servicio no puede recibir ni mostrar respuestas ahora, y no se guardó nada. Intente más tarde.';

const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Any Positive Change</title></head>
<body><main><h1>Any Positive Change</h1><p>${UNAVAILABLE_MESSAGE}</p></main></body>
</html>`;

/**
 * When the database could not be opened or updated, every request is answered 503 with a plain
 * page (and `/healthz` says why), rather than the server stopping and being restarted forever.
 * The page is a response of this hook's own, so the security headers are added to it as usual.
 */
export const databaseAvailable: Handle = ({ event, resolve }) => {
	if (event.route.id === '/healthz' || openingProblem() === null) return resolve(event);
	return new Response(page, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '300' } });
};
