import { error, type Handle } from '@sveltejs/kit';
import { openingProblem } from '../health';

/** Said on every page while the database can't be used: plainly, in both languages. */
export const UNAVAILABLE_MESSAGE =
	'Sorry, this service can’t take or show answers right now, and nothing was saved. Please try again later. · ' +
	'Lo sentimos: este servicio no puede recibir ni mostrar respuestas ahora, y no se guardó nada. Intente más tarde.';

/**
 * When the database could not be opened or updated, every request is answered 503 with a plain
 * page (and `/healthz` says why), rather than the server stopping and being restarted forever.
 */
export const databaseAvailable: Handle = ({ event, resolve }) => {
	if (event.route.id === '/healthz' || openingProblem() === null) return resolve(event);
	error(503, { message: UNAVAILABLE_MESSAGE });
};
