/**
 * Results over closed rounds, built from counts alone, with the small-group rules applied to
 * every figure. Pages render what this returns and compute nothing themselves.
 */
import type { Audience, Instrument, SectionId } from './instruments';
import { emptyCounts, scoreItem, type AnswerCounts, type ItemScore } from './scoring';
import { showSlices, type Shown } from './small-groups';

/** Answers to one item at one value, in one round, audience and program (0: an agency-wide link). */
export interface ItemCountRow {
	roundId: number;
	audience: Audience;
	programKey: number;
	itemId: string;
	/** Answers per stored value: index 0 is "Not sure", 1–5 the scale. */
	counts: AnswerCounts;
}

export interface ResponseCountRow {
	roundId: number;
	audience: Audience;
	programKey: number;
	responses: number;
}

/** 'all' is the whole agency; a number is one program's slice of it. */
export type ProgramFilter = 'all' | number;

export interface SectionScore {
	mean: number;
	favourable: number;
}

const key = (roundId: number, audience: Audience, id: string) => `${roundId}|${audience}|${id}`;

export class Results {
	/** Counts per round, audience and item, split by program. */
	private items = new Map<string, Map<number, AnswerCounts>>();
	private responses = new Map<string, Map<number, number>>();

	constructor(
		private readonly instrument: Instrument,
		itemCounts: readonly ItemCountRow[],
		responseCounts: readonly ResponseCountRow[],
		readonly minimumGroupSize: number
	) {
		for (const row of itemCounts) {
			const slices = this.items.get(key(row.roundId, row.audience, row.itemId)) ?? new Map<number, AnswerCounts>();
			const counts = slices.get(row.programKey) ?? emptyCounts();
			for (let value = 0; value < counts.length; value++) counts[value] += row.counts[value];
			slices.set(row.programKey, counts);
			this.items.set(key(row.roundId, row.audience, row.itemId), slices);
		}
		for (const row of responseCounts) {
			const slices = this.responses.get(key(row.roundId, row.audience, '')) ?? new Map<number, number>();
			slices.set(row.programKey, row.responses);
			this.responses.set(key(row.roundId, row.audience, ''), slices);
		}
	}

	/** How many responded: a count, shown whatever its size (counts are not figures about anyone). */
	responseCount(roundId: number, audience: Audience, program: ProgramFilter): number {
		const slices = this.responses.get(key(roundId, audience, '')) ?? new Map<number, number>();
		if (program !== 'all') return slices.get(program) ?? 0;
		return [...slices.values()].reduce((sum, n) => sum + n, 0);
	}

	/**
	 * Whether a group's responses themselves may be shown (its comments, its rows in the export of
	 * responses), by the same small-group rules over response counts: the whole needs `minimum`,
	 * and a program's slice is judged beside every other program's.
	 */
	groupShown(roundId: number, audience: Audience, program: ProgramFilter, minimum = this.minimumGroupSize): boolean {
		const total = this.responseCount(roundId, audience, 'all');
		if (program === 'all') return total >= minimum;
		const slices = [...(this.responses.get(key(roundId, audience, '')) ?? new Map<number, number>())];
		const shown = showSlices(total, slices.map(([programKey, n]) => ({ n, value: programKey })), minimum);
		return shown.some((slice) => slice.shown && slice.value === program);
	}

	/** Scores already worked out, by group and item or section: the counts never change, so neither do they. */
	private known = new Map<string, Shown<ItemScore> | Shown<SectionScore>>();

	private remember<T extends Shown<ItemScore> | Shown<SectionScore>>(id: string, work: () => T): T {
		let found = this.known.get(id) as T | undefined;
		if (!found) {
			found = work();
			this.known.set(id, found);
		}
		return found;
	}

	/** One item's score for a group, or why it is hidden. */
	item(roundId: number, audience: Audience, program: ProgramFilter, itemId: string): Shown<ItemScore> {
		return this.remember(`${key(roundId, audience, itemId)}|${program}`, () => this.scoreItemFor(roundId, audience, program, itemId));
	}

	private scoreItemFor(roundId: number, audience: Audience, program: ProgramFilter, itemId: string): Shown<ItemScore> {
		const slices = this.items.get(key(roundId, audience, itemId)) ?? new Map<number, AnswerCounts>();
		// The mean rests on the scored answers; the "not sure" count reveals everyone who answered.
		// Both are held to the small-group rules.
		return this.pick(
			[...slices].map(([programKey, counts]) => ({ programKey, score: scoreItem(counts) })),
			program,
			(slice) => [slice.score.n, slice.score.n + slice.score.unsure],
			(slice) => slice.score,
			() => scoreItem(sumCounts([...slices.values()]))
		);
	}

	/**
	 * A section's score for a group: the mean and favourable share over every scored answer to its
	 * items. It is shown only when every item with answers is shown for that group, so it can never
	 * reveal more than the items would; it rests on the most people who answered any one item.
	 */
	section(roundId: number, audience: Audience, program: ProgramFilter, sectionId: SectionId): Shown<SectionScore> {
		return this.remember(`${key(roundId, audience, `section:${sectionId}`)}|${program}`, () =>
			this.scoreSectionFor(roundId, audience, program, sectionId)
		);
	}

	private scoreSectionFor(roundId: number, audience: Audience, program: ProgramFilter, sectionId: SectionId): Shown<SectionScore> {
		const items = this.instrument.sections.find((section) => section.id === sectionId)?.items ?? [];
		const answered = items
			.map((item) => ({ shown: this.item(roundId, audience, program, item.id), counts: this.countsFor(roundId, audience, program, item.id) }))
			.filter(({ counts }) => counts.some((n) => n > 0));
		const people = Math.max(0, ...answered.map(({ shown }) => shown.n));
		const hidden = answered.find(({ shown }) => !shown.shown)?.shown;
		if (answered.length === 0) return { shown: false, reason: 'too-few', n: 0 };
		if (hidden && !hidden.shown) return { shown: false, reason: hidden.reason, n: people };
		const pooled = scoreItem(sumCounts(answered.map(({ counts }) => counts)));
		return { shown: true, value: { mean: pooled.mean ?? 0, favourable: pooled.favourable ?? 0 }, n: people };
	}

	private countsFor(roundId: number, audience: Audience, program: ProgramFilter, itemId: string): AnswerCounts {
		const slices = this.items.get(key(roundId, audience, itemId));
		if (!slices) return emptyCounts();
		if (program === 'all') return sumCounts([...slices.values()]);
		return slices.get(program) ?? emptyCounts();
	}

	/**
	 * The figure for the whole agency, or for one program's slice, decided with every program's
	 * count in view: a slice hidden when the agency is split is hidden under every filter.
	 */
	private pick<Slice extends { programKey: number }, T>(
		slices: Slice[],
		program: ProgramFilter,
		counts: (slice: Slice) => [number, ...number[]],
		value: (slice: Slice) => T,
		whole: () => T
	): Shown<T> {
		const measures = slices.map(counts);
		const totals = (measures[0] ?? [0, 0]).map((_, m) => measures.reduce((sum, slice) => sum + slice[m], 0));
		const [total, ...alsoTotal] = totals;
		if (program === 'all') {
			return total >= this.minimumGroupSize && total > 0
				? { shown: true, value: whole(), n: total }
				: { shown: false, reason: 'too-few', n: total };
		}
		const shown = showSlices(
			total,
			slices.map((slice, index) => ({ n: measures[index][0], also: measures[index].slice(1), value: value(slice) })),
			this.minimumGroupSize,
			alsoTotal
		);
		const index = slices.findIndex((slice) => slice.programKey === program);
		return index < 0 ? { shown: false, reason: 'too-few', n: 0 } : shown[index];
	}
}

function sumCounts(all: AnswerCounts[]): AnswerCounts {
	const total = emptyCounts();
	for (const counts of all) counts.forEach((n, value) => (total[value] += n));
	return total;
}
