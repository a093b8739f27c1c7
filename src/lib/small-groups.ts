/**
 * The small-group rules (DESIGN.md, "The anonymity promise", point 4) as pure functions over
 * counts. Every figure the app shows or exports passes through here.
 */

/** Why a figure is hidden, for the reader: said plainly beside the empty cell. */
export type HiddenReason = 'too-few' | 'would-reveal-another-group';

export type Shown<T> = { shown: true; value: T; n: number } | { shown: false; reason: HiddenReason; n: number };

export function hiddenReasonText(reason: HiddenReason, minimum: number): string {
	return reason === 'too-few'
		? `fewer than ${minimum} responses`
		: `hidden so that a smaller group can't be worked out from the others`;
}

/**
 * Which slices of a group may be shown when the group is split (by program). A slice is hidden
 * when it rests on fewer than `minimum`; or when the rest of the group beside it is non-empty but
 * smaller than `minimum` (the group minus the slice would reveal the rest); and hidden slices are
 * joined by the smallest shown ones until together they hold none or at least `minimum`, so that
 * no one can subtract the shown slices from the whole to reach a small group.
 *
 * A figure can rest on more than one count (a mean on the scored answers, the "not sure" count
 * on everyone who answered), so each slice may carry several measures, and the rules hold for
 * every one of them. `total` is the whole group's count per measure, at least the sum of the
 * slices (some answers may belong to no slice). Returns, per slice, whether it may be shown.
 */
export function slicesToShow(total: number | number[], slices: readonly (number | number[])[], minimum: number): boolean[] {
	const totals = typeof total === 'number' ? [total] : total;
	const measures = slices.map((slice) => (typeof slice === 'number' ? [slice] : slice));
	const rest = totals.map((whole, m) => whole - measures.reduce((sum, slice) => sum + slice[m], 0));
	const shown = measures.map((slice) =>
		slice.every((n, m) => n >= minimum && !(totals[m] - n > 0 && totals[m] - n < minimum))
	);
	const hiddenTotal = (m: number) => rest[m] + measures.reduce((sum, slice, index) => sum + (shown[index] ? 0 : slice[m]), 0);
	for (;;) {
		const short = totals.findIndex((_, m) => hiddenTotal(m) > 0 && hiddenTotal(m) < minimum);
		if (short < 0 || !shown.some(Boolean)) break;
		let smallest = -1;
		measures.forEach((slice, index) => {
			if (shown[index] && (smallest < 0 || slice[short] < measures[smallest][short])) smallest = index;
		});
		shown[smallest] = false;
	}
	return shown;
}

/** A figure for a whole group: shown only when it rests on at least `minimum`. */
export function showIfEnough<T>(n: number, minimum: number, value: T): Shown<T> {
	return n >= minimum ? { shown: true, value, n } : { shown: false, reason: 'too-few', n };
}

/**
 * Figures for the slices of a group, with the whole group's count: each shown or hidden by the
 * rules above. `n` is what the figure rests on; `also` are further counts it reveals (such as
 * everyone who answered, "not sure" included), held to the same rules.
 */
export function showSlices<T>(
	total: number,
	slices: readonly { n: number; value: T; also?: number[] }[],
	minimum: number,
	alsoTotal: number[] = []
): Shown<T>[] {
	const whole = total >= minimum;
	const allowed = slicesToShow(
		[total, ...alsoTotal],
		slices.map((slice) => [slice.n, ...(slice.also ?? alsoTotal.map(() => 0))]),
		minimum
	);
	return slices.map((slice, index): Shown<T> => {
		if (whole && allowed[index]) return { shown: true, value: slice.value, n: slice.n };
		return { shown: false, reason: slice.n < minimum ? 'too-few' : 'would-reveal-another-group', n: slice.n };
	});
}
