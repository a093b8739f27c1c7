import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { gzippedInBlocks, gzippedTo, paddedTo, sizeFor } from '$lib/server/fixed-size';

const page = (answers: string) => Buffer.from(`<!doctype html><p>${'Your reflection. '.repeat(200)}</p><ul>${answers}</ul>`);

describe('a body at a fixed size', () => {
	it('gzipped: exactly the size asked, and reads back as the body itself', () => {
		const body = page('<li>Often</li>');
		for (const size of [400, 1000, 20_000]) {
			const sent = gzippedTo(body, size);
			expect(sent.length).toBe(size);
			expect(gunzipSync(sent).equals(body)).toBe(true);
		}
	});

	it('gzipped in blocks: bodies whose compressed sizes differ come out at one size', () => {
		const bodies = [
			'',
			'<li>Never</li>',
			'<li>Sometimes</li>'.repeat(40),
			Array.from({ length: 60 }, (_, i) => `<li>${i * 7919}</li>`).join('')
		].map(page);
		// Plainly gzipped, each comes out at a size of its own.
		expect(new Set(bodies.map((body) => gzipSync(body).length)).size).toBe(bodies.length);
		const sizes = new Set(bodies.map((body) => gzippedInBlocks(body, 4096).length));
		expect([...sizes]).toEqual([4096]);
		for (const body of bodies) expect(gunzipSync(gzippedInBlocks(body, 4096)).equals(body)).toBe(true);
	});

	it('gzipped in blocks: a body larger than one block takes the next whole number of blocks', () => {
		const random = randomBytes(6000);
		expect(gzippedInBlocks(random, 4096).length).toBe(8192);
	});

	it('refuses a size the body can not fit, and a block gzip can not pad', () => {
		expect(() => gzippedTo(page(''), 50)).toThrow(RangeError);
		expect(() => gzippedInBlocks(page(''), 100_000)).toThrow(RangeError);
	});

	it('plain: trailing spaces up to the size, the body unchanged before them', () => {
		const body = Buffer.from('{"type":"data"}');
		const sent = paddedTo(body, sizeFor(body.length, 64));
		expect(sent.length).toBe(64);
		expect(sent.subarray(0, body.length).equals(body)).toBe(true);
		expect(sent.subarray(body.length).toString()).toBe(' '.repeat(64 - body.length));
		expect(JSON.parse(sent.toString())).toEqual({ type: 'data' });
		expect(sizeFor(65, 64)).toBe(128);
		expect(sizeFor(0, 64)).toBe(64);
		expect(() => paddedTo(body, 4)).toThrow(RangeError);
	});
});
