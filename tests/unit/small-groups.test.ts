import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { releaseFigure, slicesToShow } from '$lib/small-groups';

/** Every sum of a subset of the values (the values are few). */
function subsetSums(values: number[]): number[] {
	return values.reduce<number[]>((sums, value) => [...sums, ...sums.map((sum) => sum + value)], [0]);
}

const minimum = fc.integer({ min: 3, max: 12 });
const split = fc
	.tuple(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 6 }), fc.integer({ min: 0, max: 10 }))
	.map(([slices, unassigned]) => ({ slices, total: slices.reduce((sum, n) => sum + n, 0) + unassigned }));

describe('the small-group rules', () => {
	/** A group of one slice per count, each figure resting on the slice's own count. */
	const release = (counts: number[], k: number) =>
		releaseFigure(
			{ value: () => 'whole', measures: [counts.reduce((sum, n) => sum + n, 0)] },
			counts.map((n, index) => ({ responses: n, measures: [n], value: `slice ${index}` })),
			k
		);

	it('hide a whole group below the minimum, and show it from the minimum up', () => {
		expect(release([4], 5).whole).toEqual({ shown: false, reason: 'too-few' });
		expect(release([5], 5).whole).toEqual({ shown: true, value: 'whole', n: 5 });
	});

	it('publish nothing of a hidden figure, not even the count it rests on', () => {
		const { whole, slices } = release([1, 2], 5);
		for (const hidden of [whole, ...slices]) expect(Object.keys(hidden).sort()).toEqual(['reason', 'shown']);
	});

	it('never leave a single slice with responses hidden beside shown ones', () => {
		// Nobody in the first slice gave a score (all "not sure"), so its figure is hidden; the whole
		// minus the others would be its figure exactly, so one more is hidden with it.
		const { slices } = releaseFigure(
			{ value: () => null, measures: [40] },
			[
				{ responses: 6, measures: [0], value: null },
				{ responses: 20, measures: [20], value: null },
				{ responses: 20, measures: [20], value: null }
			],
			5
		);
		expect(slices.map((slice) => slice.shown)).toEqual([false, false, true]);
	});

	it('hide a slice when the rest of its group would be a small group', () => {
		// Drop-in 20, counseling 3: counseling is too few, and drop-in would give it away (23 − 20).
		expect(slicesToShow(23, [20, 3], 5)).toEqual([false, false]);
		// With three programs, hiding the small one alone would still let it be subtracted out.
		expect(slicesToShow(20, [3, 8, 9], 5)).toEqual([false, false, true]);
		// One program alone is the whole group: nothing to subtract.
		expect(slicesToShow(12, [12], 5)).toEqual([true]);
		expect(slicesToShow(30, [12, 18], 5)).toEqual([true, true]);
	});

	it('say why a slice is hidden', () => {
		// From how many responded alone, which managers know: the reason tells nothing of the answers.
		const { slices } = release([20, 3], 5);
		expect(slices.map((slice) => !slice.shown && slice.reason)).toEqual(['protects-a-small-group', 'too-few']);
	});

	it('never let any figure, or any difference of figures, rest on fewer than the minimum, for any split', () => {
		fc.assert(
			fc.property(split, minimum, ({ slices, total }, k) => {
				// Responses that belong to no program make a slice of their own, never shown by itself.
				const all = [...slices, total - slices.reduce((sum, n) => sum + n, 0)];
				const released = release(all, k);
				const whole = released.whole;
				const shownCounts = released.slices.slice(0, -1).flatMap((slice) => (slice.shown ? [slice.n] : []));
				// Directly: every shown figure rests on at least k.
				for (const n of shownCounts) expect(n).toBeGreaterThanOrEqual(k);
				if (whole.shown) expect(total).toBeGreaterThanOrEqual(k);
				else expect(shownCounts).toEqual([]);
				// By subtraction: the whole minus any set of shown slices is empty or at least k.
				if (whole.shown) {
					for (const sum of subsetSums(shownCounts)) {
						const remainder = total - sum;
						expect(remainder === 0 || remainder >= k).toBe(true);
					}
				}
				// Never a single slice with responses left hidden beside shown ones.
				const hidden = released.slices.filter((slice, index) => !slice.shown && all[index] > 0);
				if (shownCounts.length > 0) expect(hidden.length).not.toBe(1);
			}),
			{ numRuns: 2000 }
		);
	});

	it('hold the rules for every count a figure rests on at once (scored answers and everyone who answered)', () => {
		const twoMeasures = fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 5 });
		fc.assert(
			fc.property(twoMeasures, minimum, (pairs, k) => {
				const slices = pairs.map(([scored, unsure]) => [scored, scored + unsure]);
				const totals = [0, 1].map((m) => slices.reduce((sum, slice) => sum + slice[m], 0));
				const shown = slicesToShow(totals, slices, k);
				for (const m of [0, 1]) {
					const shownCounts = slices.filter((_, index) => shown[index]).map((slice) => slice[m]);
					for (const n of shownCounts) expect(n).toBeGreaterThanOrEqual(k);
					if (shownCounts.length > 0) {
						for (const sum of subsetSums(shownCounts)) {
							const remainder = totals[m] - sum;
							expect(remainder === 0 || remainder >= k).toBe(true);
						}
					}
				}
			}),
			{ numRuns: 2000 }
		);
	});

	it('show as much as the rules allow: a slice with room on both sides stays', () => {
		fc.assert(
			fc.property(fc.integer({ min: 5, max: 50 }), fc.integer({ min: 5, max: 50 }), (a, b) => {
				expect(slicesToShow(a + b, [a, b], 5)).toEqual([true, true]);
			})
		);
	});
});
