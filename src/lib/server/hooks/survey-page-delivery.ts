import type { Handle, RequestEvent } from '@sveltejs/kit';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { languageFrom, withLanguage } from '$lib/i18n';
import { gzippedInBlocks, paddedTo, REFLECTION_GZIP_BLOCK, REFLECTION_PLAIN_BLOCK, sizeFor } from '../fixed-size';
import { isSurveyRoute } from '../guard';
import { openingProblem } from '../health';
import { keepPage, keptPage, type KeptPage } from '../kept-survey-pages';
import { surveyPageSource } from '../survey';

const gzipAsync = promisify(gzip);

/** Pages smaller than this go as they are: compressing them saves less than it costs. */
const SMALLEST_WORTH_COMPRESSING = 1024;

/** The survey page of a link: the one page every respondent of a link opens alike. */
const surveyLinkPage = '/(survey)/s/[token]';
/** The page that shows a staff member their own answers, and its data for a page drawn in the browser. */
const REFLECTION_ROUTE = '/(survey)/s/[token]/reflection';

/**
 * Survey pages, made light for a respondent on a slow phone connection:
 * - a link's survey page is made once per language and kept in memory, then sent as it is to
 *   everyone who opens it (already compressed, with its ETag), as long as its link, round,
 *   program and the agency read the same; see `keptAddress` for which requests it serves;
 * - gzipped when the browser accepts it, about a fifth of their size (scripts and styles are
 *   compressed once, at build time). Only survey pages: they hold nothing secret, so how well
 *   one compresses can't give a secret away;
 * - with no early fetching of the scripts, so the questions show first. The form works without
 *   them (it posts as a plain form); they add sending in place once they arrive.
 */
export const surveyPageDelivery: Handle = async ({ event, resolve }) => {
	const survey = isSurveyRoute(event.route.id);
	const address = keptAddress(event);
	const source = address === null ? null : surveyPageSource(event.params.token!);
	if (address !== null && source !== null) {
		const page = keptPage(address, source);
		if (page) return sendKept(page, event.request);
	}

	const response = await resolve(event, survey ? { preload: ({ type }) => type !== 'js' } : undefined);
	if (event.route.id === REFLECTION_ROUTE) return atFixedSize(response, acceptsGzip(event.request));
	if (!survey || !response.headers.get('content-type')?.startsWith('text/html')) return response;
	if (address !== null && source !== null && response.status === 200 && !response.headers.has('set-cookie')) {
		return sendKept(keepPage(address, source, response.headers, Buffer.from(await response.arrayBuffer())), event.request);
	}
	response.headers.append('vary', 'Accept-Encoding');
	if (!acceptsGzip(event.request) || response.headers.has('content-encoding')) return response;
	const body = Buffer.from(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	if (body.length < SMALLEST_WORTH_COMPRESSING) return new Response(body, { status: response.status, headers });
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	return new Response(await gzipAsync(body), { status: response.status, statusText: response.statusText, headers });
};

/**
 * Where a request's page may be kept, or null. Only a plain GET of a link's survey page, by its
 * own address or with a language, is the same for everyone. Anything else may carry something
 * of one person and is made for them alone: a form sent back refused, a page made after any post
 * (a language switch keeping answers), a slip's code in the address, a kiosk, a reflection.
 */
function keptAddress(event: RequestEvent): string | null {
	const { url, request } = event;
	if (event.route.id !== surveyLinkPage || request.method !== 'GET' || event.isDataRequest) return null;
	// With no database there is nothing to make a page from (and databaseAvailable says so).
	if (openingProblem() !== null) return null;
	const plainAddress = withLanguage(new URL(url.pathname, url), languageFrom(url));
	return url.search === '' || url.pathname + url.search === plainAddress ? url.pathname + url.search : null;
}

/**
 * A kept page, gzipped when the browser takes it; or "not modified" when the browser already
 * holds this very page (If-None-Match).
 */
function sendKept(page: KeptPage, request: Request): Response {
	const gzipped = acceptsGzip(request);
	const etag = gzipped ? page.etags.gzipped : page.etags.plain;
	const headers = new Headers(page.headers);
	headers.set('etag', etag);
	headers.append('vary', 'Accept-Encoding');
	const held = request.headers.get('if-none-match')?.split(',') ?? [];
	if (held.some((tag) => tag.trim().replace(/^W\//, '') === etag)) return new Response(null, { status: 304, headers });
	const body = gzipped ? page.gzipped : page.plain;
	if (gzipped) headers.set('content-encoding', 'gzip');
	headers.set('content-length', String(body.length));
	return new Response(body, { status: 200, headers });
}

/**
 * A reflection, page or data, sent at a size its answers can't move: gzipped with padding in the
 * gzip header, or plain with trailing spaces, both to a fixed block. `no-transform` asks a proxy
 * in front not to compress it again, which would make its size speak once more.
 */
async function atFixedSize(response: Response, gzip: boolean): Promise<Response> {
	const body = Buffer.from(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	headers.append('vary', 'Accept-Encoding');
	headers.set('cache-control', 'no-store, no-transform');
	const sent = gzip ? gzippedInBlocks(body, REFLECTION_GZIP_BLOCK) : paddedTo(body, sizeFor(body.length, REFLECTION_PLAIN_BLOCK));
	if (gzip) headers.set('content-encoding', 'gzip');
	headers.set('content-length', String(sent.length));
	return new Response(new Uint8Array(sent), { status: response.status, statusText: response.statusText, headers });
}

/** Whether the browser takes gzip: named in Accept-Encoding, and not with q=0. */
function acceptsGzip(request: Request): boolean {
	const gzip = /(?:^|,)\s*gzip\s*(?:;\s*q=([\d.]+))?\s*(?:,|$)/i.exec(request.headers.get('accept-encoding') ?? '');
	return gzip !== null && (gzip[1] === undefined || Number(gzip[1]) > 0);
}
