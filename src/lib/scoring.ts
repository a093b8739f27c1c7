/** How many answers an item got at each stored value: index 0 is "Not sure"/"Don't know", 1–5 the scale. */
export type AnswerCounts = [number, number, number, number, number, number];

export interface ItemScore {
	/** How many gave a score of 1–5: what the mean and the small-group rule rest on. */
	n: number;
	unsure: number;
	mean: number | null;
	/** Share of scores that are 4 or 5, from 0 to 1. */
	favourable: number | null;
	/** Count per scale point, 1 to 5. */
	distribution: [number, number, number, number, number];
}

export const emptyCounts = (): AnswerCounts => [0, 0, 0, 0, 0, 0];

export function scoreItem(counts: AnswerCounts): ItemScore {
	const [unsure, ...scores] = counts;
	const distribution = scores as ItemScore['distribution'];
	const n = distribution.reduce((sum, count) => sum + count, 0);
	const total = distribution.reduce((sum, count, index) => sum + count * (index + 1), 0);
	return {
		n,
		unsure,
		mean: n === 0 ? null : total / n,
		favourable: n === 0 ? null : (distribution[3] + distribution[4]) / n,
		distribution
	};
}
