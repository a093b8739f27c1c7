import { describe, expect, it } from 'vitest';
import { scoreItem } from '$lib/scoring';

describe('scoring an item', () => {
	it('leaves "not sure" out of the mean and the favourable share', () => {
		// 10 unsure; scores: two 1s, one 3, three 4s, four 5s.
		const score = scoreItem([10, 2, 0, 1, 3, 4]);
		expect(score.n).toBe(10);
		expect(score.unsure).toBe(10);
		expect(score.mean).toBeCloseTo((2 * 1 + 3 + 3 * 4 + 4 * 5) / 10);
		expect(score.favourable).toBeCloseTo(0.7);
		expect(score.distribution).toEqual([2, 0, 1, 3, 4]);
	});

	it('has no mean when nobody gave a score', () => {
		expect(scoreItem([3, 0, 0, 0, 0, 0])).toMatchObject({ n: 0, mean: null, favourable: null });
	});
});
