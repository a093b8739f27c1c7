import { error } from '@sveltejs/kit';
import { messages } from '$lib/i18n';

/** The largest survey form the server reads: far above any real one (a 2,000-character note). */
export const SURVEY_BODY_LIMIT = 64 * 1024;

export class BodyTooLargeError extends Error {
	constructor() {
		super('The form is too large');
	}
}

/**
 * Reads a posted form, refusing to read past `limit` bytes, whatever the request claims its
 * length is, so an oversized body costs the server no more than the limit.
 */
export async function readForm(request: Request, limit = SURVEY_BODY_LIMIT): Promise<URLSearchParams | FormData> {
	const claimed = Number(request.headers.get('content-length') ?? 0);
	if (claimed > limit) throw new BodyTooLargeError();
	const chunks: Uint8Array[] = [];
	let size = 0;
	if (request.body) {
		for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
			size += chunk.byteLength;
			if (size > limit) throw new BodyTooLargeError();
			chunks.push(chunk);
		}
	}
	const body = Buffer.concat(chunks);
	const type = request.headers.get('content-type') ?? '';
	// What a browser posts; read directly, as the Fetch standard reads it, at a fraction of the cost.
	if (/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) return new URLSearchParams(body.toString('utf8'));
	return new Response(body, { headers: { 'content-type': type } }).formData();
}

/** What a signed-in visitor is told when their form is refused before anything reads it (the manage area is in English). */
export const formRefusals = {
	tooLarge: messages.en.pageErrors.tooLarge,
	unreadable: messages.en.pageErrors.unreadable
} satisfies Record<string, App.Error>;

/**
 * The form posted to a sign-in or manage action. A body that can't be read as a form (cut short,
 * a wrong boundary, plain text) is refused with 400 and a plain message, never a server error.
 */
export async function postedForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (problem) {
		// The server stops reading a body past its size limit (BODY_SIZE_LIMIT).
		if ((problem as { status?: unknown } | null)?.status === 413) {
			error(413, formRefusals.tooLarge);
		}
		error(400, formRefusals.unreadable);
	}
}
