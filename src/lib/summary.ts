/**
 * "How are we doing?": what stands out in a closed round, in plain words, and "Did what we changed
 * work?" for each "You said, we did" action. Built from `Results` alone: every figure named here is
 * one `Results` shows for the same group and filter (a hidden figure is never used, not even its
 * count), and every change or gap is judged by the interval of the difference with the
 * false-discovery rate held across the questions judged together.
 */
import { sectionsFor, type Audience, type Instrument, type Item } from './instruments';
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
}

export interface NamedFigure {
	name: string;
	text: string;
	figure: ItemFigure;
}

export interface RoundSummary {
	round: RoundRef;
	previous: RoundRef | null;
	program: ProgramFilter;
	answered: { staff: CountCell; consumer: CountCell; programs: { name: string; staff: CountCell; consumer: CountCell }[] };
	/** Since the previous closed round, per audience; empty for the first closed round. */
	changes: AudienceChanges[];
	/** The mirror view's gaps that stand out (largest first), and questions staff and consumers see alike. */
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
/** Staff and consumers "see a question alike" when their means sit within this, and no gap stands out. */
const ALIKE_WITHIN = 0.25;

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
	/** The agency's programs, for who answered in each (shown only where the rules allow). */
	programs: readonly { key: number; name: string }[];
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
		.filter((row) => row.judged.verdict === 'no-clear-change' && Math.abs(row.gap!) < ALIKE_WITHIN)
		.sort((a, b) => Math.abs(a.gap!) - Math.abs(b.gap!));
	const ranked = questionsFor(instrument, 'consumer')
		.map((item) => ({
			name: shortName(item.id),
			text: item.consumer!.en,
			figure: itemFigure(results, round.id, 'consumer', program, item.id)
		}))
		.filter(({ figure }) => figure.cell.shown)
		.sort((a, b) => mean(b.figure) - mean(a.figure));
	const strongest = ranked.slice(0, NAMED);
	const weakest = ranked.slice(Math.max(strongest.length, ranked.length - NAMED)).reverse();
	const count = (audience: Audience, slice: ProgramFilter) =>
		countCell(results.responseCount(round.id, audience, slice), results.minimumFor(round.id));
	const answered = {
		staff: count('staff', program),
		consumer: count('consumer', program),
		// Per program only for the whole agency, and only the counts the rules let through.
		programs:
			program === 'all'
				? input.programs
						.map((candidate) => ({
							name: candidate.name,
							staff: count('staff', candidate.key),
							consumer: count('consumer', candidate.key)
						}))
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
	return {
		round,
		previous,
		program,
		answered,
		changes: summaryChanges,
		gaps: { compared: mirror.filter((row) => row.gap !== null).length, widest: apart.slice(0, NAMED), alike: alike.slice(0, NAMED) },
		strongest,
		weakest,
		actions,
		sentences: {
			answered: answeredSentence(round, answered),
			changes: previous
				? summaryChanges.map((group) => changeSentence(group, previous))
				: [`${round.name} is the first closed round: there is nothing earlier to compare it with.`],
			gaps: gapSentence(mirror.filter((row) => row.gap !== null).length, apart.length),
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
const names = (figures: readonly NamedFigure[]) => list(figures.map((figure) => `“${figure.name}”`));

/** "a", "a and b", "a, b and c". */
function list(words: readonly string[]): string {
	return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function answeredSentence(round: RoundRef, answered: RoundSummary['answered']): string {
	const who = (cell: CountCell, people: string) => (cell.shown ? `${cell.n} ${people}` : `${people} (how many is hidden: ${cell.why})`);
	const whole = `In ${round.name}, ${who(answered.staff, 'staff')} and ${who(answered.consumer, 'consumers')} answered`;
	const parts = answered.programs.map(
		(program) =>
			`${program.name}: ${[program.staff.shown ? `${program.staff.n} staff` : '', program.consumer.shown ? `${program.consumer.n} consumers` : ''].filter(Boolean).join(', ')}`
	);
	return parts.length > 0 ? `${whole} (${parts.join('; ')}).` : `${whole}.`;
}

function changeSentence(group: AudienceChanges, previous: RoundRef): string {
	const who = audienceName[group.audience];
	const named = (changes: readonly ItemChange[]) =>
		list(changes.slice(0, NAMED).map((change) => `“${change.name}”`)) +
		(changes.length > NAMED ? ` and ${changes.length - NAMED} more` : '');
	if (group.compared === 0) return `${who}: too few answers in both rounds to tell what changed since ${previous.name}.`;
	if (group.higher.length === 0 && group.lower.length === 0) {
		return `${who}: no clear change since ${previous.name} on any of the ${group.compared} questions compared; the moves between the rounds are within what chance gives with this many answers.`;
	}
	const found = [
		group.higher.length > 0 ? `${group.higher.length} higher than in ${previous.name} (${named(group.higher)})` : '',
		group.lower.length > 0 ? `${group.lower.length} lower (${named(group.lower)})` : ''
	].filter(Boolean);
	return `${who}: of ${group.compared} questions compared, ${found.join(', and ')}. The other ${group.unclear} show no clear change.`;
}

function gapSentence(compared: number, apart: number): string {
	if (compared === 0) return 'Too few answers on both sides to compare staff with consumers.';
	if (apart === 0) return `On none of the ${compared} mirrored questions does the gap between staff and consumers stand out from chance.`;
	return `On ${apart} of the ${compared} mirrored questions, staff and consumers see things clearly differently.`;
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
		name: shortName(item.id),
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
					name: shortName(item.id),
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
