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
 * `total` is the whole group's count, at least the sum of the slices (some answers may belong
 * to no slice). Returns, per slice, whether it may be shown.
 */
export function slicesToShow(total: number, slices: readonly number[], minimum: number): boolean[] {
	const rest = total - slices.reduce((sum, n) => sum + n, 0);
	const shown = slices.map((n) => n >= minimum && !(total - n > 0 && total - n < minimum));
	const hiddenTotal = () => rest + slices.reduce((sum, n, index) => sum + (shown[index] ? 0 : n), 0);
	while (hiddenTotal() > 0 && hiddenTotal() < minimum && shown.some(Boolean)) {
		let smallest = -1;
		slices.forEach((n, index) => {
			if (shown[index] && (smallest < 0 || n < slices[smallest])) smallest = index;
		});
		shown[smallest] = false;
	}
	return shown;
}

/** A figure for a whole group: shown only when it rests on at least `minimum`. */
export function showIfEnough<T>(n: number, minimum: number, value: T): Shown<T> {
	return n >= minimum ? { shown: true, value, n } : { shown: false, reason: 'too-few', n };
}

/** Figures for the slices of a group, with the whole group's count: each shown or hidden by the rules above. */
export function showSlices<T>(total: number, slices: readonly { n: number; value: T }[], minimum: number): Shown<T>[] {
	const whole = total >= minimum;
	const allowed = slicesToShow(total, slices.map((slice) => slice.n), minimum);
	return slices.map((slice, index): Shown<T> => {
		if (whole && allowed[index]) return { shown: true, value: slice.value, n: slice.n };
		return { shown: false, reason: slice.n < minimum ? 'too-few' : 'would-reveal-another-group', n: slice.n };
	});
}
