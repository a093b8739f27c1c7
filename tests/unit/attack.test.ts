/**
 * The small-group promise, tested the way it was broken: an attacker reads every number a
 * manager and an admin can read, knows each group's size and the rules, and solves an integer
 * linear program for every hidden count of a group smaller than the minimum. None may be pinned to
 * one value or have a floor above 0 ("at least one of them said Always"), not even when every
 * hidden group gave the same answer. (A larger group hidden beside them may be bounded: any
 * count of its own rests on enough people to be shown.)
 *
 * Every attack here knows the rules: it adds what each set of hidden slices the union check
 * turned down tells. That only ever tightens the bounds, so what it cannot find, an attacker who
 * does not know the rules cannot find either.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentInstrument, type AnswerValue, type Audience } from '$lib/instruments';
import { getAgency, updateAgency } from '$lib/server/agency';
import { mulberry32, seedDemo } from '$lib/server/demo';
import { createProgram, type Program } from '$lib/server/programs';
import { addAgencyQuestion } from '$lib/server/agency-questions';
import { agencyItemId } from '$lib/instruments/agency';
import { saveResponse, type ResponseMeta } from '$lib/server/responses';
import { createUser } from '$lib/server/user';
import { listClosedRounds, loadResults } from '$lib/server/results';
import { closeRound, createRound, openRound, type Round } from '$lib/server/rounds';
import { attack, questionRelease, readEverything, readTruth, VALUES, type Attack, type Observation } from './attacker';

const hrItems = currentInstrument.sections[0].items.map((item) => item.id);
let made = 0;

// The agency's own questions are asked in every round below, beside the deck's practice section:
// a mirrored pair on the agreement scale, and one for consumers only. The attacker reads their
// figures on every page as it reads the deck's.
const ownItems: Record<Audience, string[]> = { staff: [], consumer: [] };
for (const draft of [
	{ name: 'Naloxone', audience: 'both', scale: 'agreement', staffEn: 'We hand out naloxone.', consumerEn: 'I can get naloxone here.' },
	{ name: 'Evening hours', audience: 'consumer', scale: 'practice', staffEn: '', consumerEn: 'The evening hours work for me.' }
] as const) {
	const itemId = agencyItemId(addAgencyQuestion({ ...draft, staffEs: '', consumerEs: '' }));
	ownItems.consumer.push(itemId);
	if (draft.audience === 'both') ownItems.staff.push(itemId);
}
/** The agency's own questions are answered from a stream of their own, so every case's deck answers stay as designed. */
const ownRandom = mulberry32(7);

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
	for (const item of ownItems[audience]) {
		const answer = believable(ownRandom);
		if (answer !== null) given.push([item, answer]);
	}
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
	return `${found.hiddenCells} hidden cells, ${found.solves} solves; floors under a small group's count: ${found.floors.length}, of them pinned: ${found.pinned.length}`;
}

async function attackRounds(rounds: Round[]): Promise<Attack> {
	const roundIds = rounds.map((round) => round.id);
	const found = await attack(await readEverything(roundIds), readTruth(), roundIds, { knowsTheRule: true });
	console.log(`attack on ${rounds.map((round) => round.name).join(', ')}: ${summary(found)}`);
	return found;
}

/** What the attacker must not find: a floor under a small group's count (a pinned count is one too). */
const leaks = (found: Attack) => found.floors;

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

describe('an attacker who reads everything published together', () => {
	it('learns no hidden answer of a one-person program beside two large ones', async () => {
		const { round } = onePersonBesideTwoLarge(1);
		const found = await attackRounds([round]);
		expect(found.hiddenCells).toBeGreaterThan(0);
		expect(leaks(found)).toEqual([]);
	}, 120_000);

	it('learns nothing of a small group who answered "not sure" or skipped', async () => {
		const random = mulberry32(2);
		const [small, big, bigger] = ['Counseling', 'Drop-in', 'Housing'].map((name) => createProgram(`${name} ${made}`));
		const round = openedRound([small, big, bigger]);
		// Four people: three say "not sure" to everything, one skips everything.
		for (let i = 0; i < 3; i++)
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
		expect(found.solves).toBeGreaterThan(0);
		expect(leaks(found)).toEqual([]);
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
		// The group of five is no small group, so its counts are checked as every hidden group's are: none pinned.
		const found = await attack(await readEverything([round.id]), readTruth(), [round.id], { everyGroup: true });
		console.log(`attack on ${round.name}, every group: ${summary(found)}`);
		expect(found.solves).toBeGreaterThan(0);
		expect(found.pinned).toEqual([]);
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
				reads.push(...(await readEverything([round.id])));
			}
		} finally {
			updateAgency({ ...getAgency(), minimumGroupSize: 5, minimumCommentGroupSize: 10 });
		}
		const found = await attack(reads, readTruth(), [round.id], { knowsTheRule: true });
		console.log(`attack on ${round.name}, read under four minimums: ${summary(found)}`);
		expect(found.hiddenCells).toBeGreaterThan(0);
		expect(leaks(found)).toEqual([]);
	}, 120_000);

	/** A round of consumers: each program's size and how its people answer every practice question. */
	function consumerRound(groups: { name: string; size: number; answer: (random: () => number) => AnswerValue | null }[], seed: number) {
		const random = mulberry32(seed);
		const programs = groups.map((group) => createProgram(`${group.name} ${made}`));
		const round = openedRound(programs);
		groups.forEach((group, index) => {
			for (let i = 0; i < group.size; i++)
				respond(
					round,
					'consumer',
					programs[index],
					hrItems.map(() => group.answer(random))
				);
		});
		closeRound(round.id);
		return { round, programs };
	}

	/** Each of a program's counts in a round, as the rules hide them, published anyway. */
	function publishedAnyway(round: Round, audience: Audience, program: Program): Observation[] {
		const truth = readTruth();
		return hrItems.flatMap((item) =>
			VALUES.filter((value) => value !== 'skip').map((value): Observation => ({
				kind: 'total',
				scope: { round: round.id, audience, program: program.id },
				items: [item],
				weights: { [value]: 1 },
				sense: '=',
				total: truth.counts.get(`${round.id}|${audience}|${program.id}|${item}`)?.[value] ?? 0,
				from: 'a slice the rules hide'
			}))
		);
	}

	const fourBesideTwo = () =>
		consumerRound(
			[
				// Night shelter 4, all "Always"; outreach van 2, "Often": together 4 "Always" and 2 "Often".
				{ name: 'Night shelter', size: 4, answer: () => 5 },
				{ name: 'Outreach van', size: 2, answer: () => 4 },
				{ name: 'Drop-in', size: 22, answer: believable },
				{ name: 'Housing', size: 25, answer: believable }
			],
			5
		);

	it('learns nothing of a group of 4 beside one of 2 whose answers together lean one way', async () => {
		const { round, programs } = fourBesideTwo();
		const found = await attackRounds([round]);
		expect(found.hiddenCells).toBeGreaterThan(0);
		expect(leaks(found)).toEqual([]);
		// The rules hide the drop-in beside them too, where before they showed it.
		const results = loadResults();
		expect(hrItems.filter((item) => !results.item(round.id, 'consumer', programs[2].id, item).shown).length).toBeGreaterThan(0);
	}, 120_000);

	it('does find a floor under the group of 4 when the slice hidden beside them is published anyway (the attacker works)', async () => {
		const { round, programs } = fourBesideTwo();
		const found = await attack(await readEverything([round.id]), readTruth(), [round.id], {
			extra: publishedAnyway(round, 'consumer', programs[2])
		});
		// "At least 2 of the 4 night-shelter consumers said Always", question by question.
		const shelter = found.floors.filter((finding) => finding.program === programs[0].id && finding.value === 5);
		expect(shelter.length).toBeGreaterThanOrEqual(hrItems.length - 2);
		expect(Math.min(...shelter.map((finding) => finding.lower))).toBeGreaterThanOrEqual(2);
	}, 120_000);

	it('learns nothing of staff of 4, 1 and 1, where only "All programs" can be shown', async () => {
		const random = mulberry32(6);
		const programs = ['Drop-in', 'Outreach', 'Counseling'].map((name) => createProgram(`${name} ${made}`));
		const round = openedRound(programs);
		// Most questions, all six give the same answer; a few, they differ.
		const answers = hrItems.map((_, index) => (index < hrItems.length - 3 ? () => 4 as AnswerValue : () => believable(random)));
		[4, 1, 1].forEach((size, index) => {
			for (let i = 0; i < size; i++)
				respond(
					round,
					'staff',
					programs[index],
					answers.map((answer) => answer())
				);
		});
		closeRound(round.id);
		const found = await attackRounds([round]);
		expect(leaks(found)).toEqual([]);
		const results = loadResults();
		const hidden = hrItems.filter((item) => {
			const shown = results.item(round.id, 'staff', 'all', item);
			return !shown.shown && shown.reason === 'protects-smaller-groups';
		});
		expect(hidden.length).toBeGreaterThanOrEqual(hrItems.length - 3);
	}, 120_000);

	it('learns nothing of a group of six who all said "not sure" beside one person', async () => {
		const { round } = consumerRound(
			[
				{ name: 'Counseling', size: 6, answer: () => 0 },
				{ name: 'Outreach', size: 1, answer: () => 0 },
				{ name: 'Drop-in', size: 20, answer: believable },
				{ name: 'Housing', size: 20, answer: believable }
			],
			7
		);
		const found = await attackRounds([round]);
		expect(found.hiddenCells).toBeGreaterThan(0);
		expect(leaks(found)).toEqual([]);
	}, 120_000);

	it('does find a lone answer when one more slice is published than the rules allow (the attacker works)', async () => {
		const { round, one, big } = onePersonBesideTwoLarge(4);
		const truth = readTruth();
		const observations = await readEverything([round.id]);
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
		const found = await attack(observations, truth, [round.id], { extra: leaked });
		// The one person's answer to every question they answered is pinned.
		const pinnedOne = found.pinned.filter((finding) => finding.program === one.id);
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
				const found = await attack(await readEverything([round.id]), readTruth(), [round.id], { knowsTheRule: true });
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
		const roundIds = rounds.map((round) => round.id);
		const found = await attack(await readEverything(roundIds), readTruth(), roundIds, { knowsTheRule: true });
		console.log(`the demo: ${summary(found)}`);
		expect(found.hiddenCells).toBeGreaterThan(0);
		expect(leaks(found)).toEqual([]);
	}, 300_000);
});

describe('what the union check costs', () => {
	it('hides few program and "All programs" cells beyond the rest of the rules, over 500 random agencies', () => {
		// The same believable agencies as above, decided by the rules alone (no database): consumers
		// and staff per program, every practice question, the default minimum of 5.
		const cells = { programs: { before: 0, hidden: 0 }, all: { before: 0, hidden: 0 } };
		for (let seed = 1; seed <= 500; seed++) {
			const random = mulberry32(seed);
			const programs = 1 + Math.floor(random() * 4);
			const consumers = Array.from({ length: programs }, () => (random() < 0.4 ? Math.floor(random() * 7) : 7 + Math.floor(random() * 24)));
			const staff = Math.floor(random() * 13);
			const staffSizes = Array.from({ length: programs }, (_, index) => Math.floor(staff / programs) + (index < staff % programs ? 1 : 0));
			for (const sizes of [consumers, staffSizes]) {
				const leaning = sizes.map(() => random() < 0.3);
				// Each person's answer to each question: skips and "not sure" first among `VALUES`.
				const people = sizes.map((size, g) =>
					Array.from({ length: size }, () =>
						hrItems.map(() => {
							const answer = leaning[g] && random() < 0.6 ? 0 : believable(random);
							return answer === null ? 'skip' : answer;
						})
					)
				);
				hrItems.forEach((_, item) => {
					const counts = people.map((group) => VALUES.map((value) => group.filter((answers) => answers[item] === value).length));
					const { before, after } = questionRelease(counts, sizes, 5);
					if (!before.whole || !after) return;
					cells.all.before++;
					if (after.hideWhole) cells.all.hidden++;
					before.slices.forEach((shown, g) => {
						if (!shown) return;
						cells.programs.before++;
						if (!after.shown[g]) cells.programs.hidden++;
					});
				});
			}
		}
		const share = ({ before, hidden }: { before: number; hidden: number }) =>
			`${hidden} of ${before} (${((100 * hidden) / before).toFixed(1)}%)`;
		console.log(
			`the union check hides, beyond the rest of the rules: program cells ${share(cells.programs)}, "All programs" cells ${share(cells.all)}`
		);
		expect(cells.programs.before).toBeGreaterThan(1000);
		expect(cells.programs.hidden / cells.programs.before).toBeLessThan(0.1);
		expect(cells.all.hidden / cells.all.before).toBeLessThan(0.1);
	});
});
