import { afterEach, describe, expect, it, vi } from 'vitest';
import { linkOrigin, logRefusedOrigin, refusedFormOrigin, refusedFormResponse } from '$lib/server/form-origin';

const ORIGIN = new URL('http://localhost:3000/s/token');

function form(headers: Record<string, string>, method = 'POST', type = 'application/x-www-form-urlencoded') {
	return new Request(ORIGIN, { method, headers: { 'content-type': type, ...headers }, body: method === 'GET' ? undefined : 'hr.listen=4' });
}

describe('which forms are taken', () => {
	it('takes forms from ORIGIN, and anything that is not a form', () => {
		expect(refusedFormOrigin(form({ origin: 'http://localhost:3000' }), ORIGIN, false)).toBeNull();
		expect(refusedFormOrigin(form({ origin: 'https://elsewhere.example' }, 'GET'), ORIGIN, false)).toBeNull();
		expect(refusedFormOrigin(form({ origin: 'https://elsewhere.example' }, 'POST', 'application/json'), ORIGIN, false)).toBeNull();
	});

	it('refuses every form a browser can send from another origin, or with none', () => {
		for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'TEXT/PLAIN;charset=utf-8']) {
			expect(refusedFormOrigin(form({ origin: 'https://elsewhere.example' }, 'POST', type), ORIGIN, false), type).toBe(
				'https://elsewhere.example'
			);
		}
		expect(refusedFormOrigin(form({ origin: 'null' }), ORIGIN, false)).toBe('null');
		expect(refusedFormOrigin(form({}), ORIGIN, false)).toBe('');
		expect(refusedFormOrigin(form({ origin: 'http://localhost:3000.elsewhere.example' }), ORIGIN, false)).not.toBeNull();
	});

	it('in production, refuses a form from the address the browser used when it is not ORIGIN', () => {
		const fromTablet = form({ origin: 'http://192.168.1.20:3000', host: '192.168.1.20:3000' });
		expect(refusedFormOrigin(fromTablet, ORIGIN, false)).toBe('http://192.168.1.20:3000');
	});

	it('in the demo, takes a form from the address the browser used, and from nowhere else', () => {
		const tablet = { host: '192.168.1.20:3000' };
		expect(refusedFormOrigin(form({ ...tablet, origin: 'http://192.168.1.20:3000' }), ORIGIN, true)).toBeNull();
		expect(refusedFormOrigin(form({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }), ORIGIN, true)).toBeNull();
		// Another site, another scheme, another port, or no origin at all are still refused.
		expect(refusedFormOrigin(form({ ...tablet, origin: 'https://elsewhere.example' }), ORIGIN, true)).toBe('https://elsewhere.example');
		expect(refusedFormOrigin(form({ ...tablet, origin: 'https://192.168.1.20:3000' }), ORIGIN, true)).toBe('https://192.168.1.20:3000');
		expect(refusedFormOrigin(form({ ...tablet, origin: 'http://192.168.1.20:4000' }), ORIGIN, true)).toBe('http://192.168.1.20:4000');
		expect(refusedFormOrigin(form({ ...tablet, origin: 'null' }), ORIGIN, true)).toBe('null');
		expect(refusedFormOrigin(form(tablet), ORIGIN, true)).toBe('');
	});
});

describe('a refused form', () => {
	afterEach(() => vi.restoreAllMocks());

	it('is logged once per origin, saying what to set ORIGIN to', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		logRefusedOrigin('http://192.168.1.20:3000', 'http://localhost:3000');
		logRefusedOrigin('http://192.168.1.20:3000', 'http://localhost:3000');
		logRefusedOrigin('null', 'http://localhost:3000');
		expect(warn.mock.calls.map(([line]) => line)).toEqual([
			'Refused a form sent from "http://192.168.1.20:3000": forms are taken only from http://localhost:3000. If people reach this service at http://192.168.1.20:3000, set ORIGIN=http://192.168.1.20:3000 and restart the server.',
			'Refused a form sent with the origin "null" (a browser\'s privacy setting, or another site): forms are taken only from http://localhost:3000, set by ORIGIN.'
		]);
	});

	it('is logged for at most 20 origins, so forged ones can’t fill the log', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		for (let i = 0; i < 100; i++) logRefusedOrigin(`https://forged-${i}.example`, 'http://localhost:3000');
		expect(warn.mock.calls.length).toBeLessThanOrEqual(20);
	});

	it('gets a plain page saying nothing was saved and where the service is, with nothing of the request unescaped', async () => {
		const url = new URL('http://localhost:3000/login"><script>alert(1)</script>');
		const response = refusedFormResponse(new Request(url, { method: 'POST' }), url);
		expect(response.status).toBe(403);
		const page = await response.text();
		expect(page).toContain('Nothing was saved');
		expect(page).toContain('http://localhost:3000/login');
		expect(page).not.toContain('<script>');
	});

	it('sent with JavaScript, gets an error its page can show', async () => {
		const url = new URL('http://localhost:3000/manage/settings?/addProgram');
		const request = new Request(url, { method: 'POST', headers: { 'x-sveltekit-action': 'true', accept: 'application/json' } });
		const response = refusedFormResponse(request, url);
		expect(response.status).toBe(403);
		expect(await response.json()).toMatchObject({ type: 'error', error: { message: expect.stringContaining('Nothing was saved') } });
	});
});

describe('the address printed on links, posters and slips', () => {
	afterEach(() => vi.unstubAllEnvs());
	const page = (host: string) => new Request(ORIGIN, { headers: { host } });

	it('is ORIGIN in production, whatever address the browser used', () => {
		vi.stubEnv('DEMO', '');
		expect(linkOrigin(page('192.168.1.20:3000'), ORIGIN)).toBe('http://localhost:3000');
	});

	it('is the address the browser used in the demo, so a tablet on the same Wi-Fi can follow a poster', () => {
		vi.stubEnv('DEMO', '1');
		expect(linkOrigin(page('192.168.1.20:3000'), ORIGIN)).toBe('http://192.168.1.20:3000');
		expect(linkOrigin(page('[fe80::1]:3000'), ORIGIN)).toBe('http://[fe80::1]:3000');
		// A Host header that is not an address is not printed.
		expect(linkOrigin(page('evil.example/"><script>'), ORIGIN)).toBe('http://localhost:3000');
	});
});
