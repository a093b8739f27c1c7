/**
 * How sure a figure is, in pure functions over counts: intervals for a mean and a share, intervals
 * for the difference between two groups (two rounds, or staff and consumers), the false-discovery
 * rate held across items judged together, and the words a manager reads. Nothing here sees a
 * response: every input is a count that the small-group rules have already let through.
 */

export interface Interval {
	low: number;
	high: number;
}

/** The confidence of every interval shown, and the false-discovery rate of every page of changes. */
export const CONFIDENCE = 0.95;
export const FALSE_DISCOVERY_RATE = 0.05;

// ——— Distributions: the few quantiles and tail areas the intervals need ———

const LANCZOS = [
	0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
	-0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7: about 15 correct digits). */
export function logGamma(x: number): number {
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
	const shifted = x - 1;
	let sum = LANCZOS[0];
	for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (shifted + i);
	const t = shifted + 7.5;
	return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The continued fraction of the incomplete beta function (modified Lentz), for x < (a + 1) / (a + b + 2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
	const tiny = 1e-300;
	let c = 1;
	let d = 1 - ((a + b) * x) / (a + 1);
	if (Math.abs(d) < tiny) d = tiny;
	d = 1 / d;
	let result = d;
	for (let m = 1; m <= 300; m++) {
		const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
		d = 1 + even * d;
		c = 1 + even / c;
		d = 1 / (Math.abs(d) < tiny ? tiny : d);
		c = Math.abs(c) < tiny ? tiny : c;
		result *= d * c;
		const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
		d = 1 + odd * d;
		c = 1 + odd / c;
		d = 1 / (Math.abs(d) < tiny ? tiny : d);
		c = Math.abs(c) < tiny ? tiny : c;
		const step = d * c;
		result *= step;
		if (Math.abs(step - 1) < 1e-15) break;
	}
	return result;
}

/** The regularized incomplete beta function I_x(a, b). */
export function regularizedBeta(x: number, a: number, b: number): number {
	if (x <= 0) return 0;
	if (x >= 1) return 1;
	const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
	return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(x, a, b)) / a : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (any positive df, as Welch's are). */
export function studentTCdf(t: number, df: number): number {
	if (!Number.isFinite(df)) return normalCdf(t);
	const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
	return t >= 0 ? 1 - tail : tail;
}

/** The density of Student's t with `df` degrees of freedom. */
function studentTDensity(t: number, df: number): number {
	return Math.exp(logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log(1 + (t * t) / df));
}

const knownQuantiles = new Map<string, number>();

/**
 * The t value below which a share `p` of Student's t lies: exact for 1 and 2 degrees of freedom,
 * otherwise the Cornish–Fisher expansion about the normal quantile (Abramowitz & Stegun 26.7.5),
 * polished by Newton's method on the distribution function. Kept once worked out: the same few
 * are asked for again and again.
 */
export function studentTQuantile(p: number, df: number): number {
	if (!(p > 0 && p < 1)) throw new RangeError('a quantile needs 0 < p < 1');
	if (!Number.isFinite(df)) return normalQuantile(p);
	if (p < 0.5) return -studentTQuantile(1 - p, df);
	const key = `${p}|${df}`;
	const known = knownQuantiles.get(key);
	if (known !== undefined) return known;
	let t: number;
	if (df === 1) t = Math.tan(Math.PI * (p - 0.5));
	else if (df === 2) t = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
	else {
		const z = normalQuantile(p);
		const z2 = z * z;
		t =
			z +
			((z2 + 1) * z) / (4 * df) +
			(((5 * z2 + 16) * z2 + 3) * z) / (96 * df ** 2) +
			((((3 * z2 + 19) * z2 + 17) * z2 - 15) * z) / (384 * df ** 3) +
			(((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z) / (92160 * df ** 4);
		for (let step = 0; step < 8; step++) {
			const change = (studentTCdf(t, df) - p) / studentTDensity(t, df);
			t -= change;
			if (Math.abs(change) < 1e-12 * Math.max(1, Math.abs(t))) break;
		}
	}
	if (knownQuantiles.size > 10_000) knownQuantiles.clear();
	knownQuantiles.set(key, t);
	return t;
}

/** erfc(x), from W. J. Cody's rational approximations as given in Numerical Recipes (error below 1.2e-7). */
function complementaryError(x: number): number {
	const z = Math.abs(x);
	const t = 1 / (1 + 0.5 * z);
	const value =
		t *
		Math.exp(
			-z * z -
				1.26551223 +
				t *
					(1.00002368 +
						t *
							(0.37409196 +
								t *
									(0.09678418 +
										t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
		);
	return x >= 0 ? value : 2 - value;
}

/** P(Z ≤ z) for the standard normal. */
export function normalCdf(z: number): number {
	return 0.5 * complementaryError(-z / Math.SQRT2);
}

/** The standard normal quantile (P. J. Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
	if (!(p > 0 && p < 1)) throw new RangeError('a quantile needs 0 < p < 1');
	const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
	const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
	const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
	const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
	const tail = (q: number) =>
		(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
	if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
	const q = p - 0.5;
	const r = q * q;
	return (
		((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
		(((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
	);
}

/** The two-sided critical value of the normal for a confidence level: 1.96 for 95%. */
const zFor = (confidence: number) => normalQuantile(1 - (1 - confidence) / 2);

// ——— One figure ———

/** What a mean and its interval rest on. */
export interface Sample {
	n: number;
	mean: number;
	/** The sample standard deviation (n − 1 in the denominator). */
	sd: number;
}

/** A sample from counts per scale point (index 0 is the score 1), "not sure" left out. */
export function sampleOf(distribution: readonly number[]): Sample {
	const n = distribution.reduce((sum, count) => sum + count, 0);
	const mean = n === 0 ? 0 : distribution.reduce((sum, count, index) => sum + count * (index + 1), 0) / n;
	const squares = distribution.reduce((sum, count, index) => sum + count * (index + 1 - mean) ** 2, 0);
	return { n, mean, sd: n < 2 ? 0 : Math.sqrt(squares / (n - 1)) };
}

/**
 * The t interval for a mean, kept within the scale (a mean of 1–5 answers can't leave it). Null
 * when there are fewer than two answers, since one answer says nothing of the spread.
 */
export function meanInterval(sample: Sample, confidence = CONFIDENCE, scale: Interval = { low: 1, high: 5 }): Interval | null {
	if (sample.n < 2) return null;
	const half = studentTQuantile(1 - (1 - confidence) / 2, sample.n - 1) * (sample.sd / Math.sqrt(sample.n));
	return { low: Math.max(scale.low, sample.mean - half), high: Math.min(scale.high, sample.mean + half) };
}

/** The Wilson score interval for a share: `successes` of `n` (Wilson 1927; Newcombe 1998, method 3). */
export function wilsonInterval(successes: number, n: number, confidence = CONFIDENCE): Interval | null {
	if (n <= 0) return null;
	const z = zFor(confidence);
	const p = successes / n;
	const centre = 2 * n * p + z * z;
	const spread = z * Math.sqrt(z * z + 4 * n * p * (1 - p));
	const denominator = 2 * (n + z * z);
	// At 0 or n successes the bound is exactly the share itself; rounding must not move it off.
	return {
		low: successes === 0 ? 0 : Math.min(p, (centre - spread) / denominator),
		high: successes === n ? 1 : Math.max(p, (centre + spread) / denominator)
	};
}

// ——— Two figures: a difference, its interval at any confidence, and its p-value ———

export interface Difference {
	/** The first figure minus the second. */
	difference: number;
	/** Two-sided p-value of "no difference": below 1 − c exactly when the c interval leaves out zero. */
	p: number;
	/** The interval of the difference at a confidence level. */
	intervalAt: (confidence: number) => Interval;
}

/** Welch's interval for the difference of two means (unequal variances, Welch–Satterthwaite df). */
export function welchDifference(first: Sample, second: Sample): Difference & { df: number } {
	const difference = first.mean - second.mean;
	const v1 = first.sd ** 2 / first.n;
	const v2 = second.sd ** 2 / second.n;
	const se = Math.sqrt(v1 + v2);
	if (se === 0) {
		// Both groups gave one answer each, every one of them: the difference is exact.
		return { difference, df: Infinity, p: difference === 0 ? 1 : 0, intervalAt: () => ({ low: difference, high: difference }) };
	}
	const df = (v1 + v2) ** 2 / (v1 ** 2 / (first.n - 1) + v2 ** 2 / (second.n - 1));
	const p = Math.min(1, 2 * (1 - studentTCdf(Math.abs(difference) / se, df)));
	return {
		difference,
		df,
		p,
		intervalAt: (confidence) => {
			const half = studentTQuantile(1 - (1 - confidence) / 2, df) * se;
			return { low: difference - half, high: difference + half };
		}
	};
}

/**
 * Newcombe's hybrid score interval for the difference of two shares, `x1/n1 − x2/n2` (Newcombe
 * 1998, method 10): each share's Wilson interval, combined. Its p-value is the one that makes
 * the interval touch zero, so the two always agree.
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number): Difference {
	const p1 = x1 / n1;
	const p2 = x2 / n2;
	const difference = p1 - p2;
	const intervalAtZ = (z: number): Interval => {
		const confidence = 2 * normalCdf(z) - 1;
		const first = wilsonInterval(x1, n1, confidence)!;
		const second = wilsonInterval(x2, n2, confidence)!;
		return {
			low: difference - Math.sqrt((p1 - first.low) ** 2 + (second.high - p2) ** 2),
			high: difference + Math.sqrt((first.high - p1) ** 2 + (p2 - second.low) ** 2)
		};
	};
	const intervalAt = (confidence: number) => intervalAtZ(zFor(confidence));
	if (difference === 0) return { difference, p: 1, intervalAt };
	// The interval widens as z grows: find the z at which its near bound reaches zero.
	const excludesZero = (z: number) => {
		const interval = intervalAtZ(z);
		return difference > 0 ? interval.low > 0 : interval.high < 0;
	};
	let low = 0;
	let high = 8;
	if (excludesZero(high)) return { difference, p: 2 * (1 - normalCdf(high)), intervalAt };
	for (let i = 0; i < 60; i++) {
		const middle = (low + high) / 2;
		if (excludesZero(middle)) low = middle;
		else high = middle;
	}
	return { difference, p: Math.min(1, 2 * (1 - normalCdf((low + high) / 2))), intervalAt };
}

// ——— Many figures judged together ———

/**
 * The Benjamini–Hochberg step-up procedure: which of the hypotheses to reject so that the
 * expected share of false discoveries among them stays at most `rate`; and how many that is.
 */
export function benjaminiHochberg(pValues: readonly number[], rate = FALSE_DISCOVERY_RATE): { rejected: boolean[]; count: number } {
	const m = pValues.length;
	const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
	let count = 0;
	order.forEach(({ p }, rank) => {
		if (p <= (rate * (rank + 1)) / m) count = rank + 1;
	});
	const rejected = pValues.map(() => false);
	for (let rank = 0; rank < count; rank++) rejected[order[rank].index] = true;
	return { rejected, count };
}

/** How a figure compares with another: the words follow from this. */
export type Verdict = 'higher' | 'lower' | 'no-clear-change' | 'too-few';

export interface Judged {
	verdict: Verdict;
	difference: number | null;
	/**
	 * The interval of the difference at the confidence that holds the false-discovery rate across
	 * everything judged together (Benjamini & Yekutieli 2005): it leaves out zero exactly when the
	 * verdict is a change.
	 */
	interval: Interval | null;
	/** That confidence, for the reader: 0.95 when one thing is judged alone. */
	confidence: number | null;
}

/**
 * Judges differences together: Benjamini–Hochberg across all of them, and each interval given at
 * the false-coverage-adjusted level 1 − rate·R/m (1 − rate/m when nothing is found), so an
 * interval and its words never disagree. A null difference is one that can't be judged.
 */
export function judgeTogether(differences: readonly (Difference | null)[], rate = FALSE_DISCOVERY_RATE): Judged[] {
	const tested = differences.filter((difference): difference is Difference => difference !== null);
	const { rejected, count } = benjaminiHochberg(
		tested.map((difference) => difference.p),
		rate
	);
	const confidence = 1 - (rate * Math.max(count, 1)) / Math.max(tested.length, 1);
	let next = 0;
	return differences.map((difference): Judged => {
		if (difference === null) return { verdict: 'too-few', difference: null, interval: null, confidence: null };
		const found = rejected[next++];
		return {
			verdict: !found ? 'no-clear-change' : difference.difference > 0 ? 'higher' : 'lower',
			difference: difference.difference,
			interval: difference.intervalAt(confidence),
			confidence
		};
	});
}

// ——— Words ———

/** A change since an earlier round, in the words the results pages use. */
export function changeWords(verdict: Verdict, earlierRound: string): string {
	switch (verdict) {
		case 'higher':
			return `higher than in ${earlierRound}`;
		case 'lower':
			return `lower than in ${earlierRound}`;
		case 'no-clear-change':
			return 'no clear change';
		case 'too-few':
			return 'too few answers to tell';
	}
}

/** A staff–consumer gap (staff minus consumers), in words. */
export function gapWords(verdict: Verdict): string {
	switch (verdict) {
		case 'higher':
			return 'staff rate it higher than consumers do';
		case 'lower':
			return 'consumers rate it higher than staff do';
		case 'no-clear-change':
			return 'no clear difference';
		case 'too-few':
			return 'too few answers to tell';
	}
}
