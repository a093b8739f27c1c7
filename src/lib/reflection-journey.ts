/**
 * A staff member's own answers across rounds, item by item, beside what consumers said in the same
 * closed rounds: worked out in their browser from the copies they kept, and never sent anywhere.
 * Pure, so it is tested on its own; the server only supplies the published figures it reads.
 */
import type { Shown } from './i18n';
import { UNSURE, type AnswerValue } from './instruments/types';
import type { RoundCopy } from './reflection-copy';

/** How far (on the five-point scale) the distance to consumers must grow or shrink to be named. */
export const DISTANCE_NAMED_FROM = 0.5;

/** What consumers said of a mirrored item in a closed round, as the small-group rules release it. */
export type ConsumerFigure = { kind: 'shown'; mean: number; n: number } | { kind: 'hidden' } | { kind: 'not-asked' };

export interface JourneyRound {
	id: number;
	name: Shown;
	closed: boolean;
}

export interface JourneyItem {
	id: string;
	section: string;
	text: string;
	/** The answer labels: index 0 is "not sure", 1 to 5 the scale's points. */
	labels: string[];
	mirrored: boolean;
}

/**
 * What the server gives a staff member's browser to read their copies with: the same for everyone
 * who opens the page, and nothing in it about anyone.
 */
export interface JourneyContext {
	/** This agency's copy mark (see `reflection-copy.ts`). */
	agency: string;
	/** Open and closed rounds, closed ones first in the order they closed. */
	rounds: JourneyRound[];
	/** Every question staff may be asked, in instrument order. */
	items: JourneyItem[];
	/** Consumers' figures for each closed round, by round id, then mirrored item id. */
	consumers: Record<number, Record<string, ConsumerFigure>>;
}

/** Consumers' figure beside one of the staff member's answers: their round's, or, for an open round, the last closed one's. */
export interface ConsumerReference {
	figure: ConsumerFigure;
	round: JourneyRound;
}

export interface JourneyPoint {
	round: JourneyRound;
	/** Null when they skipped it, or it was not asked that round. */
	answer: AnswerValue | null;
	consumers: ConsumerReference | null;
}

export interface JourneyRow {
	item: JourneyItem;
	points: JourneyPoint[];
	/** How their answer moved between their last two scored answers, in scale steps. */
	move: { steps: number; since: JourneyRound } | null;
	/**
	 * Whether their answer and consumers' figure moved apart or closer, by how much, and the round
	 * of the consumers' figure their latest answer was read beside (for an open round, the last
	 * closed one's).
	 */
	distance: { kind: 'apart' | 'closer'; change: number; against: JourneyRound } | null;
}

export interface Journey {
	/** The rounds they have a copy of, in order. */
	rounds: JourneyRound[];
	/** Items where they and consumers moved apart first, the widest first; the rest in instrument order. */
	rows: JourneyRow[];
	notes: { round: JourneyRound; note: string }[];
}

const isScore = (answer: AnswerValue | null): answer is Exclude<AnswerValue, typeof UNSURE> => answer !== null && answer !== UNSURE;

/** The consumers' figure an answer in `round` is read beside: that round's once closed, else the last closed before it. */
function consumersBeside(context: JourneyContext, round: JourneyRound, item: JourneyItem): ConsumerReference | null {
	if (!item.mirrored) return null;
	const position = context.rounds.findIndex((candidate) => candidate.id === round.id);
	const closed = round.closed ? round : context.rounds.slice(0, position).findLast((candidate) => candidate.closed);
	const figure = closed && context.consumers[closed.id]?.[item.id];
	return closed && figure ? { figure, round: closed } : null;
}

function distanceOf(points: JourneyPoint[]): JourneyRow['distance'] {
	const gaps = points.flatMap(({ answer, consumers }) =>
		isScore(answer) && consumers?.figure.kind === 'shown'
			? [{ gap: Math.abs(answer - consumers.figure.mean), against: consumers.round }]
			: []
	);
	if (gaps.length < 2) return null;
	const [previous, last] = gaps.slice(-2);
	// In hundredths, finer than consumers' means are given: in floating point 1.01 − 0.51 falls just short of 0.5.
	const change = Math.round((last.gap - previous.gap) * 100) / 100;
	if (change >= DISTANCE_NAMED_FROM) return { kind: 'apart', change, against: last.against };
	if (change <= -DISTANCE_NAMED_FROM) return { kind: 'closer', change, against: last.against };
	return null;
}

function moveOf(points: JourneyPoint[]): JourneyRow['move'] {
	const scored = points.filter((point) => isScore(point.answer));
	if (scored.length < 2) return null;
	const [previous, last] = scored.slice(-2);
	return { steps: (last.answer as number) - (previous.answer as number), since: previous.round };
}

/**
 * A staff member's journey through the rounds they kept a copy of. Copies of rounds the context
 * does not know are left out; items are matched across instrument versions by their ids.
 */
export function buildJourney(copies: readonly RoundCopy[], context: JourneyContext): Journey {
	const copyOf = new Map(copies.map((copy) => [copy.round.id, copy]));
	const rounds = context.rounds.filter((round) => copyOf.has(round.id));
	const rows = context.items
		.map((item): JourneyRow | null => {
			const points = rounds.map((round) => ({
				round,
				answer: copyOf.get(round.id)!.answers[item.id] ?? null,
				consumers: consumersBeside(context, round, item)
			}));
			if (points.every((point) => point.answer === null)) return null;
			return { item, points, move: moveOf(points), distance: distanceOf(points) };
		})
		.filter((row) => row !== null);
	const apart = rows.filter((row) => row.distance?.kind === 'apart').sort((a, b) => b.distance!.change - a.distance!.change);
	return {
		rounds,
		rows: [...apart, ...rows.filter((row) => row.distance?.kind !== 'apart')],
		notes: rounds.flatMap((round) => {
			const note = copyOf.get(round.id)!.note.trim();
			return note ? [{ round, note }] : [];
		})
	};
}
