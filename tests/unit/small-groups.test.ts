import fc from 'fast-check';
import highsLoader from 'highs';
import { describe, expect, it } from 'vitest';
import { answersWithSkips, hiddenCountBounds, hiddenReasonText, releaseFigure, slicesToShow } from '$lib/small-groups';

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

describe('the union check: nothing about a small hidden group can be bounded', () => {
	/** Slices answering one question: per slice, how many gave each answer ("not sure", then the scores). */
	const figure = (groups: number[][], responses: number[]) => {
		const slices = groups.map((answers, index) => {
			const answered = answers.reduce((sum, n) => sum + n, 0);
			const scored = answered - answers[0];
			return { responses: responses[index], measures: [scored, answered], value: answers.join(','), answers };
		});
		const together = groups[0].map((_, value) => groups.reduce((sum, answers) => sum + answers[value], 0));
		const scored = together.slice(1).reduce((sum, n) => sum + n, 0);
		return { whole: { value: () => together.join(','), measures: [scored, scored + together[0]] }, slices };
	};
	const release = (groups: number[][], responses: number[], k: number) => {
		const { whole, slices } = figure(groups, responses);
		return releaseFigure(whole, slices, k);
	};
	/** Every way `total` people can give one of `values` answers (skipping counts as one). */
	function ways(total: number, values: number): number[][] {
		if (values === 1) return [[total]];
		return Array.from({ length: total + 1 }, (_, first) => ways(total - first, values - 1).map((rest) => [first, ...rest])).flat();
	}
	/** How each hidden slice's answers add up across the hidden slices together (skips first), when the whole is shown. */
	const hiddenTogether = (groups: number[][], responses: number[], shown: boolean[]) =>
		answersWithSkips(groups[0], 0).map((_, value) =>
			groups.reduce((sum, answers, index) => sum + (shown[index] ? 0 : answersWithSkips(answers, responses[index])[value]), 0)
		);

	it('hide the whole of 4, 1 and 1 when most of them gave one answer, and show it when they did not', () => {
		// Staff of 4, 1 and 1, only "All programs" shown: 4 "Always" would put at least 2 in the four.
		const crowded = release(
			[
				[0, 0, 0, 0, 0, 4],
				[0, 0, 0, 0, 1, 0],
				[0, 0, 0, 0, 1, 0]
			],
			[4, 1, 1],
			5
		);
		expect(crowded.whole).toEqual({ shown: false, reason: 'protects-smaller-groups' });
		expect(hiddenReasonText('protects-smaller-groups', 5)).toBe('hidden so that no smaller group can be worked out');
		const spread = release(
			[
				[0, 0, 0, 1, 1, 2],
				[0, 0, 0, 0, 1, 0],
				[0, 0, 0, 1, 0, 0]
			],
			[4, 1, 1],
			5
		);
		expect(spread.whole).toMatchObject({ shown: true, n: 6 });
	});

	it('hide one more slice beside a 4 and a 2 whose union has a dominant answer', () => {
		// Night shelter 4 and outreach van 2 hidden: "Always" 4 times, "Often" twice. The van holds at
		// most 2 of the 4, so at least 2 of the shelter's 4 said Always, unless a larger slice joins them.
		const drop = [0, 1, 2, 4, 8, 7];
		const housing = [2, 0, 3, 6, 9, 10];
		const shelter = [0, 0, 0, 0, 1, 3];
		const van = [0, 0, 0, 0, 1, 1];
		const released = release([drop, housing, shelter, van], [22, 30, 4, 2], 5);
		expect(released.whole.shown).toBe(true);
		expect(released.slices.map((slice) => slice.shown)).toEqual([false, true, false, false]);
		expect(released.slices[0]).toEqual({ shown: false, reason: 'protects-a-small-group' });
	});

	it('leave the released figures safe: no answer among the hidden slices exceeds the room beside the largest small one', () => {
		const agencies = fc.record({
			k: fc.integer({ min: 3, max: 8 }),
			groups: fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 7, maxLength: 7 }), { minLength: 1, maxLength: 5 })
		});
		fc.assert(
			fc.property(agencies, ({ k, groups }) => {
				const responses = groups.map((answers) => answers.reduce((sum, n) => sum + n, 0));
				const released = release(
					groups.map((answers) => answers.slice(1)),
					responses,
					k
				);
				if (!released.whole.shown) return;
				const shown = released.slices.map((slice) => slice.shown);
				const together = hiddenTogether(
					groups.map((answers) => answers.slice(1)),
					responses,
					shown
				);
				const hiddenResponses = responses.reduce((sum, n, index) => sum + (shown[index] ? 0 : n), 0);
				const small = responses.filter((n, index) => !shown[index] && n > 0 && n < k);
				if (small.length === 0) return;
				for (const count of together) expect(count).toBeLessThanOrEqual(hiddenResponses - Math.max(...small));
			}),
			{ numRuns: 3000 }
		);
	});

	it('only ever hide more than the rest of the rules', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 3, max: 8 }),
				fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
				(k, groups) => {
					const responses = groups.map((answers) => answers.reduce((sum, n) => sum + n, 0));
					const { whole, slices } = figure(groups, responses);
					const checked = releaseFigure(whole, slices, k);
					const unchecked = releaseFigure(
						whole,
						slices.map(({ answers: _, ...rest }) => rest),
						k
					);
					if (!unchecked.whole.shown) expect(checked.whole).toEqual(unchecked.whole);
					checked.slices.forEach((slice, index) => {
						if (slice.shown) expect(unchecked.slices[index]).toEqual(slice);
					});
				}
			),
			{ numRuns: 2000 }
		);
	});

	it('put the same bounds on every hidden slice as an integer program over what is published (HiGHS)', async () => {
		const highs = await highsLoader();
		/** The least or greatest one hidden slice's count of one answer can be, given each hidden slice's size and their answers together. */
		const solve = (sizes: number[], together: number[], slice: number, value: number, sense: 'Maximize' | 'Minimize') => {
			const name = (g: number, v: number) => `x${g}_${v}`;
			const lp = [
				sense,
				` obj: ${name(slice, value)}`,
				'Subject To',
				...sizes.map((size, g) => ` r${g}: ${together.map((_, v) => name(g, v)).join(' + ')} = ${size}`),
				...together.map((count, v) => ` c${v}: ${sizes.map((_, g) => name(g, v)).join(' + ')} = ${count}`),
				'Bounds',
				...sizes.flatMap((size, g) => together.map((_, v) => ` 0 <= ${name(g, v)} <= ${size}`)),
				'General',
				` ${sizes.flatMap((_, g) => together.map((_, v) => name(g, v))).join(' ')}`,
				'End'
			].join('\n');
			const solution = highs.solve(lp, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0 } as never);
			expect(solution.Status).toBe('Optimal');
			return Math.round(solution.ObjectiveValue);
		};
		const agencies = fc.record({
			k: fc.integer({ min: 3, max: 8 }),
			groups: fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 7, maxLength: 7 }), { minLength: 2, maxLength: 5 })
		});
		let compared = 0;
		await fc.assert(
			fc.asyncProperty(agencies, async ({ k, groups }) => {
				const answers = groups.map((counts) => counts.slice(1));
				const responses = groups.map((counts) => counts.reduce((sum, n) => sum + n, 0));
				const released = release(answers, responses, k);
				if (!released.whole.shown) return;
				const shown = released.slices.map((slice) => slice.shown);
				const together = hiddenTogether(answers, responses, shown);
				const hidden = responses.flatMap((n, index) => (!shown[index] && n > 0 ? [index] : []));
				const hiddenResponses = hidden.reduce((sum, index) => sum + responses[index], 0);
				const small = hidden.filter((index) => responses[index] < k);
				hidden.forEach((index, position) => {
					const bounds = hiddenCountBounds(together, responses[index], hiddenResponses);
					bounds.forEach(({ lower, upper }, value) => {
						compared++;
						expect(
							solve(
								hidden.map((g) => responses[g]),
								together,
								position,
								value,
								'Minimize'
							)
						).toBe(lower);
						expect(
							solve(
								hidden.map((g) => responses[g]),
								together,
								position,
								value,
								'Maximize'
							)
						).toBe(upper);
						// And what the check is for: no small hidden slice has a floor above 0.
						if (small.includes(index)) expect(lower).toBe(0);
					});
				});
			}),
			{ numRuns: 100 }
		);
		expect(compared).toBeGreaterThan(150);
	}, 120_000);

	it('give nothing away to someone who knows the rule: every set of scores that publishes the same leaves each small hidden count free to be 0', () => {
		// The exact attacker who knows the rule: every way the slices could have answered (a few scores,
		// small slices), grouped by what would be published; within each group, every small hidden
		// slice's count of every score must be 0 in some way of answering. Everyone gives a score here,
		// so that the check's own reasoning is what is tested: a slice hidden for its own "not sure"
		// answers tells more, by the rest of the rules (see the README).
		const agencies = fc
			.record({
				k: fc.integer({ min: 3, max: 5 }),
				scores: fc.integer({ min: 2, max: 3 }),
				sizes: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 2, maxLength: 4 })
			})
			.filter(({ scores, sizes }) => sizes.reduce((product, n) => product * ways(n, scores).length, 1) <= 40_000);
		const designed = [
			{ k: 5, scores: 3, sizes: [4, 2, 6] },
			{ k: 5, scores: 3, sizes: [4, 1, 1] },
			{ k: 5, scores: 3, sizes: [6, 1, 5] },
			{ k: 5, scores: 3, sizes: [4, 2, 5, 5] },
			{ k: 3, scores: 3, sizes: [2, 1, 3, 3] }
		];
		let classes = 0;
		const check = ({ k, scores, sizes }: { k: number; scores: number; sizes: number[] }) => {
			const published = new Map<string, number[][]>();
			const every = sizes.reduce<number[][][]>(
				(all, size) => all.flatMap((before) => ways(size, scores).map((slice) => [...before, slice])),
				[[]]
			);
			for (const scored of every) {
				const released = release(
					scored.map((slice) => [0, ...slice]),
					sizes,
					k
				);
				const key = JSON.stringify(released);
				// The least each slice's count of each score can be, among the ways that publish this.
				const least = published.get(key);
				published.set(key, least ? least.map((counts, g) => counts.map((n, v) => Math.min(n, scored[g][v]))) : scored);
			}
			for (const [key, least] of published) {
				classes++;
				const released = JSON.parse(key) as ReturnType<typeof release>;
				released.slices.forEach((slice, g) => {
					if (!slice.shown && sizes[g] > 0 && sizes[g] < k) {
						expect(least[g], `${JSON.stringify({ k, sizes })} ${key} slice ${g}`).toEqual(least[g].map(() => 0));
					}
				});
			}
		};
		for (const agency of designed) check(agency);
		fc.assert(fc.property(agencies, check), { numRuns: 60 });
		expect(classes).toBeGreaterThan(1000);
	}, 120_000);
});
