import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	benjaminiHochberg,
	changeWords,
	gapWords,
	judgeTogether,
	meanInterval,
	newcombeDifference,
	normalCdf,
	normalQuantile,
	sampleOf,
	studentTCdf,
	studentTQuantile,
	welchDifference,
	wilsonInterval,
	type Interval
} from '$lib/statistics';

const to4 = (interval: Interval | null) => interval && [Number(interval.low.toFixed(4)), Number(interval.high.toFixed(4))];

describe('the t and normal distributions', () => {
	it('give the two-sided 95% critical values of a printed t table', () => {
		// Any t table (e.g. Moore, McCabe & Craig, Introduction to the Practice of Statistics, Table D).
		const table: [number, number][] = [
			[1, 12.706],
			[2, 4.303],
			[5, 2.571],
			[10, 2.228],
			[20, 2.086],
			[30, 2.042],
			[60, 2.0],
			[120, 1.98]
		];
		for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 3);
		expect(studentTQuantile(0.995, 10)).toBeCloseTo(3.169, 3);
		expect(studentTQuantile(0.95, 5)).toBeCloseTo(2.015, 3);
		expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228, 3);
		expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.96, 3);
	});

	it('puts the table values back at their tail areas', () => {
		expect(studentTCdf(2.228, 10)).toBeCloseTo(0.975, 4);
		expect(studentTCdf(-2.571, 5)).toBeCloseTo(0.025, 4);
		expect(studentTCdf(0, 7.3)).toBeCloseTo(0.5, 12);
	});

	it('gives the normal quantiles and tail areas of a printed z table', () => {
		expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
		expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 6);
		expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
		expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
		expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
		expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
	});
});

describe('intervals for one figure', () => {
	it('gives the t interval for a mean of 1–5 answers, kept on the scale', () => {
		// 2×1, 3×2, 10×3, 12×4, 8×5: n 35, mean 3.6, s 1.1167; t(0.975, 34) = 2.0322.
		const sample = sampleOf([2, 3, 10, 12, 8]);
		expect(sample.n).toBe(35);
		expect(sample.mean).toBeCloseTo(3.6, 12);
		expect(sample.sd).toBeCloseTo(1.116718, 6);
		expect(to4(meanInterval(sample))).toEqual([3.2164, 3.9836]);
		// Five answers of 5 and one of 1: the t interval would reach past 5, and is cut at the scale's end.
		expect(meanInterval(sampleOf([1, 0, 0, 0, 5]))!.high).toBe(5);
		expect(meanInterval(sampleOf([0, 0, 1, 0, 0]))).toBeNull();
	});

	it('gives the Wilson intervals of Newcombe’s worked examples for one proportion', () => {
		// Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of seven
		// methods. Statistics in Medicine 1998; 17:857–872, Table II, method 3 (score, no continuity correction).
		expect(to4(wilsonInterval(81, 263))).toEqual([0.2553, 0.3662]);
		expect(to4(wilsonInterval(15, 148))).toEqual([0.0624, 0.1605]);
		expect(to4(wilsonInterval(0, 20))).toEqual([0, 0.1611]);
		expect(to4(wilsonInterval(1, 29))).toEqual([0.0061, 0.1718]);
		expect(wilsonInterval(0, 0)).toBeNull();
	});
});

describe('intervals for a difference', () => {
	it('gives Welch’s interval of the NIST handbook’s two-sample example', () => {
		// NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.5.3 "Two-Sample t-Test for Equal Means"
		// (AUTO83B: US cars, n 249, mean 20.14458, s 6.41470; Japanese cars, n 79, mean 30.48101,
		// s 6.10771). Unequal variances: T = -12.94627, ν = 136.8750, t(0.975, ν) = 1.9774.
		const us = { n: 249, mean: 20.14458, sd: 6.4147 };
		const japan = { n: 79, mean: 30.48101, sd: 6.10771 };
		const welch = welchDifference(us, japan);
		expect(welch.df).toBeCloseTo(136.875, 3);
		const se = Math.sqrt(us.sd ** 2 / us.n + japan.sd ** 2 / japan.n);
		expect(welch.difference / se).toBeCloseTo(-12.94627, 4);
		const interval = welch.intervalAt(0.95);
		expect((interval.high - interval.low) / 2 / se).toBeCloseTo(1.9774, 4);
		expect(welch.p).toBeLessThan(1e-20);
	});

	it('gives Welch’s p-value of a worked example', () => {
		// Welch's t-test, Wikipedia, "Examples", first pair of samples (A1, A2): t = −2.46, ν ≈ 25.0, p = 0.021.
		const sample = (values: number[]) => {
			const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
			const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
			return { n: values.length, mean, sd };
		};
		const a1 = sample([27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4]);
		const a2 = sample([27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4]);
		const welch = welchDifference(a1, a2);
		expect(welch.df).toBeCloseTo(25.0, 1);
		expect(welch.p).toBeCloseTo(0.021, 3);
		const interval = welch.intervalAt(1 - welch.p);
		// At the confidence of its own p-value, the interval just touches zero.
		expect(interval.high).toBeCloseTo(0, 6);
	});

	it('gives Newcombe’s hybrid score intervals of his eight worked examples', () => {
		// Newcombe RG. Interval estimation for the difference between independent proportions:
		// comparison of eleven methods. Statistics in Medicine 1998; 17:873–890, Table II, method 10.
		const examples: [number, number, number, number, [number, number]][] = [
			[56, 70, 48, 80, [0.0524, 0.3339]],
			[9, 10, 3, 10, [0.1705, 0.809]],
			[6, 7, 2, 7, [0.0582, 0.8062]],
			[5, 56, 0, 29, [-0.0381, 0.1926]],
			[0, 10, 0, 20, [-0.1611, 0.2775]],
			[0, 10, 0, 10, [-0.2775, 0.2775]],
			[10, 10, 0, 20, [0.6791, 1]],
			[10, 10, 0, 10, [0.6075, 1]]
		];
		for (const [x1, n1, x2, n2, expected] of examples) {
			expect(to4(newcombeDifference(x1, n1, x2, n2).intervalAt(0.95)), `${x1}/${n1} − ${x2}/${n2}`).toEqual(expected);
		}
	});

	it('gives a Newcombe p-value that agrees with the interval', () => {
		const found = newcombeDifference(56, 70, 48, 80);
		expect(found.p).toBeLessThan(0.05);
		expect(found.intervalAt(1 - found.p).low).toBeCloseTo(0, 6);
		expect(newcombeDifference(5, 56, 0, 29).p).toBeGreaterThan(0.05);
		expect(newcombeDifference(3, 10, 6, 20).p).toBe(1);
	});
});

describe('the false-discovery rate across items judged together', () => {
	// Benjamini Y, Hochberg Y. Controlling the false discovery rate. JRSS B 1995; 57:289–300,
	// section 4.1: fifteen p-values from a study of myocardial infarction. At 0.05, the step-up
	// procedure rejects the four smallest (Bonferroni would reject three).
	const fifteen = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0];

	it('rejects the four hypotheses of Benjamini and Hochberg’s example', () => {
		const { rejected, count } = benjaminiHochberg(fifteen, 0.05);
		expect(count).toBe(4);
		expect(rejected).toEqual(fifteen.map((_, index) => index < 4));
	});

	it('does so whatever order the p-values come in', () => {
		const shuffled = [...fifteen].reverse();
		const { rejected } = benjaminiHochberg(shuffled, 0.05);
		expect(shuffled.filter((_, index) => rejected[index])).toEqual([0.0095, 0.0019, 0.0004, 0.0001]);
	});

	it('gives each change an interval that leaves out zero exactly when its words say it changed', () => {
		const differences = fifteen.map((p) => ({ difference: p < 0.5 ? 0.3 : -0.1, p, intervalAt: fakeIntervalFor(p < 0.5 ? 0.3 : -0.1, p) }));
		const judged = judgeTogether([...differences, null]);
		expect(judged.map((one) => one.verdict)).toEqual([...fifteen.map((p, index) => (index < 4 ? 'higher' : 'no-clear-change')), 'too-few']);
		expect(judged[0].confidence).toBeCloseTo(1 - (0.05 * 4) / 15, 12);
		for (const one of judged.slice(0, 15)) {
			const excludesZero = one.interval!.low > 0 || one.interval!.high < 0;
			expect(excludesZero).toBe(one.verdict === 'higher' || one.verdict === 'lower');
		}
	});
});

/** A normal-theory interval whose p-value is `p`: the same link Welch's and Newcombe's have. */
function fakeIntervalFor(difference: number, p: number) {
	const se = Math.abs(difference) / normalQuantile(1 - p / 2);
	return (confidence: number) => {
		const half = normalQuantile(1 - (1 - confidence) / 2) * se;
		return { low: difference - half, high: difference + half };
	};
}

describe('the words', () => {
	it('say what the figures say, and no more', () => {
		expect(changeWords('higher', 'Spring 2026')).toBe('higher than in Spring 2026');
		expect(changeWords('lower', 'Spring 2026')).toBe('lower than in Spring 2026');
		expect(changeWords('no-clear-change', 'Spring 2026')).toBe('no clear change');
		expect(changeWords('too-few', 'Spring 2026')).toBe('too few answers to tell');
		expect(gapWords('higher')).toBe('staff rate it higher than consumers do');
		expect(gapWords('no-clear-change')).toBe('no clear difference');
	});
});

const distributions = fc
	.tuple(...Array.from({ length: 5 }, () => fc.integer({ min: 0, max: 60 })))
	.filter((counts) => counts.reduce((a, b) => a + b, 0) >= 2);
const width = (interval: Interval) => interval.high - interval.low;

describe('properties of every interval', () => {
	it('a mean’s interval always holds the mean, and more of the same answers never widen it', () => {
		fc.assert(
			fc.property(distributions, fc.integer({ min: 1, max: 20 }), (counts, times) => {
				const sample = sampleOf(counts);
				const interval = meanInterval(sample)!;
				expect(interval.low).toBeLessThanOrEqual(sample.mean + 1e-12);
				expect(interval.high).toBeGreaterThanOrEqual(sample.mean - 1e-12);
				const more = meanInterval(sampleOf(counts.map((count) => count * times)))!;
				expect(width(more)).toBeLessThanOrEqual(width(interval) + 1e-12);
			})
		);
	});

	it('a share’s interval always holds the share, and more of the same answers never widen it', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 300 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.integer({ min: 1, max: 20 }),
				(n, share, times) => {
					const successes = Math.round(share * n);
					const interval = wilsonInterval(successes, n)!;
					expect(interval.low).toBeLessThanOrEqual(successes / n);
					expect(interval.high).toBeGreaterThanOrEqual(successes / n);
					expect(width(wilsonInterval(successes * times, n * times)!)).toBeLessThanOrEqual(width(interval) + 1e-12);
				}
			)
		);
	});

	it('a difference’s interval always holds the difference, and more of the same answers never widen it', () => {
		fc.assert(
			fc.property(distributions, distributions, fc.integer({ min: 1, max: 10 }), (first, second, times) => {
				const welch = welchDifference(sampleOf(first), sampleOf(second));
				const interval = welch.intervalAt(0.95);
				expect(interval.low).toBeLessThanOrEqual(welch.difference + 1e-12);
				expect(interval.high).toBeGreaterThanOrEqual(welch.difference - 1e-12);
				const more = welchDifference(sampleOf(first.map((c) => c * times)), sampleOf(second.map((c) => c * times)));
				expect(width(more.intervalAt(0.95))).toBeLessThanOrEqual(width(interval) + 1e-9);

				const [x1, n1, x2, n2] = [first[3] + first[4], sampleOf(first).n, second[3] + second[4], sampleOf(second).n];
				const newcombe = newcombeDifference(x1, n1, x2, n2);
				const shares = newcombe.intervalAt(0.95);
				expect(shares.low).toBeLessThanOrEqual(newcombe.difference + 1e-12);
				expect(shares.high).toBeGreaterThanOrEqual(newcombe.difference - 1e-12);
				expect(width(newcombeDifference(x1 * times, n1 * times, x2 * times, n2 * times).intervalAt(0.95))).toBeLessThanOrEqual(
					width(shares) + 1e-9
				);
			})
		);
	});

	it('identical answers in two rounds never read as a change, however many are judged together', () => {
		fc.assert(
			fc.property(fc.array(distributions, { minLength: 1, maxLength: 30 }), (all) => {
				const judged = judgeTogether(
					all.flatMap((counts) => {
						const sample = sampleOf(counts);
						const favourable = counts[3] + counts[4];
						return [welchDifference(sample, sample), newcombeDifference(favourable, sample.n, favourable, sample.n)];
					})
				);
				for (const one of judged) {
					expect(one.verdict).toBe('no-clear-change');
					expect(one.difference).toBe(0);
				}
			})
		);
	});

	it('an interval and its words never disagree, however many are judged together', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(distributions, distributions), { minLength: 1, maxLength: 25 }), (pairs) => {
				const judged = judgeTogether(pairs.map(([a, b]) => welchDifference(sampleOf(a), sampleOf(b))));
				for (const one of judged) {
					const excludesZero = one.interval!.low > 1e-9 || one.interval!.high < -1e-9;
					const changed = one.verdict === 'higher' || one.verdict === 'lower';
					// Exactly at zero the two may round apart; away from it they agree.
					if (Math.abs(one.interval!.low) > 1e-9 && Math.abs(one.interval!.high) > 1e-9) expect(excludesZero).toBe(changed);
				}
			})
		);
	});
});
