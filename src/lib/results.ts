/**
 * Results over closed rounds, built from counts alone, with the small-group rules applied to
 * every figure. Pages render what this returns and compute nothing themselves.
 */
import type { Audience, Instrument, SectionId } from './instruments';
import { AGENCY_ITEM_PREFIX } from './instruments/agency';
import { emptyCounts, scoreItem, type AnswerCounts, type ItemScore } from './scoring';
import { releaseFigure, type Shown } from './small-groups';

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

/** The minimum group sizes a closed round's results are released under, fixed when it closed. */
export interface RoundMinimums {
	figures: number;
	comments: number;
}

export interface SectionScore {
	mean: number;
	favourable: number;
}

const key = (roundId: number, audience: Audience, id: string) => `${roundId}|${audience}|${id}`;

export class Results {
	/** Counts per round, audience and item, split by program. */
	private items = new Map<string, Map<number, AnswerCounts>>();
	private responses = new Map<string, Map<number, number>>();

	/** The smallest minimum any of these rounds' figures rest on: what a page can say of them all. */
	readonly minimumGroupSize: number;

	constructor(
		/** The questions these results hold: the deck's and the agency's own that a closed round asked. */
		readonly instrument: Instrument,
		itemCounts: readonly ItemCountRow[],
		responseCounts: readonly ResponseCountRow[],
		/** The agency's minimum, for a round that has none of its own. */
		private readonly defaultMinimum: number,
		private readonly minimums: ReadonlyMap<number, RoundMinimums> = new Map(),
		/**
		 * Of the agency's own questions, which each round asked (`round|item`): every other round did
		 * not ask them, which is no figure to hide. The deck's questions are not listed here.
		 */
		private readonly agencyAsked?: ReadonlySet<string>
	) {
		// Each round's own minimum, so a later change to the agency's setting rewords no closed round.
		const rounds = new Set([...itemCounts, ...responseCounts].map((row) => row.roundId));
		this.minimumGroupSize = rounds.size > 0 ? Math.min(...[...rounds].map((round) => this.minimumFor(round))) : defaultMinimum;
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

	/** The minimum group size a round's figures are released under. */
	minimumFor(roundId: number): number {
		return this.minimums.get(roundId)?.figures ?? this.defaultMinimum;
	}

	/** The minimum group size a round's comments are shown from, when it has one of its own. */
	commentMinimumFor(roundId: number): number | undefined {
		return this.minimums.get(roundId)?.comments;
	}

	/** How many responded in each slice of a group (program 0: an agency-wide link), as stored at close. */
	private sizes(roundId: number, audience: Audience): Map<number, number> {
		return this.responses.get(key(roundId, audience, '')) ?? new Map<number, number>();
	}

	/**
	 * How many responded, for the whole agency or one program: a figure like any other, shown or
	 * hidden by the same rules (while a round is open, managers see the live count instead).
	 */
	responseCount(roundId: number, audience: Audience, program: ProgramFilter, minimum = this.minimumFor(roundId)): Shown<number> {
		const sizes = [...this.sizes(roundId, audience)];
		const total = sizes.reduce((sum, [, n]) => sum + n, 0);
		const released = releaseFigure(
			{ value: () => total, measures: [total] },
			sizes.map(([programKey, n]) => ({ responses: n, measures: [n], value: n, programKey })),
			minimum
		);
		return pickRelease(
			released,
			sizes.map(([programKey]) => programKey),
			program
		);
	}

	/**
	 * Whether a group's responses themselves may be shown (its comments), by the same rules over
	 * how many responded: the whole needs `minimum`, and a program's slice is judged beside every other.
	 */
	groupShown(roundId: number, audience: Audience, program: ProgramFilter, minimum = this.minimumFor(roundId)): boolean {
		return this.responseCount(roundId, audience, program, minimum).shown;
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
		if (this.agencyAsked && itemId.startsWith(AGENCY_ITEM_PREFIX) && !this.agencyAsked.has(`${roundId}|${itemId}`)) {
			return { shown: false, reason: 'not-asked' };
		}
		const counts = this.items.get(key(roundId, audience, itemId)) ?? new Map<number, AnswerCounts>();
		const sizes = this.sizes(roundId, audience);
		// Every slice that took part, answers to this item or not: the rules judge the hidden ones together.
		const programKeys = [...new Set([...sizes.keys(), ...counts.keys()])];
		const slices = programKeys.map((programKey) => {
			const answers = counts.get(programKey) ?? emptyCounts();
			const score = scoreItem(answers);
			const answered = score.n + score.unsure;
			// The mean rests on the scored answers; the "not sure" count reveals everyone who answered;
			// and every answer's count, taken over the hidden slices together, is checked for floors.
			return { responses: Math.max(sizes.get(programKey) ?? 0, answered), measures: [score.n, answered], value: score, answers };
		});
		const whole = scoreItem(sumCounts([...counts.values()]));
		const released = releaseFigure({ value: () => whole, measures: [whole.n, whole.n + whole.unsure] }, slices, this.minimumFor(roundId));
		return pickRelease(released, programKeys, program);
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
		// The items anyone in the agency answered, whatever the slice: whether a slice's section shows
		// must not tell whether that slice answered a hidden item.
		const answered = items
			.filter((item) => this.countsFor(roundId, audience, 'all', item.id).some((n) => n > 0))
			.map((item) => ({
				shown: this.item(roundId, audience, program, item.id),
				counts: this.countsFor(roundId, audience, program, item.id)
			}));
		if (answered.length === 0) return { shown: false, reason: 'too-few' };
		const figures: { n: number; counts: AnswerCounts }[] = [];
		for (const { shown, counts } of answered) {
			if (!shown.shown) return { shown: false, reason: shown.reason };
			figures.push({ n: shown.n, counts });
		}
		const pooled = scoreItem(sumCounts(figures.map(({ counts }) => counts)));
		return {
			shown: true,
			value: { mean: pooled.mean ?? 0, favourable: pooled.favourable ?? 0 },
			n: Math.max(...figures.map(({ n }) => n))
		};
	}

	private countsFor(roundId: number, audience: Audience, program: ProgramFilter, itemId: string): AnswerCounts {
		const slices = this.items.get(key(roundId, audience, itemId));
		if (!slices) return emptyCounts();
		if (program === 'all') return sumCounts([...slices.values()]);
		return slices.get(program) ?? emptyCounts();
	}
}

/** The whole agency's figure, or one program's slice of it, from one release decision. */
function pickRelease<T>(released: { whole: Shown<T>; slices: Shown<T>[] }, programKeys: number[], program: ProgramFilter): Shown<T> {
	if (program === 'all') return released.whole;
	const index = programKeys.indexOf(program);
	return index < 0 ? { shown: false, reason: 'too-few' } : released.slices[index];
}

function sumCounts(all: AnswerCounts[]): AnswerCounts {
	const total = emptyCounts();
	for (const counts of all) counts.forEach((n, value) => (total[value] += n));
	return total;
}
