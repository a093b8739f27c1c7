/**
 * The small-group promise, tested the way it was broken: an attacker reads every number a
 * manager and an admin can read, knows each group's size, and solves an integer linear program
 * for every hidden count. No hidden count may be pinned to one positive value, except where every
 * answer of the groups hidden for a question is the same (no minimum group size can hide that:
 * publishing the whole agency's figure tells it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentInstrument, type AnswerValue, type Audience } from '$lib/instruments';
import { getAgency, updateAgency } from '$lib/server/agency';
import { mulberry32, seedDemo } from '$lib/server/demo';
import { createProgram, type Program } from '$lib/server/programs';
import { saveResponse, type ResponseMeta } from '$lib/server/responses';
import { createUser } from '$lib/server/user';
import { listClosedRounds } from '$lib/server/results';
import { closeRound, createRound, openRound, type Round } from '$lib/server/rounds';
import { attack, readEverything, readTruth, type Attack, type Observation } from './attacker';

const hrItems = currentInstrument.sections[0].items.map((item) => item.id);
let made = 0;

/** A round with the practice section only, for the programs given (none: one agency-wide link). */
function openedRound(programs: Program[]): Round {
	const round = createRound({
		name: `Round ${++made}`,
		programIds: programs.map((program) => program.id),
		sections: { staff: ['hr'], consumer: ['hr'] }
	});
	openRound(round.id);
	return round;
}

/** One response: an answer (or nothing, for a skip) to each practice question; on paper when a typist is given. */
function respond(round: Round, audience: Audience, program: Program | null, answers: (AnswerValue | null)[], paperTypist?: number) {
	const given = hrItems.flatMap((item, index): [string, AnswerValue][] =>
		answers[index] === null || answers[index] === undefined ? [] : [[item, answers[index]!]]
	);
	const meta: ResponseMeta = paperTypist
		? { language: 'en', channel: 'paper', enteredBy: paperTypist }
		: { language: 'en', channel: 'web' };
	saveResponse({ roundId: round.id, audience, programId: program?.id ?? null }, meta, { answers: new Map(given), comment: null });
}

/** A believable answer: mostly 3–5, now and then "not sure" or a skip. */
function believable(random: () => number): AnswerValue | null {
	const roll = random();
	if (roll < 0.08) return null;
	if (roll < 0.16) return 0;
	return (1 + Math.min(4, Math.floor(random() * 3 + random() * 3))) as AnswerValue;
}

function summary(found: Attack): string {
	const lone = found.pinned.filter((finding) => !finding.homogeneous).length;
	return `${found.hiddenCells} hidden cells, ${found.solves} solves; pinned: ${lone} leaks, ${found.pinned.length - lone} where the hidden groups all gave one answer`;
}

async function attackRounds(rounds: Round[]): Promise<Attack> {
	const found = await attack(
		await readEverything(),
		readTruth(),
		rounds.map((round) => round.id)
	);
	console.log(`attack on ${rounds.map((round) => round.name).join(', ')}: ${summary(found)}`);
	return found;
}

/** A closed round: one consumer in a program of their own, 18 and 25 in two others, and 7 staff. */
function onePersonBesideTwoLarge(seed: number) {
	const random = mulberry32(seed);
	const [one, big, bigger] = ['Outreach van', 'Drop-in', 'Housing'].map((name) => createProgram(`${name} ${made}`));
	const round = openedRound([one, big, bigger]);
	respond(
		round,
		'consumer',
		one,
		hrItems.map(() => believable(random))
	);
	for (let i = 0; i < 18; i++)
		respond(
			round,
			'consumer',
			big,
			hrItems.map(() => believable(random))
		);
	for (let i = 0; i < 25; i++)
		respond(
			round,
			'consumer',
			bigger,
			hrItems.map(() => believable(random))
		);
	for (let i = 0; i < 7; i++)
		respond(
			round,
			'staff',
			big,
			hrItems.map(() => believable(random))
		);
	closeRound(round.id);
	return { round, one, big };
}

const leaks = (found: Attack) => found.pinned.filter((finding) => !finding.homogeneous);

describe('an attacker who reads everything published together', () => {
	it('learns no hidden answer of a one-person program beside two large ones', async () => {
		const { round } = onePersonBesideTwoLarge(1);
		const found = await attackRounds([round]);
		expect(found.hiddenCells).toBeGreaterThan(0);
		expect(leaks(found)).toEqual([]);
	}, 120_000);

	it('learns no more of a small group that answered "not sure" than that they all did', async () => {
		const random = mulberry32(2);
		const [small, big, bigger] = ['Counseling', 'Drop-in', 'Housing'].map((name) => createProgram(`${name} ${made}`));
		const round = openedRound([small, big, bigger]);
		// Six people: five say "not sure" to everything, one skips everything.
		for (let i = 0; i < 5; i++)
			respond(
				round,
				'consumer',
				small,
				hrItems.map(() => 0)
			);
		respond(
			round,
			'consumer',
			small,
			hrItems.map(() => null)
		);
		for (let i = 0; i < 20; i++)
			respond(
				round,
				'consumer',
				big,
				hrItems.map(() => believable(random))
			);
		for (let i = 0; i < 20; i++)
			respond(
				round,
				'consumer',
				bigger,
				hrItems.map(() => believable(random))
			);
		closeRound(round.id);
		const found = await attackRounds([round]);
		expect(leaks(found)).toEqual([]);
		// Not even how many of the six said "not sure" can be worked out.
		expect(found.pinned.filter((finding) => finding.program === small.id)).toEqual([]);
	}, 120_000);

	it('learns no hidden answer of a group that only a paper form lifts to the minimum', async () => {
		const random = mulberry32(3);
		const [small, big] = ['Counseling', 'Drop-in'].map((name) => createProgram(`${name} ${made}`));
		const round = openedRound([small, big]);
		for (let i = 0; i < 4; i++)
			respond(
				round,
				'consumer',
				small,
				hrItems.map(() => believable(random))
			);
		const typist = await createUser('typist', 'types in paper forms', 'manager');
		respond(
			round,
			'consumer',
			small,
			hrItems.map(() => believable(random)),
			typist.id
		);
		for (let i = 0; i < 22; i++)
			respond(
				round,
				'consumer',
				big,
				hrItems.map(() => believable(random))
			);
		closeRound(round.id);
		const found = await attackRounds([round]);
		expect(leaks(found)).toEqual([]);
	}, 120_000);

	it('learns nothing more by reading again after the minimum group size changes', async () => {
		// One person, ten, and ten with one "not sure": under 5 and under 10 different programs
		// would sit beside the lone one, and the two reads together would give them away.
		const [one, dropIn, housing] = ['Outreach', 'Drop-in', 'Housing'].map((name) => createProgram(`${name} ${made}`));
		const round = openedRound([one, dropIn, housing]);
		respond(
			round,
			'consumer',
			one,
			hrItems.map(() => 2)
		);
		for (let i = 0; i < 10; i++)
			respond(
				round,
				'consumer',
				dropIn,
				hrItems.map(() => (3 + (i % 3)) as AnswerValue)
			);
		for (let i = 0; i < 10; i++)
			respond(
				round,
				'consumer',
				housing,
				hrItems.map(() => (i === 0 ? 0 : ((2 + (i % 4)) as AnswerValue)))
			);
		closeRound(round.id);
		const reads: Observation[] = [];
		try {
			for (const minimum of [5, 10, 3, 12]) {
				updateAgency({ ...getAgency(), minimumGroupSize: minimum, minimumCommentGroupSize: Math.max(10, minimum) });
				reads.push(...(await readEverything()));
			}
		} finally {
			updateAgency({ ...getAgency(), minimumGroupSize: 5, minimumCommentGroupSize: 10 });
		}
		const found = await attack(reads, readTruth(), [round.id]);
		console.log(`attack on ${round.name}, read under four minimums: ${summary(found)}`);
		expect(found.hiddenCells).toBeGreaterThan(0);
		expect(leaks(found)).toEqual([]);
	}, 120_000);

	it('does find a lone answer when one more slice is published than the rules allow (the attacker works)', async () => {
		const { round, one, big } = onePersonBesideTwoLarge(4);
		const truth = readTruth();
		const observations = await readEverything();
		// What the rules hold back: the drop-in slice's counts, published anyway.
		const leaked: Observation[] = [];
		for (const item of hrItems) {
			const counts = truth.counts.get(`${round.id}|consumer|${big.id}|${item}`) ?? {};
			for (const value of [0, 1, 2, 3, 4, 5] as const) {
				leaked.push({
					kind: 'total',
					scope: { round: round.id, audience: 'consumer', program: big.id },
					items: [item],
					weights: { [value]: 1 },
					sense: '=',
					total: counts[value] ?? 0,
					from: 'a slice the rules hide'
				});
			}
		}
		const found = await attack(observations, truth, [round.id], leaked);
		// The one person's answer to every question they answered is pinned.
		const pinnedOne = leaks(found).filter((finding) => finding.program === one.id);
		expect(pinnedOne.length).toBeGreaterThanOrEqual(hrItems.length - 3);
	}, 120_000);

	it('learns no hidden answer in random believable agencies', async () => {
		const agencies = fc.record({
			minimum: fc.integer({ min: 3, max: 6 }),
			sizes: fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 7, max: 30 })), { minLength: 1, maxLength: 4 }),
			staff: fc.integer({ min: 0, max: 12 }),
			seed: fc.integer()
		});
		const findings: string[] = [];
		await fc.assert(
			fc.asyncProperty(agencies, async ({ minimum, sizes, staff, seed }) => {
				const random = mulberry32(seed);
				updateAgency({ ...getAgency(), minimumGroupSize: minimum, minimumCommentGroupSize: Math.max(10, minimum) });
				const programs = sizes.map((_, index) => createProgram(`Program ${made}-${index}`));
				const round = openedRound(programs);
				sizes.forEach((size, index) => {
					// Some groups lean on "not sure" or skipping, as people unsure of a service do.
					const unsure = random() < 0.3;
					for (let i = 0; i < size; i++) {
						respond(
							round,
							'consumer',
							programs[index],
							hrItems.map(() => (unsure && random() < 0.6 ? 0 : believable(random)))
						);
					}
				});
				for (let i = 0; i < staff; i++)
					respond(
						round,
						'staff',
						programs[i % programs.length],
						hrItems.map(() => believable(random))
					);
				closeRound(round.id);
				const found = await attack(await readEverything(), readTruth(), [round.id]);
				findings.push(summary(found));
				expect(leaks(found)).toEqual([]);
			}),
			{ numRuns: 20 }
		);
		updateAgency({ ...getAgency(), minimumGroupSize: 5, minimumCommentGroupSize: 10 });
		console.log(`random agencies:\n${findings.join('\n')}`);
	}, 300_000);
});

describe('the demo agency, attacked', () => {
	it('gives away no hidden answer in any closed round', async () => {
		const before = listClosedRounds().map((round) => round.id);
		seedDemo(mulberry32(2026), (await createUser('demo', 'any positive change', 'admin')).id);
		const rounds = listClosedRounds().filter((round) => !before.includes(round.id));
		expect(rounds.length).toBeGreaterThanOrEqual(6);
		const found = await attack(
			await readEverything(),
			readTruth(),
			rounds.map((round) => round.id)
		);
		console.log(`the demo: ${summary(found)}`);
		expect(found.hiddenCells).toBeGreaterThan(0);
		expect(leaks(found)).toEqual([]);
	}, 300_000);
});
