import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readForm } from '$lib/server/form-body';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
	new Request('http://localhost/s/token', {
		method: 'POST',
		body,
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
		// A stream body must be sent half-duplex.
		...(body instanceof ReadableStream ? { duplex: 'half' } : {})
	} as RequestInit);

function streamOf(bytes: number): ReadableStream<Uint8Array> {
	let sent = 0;
	return new ReadableStream({
		pull(controller) {
			if (sent >= bytes) return controller.close();
			const chunk = new TextEncoder().encode('a'.repeat(Math.min(16_384, bytes - sent)));
			sent += chunk.byteLength;
			controller.enqueue(chunk);
		}
	});
}

describe('reading a posted form', () => {
	it('reads a normal survey form', async () => {
		const form = await readForm(post('hr.listen=4&comment=Hola%20%C3%B1'));
		expect(form.get('hr.listen')).toBe('4');
		expect(form.get('comment')).toBe('Hola ñ');
	});

	it('refuses a body that says it is too large, before reading it', async () => {
		await expect(readForm(post('a=1', { 'content-length': String(10 * 1024 * 1024) }))).rejects.toBeInstanceOf(BodyTooLargeError);
	});

	it('stops reading a body without a length once it passes the limit', async () => {
		await expect(readForm(post(streamOf(10 * 1024 * 1024)), 64 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
	});

	it('fails plainly on a body that is not a form', async () => {
		await expect(readForm(post('{"a":1}', { 'content-type': 'application/json' }))).rejects.toThrow(TypeError);
	});
});
