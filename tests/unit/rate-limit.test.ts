import { describe, expect, it } from 'vitest';
import { RefillingTokenBucket } from '$lib/server/rate-limit';

describe('the in-memory rate limit', () => {
	it('allows a burst, then one more per refill interval', () => {
		let now = 0;
		const bucket = new RefillingTokenBucket(3, 30, () => now);
		expect([1, 2, 3].map(() => bucket.consume('a'))).toEqual([true, true, true]);
		expect(bucket.consume('a')).toBe(false);
		now += 29_000;
		expect(bucket.consume('a')).toBe(false);
		now += 1_000;
		expect(bucket.consume('a')).toBe(true);
		expect(bucket.consume('a')).toBe(false);
	});

	it('keeps each client apart', () => {
		const bucket = new RefillingTokenBucket(1, 60, () => 0);
		expect(bucket.consume('a')).toBe(true);
		expect(bucket.consume('a')).toBe(false);
		expect(bucket.consume('b')).toBe(true);
	});

	it('never refills past the burst size', () => {
		let now = 0;
		const bucket = new RefillingTokenBucket(2, 1, () => now);
		now += 3_600_000;
		expect([1, 2, 3].map(() => bucket.consume('a'))).toEqual([true, true, false]);
	});
});
