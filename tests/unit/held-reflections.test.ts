import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	HeldReflections,
	REFLECTION_HELD_MINUTES,
	holdReflection,
	holdThanks,
	takeReflection,
	takeThanks
} from '$lib/server/held-reflections';
import type { Reflection } from '$lib/survey-view';

/** A reflection that names itself, so a test can tell which one came back. */
const reflectionOf = (name: string): Reflection => ({
	sections: [],
	generalPrompts: [name],
	copy: { round: { id: 1, name: 'Spring', nameEs: null }, instrument: '2026.2', answers: {} }
});

/** The staff link a reflection was sent from. */
const LINK = 'staff-link-token';

beforeEach(() => {
	vi.useFakeTimers();
});

afterEach(() => {
	vi.useRealTimers();
});

describe('a held reflection', () => {
	it('is shown once: the first take has it, every later take finds nothing', () => {
		const held = new HeldReflections();
		const key = held.hold(reflectionOf('mine'), LINK);
		expect(held.take(key, LINK)).toEqual(reflectionOf('mine'));
		expect(held.take(key, LINK)).toBeNull();
		expect(held.take(key, LINK)).toBeNull();
		expect(held.size).toBe(0);
	});

	it('keeps each person’s reflection under its own key', () => {
		const held = new HeldReflections();
		const first = held.hold(reflectionOf('first'), LINK);
		const second = held.hold(reflectionOf('second'), LINK);
		expect(held.take(second, LINK)).toEqual(reflectionOf('second'));
		expect(held.take(first, LINK)).toEqual(reflectionOf('first'));
	});

	it('is forgotten after its minutes, shown or not, and not before', () => {
		const held = new HeldReflections(10, 5);
		const late = held.hold(reflectionOf('late'), LINK);
		const onTime = held.hold(reflectionOf('on time'), LINK);
		vi.advanceTimersByTime(5 * 60_000 - 1);
		expect(held.take(onTime, LINK)).toEqual(reflectionOf('on time'));
		expect(held.size).toBe(1);
		vi.advanceTimersByTime(1);
		// Gone from memory by itself, not only refused when someone asks.
		expect(held.size).toBe(0);
		expect(held.take(late, LINK)).toBeNull();
	});

	it('is refused once expired even if the clean-up has not run yet', () => {
		const held = new HeldReflections(10, 1);
		const key = held.hold(reflectionOf('late'), LINK);
		// The clock moves on while the event loop is busy: the timer has not fired.
		vi.setSystemTime(Date.now() + 60_000);
		expect(held.take(key, LINK)).toBeNull();
		expect(held.size).toBe(0);
	});

	it('holds a few minutes by default', () => {
		expect(REFLECTION_HELD_MINUTES).toBeGreaterThanOrEqual(2);
		expect(REFLECTION_HELD_MINUTES).toBeLessThanOrEqual(10);
		const key = holdReflection(reflectionOf('default'), LINK);
		vi.advanceTimersByTime(REFLECTION_HELD_MINUTES * 60_000);
		expect(takeReflection(key, LINK)).toBeNull();
	});
});

describe('how many are held', () => {
	it('never holds more than its cap: the one waiting longest is dropped first', () => {
		const held = new HeldReflections(3, 5);
		const keys = ['a', 'b', 'c', 'd', 'e'].map((name) => held.hold(reflectionOf(name), LINK));
		expect(held.size).toBe(3);
		expect(held.take(keys[0], LINK)).toBeNull();
		expect(held.take(keys[1], LINK)).toBeNull();
		expect(keys.slice(2).map((key) => held.take(key, LINK))).toEqual(['c', 'd', 'e'].map(reflectionOf));
	});

	it('makes room again once a reflection is shown', () => {
		const held = new HeldReflections(2, 5);
		const first = held.hold(reflectionOf('first'), LINK);
		held.take(held.hold(reflectionOf('shown'), LINK), LINK);
		const third = held.hold(reflectionOf('third'), LINK);
		expect(held.take(first, LINK)).toEqual(reflectionOf('first'));
		expect(held.take(third, LINK)).toEqual(reflectionOf('third'));
	});
});

describe('the one-time key', () => {
	it('is 160 random bits, new every time, even for the same answers', () => {
		const held = new HeldReflections(5000, 5);
		const same = reflectionOf('same answers');
		const keys = Array.from({ length: 2000 }, () => held.hold(same, LINK));
		for (const key of keys) expect(key).toMatch(/^[a-z2-7]{32}$/);
		expect(new Set(keys).size).toBe(keys.length);
		// Not a counter or a time: no two keys share a long common start.
		const prefixes = new Set(keys.map((key) => key.slice(0, 8)));
		expect(prefixes.size).toBe(keys.length);
	});

	it('must be given whole: a near miss shows nothing and leaves the reflection for its owner', () => {
		const held = new HeldReflections();
		const key = held.hold(reflectionOf('mine'), LINK);
		const nearMisses = [
			'',
			key.slice(0, -1),
			`${key}a`,
			key.toUpperCase(),
			`${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}`,
			` ${key}`
		];
		for (const guess of nearMisses) expect(held.take(guess, LINK), guess).toBeNull();
		expect(held.take(key, LINK)).toEqual(reflectionOf('mine'));
	});

	it('shows the reflection only under the link it was sent from; under another, nothing, and it waits for its owner', () => {
		const held = new HeldReflections();
		const key = held.hold(reflectionOf('mine'), LINK);
		expect(held.take(key, 'another-staff-link')).toBeNull();
		expect(held.take(key, '')).toBeNull();
		expect(held.size).toBe(1);
		expect(held.take(key, LINK)).toEqual(reflectionOf('mine'));
	});
});

describe('a consumer’s thank-you', () => {
	it('says the answers arrived once, under the link they were sent from only', () => {
		const key = holdThanks(LINK);
		expect(takeThanks(key, 'another-link')).toBe(false);
		expect(takeThanks(key, LINK)).toBe(true);
		expect(takeThanks(key, LINK)).toBe(false);
		expect(takeThanks('', LINK)).toBe(false);
	});
});
