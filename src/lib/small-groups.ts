/**
 * The small-group rules (the README's "The small-group rules") as pure functions over
 * counts: the one decision of what a manager or an admin may read for a round. Every figure the
 * app shows or exports, on any page, in its data, in either CSV or the report, passes through here.
 *
 * The rules are judged against everything published together, the way an attacker with a
 * linear-program solver reads it, who also knows how many responded in each group (a manager
 * watched those counts while the round was open), and who knows these rules:
 * - a hidden figure publishes nothing: no value, no count it rests on;
 * - the whole group's figure is shown only when it rests on at least `minimum`;
 * - a group's slice (a program's) is shown only when it rests on at least `minimum`, and when the
 *   slices left hidden, taken together, hold either nothing or at least `minimum` by every count a
 *   figure rests on; and never when a single slice with responses would be the only one hidden,
 *   since the whole minus the shown slices would then be that slice's figure exactly;
 * - which slices are hidden is decided first by how many responded (known), then by the counts a
 *   figure rests on among the slices that are not small, so the pattern of hidden cells tells
 *   nothing about a small group's answers beyond what the hidden groups together hold;
 * - for a question's figure, what the hidden groups hold together (the whole minus the shown
 *   slices) must not put a floor under any small hidden group's count of any answer: the union
 *   check (`protectSmallGroups`) hides more slices, or the whole, until it does not.
 */

/**
 * Why a figure is hidden, for the reader. A slice's reason is worked out from how many responded
 * alone, which a manager already knows, so the reason itself tells nothing about the answers. A
 * whole group's figure hidden by the union check says so: that a smaller group inside it could be
 * worked out otherwise, never which answer would have told.
 */
export type HiddenReason = 'too-few' | 'protects-a-small-group' | 'protects-smaller-groups' | 'not-asked';

export type Shown<T> = { shown: true; value: T; n: number } | { shown: false; reason: HiddenReason };

export function hiddenReasonText(reason: HiddenReason, minimum: number): string {
	if (reason === 'too-few') return `fewer than ${minimum} responses`;
	if (reason === 'protects-a-small-group') return `hidden so that no group of fewer than ${minimum} can be worked out`;
	// Not hidden at all: the round did not ask it (an agency's own question added later, or retired).
	if (reason === 'not-asked') return 'not asked in that round';
	return 'hidden so that no smaller group can be worked out';
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
	/**
	 * For a question's figure, how many gave each answer ("not sure", then 1–5): the union check
	 * reads them, with the skips (responses less answers), for the hidden slices together.
	 */
	answers?: readonly number[];
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
 * The tightest bounds anyone can put on one hidden slice's count of each answer, knowing how many
 * responded in that slice (`responses`), in all the hidden slices (`hiddenResponses`), and how the
 * hidden slices answered together (`together`: the whole minus the shown slices, per answer, skips
 * included). The others hold at most `hiddenResponses − responses` of an answer, so this slice holds
 * at least the rest; and at most what all hold, or its own size. (Slices by answers with fixed
 * totals are a transportation problem, whose integer and linear bounds agree: these are exact.)
 */
export function hiddenCountBounds(
	together: readonly number[],
	responses: number,
	hiddenResponses: number
): { lower: number; upper: number }[] {
	return together.map((count) => ({ lower: Math.max(0, count - (hiddenResponses - responses)), upper: Math.min(count, responses) }));
}

/** What the union check decided for one question's figure, beyond the slices the rest of the rules chose. */
export interface Protection {
	/** The slices shown: those the rest of the rules show, less any the check hid. */
	shown: boolean[];
	/** The whole's figure is hidden instead, and with it every slice ("hidden so that no smaller group can be worked out"). */
	hideWhole: boolean;
	/**
	 * Each set of hidden slices the check turned down, in order, with its room: how many of one
	 * answer the hidden slices may hold together before the largest small one must hold some. Anyone
	 * who knows the rule learns that some answer's count went over the room in that set.
	 */
	rejected: { hidden: number[]; room: number }[];
}

/**
 * The union check for a question's figure, after the rest of the rules chose which slices to show
 * (`shown`). `answers[i]` is how many in slice i gave each answer, skips included, summing to
 * `responses[i]`. A set of hidden slices is safe when no answer's count among them together
 * exceeds the room left beside the largest small one (fewer than `minimum` responses): then no
 * small slice's count of any answer has a floor above 0 (`hiddenCountBounds`), not even when all
 * of them gave one answer. While it is not safe, the shown slice with the fewest responses is
 * hidden too.
 *
 * Whoever knows this rule learns from each set turned down that some answer went over its room;
 * and since only the largest small slice would then hold some of it, that answer must not be
 * named by what is published: at least two answers must be over the room of the last set turned
 * down, counted among the slices finally hidden. When that fails, or no slice is left to hide, the
 * whole's figure and every slice's are hidden: nothing of the question is published, so the
 * reason tells nothing of which answer it was.
 */
export function protectSmallGroups(
	answers: readonly (readonly number[])[],
	responses: readonly number[],
	shown: readonly boolean[],
	minimum: number
): Protection {
	const hidden = shown.map((isShown) => !isShown);
	const small = responses.filter((n, index) => hidden[index] && n > 0 && n < minimum);
	if (small.length === 0) return { shown: [...shown], hideWhole: false, rejected: [] };
	const largestSmall = Math.max(...small);
	// Which slice to hide next is decided by how many responded alone, which a manager knows.
	const next = shown
		.map((isShown, index) => (isShown ? index : -1))
		.filter((index) => index >= 0)
		.sort((a, b) => responses[a] - responses[b] || a - b);
	const together = answers[0].map((_, value) => answers.reduce((sum, slice, index) => sum + (hidden[index] ? slice[value] : 0), 0));
	let hiddenResponses = responses.reduce((sum, n, index) => sum + (hidden[index] ? n : 0), 0);
	const rejected: Protection['rejected'] = [];
	const nothing = (): Protection => ({ shown: shown.map(() => false), hideWhole: true, rejected });
	// The largest small slice is the one a floor falls under first: the others can hold more beside it.
	const bounded = () => hiddenCountBounds(together, largestSmall, hiddenResponses).some(({ lower }) => lower > 0);
	while (bounded()) {
		rejected.push({ hidden: hidden.flatMap((isHidden, index) => (isHidden ? [index] : [])), room: hiddenResponses - largestSmall });
		const slice = next.shift();
		if (slice === undefined) return nothing();
		hidden[slice] = true;
		answers[slice].forEach((count, value) => (together[value] += count));
		hiddenResponses += responses[slice];
	}
	const room = rejected.at(-1)?.room;
	if (room !== undefined && together.filter((count) => count > room).length < 2) return nothing();
	return { shown: hidden.map((isHidden) => !isHidden), hideWhole: false, rejected };
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
	const protection =
		slices.length > 0 && slices.every((slice) => slice.answers)
			? protectSmallGroups(
					slices.map((slice) => answersWithSkips(slice.answers!, slice.responses)),
					slices.map((slice) => slice.responses),
					allowed,
					minimum
				)
			: { shown: allowed, hideWhole: false };
	return {
		whole: protection.hideWhole ? { shown: false, reason: 'protects-smaller-groups' } : { shown: true, value: whole.value(), n },
		slices: slices.map((slice, index): Shown<T> => {
			if (protection.shown[index]) return { shown: true, value: slice.value, n: slice.measures[0] };
			return { shown: false, reason: reasonFor(slice.responses) };
		})
	};
}

/** A slice's count of each answer with its skips first: everyone who responded gave exactly one. */
export function answersWithSkips(answers: readonly number[], responses: number): number[] {
	return [responses - answers.reduce((sum, n) => sum + n, 0), ...answers];
}
