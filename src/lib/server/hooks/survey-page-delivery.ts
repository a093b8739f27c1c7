import type { Handle } from '@sveltejs/kit';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { isSurveyRoute } from '../guard';

const gzipAsync = promisify(gzip);

/** Pages smaller than this go as they are: compressing them saves less than it costs. */
const SMALLEST_WORTH_COMPRESSING = 1024;

/**
 * Survey pages, made light for a respondent on a slow phone connection:
 * - gzipped when the browser accepts it, about a fifth of their size (scripts and styles are
 *   compressed once, at build time). Only survey pages: they hold nothing secret, so how well
 *   one compresses can't give a secret away;
 * - with no early fetching of the scripts, so the questions show first. The form works without
 *   them (it posts as a plain form); they add sending in place once they arrive.
 */
export const surveyPageDelivery: Handle = async ({ event, resolve }) => {
	const survey = isSurveyRoute(event.route.id);
	const response = await resolve(event, survey ? { preload: ({ type }) => type !== 'js' } : undefined);
	if (!survey || !response.headers.get('content-type')?.startsWith('text/html')) return response;
	response.headers.append('vary', 'Accept-Encoding');
	if (!acceptsGzip(event.request) || response.headers.has('content-encoding')) return response;
	const body = Buffer.from(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	if (body.length < SMALLEST_WORTH_COMPRESSING) return new Response(body, { status: response.status, headers });
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	return new Response(await gzipAsync(body), { status: response.status, statusText: response.statusText, headers });
};

/** Whether the browser takes gzip: named in Accept-Encoding, and not with q=0. */
function acceptsGzip(request: Request): boolean {
	const gzip = /(?:^|,)\s*gzip\s*(?:;\s*q=([\d.]+))?\s*(?:,|$)/i.exec(request.headers.get('accept-encoding') ?? '');
	return gzip !== null && (gzip[1] === undefined || Number(gzip[1]) > 0);
}
