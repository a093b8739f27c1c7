import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerValue } from '$lib/instruments';
import type { RoundCopy } from '$lib/reflection-copy';
import {
	buildJourney,
	DISTANCE_NAMED_FROM,
	type ConsumerFigure,
	type JourneyContext,
	type JourneyItem,
	type JourneyRound,
	type JourneyRow
} from '$lib/reflection-journey';

const itemOf = (id: string, mirrored = true): JourneyItem => ({
	id,
	section: id.startsWith('hr.') ? 'How do you practice harm reduction?' : 'Other',
	text: `Statement ${id}`,
	labels: ['Not sure', 'Never', 'Rarely', 'Sometimes', 'Often', 'Always'],
	mirrored
});
/** Questions in instrument order; the last two are asked of staff only. */
const items = ['hr.listen', 'hr.trust', 'hr.patience', 'stc.goals', 'stc.board', 'ex.love'].map((id) =>
	itemOf(id, id !== 'stc.board' && !id.startsWith('ex.'))
);
const roundOf = (id: number, closed = true): JourneyRound => ({ id, name: { text: `Round ${id}` }, closed });
/** Spring, summer and autumn closed in that order; winter is still open. */
const [spring, summer, autumn, winter] = [roundOf(1), roundOf(2), roundOf(3), roundOf(4, false)];
const shown = (mean: number, n = 12): ConsumerFigure => ({ kind: 'shown', mean, n });

const contextWith = (
	consumers: JourneyContext['consumers'] = {},
	rounds: JourneyRound[] = [spring, summer, autumn, winter]
): JourneyContext => ({ agency: '0123456789abcdef0123456789abcdef', rounds, items, consumers });
const copyOf = (round: JourneyRound, answers: Record<string, AnswerValue>, note = '', instrument = '2026.2'): RoundCopy => ({
	round: { id: round.id, name: round.name.text, nameEs: null },
	instrument,
	answers,
	note
});
const rowOf = (rows: JourneyRow[], itemId: string) => rows.find((row) => row.item.id === itemId);

describe('a staff member’s journey', () => {
	it('tells how each answer moved between their last two scored answers', () => {
		const journey = buildJourney(
			[
				copyOf(spring, { 'hr.listen': 2, 'hr.trust': 5, 'hr.patience': 3, 'stc.goals': 1 }),
				copyOf(summer, { 'hr.listen': 4, 'hr.trust': 3, 'hr.patience': 3, 'stc.goals': 0 })
			],
			contextWith()
		);
		expect(rowOf(journey.rows, 'hr.listen')!.move).toEqual({ steps: 2, since: spring });
		expect(rowOf(journey.rows, 'hr.trust')!.move).toEqual({ steps: -2, since: spring });
		expect(rowOf(journey.rows, 'hr.patience')!.move).toEqual({ steps: 0, since: spring });
		// "Not sure" is no score to move from or to.
		expect(rowOf(journey.rows, 'stc.goals')!.move).toBeNull();
	});

	it('passes over "not sure" and skipped answers to the scored answer before them', () => {
		const journey = buildJourney(
			[
				copyOf(spring, { 'hr.listen': 1, 'hr.trust': 4 }),
				copyOf(summer, { 'hr.listen': 0 }),
				copyOf(autumn, { 'hr.listen': 3, 'hr.trust': 0 }),
				copyOf(winter, { 'hr.trust': 2 })
			],
			contextWith()
		);
		expect(rowOf(journey.rows, 'hr.listen')!.move).toEqual({ steps: 2, since: spring });
		expect(rowOf(journey.rows, 'hr.trust')!.move).toEqual({ steps: -2, since: spring });
		expect(rowOf(journey.rows, 'hr.listen')!.points.map((point) => point.answer)).toEqual([1, 0, 3, null]);
	});

	it('shows an answer given only once, or only "not sure", without a move', () => {
		const journey = buildJourney([copyOf(spring, { 'hr.listen': 4, 'hr.trust': 0 }), copyOf(summer, { 'hr.trust': 0 })], contextWith());
		expect(rowOf(journey.rows, 'hr.listen')).toMatchObject({ move: null, distance: null });
		expect(rowOf(journey.rows, 'hr.trust')).toMatchObject({ move: null, distance: null });
	});

	it('leaves out the questions they never answered, in any round', () => {
		const journey = buildJourney([copyOf(spring, { 'hr.trust': 3 }), copyOf(summer, { 'stc.board': 2 })], contextWith());
		expect(journey.rows.map((row) => row.item.id)).toEqual(['hr.trust', 'stc.board']);
	});

	it('puts consumers’ figure of the same round beside a closed round’s answer, and none beside a staff-only question', () => {
		const journey = buildJourney(
			[copyOf(spring, { 'hr.listen': 3, 'stc.board': 4, 'stc.goals': 2 }), copyOf(summer, { 'hr.listen': 4 })],
			contextWith({ 1: { 'hr.listen': shown(3.4), 'stc.goals': { kind: 'not-asked' } }, 2: { 'hr.listen': { kind: 'hidden' } } })
		);
		expect(rowOf(journey.rows, 'hr.listen')!.points.map((point) => point.consumers)).toEqual([
			{ figure: shown(3.4), round: spring },
			{ figure: { kind: 'hidden' }, round: summer }
		]);
		expect(rowOf(journey.rows, 'stc.goals')!.points[0].consumers).toEqual({ figure: { kind: 'not-asked' }, round: spring });
		expect(rowOf(journey.rows, 'stc.board')!.points.map((point) => point.consumers)).toEqual([null, null]);
	});

	it('puts the last closed round’s figure beside an open round’s answer, by closing order rather than round number', () => {
		// Round 2 closed last, after round 3; round 4 is open.
		const closedLast = [spring, autumn, summer, winter];
		const consumers = { 1: { 'hr.listen': shown(2) }, 2: { 'hr.listen': shown(4.25) }, 3: { 'hr.listen': shown(3) } };
		const journey = buildJourney(
			[copyOf(spring, { 'hr.listen': 3 }), copyOf(winter, { 'hr.listen': 4 })],
			contextWith(consumers, closedLast)
		);
		expect(rowOf(journey.rows, 'hr.listen')!.points.map((point) => point.consumers)).toEqual([
			{ figure: shown(2), round: spring },
			{ figure: shown(4.25), round: summer }
		]);
		// From 1 away from spring's figure to 0.25 from summer's: closer, and read beside summer's.
		expect(rowOf(journey.rows, 'hr.listen')!.distance).toEqual({ kind: 'closer', change: -0.75, against: summer });
	});

	it('puts nothing beside an open round’s answer when no round has closed before it', () => {
		const journey = buildJourney([copyOf(winter, { 'hr.listen': 4 })], contextWith({}, [winter]));
		expect(rowOf(journey.rows, 'hr.listen')!.points[0].consumers).toBeNull();
	});

	it('names the distance to consumers when it grew or shrank by the threshold or more', () => {
		const journey = buildJourney(
			[
				copyOf(spring, { 'hr.listen': 4, 'hr.trust': 4, 'hr.patience': 4, 'stc.goals': 1 }),
				copyOf(summer, { 'hr.listen': 4, 'hr.trust': 4, 'hr.patience': 4, 'stc.goals': 1 })
			],
			contextWith({
				// From level with consumers to 0.6 apart; from 1.0 apart to 0.4; from 0.2 apart to 0.6.
				1: { 'hr.listen': shown(4), 'hr.trust': shown(3), 'hr.patience': shown(3.8), 'stc.goals': shown(1.51) },
				2: { 'hr.listen': shown(3.4), 'hr.trust': shown(3.6), 'hr.patience': shown(3.4), 'stc.goals': shown(2.01) }
			})
		);
		expect(rowOf(journey.rows, 'hr.listen')!.distance).toEqual({ kind: 'apart', change: expect.closeTo(0.6, 10), against: summer });
		expect(rowOf(journey.rows, 'hr.trust')!.distance).toEqual({ kind: 'closer', change: expect.closeTo(-0.6, 10), against: summer });
		expect(rowOf(journey.rows, 'hr.patience')!.distance).toBeNull();
		// From 0.51 apart to 1.01: exactly the threshold, though 1.01 − 0.51 is a hair under 0.5 in floating point.
		expect(rowOf(journey.rows, 'stc.goals')!.distance).toEqual({ kind: 'apart', change: DISTANCE_NAMED_FROM, against: summer });
	});

	it('names a distance that shrank by exactly the threshold', () => {
		const journey = buildJourney(
			[copyOf(spring, { 'hr.listen': 1 }), copyOf(summer, { 'hr.listen': 1 })],
			contextWith({ 1: { 'hr.listen': shown(2.01) }, 2: { 'hr.listen': shown(1.51) } })
		);
		expect(rowOf(journey.rows, 'hr.listen')!.distance).toEqual({ kind: 'closer', change: -DISTANCE_NAMED_FROM, against: summer });
	});

	it('measures the distance between the last two points where both they and consumers gave a score', () => {
		const journey = buildJourney(
			[
				copyOf(spring, { 'hr.listen': 3, 'hr.trust': 3 }),
				copyOf(summer, { 'hr.listen': 5, 'hr.trust': 0 }),
				copyOf(autumn, { 'hr.listen': 5, 'hr.trust': 5 })
			],
			contextWith({
				1: { 'hr.listen': shown(3), 'hr.trust': shown(3) },
				2: { 'hr.listen': { kind: 'hidden' }, 'hr.trust': shown(1) },
				3: { 'hr.listen': shown(3), 'hr.trust': shown(3) }
			})
		);
		// Summer is passed over: consumers' figure was hidden for one, their own answer "not sure" for the other.
		expect(rowOf(journey.rows, 'hr.listen')!.distance).toEqual({ kind: 'apart', change: 2, against: autumn });
		expect(rowOf(journey.rows, 'hr.trust')!.distance).toEqual({ kind: 'apart', change: 2, against: autumn });
		const once = buildJourney(
			[copyOf(spring, { 'hr.listen': 3 }), copyOf(summer, { 'hr.listen': 5 })],
			contextWith({ 1: { 'hr.listen': shown(3) }, 2: { 'hr.listen': { kind: 'not-asked' } } })
		);
		expect(rowOf(once.rows, 'hr.listen')).toMatchObject({ move: { steps: 2 }, distance: null });
	});

	it('lists where they and consumers moved apart first, widest first, then the rest in instrument order', () => {
		const answers = { 'hr.listen': 3, 'hr.trust': 3, 'hr.patience': 3, 'stc.goals': 3, 'stc.board': 3, 'ex.love': 3 } as const;
		const journey = buildJourney(
			[copyOf(spring, answers), copyOf(summer, answers)],
			contextWith({
				1: { 'hr.listen': shown(3), 'hr.trust': shown(4), 'hr.patience': shown(3), 'stc.goals': shown(3) },
				// Apart by 1; closer by 1; apart by 0.6; apart by 1.5.
				2: { 'hr.listen': shown(4), 'hr.trust': shown(3), 'hr.patience': shown(3.6), 'stc.goals': shown(1.5) }
			})
		);
		expect(journey.rows.map((row) => [row.item.id, row.distance?.kind ?? null])).toEqual([
			['stc.goals', 'apart'],
			['hr.listen', 'apart'],
			['hr.patience', 'apart'],
			['hr.trust', 'closer'],
			['stc.board', null],
			['ex.love', null]
		]);
	});

	it('matches answers across instrument versions by the item’s id', () => {
		const journey = buildJourney(
			[copyOf(spring, { 'hr.listen': 2, 'hr.retired': 4 }, '', '2025.1'), copyOf(summer, { 'hr.listen': 5 }, '', '2026.2')],
			contextWith()
		);
		expect(journey.rows.map((row) => row.item.id)).toEqual(['hr.listen']);
		expect(rowOf(journey.rows, 'hr.listen')!.move).toEqual({ steps: 3, since: spring });
	});

	it('leaves out copies of rounds this agency does not know, their answers and notes with them', () => {
		const stranger = roundOf(99);
		const journey = buildJourney(
			[
				copyOf(stranger, { 'hr.listen': 1, 'hr.trust': 1 }, 'Not ours'),
				copyOf(spring, { 'hr.listen': 5 }),
				copyOf(autumn, { 'hr.listen': 4 })
			],
			contextWith()
		);
		expect(journey.rounds).toEqual([spring, autumn]);
		expect(journey.rows.map((row) => row.item.id)).toEqual(['hr.listen']);
		expect(rowOf(journey.rows, 'hr.listen')!.move).toEqual({ steps: -1, since: spring });
		expect(journey.notes).toEqual([]);
	});

	it('lists the rounds they kept in the order the rounds closed, however the copies came', () => {
		const closedLast = [spring, autumn, summer, winter];
		const journey = buildJourney(
			[copyOf(winter, {}), copyOf(summer, { 'hr.listen': 2 }), copyOf(autumn, { 'hr.listen': 4 })],
			contextWith({}, closedLast)
		);
		expect(journey.rounds).toEqual([autumn, summer, winter]);
		expect(rowOf(journey.rows, 'hr.listen')!.move).toEqual({ steps: -2, since: autumn });
	});

	it('keeps each round’s note trimmed, in round order, and drops empty ones', () => {
		const journey = buildJourney(
			[
				copyOf(summer, {}, '  Ask before advising.\n'),
				copyOf(spring, { 'hr.listen': 3 }, ' \n\t '),
				copyOf(autumn, {}, 'Listen longer.'),
				copyOf(winter, {}, '')
			],
			contextWith()
		);
		expect(journey.notes).toEqual([
			{ round: summer, note: 'Ask before advising.' },
			{ round: autumn, note: 'Listen longer.' }
		]);
	});
});

const answer = fc.option(fc.constantFrom<AnswerValue>(0, 1, 2, 3, 4, 5), { nil: undefined });
const figure = fc.oneof(
	fc.record({
		kind: fc.constant('shown' as const),
		mean: fc.integer({ min: 100, max: 500 }).map((mean) => mean / 100),
		n: fc.integer({ min: 5, max: 80 })
	}),
	fc.constant({ kind: 'hidden' as const }),
	fc.constant({ kind: 'not-asked' as const })
);
/** Answers to every question, some skipped. */
const answersArbitrary = fc
	.tuple(...items.map(() => answer))
	.map((values) => Object.fromEntries(items.flatMap((item, index) => (values[index] === undefined ? [] : [[item.id, values[index]]]))));
/** Copies of some of the rounds (and perhaps one the agency doesn't know), and consumers' figures for the closed ones. */
const kept = fc.record({
	copies: fc
		.subarray([spring, summer, autumn, winter, roundOf(99)])
		.chain((rounds) => fc.tuple(...rounds.map((round) => answersArbitrary.map((answers) => copyOf(round, answers))))),
	context: fc
		.tuple(...[spring, summer, autumn].map(() => fc.tuple(...items.map(() => figure))))
		.map((figures) =>
			contextWith(
				Object.fromEntries(
					figures.map((forRound, index) => [index + 1, Object.fromEntries(items.map((item, at) => [item.id, forRound[at]]))])
				)
			)
		)
});

describe('any journey', () => {
	it('has one row for each question answered in a round the agency knows: apart first, widest first, then in instrument order', () => {
		fc.assert(
			fc.property(kept, ({ copies, context }) => {
				const { rows } = buildJourney(copies, context);
				const known = copies.filter((copy) => copy.round.id !== 99);
				const answered = items.filter((item) => known.some((copy) => copy.answers[item.id] !== undefined));
				expect(rows.map((row) => row.item.id).toSorted()).toEqual(answered.map((item) => item.id).toSorted());
				const apart = rows.findLastIndex((row) => row.distance?.kind === 'apart');
				const changes = rows.slice(0, apart + 1).map((row) => row.distance?.kind === 'apart' && row.distance.change);
				expect(changes.every((change, index) => change !== false && (index === 0 || change <= (changes[index - 1] as number)))).toBe(true);
				const rest = rows.slice(apart + 1).map((row) => items.indexOf(row.item));
				expect(rest).toEqual(rest.toSorted((a, b) => a - b));
			})
		);
	});

	it('is the same whatever order the copies come in', () => {
		fc.assert(
			fc.property(kept, ({ copies, context }) => {
				expect(buildJourney(copies.toReversed(), context)).toEqual(buildJourney(copies, context));
			})
		);
	});

	it('moves the other way, as far, when two rounds’ answers are swapped', () => {
		fc.assert(
			fc.property(answersArbitrary, answersArbitrary, (first, second) => {
				const forward = buildJourney([copyOf(spring, first), copyOf(summer, second)], contextWith());
				const back = buildJourney([copyOf(spring, second), copyOf(summer, first)], contextWith());
				expect(back.rows.map((row) => [row.item.id, row.move && 0 - row.move.steps])).toEqual(
					forward.rows.map((row) => [row.item.id, row.move && row.move.steps])
				);
			})
		);
	});

	it('changes no move and no distance for a round kept with only "not sure" and skipped answers', () => {
		const unsureOrSkipped = fc
			.tuple(...items.map(() => fc.boolean()))
			.map((unsure) => Object.fromEntries(items.flatMap((item, index) => (unsure[index] ? [[item.id, 0 as const]] : []))));
		fc.assert(
			fc.property(kept, unsureOrSkipped, fc.constantFrom(spring, summer, autumn, winter), ({ copies, context }, answers, round) => {
				const others = copies.filter((copy) => copy.round.id !== round.id);
				const summary = (rows: JourneyRow[]) =>
					rows
						.filter((row) => row.points.some((point) => point.answer !== null && point.round.id !== round.id))
						.map(({ item, move, distance }) => ({ item, move, distance }));
				const without = buildJourney(others, context);
				const withIt = buildJourney([...others, copyOf(round, answers)], context);
				expect(summary(withIt.rows)).toEqual(summary(without.rows));
			})
		);
	});
});
