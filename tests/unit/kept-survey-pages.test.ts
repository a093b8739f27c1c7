import { beforeEach, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { forgetKeptPages, keepPage, keptPage, keptPageCount, MOST_PAGES_KEPT } from '$lib/server/kept-survey-pages';
import { renameAgency } from '$lib/server/agency';
import { renameProgram } from '$lib/server/programs';
import { closeRound } from '$lib/server/rounds';
import { surveyPageSource } from '$lib/server/survey';
import { openTestSurvey } from './fixtures';

const page = (text: string) => Buffer.from(`<!doctype html><p>${text}</p>`);
const headers = new Headers({ 'content-type': 'text/html', 'content-security-policy': "default-src 'self'", 'content-length': '99' });

beforeEach(() => forgetKeptPages());

describe('a kept survey page', () => {
	it('is sent as it was made, gzipped once, under one tag per form of its body', () => {
		const kept = keepPage('/s/a', 'source', headers, page('questions'));
		const found = keptPage('/s/a', 'source')!;
		expect(found).toBe(kept);
		expect(found.plain.toString()).toBe('<!doctype html><p>questions</p>');
		expect(gunzipSync(found.gzipped).toString()).toBe('<!doctype html><p>questions</p>');
		expect(found.etags.plain).not.toBe(found.etags.gzipped);
		// Its length is set for each form as it is sent; the policy goes with it.
		expect(Object.fromEntries(found.headers)).toEqual({ 'content-type': 'text/html', 'content-security-policy': "default-src 'self'" });
	});

	it('is dropped once what it was made from reads otherwise', () => {
		keepPage('/s/a', 'open round', headers, page('questions'));
		expect(keptPage('/s/a', 'closed round')).toBeUndefined();
		expect(keptPage('/s/a', 'open round')).toBeUndefined();
		expect(keptPageCount()).toBe(0);
	});

	it('is kept under its own address: another link or language is another page', () => {
		keepPage('/s/a', 'source', headers, page('English'));
		keepPage('/s/a?lang=es', 'source', headers, page('Español'));
		expect(keptPage('/s/a', 'source')!.plain.toString()).toContain('English');
		expect(keptPage('/s/a?lang=es', 'source')!.plain.toString()).toContain('Español');
		expect(keptPage('/s/b', 'source')).toBeUndefined();
	});

	it('gives way to newer pages beyond the limit, the least recently sent first', () => {
		for (let index = 0; index < MOST_PAGES_KEPT; index++) keepPage(`/s/${index}`, 'source', headers, page(String(index)));
		// The first page is sent again, so the second is now the least recently sent.
		expect(keptPage('/s/0', 'source')).toBeDefined();
		keepPage('/s/new', 'source', headers, page('new'));
		expect(keptPageCount()).toBe(MOST_PAGES_KEPT);
		expect(keptPage('/s/1', 'source')).toBeUndefined();
		expect(keptPage('/s/0', 'source')).toBeDefined();
		expect(keptPage('/s/new', 'source')).toBeDefined();
	});
});

describe('what a survey page is made from', () => {
	it('reads otherwise as soon as the round closes, the program or the agency is renamed', () => {
		const { round, program, token } = openTestSurvey('consumer');
		const sources = [surveyPageSource(token)];
		expect(surveyPageSource(token)).toBe(sources[0]);
		renameProgram(program.id, 'Outreach van', 'Furgoneta');
		sources.push(surveyPageSource(token));
		renameAgency('Harbour Street Outreach');
		sources.push(surveyPageSource(token));
		closeRound(round.id);
		sources.push(surveyPageSource(token));
		expect(new Set(sources).size).toBe(4);
	});

	it('is nothing for a link that does not exist', () => {
		expect(surveyPageSource('no-such-link')).toBeNull();
	});
});
