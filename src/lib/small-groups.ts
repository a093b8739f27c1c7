/**
 * The small-group rules (the README's "The small-group rules") as pure functions over
 * counts: the one decision of what a manager or an admin may read for a round. Every figure the
 * app shows or exports, on any page, in its data, in either CSV or the report, passes through here.
 *
 * The rules are judged against everything published together, the way an attacker with a
 * linear-program solver reads it, who also knows how many responded in each group (a manager
 * watched those counts while the round was open):
 * - a hidden figure publishes nothing: no value, no count it rests on;
 * - the whole group's figure is shown only when it rests on at least `minimum`;
 * - a group's slice (a program's) is shown only when it rests on at least `minimum`, and when the
 *   slices left hidden, taken together, hold either nothing or at least `minimum` by every count a
 *   figure rests on; and never when a single slice with responses would be the only one hidden,
 *   since the whole minus the shown slices would then be that slice's figure exactly;
 * - which slices are hidden is decided first by how many responded (known), then by the counts a
 *   figure rests on among the slices that are not small, so the pattern of hidden cells tells
 *   nothing about a small group's answers beyond what the hidden groups together hold.
 */

/**
 * Why a figure is hidden, for the reader. It is worked out from how many responded alone, which a
 * manager already knows, so the reason itself tells nothing about the answers.
 */
export type HiddenReason = 'too-few' | 'protects-a-small-group';

export type Shown<T> = { shown: true; value: T; n: number } | { shown: false; reason: HiddenReason };

export function hiddenReasonText(reason: HiddenReason, minimum: number): string {
	return reason === 'too-few' ? `fewer than ${minimum} responses` : `hidden so that no group of fewer than ${minimum} can be worked out`;
}

/**
 * One slice of a group (a program's respondents) as the rules see it for one figure: how many
 * responded, and each count the figure rests on (for a question's figures: the scored answers,
 * and everyone who answered, "not sure" included).
 */
export interface SliceCounts<T> {
	responses: number;
	measures: readonly number[];
	value: T;
}

/**
 * Which slices may be shown beside their whole. `slices[i][0]` is how many responded in slice i,
 * the rest are the counts its figure rests on; `total` holds the whole group's counts in the same
 * order (at least the sum of the slices: responses that belong to no slice count as hidden).
 * Slices marked in `hiddenAlready` are hidden whatever their counts.
 */
export function slicesToShow(
	total: number | readonly number[],
	slices: readonly (number | readonly number[])[],
	minimum: number,
	hiddenAlready: readonly boolean[] = []
): boolean[] {
	const totals = typeof total === 'number' ? [total] : [...total];
	const measures = slices.map((slice) => (typeof slice === 'number' ? [slice] : [...slice]));
	const rest = totals.map((whole, m) => whole - measures.reduce((sum, slice) => sum + slice[m], 0));
	const shown = measures.map(
		(slice, index) => !hiddenAlready[index] && slice.every((n, m) => n >= minimum && !(totals[m] - n > 0 && totals[m] - n < minimum))
	);
	const hiddenTotal = (m: number) => rest[m] + measures.reduce((sum, slice, index) => sum + (shown[index] ? 0 : slice[m]), 0);
	// Hidden groups that hold anyone: the responses left over count as one.
	const hiddenGroups = () => (rest[0] > 0 ? 1 : 0) + measures.filter((slice, index) => !shown[index] && slice[0] > 0).length;
	for (;;) {
		const short = totals.findIndex((_, m) => hiddenTotal(m) > 0 && hiddenTotal(m) < minimum);
		const lone = hiddenGroups() === 1;
		if (short < 0 && !lone) break;
		// Hide the smallest shown slice that adds to what is short (to anyone, when one is alone).
		const by = short < 0 ? 0 : short;
		let smallest = -1;
		measures.forEach((slice, index) => {
			if (shown[index] && slice[by] > 0 && (smallest < 0 || slice[by] < measures[smallest][by])) smallest = index;
		});
		if (smallest < 0) break;
		shown[smallest] = false;
	}
	return shown;
}

/**
 * The one release decision for a figure of a group split into slices: the whole's figure and each
 * slice's, shown or hidden together. Every slice of the group must be given, with responses or not.
 */
export function releaseFigure<T>(
	whole: { value: () => T; measures: readonly number[] },
	slices: readonly SliceCounts<T>[],
	minimum: number
): { whole: Shown<T>; slices: Shown<T>[] } {
	const responses = slices.reduce((sum, slice) => sum + slice.responses, 0);
	const reasonFor = (count: number): HiddenReason => (count < minimum ? 'too-few' : 'protects-a-small-group');
	const [n] = whole.measures;
	if (!(n >= minimum)) {
		return {
			whole: { shown: false, reason: reasonFor(responses) },
			slices: slices.map((slice) => ({ shown: false, reason: reasonFor(slice.responses) }))
		};
	}
	// First by how many responded alone, which a manager knows: which slices are small, or sit
	// beside small ones, is then no secret, and says nothing of anyone's answers. Only then by
	// the counts each figure rests on, among slices of at least `minimum`, so that whether a
	// figure is hidden depends on a small group's answers only through the hidden groups together.
	const bySize = slicesToShow(
		responses,
		slices.map((slice) => slice.responses),
		minimum
	);
	const allowed = slicesToShow(
		[responses, ...whole.measures],
		slices.map((slice) => [slice.responses, ...slice.measures]),
		minimum,
		bySize.map((shown) => !shown)
	);
	return {
		whole: { shown: true, value: whole.value(), n },
		slices: slices.map((slice, index): Shown<T> => {
			if (allowed[index]) return { shown: true, value: slice.value, n: slice.measures[0] };
			return { shown: false, reason: reasonFor(slice.responses) };
		})
	};
}
