import { createHash } from 'node:crypto';
import { constants, gzipSync } from 'node:zlib';

/**
 * A survey page made once and kept in memory: the same bytes for every respondent of one link in
 * one language, sent as they are, gzipped or not, until what the page is made from changes.
 */
export interface KeptPage {
	/** What the page was made from (see `surveyPageSource`): it is kept only while that reads the same. */
	source: string;
	/** The headers it was first sent with: its content security policy and the security headers. */
	headers: [string, string][];
	plain: Buffer<ArrayBuffer>;
	gzipped: Buffer<ArrayBuffer>;
	/** One tag per form of the body, so a browser never takes one for the other. */
	etags: { plain: string; gzipped: string };
}

/** At most this many pages are kept (a few MB); the least recently sent is dropped first. */
export const MOST_PAGES_KEPT = 300;

/** In the order they were last sent: the first is the least recently used. */
const kept = new Map<string, KeptPage>();

/**
 * The page kept for this address, if it was made from the same `source`. A page whose source has
 * changed (a round opened or closed, a name changed) is dropped here, to be made again.
 */
export function keptPage(address: string, source: string): KeptPage | undefined {
	const page = kept.get(address);
	if (page === undefined) return undefined;
	kept.delete(address);
	if (page.source !== source) return undefined;
	kept.set(address, page);
	return page;
}

/**
 * Keeps a page just made, compressed once with the most effort (it is sent many times), and drops
 * the least recently sent pages beyond the limit.
 */
export function keepPage(address: string, source: string, headers: Headers, plain: Buffer<ArrayBuffer>): KeptPage {
	const tag = createHash('sha256').update(plain).digest('base64url').slice(0, 27);
	const page: KeptPage = {
		source,
		headers: [...headers].filter(([name]) => !['content-length', 'content-encoding', 'etag'].includes(name)),
		plain,
		gzipped: gzipSync(plain, { level: constants.Z_BEST_COMPRESSION }),
		etags: { plain: `"${tag}"`, gzipped: `"${tag}-gzip"` }
	};
	kept.delete(address);
	kept.set(address, page);
	for (const oldest of kept.keys()) {
		if (kept.size <= MOST_PAGES_KEPT) break;
		kept.delete(oldest);
	}
	return page;
}

/** How many pages are kept now. */
export const keptPageCount = () => kept.size;

/** Drops every kept page (tests start from none). */
export function forgetKeptPages(): void {
	kept.clear();
}
