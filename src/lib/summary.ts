/**
 * "How are we doing?": what stands out in a closed round, in plain words, and "Did what we changed
 * work?" for each "You said, we did" action. Built from `Results` alone: every figure named here is
 * one `Results` shows for the same group and filter (a hidden figure is never used, not even its
 * count), and every change or gap is judged by the interval of the difference with the
 * false-discovery rate held across the questions judged together.
 */
import { formatPercent, formatScore } from './format';
import { itemName, nameOf, sectionsFor, type Audience, type Instrument, type Item } from './instruments';
import { shortName } from './instruments/short-names';
import type { ProgramFilter, Results } from './results';
import {
	audienceName,
	countCell,
	itemFigure,
	itemSample,
	mirrorRows,
	type ActionMark,
	type CountCell,
	type ItemFigure,
	type JudgedChanges,
	type MirrorRow,
	type RoundRef
} from './results-view';
import { changeWords, judgeTogether, newcombeDifference, welchDifference, type Difference, type Judged, type Verdict } from './statistics';

/** How one question moved from an earlier round to a later one, for one audience. */
export interface ItemChange {
	itemId: string;
	name: string;
	audience: Audience;
	before: ItemFigure;
	after: ItemFigure;
	judged: Judged;
	words: string;
}

export interface AudienceChanges {
	audience: Audience;
	/** Questions with a figure shown in both rounds: the ones judged. */
	compared: number;
	higher: ItemChange[];
	lower: ItemChange[];
	/** Judged, and within what chance would give. */
	unclear: number;
	/** Shown in one of the two rounds only. */
	tooFew: number;
	/** Where those were hidden: "in both rounds", "in Spring 2026", or in one or the other. */
	tooFewWhere: string;
}

export interface NamedFigure {
	name: string;
	text: string;
	figure: ItemFigure;
}

/** Who answered in a group: how many (under the rules), and what share of the staff that work there, where that is known. */
export interface Answered {
	staff: CountCell;
	consumer: CountCell;
	/** How many staff answered of how many work there: only where the count itself is shown and the headcount entered. */
	staffShare: { answered: number; of: number } | null;
}

export interface RoundSummary {
	round: RoundRef;
	previous: RoundRef | null;
	program: ProgramFilter;
	answered: Answered & { programs: (Answered & { name: string })[] };
	/** Since the previous closed round, per audience; empty for the first closed round. */
	changes: AudienceChanges[];
	/** Every question that rose beyond noise, and every one that fell, both audiences, the surest move first. */
	better: ItemChange[];
	worse: ItemChange[];
	/** What to look at first, ranked by `rankAttention`: the first few, and how many more there are. */
	attention: { entries: AttentionEntry[]; more: number };
	/**
	 * The mirror view's gaps that stand out (largest first), and the questions staff and consumers
	 * see alike within `ALIKE_WITHIN` either way: the whole interval of the gap lies inside it.
	 */
	gaps: { compared: number; widest: MirrorRow[]; alike: MirrorRow[] };
	/** Consumers' highest and lowest rated questions in the round. */
	strongest: NamedFigure[];
	weakest: NamedFigure[];
	/** The actions recorded against the previous round, with how their questions moved since. */
	actions: { id: number; description: string; items: ItemChange[] }[];
	/** The summary in a few plain sentences, in the order the page gives them. */
	sentences: { answered: string; changes: string[]; gaps: string; consumers: string };
}

/** How many questions a summary names at most under one heading. */
const NAMED = 3;
/**
 * Staff and consumers "see a question alike" only when the whole interval of the gap lies within
 * this many points either way: a gap that is merely not clear is "no clear difference", not alike.
 */
export const ALIKE_WITHIN = 0.5;
/** The middle of the 1–5 scale: a question consumers rate wholly below it needs attention. */
export const SCALE_MIDDLE = 3;
/** How many questions "Needs attention" names on the first screen; the rest are counted. */
export const ATTENTION_NAMED = 6;

/** How much a move is at least, by the end of its interval nearest zero: what "by at least" says. */
export const leastMove = (judged: Judged): number =>
	judged.interval ? Math.min(Math.abs(judged.interval.low), Math.abs(judged.interval.high)) : 0;

/** One reason a question needs attention, with how large the problem is at least, in points of the 1–5 scale. */
export type AttentionReason =
	| { kind: 'fell'; change: ItemChange; atLeast: number; words: string }
	| { kind: 'low'; figure: ItemFigure; atLeast: number; words: string }
	| { kind: 'gap'; row: MirrorRow; atLeast: number; words: string };

/** A question that needs attention: its reasons in plain words, the largest first. */
export interface AttentionEntry {
	itemId: string;
	name: string;
	reasons: AttentionReason[];
	/** What it is ranked by: the sum of its reasons' sizes, each the least that problem can be. */
	weight: number;
}

const points = (value: number) => value.toFixed(2);

/**
 * A change in words a manager reads without statistics: "rose from 3.03 to 4.26, by at least
 * 0.68". "At least" is the end of the change's interval nearest zero, at the level that allows for
 * every question compared with it, so it is what the answers show for sure, not a guess.
 */
export function moveWords(change: Pick<ItemChange, 'before' | 'after' | 'judged'>): string {
	const [before, after] = [change.before.cell, change.after.cell];
	const means = before.shown && after.shown ? [formatScore(before.mean), formatScore(after.mean)] : null;
	const fromTo = means ? ` from ${means[0]} to ${means[1]}` : '';
	switch (change.judged.verdict) {
		case 'higher':
			return `rose${fromTo}, by at least ${points(leastMove(change.judged))}`;
		case 'lower':
			return `fell${fromTo}, by at least ${points(leastMove(change.judged))}`;
		case 'no-clear-change':
			return means ? `no clear change (${means[0]} then, ${means[1]} now)` : 'no clear change';
		case 'too-few':
			return 'too few answers to tell';
	}
}
const kindOrder = { fell: 0, low: 1, gap: 2 } as const;

/**
 * The reasons a question needs attention, from what the summary already judged: a question that
 * fell beyond noise since the previous round (either audience); a question consumers rate with
 * its whole 95% interval below the middle of the scale; a mirrored question where staff rate
 * themselves clearly higher than consumers rate staff.
 */
export function attentionReasons(
	worse: readonly ItemChange[],
	consumerFigures: readonly ItemFigure[],
	mirror: readonly MirrorRow[],
	previous: RoundRef | null
): AttentionReason[] {
	const fell = worse.map((change): AttentionReason => {
		return {
			kind: 'fell',
			change,
			atLeast: leastMove(change.judged),
			words: `${audienceName[change.audience]} rate it lower than in ${previous?.name ?? 'the round before'}: it ${moveWords(change)}.`
		};
	});
	const low = consumerFigures.flatMap((figure): AttentionReason[] => {
		const cell = figure.cell;
		if (!cell.shown || !cell.meanInterval || cell.meanInterval.high >= SCALE_MIDDLE) return [];
		const atLeast = SCALE_MIDDLE - cell.meanInterval.high;
		return [
			{
				kind: 'low',
				figure,
				atLeast,
				words: `Consumers rate it ${formatScore(cell.mean)} of 5: below the middle of the scale (${SCALE_MIDDLE}) by at least ${points(atLeast)}, even at the top of its 95% interval.`
			}
		];
	});
	const gaps = mirror.flatMap((row): AttentionReason[] => {
		if (row.judged.verdict !== 'higher' || !row.staff.shown || !row.consumer.shown) return [];
		const atLeast = leastMove(row.judged);
		return [
			{
				kind: 'gap',
				row,
				atLeast,
				words: `Staff rate themselves ${formatScore(row.staff.mean)}, consumers rate staff ${formatScore(row.consumer.mean)}: staff clearly higher, by at least ${points(atLeast)}.`
			}
		];
	});
	return [...fell, ...low, ...gaps];
}

const reasonItem = (reason: AttentionReason): string =>
	reason.kind === 'fell' ? reason.change.itemId : reason.kind === 'low' ? reason.figure.itemId : reason.row.itemId;

/**
 * Ranks what needs attention: one entry per question, holding all its reasons. Each reason
 * counts for the least its problem can be, in points of the scale (the end of its interval
 * nearest no problem), so a large but uncertain move does not outrank a sure one; a question
 * weighs the sum of its reasons, so one that fell, is rated low and is seen higher by staff comes
 * before one with a single reason of the same size. Ties go to more reasons, then by name.
 */
export function rankAttention(reasons: readonly AttentionReason[], name: (itemId: string) => string = shortName): AttentionEntry[] {
	const byItem = new Map<string, AttentionReason[]>();
	for (const reason of reasons) byItem.set(reasonItem(reason), [...(byItem.get(reasonItem(reason)) ?? []), reason]);
	return [...byItem]
		.map(([itemId, mine]): AttentionEntry => {
			const sorted = [...mine].sort((a, b) => b.atLeast - a.atLeast || kindOrder[a.kind] - kindOrder[b.kind]);
			return { itemId, name: name(itemId), reasons: sorted, weight: sorted.reduce((sum, reason) => sum + reason.atLeast, 0) };
		})
		.sort((a, b) => b.weight - a.weight || b.reasons.length - a.reasons.length || a.name.localeCompare(b.name));
}

/** The questions an audience answers in the instrument: consumers only the mirrored ones. */
export function questionsFor(instrument: Instrument, audience: Audience): Item[] {
	return sectionsFor(
		instrument,
		audience,
		instrument.sections.map((section) => section.id)
	).flatMap((section) => section.items);
}

export interface SummaryInput {
	results: Results;
	instrument: Instrument;
	round: RoundRef;
	previous: RoundRef | null;
	program: ProgramFilter;
	/** The agency's programs, for who answered in each (shown only where the rules allow), with how many staff work there when entered. */
	programs: readonly { key: number; name: string; staffCount?: number | null }[];
	actions: readonly ActionMark[];
}

export function summarizeRound(input: SummaryInput): RoundSummary {
	const { results, instrument, round, previous, program } = input;
	const changes = previous ? changesBetween(results, instrument, previous, round, program) : [];
	const mirror = mirrorRows(results, instrument, round.id, program);
	const apart = mirror
		.filter((row) => row.judged.verdict === 'higher' || row.judged.verdict === 'lower')
		.sort((a, b) => Math.abs(b.gap!) - Math.abs(a.gap!));
	const alike = mirror
		.filter((row) => row.judged.verdict === 'no-clear-change' && row.judged.interval !== null && withinAlike(row.judged.interval))
		.sort((a, b) => Math.abs(a.gap!) - Math.abs(b.gap!));
	const ranked = questionsFor(instrument, 'consumer')
		.map((item) => ({
			name: itemName(item),
			text: item.consumer!.en,
			figure: itemFigure(results, round.id, 'consumer', program, item.id)
		}))
		.filter(({ figure }) => figure.cell.shown)
		.sort((a, b) => mean(b.figure) - mean(a.figure));
	const strongest = ranked.slice(0, NAMED);
	const weakest = ranked.slice(Math.max(strongest.length, ranked.length - NAMED)).reverse();
	const count = (audience: Audience, slice: ProgramFilter) =>
		countCell(results.responseCount(round.id, audience, slice), results.minimumFor(round.id));
	const headcount = (slice: ProgramFilter): number | null => {
		const counted = slice === 'all' ? input.programs : input.programs.filter((candidate) => candidate.key === slice);
		// The whole agency's headcount only when every program's is known: a part would overstate the share.
		if (counted.length === 0 || counted.some((candidate) => !candidate.staffCount)) return null;
		return counted.reduce((sum, candidate) => sum + candidate.staffCount!, 0);
	};
	const answeredIn = (slice: ProgramFilter): Answered => {
		const staff = count('staff', slice);
		const of = headcount(slice);
		return { staff, consumer: count('consumer', slice), staffShare: staff.shown && of ? { answered: staff.n, of } : null };
	};
	const answered = {
		...answeredIn(program),
		// Per program only for the whole agency, and only the counts the rules let through.
		programs:
			program === 'all'
				? input.programs
						.map((candidate) => ({ name: candidate.name, ...answeredIn(candidate.key) }))
						.filter((candidate) => candidate.staff.shown || candidate.consumer.shown)
				: []
	};
	const flat = changes.flatMap((group) => [...group.higher, ...group.lower, ...group.others]);
	const actions = previous
		? input.actions
				.filter((action) => action.roundId === previous.id)
				.map((action) => ({
					id: action.id,
					description: action.description,
					items: (['consumer', 'staff'] as const).flatMap((audience) =>
						action.itemIds.flatMap((itemId) => flat.filter((change) => change.audience === audience && change.itemId === itemId))
					)
				}))
		: [];
	const summaryChanges = changes.map(({ others: _others, ...group }) => group);
	const surestFirst = (list: ItemChange[]) => [...list].sort((a, b) => leastMove(b.judged) - leastMove(a.judged));
	const better = surestFirst(summaryChanges.flatMap((group) => group.higher));
	const worse = surestFirst(summaryChanges.flatMap((group) => group.lower));
	const consumerFigures = questionsFor(instrument, 'consumer').map((item) => itemFigure(results, round.id, 'consumer', program, item.id));
	const attention = rankAttention(attentionReasons(worse, consumerFigures, mirror, previous), (itemId) => nameOf(instrument, itemId));
	return {
		round,
		previous,
		program,
		answered,
		changes: summaryChanges,
		better,
		worse,
		attention: { entries: attention.slice(0, ATTENTION_NAMED), more: Math.max(0, attention.length - ATTENTION_NAMED) },
		gaps: { compared: mirror.filter((row) => row.gap !== null).length, widest: apart.slice(0, NAMED), alike: alike.slice(0, NAMED) },
		strongest,
		weakest,
		actions,
		sentences: {
			answered: answeredSentence(round, answered),
			changes: previous
				? summaryChanges.map((group) => changeSentence(group, previous))
				: [`${round.name} is the first closed round: there is nothing earlier to compare it with.`],
			gaps: gapSentence(mirror),
			consumers:
				ranked.length === 0
					? 'No consumer question has enough answers to show.'
					: `Consumers rate ${names(strongest)} highest, and ${names(weakest)} lowest.`
		}
	};
}

/** The changes beyond noise a summary found for one audience, for the heatmap to mark; null when there is no earlier round. */
export function judgedChanges(summary: RoundSummary, audience: Audience): JudgedChanges | null {
	const group = summary.changes.find((candidate) => candidate.audience === audience);
	return summary.previous && group ? { round: summary.round, previous: summary.previous, higher: group.higher, lower: group.lower } : null;
}

const mean = (figure: ItemFigure) => (figure.cell.shown ? figure.cell.mean : NaN);
const withinAlike = (interval: { low: number; high: number }) => interval.low > -ALIKE_WITHIN && interval.high < ALIKE_WITHIN;
const names = (figures: readonly NamedFigure[]) => list(figures.map((figure) => `“${figure.name}”`));

/** "a", "a and b", "a, b and c". */
function list(words: readonly string[]): string {
	return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** "18 staff (60% of the 30 who work here)": a share only where the count is shown and the headcount known. */
function staffWords(answered: Answered): string {
	if (!answered.staff.shown) return '';
	const share = answered.staffShare;
	return share ? `${share.answered} staff (${formatPercent(share.answered / share.of)} of ${share.of})` : `${answered.staff.n} staff`;
}

export function answeredSentence(round: RoundRef, answered: RoundSummary['answered']): string {
	const who = (cell: CountCell, people: string, words: string) => (cell.shown ? words : `${people} (how many is hidden: ${cell.why})`);
	const whole = `In ${round.name}, ${who(answered.staff, 'staff', staffWords(answered))} and ${who(answered.consumer, 'consumers', `${answered.consumer.shown ? answered.consumer.n : 0} consumers`)} answered`;
	const parts = answered.programs.map(
		(program) =>
			`${program.name}: ${[staffWords(program), program.consumer.shown ? `${program.consumer.n} consumers` : ''].filter(Boolean).join(', ')}`
	);
	return parts.length > 0 ? `${whole} (${parts.join('; ')}).` : `${whole}.`;
}

/**
 * Where the questions that could not be compared were hidden: in the earlier round, the later, or
 * some in one and some in the other. "Both rounds" is said only when it is true of every one.
 */
export function tooFewWhere(tooFew: readonly { before: ItemFigure; after: ItemFigure }[], earlier: RoundRef, later: RoundRef): string {
	const hiddenBefore = tooFew.every((change) => !change.before.cell.shown);
	const hiddenAfter = tooFew.every((change) => !change.after.cell.shown);
	if (hiddenBefore && hiddenAfter) return 'in both rounds';
	if (hiddenBefore) return `in ${earlier.name}`;
	if (hiddenAfter) return `in ${later.name}`;
	return `in ${earlier.name} or in ${later.name}`;
}

export function changeSentence(group: AudienceChanges, previous: RoundRef): string {
	const who = audienceName[group.audience];
	const named = (changes: readonly ItemChange[]) =>
		list(changes.slice(0, NAMED).map((change) => `“${change.name}”`)) +
		(changes.length > NAMED ? ` and ${changes.length - NAMED} more` : '');
	if (group.compared === 0) {
		return `${who}: too few answers ${group.tooFewWhere} to tell what changed since ${previous.name}.`;
	}
	if (group.higher.length === 0 && group.lower.length === 0) {
		return `${who}: no clear change since ${previous.name} on any of the ${group.compared} questions compared; the moves between the rounds are within what chance gives with this many answers.`;
	}
	const found = [
		group.higher.length > 0 ? `${group.higher.length} higher than in ${previous.name} (${named(group.higher)})` : '',
		group.lower.length > 0 ? `${group.lower.length} lower (${named(group.lower)})` : ''
	].filter(Boolean);
	return `${who}: of ${group.compared} questions compared, ${found.join(', and ')}. The other ${group.unclear} show no clear change.`;
}

/**
 * The mirror view in one sentence. When nothing can be compared it says which side is hidden:
 * "on both sides" only when both are. A gap that does not stand out is "no clear difference",
 * never "alike".
 */
export function gapSentence(mirror: readonly MirrorRow[]): string {
	const compared = mirror.filter((row) => row.gap !== null).length;
	if (compared === 0) {
		if (mirror.length === 0) return 'No mirrored question was asked.';
		const staffHidden = mirror.every((row) => !row.staff.shown);
		const consumersHidden = mirror.every((row) => !row.consumer.shown);
		const side =
			staffHidden && consumersHidden
				? 'on both sides'
				: staffHidden
					? 'from staff'
					: consumersHidden
						? 'from consumers'
						: 'on one side or the other';
		return `Too few answers ${side} to compare staff with consumers.`;
	}
	const apart = mirror.filter((row) => row.judged.verdict === 'higher' || row.judged.verdict === 'lower').length;
	if (apart === 0)
		return `On none of the ${compared} mirrored questions does the gap between staff and consumers stand out from chance: no clear difference.`;
	return `On ${apart} of the ${compared} mirrored questions, staff and consumers see things clearly differently; on the other ${compared - apart}, no clear difference.`;
}

/**
 * Each question's move between two rounds, per audience, judged together: staff and consumers'
 * questions form one family for the false-discovery rate. `others` holds the questions judged
 * without a clear change, and those shown in one round only.
 */
export function changesBetween(
	results: Results,
	instrument: Instrument,
	earlier: RoundRef,
	later: RoundRef,
	program: ProgramFilter
): (AudienceChanges & { others: ItemChange[] })[] {
	const candidates = (['consumer', 'staff'] as const).flatMap((audience) =>
		questionsFor(instrument, audience)
			.map((item) => ({
				audience,
				item,
				before: itemFigure(results, earlier.id, audience, program, item.id),
				after: itemFigure(results, later.id, audience, program, item.id)
			}))
			// A question hidden in both rounds (or asked in neither) says nothing either way.
			.filter(({ before, after }) => before.cell.shown || after.cell.shown)
	);
	const judged = judgeTogether(
		candidates.map(({ audience, item }) => {
			const before = itemSample(results, earlier.id, audience, program, item.id);
			const after = itemSample(results, later.id, audience, program, item.id);
			return before && after ? welchDifference(after, before) : null;
		})
	);
	const changes = candidates.map(({ audience, item, before, after }, index): ItemChange => ({
		itemId: item.id,
		name: itemName(item),
		audience,
		before,
		after,
		judged: judged[index],
		words: changeWords(judged[index].verdict, earlier.name)
	}));
	return (['consumer', 'staff'] as const)
		.map((audience) => {
			const mine = changes.filter((change) => change.audience === audience);
			const byDifference = (verdict: Verdict) =>
				mine
					.filter((change) => change.judged.verdict === verdict)
					.sort((a, b) => Math.abs(b.judged.difference!) - Math.abs(a.judged.difference!));
			return {
				audience,
				compared: mine.filter((change) => change.judged.verdict !== 'too-few').length,
				higher: byDifference('higher'),
				lower: byDifference('lower'),
				unclear: mine.filter((change) => change.judged.verdict === 'no-clear-change').length,
				tooFew: mine.filter((change) => change.judged.verdict === 'too-few').length,
				tooFewWhere: tooFewWhere(
					mine.filter((change) => change.judged.verdict === 'too-few'),
					earlier,
					later
				),
				others: mine.filter((change) => change.judged.verdict === 'no-clear-change' || change.judged.verdict === 'too-few')
			};
		})
		.filter((group) => group.compared + group.tooFew > 0);
}

/** "Did what we changed work?": one action's questions, before (the round it answers) and after. */
export interface ActionOutcome {
	id: number;
	roundId: number;
	items: {
		itemId: string;
		name: string;
		audience: Audience;
		before: ItemFigure;
		after: { round: RoundRef; figure: ItemFigure; judged: Judged; words: string }[];
	}[];
}

/**
 * For each action, each question it named, for each audience asked it: the figure in the round it
 * answers and in every later closed round, each later one judged against the first. Everything on
 * the page is judged together, as one family for the false-discovery rate. `measure` says which
 * figure is compared: the mean (Welch), or the share favourable (Newcombe), as the public page says it.
 */
export function actionOutcomes(
	results: Results,
	instrument: Instrument,
	rounds: readonly RoundRef[],
	actions: readonly ActionMark[],
	options: { program?: ProgramFilter; audiences?: readonly Audience[]; measure?: 'mean' | 'favourable' } = {}
): ActionOutcome[] {
	const { program = 'all', audiences = ['consumer', 'staff'], measure = 'mean' } = options;
	const comparisons: { difference: Difference | null; set: (judged: Judged) => void }[] = [];
	const difference = (audience: Audience, itemId: string, earlier: number, later: number): Difference | null => {
		if (measure === 'mean') {
			const before = itemSample(results, earlier, audience, program, itemId);
			const after = itemSample(results, later, audience, program, itemId);
			return before && after ? welchDifference(after, before) : null;
		}
		const share = (round: number) => {
			const score = results.item(round, audience, program, itemId);
			return score.shown && score.value.mean !== null ? { x: score.value.distribution[3] + score.value.distribution[4], n: score.n } : null;
		};
		const before = share(earlier);
		const after = share(later);
		return before && after ? newcombeDifference(after.x, after.n, before.x, before.n) : null;
	};
	const outcomes = actions.flatMap((action): ActionOutcome[] => {
		const at = rounds.findIndex((round) => round.id === action.roundId);
		if (at < 0) return [];
		const answered = rounds[at];
		const items = audiences.flatMap((audience) =>
			questionsFor(instrument, audience)
				.filter((item) => action.itemIds.includes(item.id))
				.map((item) => ({
					itemId: item.id,
					name: itemName(item),
					audience,
					before: itemFigure(results, answered.id, audience, program, item.id),
					after: rounds.slice(at + 1).map((later) => {
						const entry = {
							round: later,
							figure: itemFigure(results, later.id, audience, program, item.id),
							judged: { verdict: 'too-few', difference: null, interval: null, confidence: null } as Judged,
							words: ''
						};
						comparisons.push({
							difference: difference(audience, item.id, answered.id, later.id),
							set: (judged) => {
								entry.judged = judged;
								entry.words = changeWords(judged.verdict, answered.name);
							}
						});
						return entry;
					})
				}))
		);
		return [{ id: action.id, roundId: action.roundId, items }];
	});
	judgeTogether(comparisons.map((comparison) => comparison.difference)).forEach((judged, index) => comparisons[index].set(judged));
	return outcomes;
}
