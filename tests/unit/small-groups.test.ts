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

describe('what the hidden cells themselves say', () => {
	/** A slice's answers to one question: "not sure", 1–5, and skipped. */
	type Answers = number[];
	const slice = (answers: Answers) => {
		const [unsure, ...scores] = answers.slice(0, 6);
		const scored = scores.reduce((sum, n) => sum + n, 0);
		return { responses: answers.reduce((sum, n) => sum + n, 0), measures: [scored, scored + unsure], value: answers.join(',') };
	};
	const release = (groups: Answers[], k: number) => {
		const slices = groups.map(slice);
		const sum = (m: number) => slices.reduce((total, one) => total + one.measures[m], 0);
		return releaseFigure({ value: () => 'whole', measures: [sum(0), sum(1)] }, slices, k);
	};
	const agency = fc.record({
		k: fc.integer({ min: 3, max: 8 }),
		groups: fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 7, maxLength: 7 }), { minLength: 2, maxLength: 5 }),
		pick: fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat())
	});

	it('always include every slice that is small, or hidden beside a small one, by how many responded', () => {
		// Which slices those are is known to a manager; were it to depend on answers, a slice shown
		// beside a small one would tell how the small one answered (skipped, or gave a score).
		fc.assert(
			fc.property(agency, ({ k, groups }) => {
				const sizes = groups.map((answers) => answers.reduce((sum, n) => sum + n, 0));
				const bySize = slicesToShow(
					sizes.reduce((sum, n) => sum + n, 0),
					sizes,
					k
				);
				release(groups, k).slices.forEach((shown, index) => {
					if (!bySize[index]) expect(shown.shown).toBe(false);
				});
			}),
			{ numRuns: 3000 }
		);
		// The case that showed it: one person, five and six; the six gave four scores.
		const one = [0, 0, 0, 1, 0, 0, 0];
		expect(release([one, [0, 0, 0, 5, 0, 0, 0], [2, 0, 0, 4, 0, 0, 0]], 5).slices.map((shown) => shown.shown)).toEqual([
			false,
			false,
			false
		]);
	});

	it('depend on the small groups’ answers only through those groups together', () => {
		fc.assert(
			fc.property(agency, ({ k, groups, pick: [first, second, fromValue, toValue] }) => {
				// The slices that are small by how many responded, which every manager knows.
				const sizes = groups.map((answers) => answers.reduce((sum, n) => sum + n, 0));
				const bySize = slicesToShow(
					sizes.reduce((sum, n) => sum + n, 0),
					sizes,
					k
				);
				const small = groups.map((_, index) => index).filter((index) => !bySize[index] && sizes[index] > 0);
				if (small.length < 2) return;
				// One person in one small group and one in another swap their answers: the small groups
				// together answered the same, each group is as large as before.
				const [a, b] = [small[first % small.length], small[(first + 1 + (second % (small.length - 1))) % small.length]];
				const v = groups[a].findIndex((n, value) => n > 0 && value >= fromValue % 7);
				const w = groups[b].findIndex((n, value) => n > 0 && value >= toValue % 7);
				if (v < 0 || w < 0) return;
				const swapped = groups.map((answers) => [...answers]);
				swapped[a][v]--;
				swapped[a][w]++;
				swapped[b][w]--;
				swapped[b][v]++;
				// Everything published, shown or hidden alike, is the same.
				const before = release(groups, k);
				const after = release(swapped, k);
				expect(after.whole).toEqual(before.whole);
				after.slices.forEach((shown, index) => expect(shown).toEqual(before.slices[index]));
				expect([after.slices[a].shown, after.slices[b].shown]).toEqual([false, false]);
			}),
			{ numRuns: 3000 }
		);
	});
});
