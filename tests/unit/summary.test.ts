import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentInstrument, isMirrored, type Audience } from '$lib/instruments';
import { shortName, shortNames } from '$lib/instruments/short-names';
import { Results, type ItemCountRow, type ProgramFilter, type ResponseCountRow } from '$lib/results';
import type { ItemFigure, RoundRef } from '$lib/results-view';
import type { AnswerCounts } from '$lib/scoring';
import { actionOutcomes, changesBetween, questionsFor, summarizeRound } from '$lib/summary';

const instrument = currentInstrument;
const consumerItems = questionsFor(instrument, 'consumer').map((item) => item.id);
const staffItems = questionsFor(instrument, 'staff').map((item) => item.id);
const spring: RoundRef = { id: 1, name: 'Spring 2026' };
const summer: RoundRef = { id: 2, name: 'Summer 2026' };
const autumn: RoundRef = { id: 3, name: 'Autumn 2026' };

/** One group's counts for one question: "not sure" first, then the scale 1–5. */
const row = (roundId: number, audience: Audience, programKey: number, itemId: string, scale: number[], unsure = 0): ItemCountRow => ({
	roundId,
	audience,
	programKey,
	itemId,
	counts: [unsure, ...scale] as AnswerCounts
});

/** Thirty consumers answering every question alike, and ten staff; overrides per round and question. */
const BASE_CONSUMER = [2, 4, 10, 9, 5];
const BASE_STAFF = [0, 1, 3, 4, 2];
function agency(overrides: Record<string, number[]> = {}, roundIds = [1, 2]) {
	const rows: ItemCountRow[] = [];
	const responses: ResponseCountRow[] = [];
	for (const roundId of roundIds) {
		for (const itemId of consumerItems)
			rows.push(row(roundId, 'consumer', 1, itemId, overrides[`${roundId}|consumer|${itemId}`] ?? BASE_CONSUMER));
		for (const itemId of staffItems) rows.push(row(roundId, 'staff', 1, itemId, overrides[`${roundId}|staff|${itemId}`] ?? BASE_STAFF));
		responses.push(
			{ roundId, audience: 'consumer', programKey: 1, responses: 30 },
			{ roundId, audience: 'staff', programKey: 1, responses: 10 }
		);
	}
	return new Results(instrument, rows, responses, 5);
}

const summarize = (
	results: Results,
	extra: { actions?: { id: number; roundId: number; description: string; itemIds: string[] }[]; program?: ProgramFilter } = {}
) =>
	summarizeRound({
		results,
		instrument,
		round: summer,
		previous: spring,
		program: extra.program ?? 'all',
		programs: [{ key: 1, name: 'Drop-in center' }],
		actions: extra.actions ?? []
	});

describe('short names', () => {
	it('name every question of the instrument in English and Spanish, in a few words', () => {
		for (const item of instrument.sections.flatMap((section) => section.items)) {
			expect(shortNames[item.id], item.id).toBeDefined();
			for (const language of ['en', 'es'] as const) {
				expect(shortNames[item.id][language].length, `${item.id} ${language}`).toBeLessThanOrEqual(40);
			}
		}
		expect(shortName('hr.listen')).toBe('Really listening');
		expect(shortName('hr.listen', 'es')).toBe('Escuchar de verdad');
	});
});

describe('the summary of a round', () => {
	// Consumers: "listening" jumps, "a say in the rules" drops, "treated with respect" moves up by
	// chance-sized steps, "patience" has too few answers in summer, everything else is the same.
	const results = agency({
		'2|consumer|hr.listen': [0, 0, 2, 10, 18],
		'2|consumer|stc.rules': [10, 12, 5, 2, 1],
		'2|consumer|stc.treated': [0, 2, 8, 12, 8],
		'2|consumer|hr.patience': [0, 0, 1, 1, 1],
		// Staff rate "explaining decisions" far above consumers, and "building trust" about the same.
		'2|staff|hr.explain': [0, 0, 0, 1, 9],
		'2|staff|hr.trust': [1, 1, 3, 3, 2]
	});

	it('names what changed beyond noise, and says plainly that the rest did not change clearly', () => {
		const summary = summarize(results);
		const consumers = summary.changes.find((group) => group.audience === 'consumer')!;
		expect(consumers.higher.map((change) => change.itemId)).toEqual(['hr.listen']);
		expect(consumers.lower.map((change) => change.itemId)).toEqual(['stc.rules']);
		expect(consumers.higher[0].words).toBe('higher than in Spring 2026');
		expect(consumers.lower[0].words).toBe('lower than in Spring 2026');
		// A move of 0.47 on 30 answers is within chance once 79 questions are judged together.
		expect(consumers.tooFew).toBe(1);
		expect(consumers.compared).toBe(consumerItems.length - 1);
		expect(consumers.unclear).toBe(consumerItems.length - 3);
		// Each change named rests on an interval that leaves out zero.
		for (const change of [...consumers.higher, ...consumers.lower]) {
			const { low, high } = change.judged.interval!;
			expect(low > 0 || high < 0).toBe(true);
		}
		expect(summary.sentences.changes[0]).toBe(
			`Consumers: of ${consumerItems.length - 1} questions compared, 1 higher than in Spring 2026 (“Really listening”), and 1 lower (“A say in the rules”). The other ${consumerItems.length - 3} show no clear change.`
		);
		// Ten staff moved "explaining decisions" from 3.7 to 4.9: with so few, and 79 questions judged
		// together, even that is not clear.
		const staff = summary.changes.find((group) => group.audience === 'staff')!;
		const explain = [...staff.higher, ...staff.lower];
		expect(explain).toEqual([]);
		expect(staff.unclear).toBe(staffItems.length);
		expect(summary.sentences.changes[1]).toMatch(/^Staff: no clear change since Spring 2026 on any of the \d+ questions compared/);
	});

	it('says so when nothing changed clearly, and identical rounds never read as a change', () => {
		const summary = summarize(agency());
		for (const group of summary.changes) {
			expect(group.higher).toEqual([]);
			expect(group.lower).toEqual([]);
			expect(group.unclear).toBe(group.compared);
		}
		expect(summary.sentences.changes[0]).toBe(
			`Consumers: no clear change since Spring 2026 on any of the ${consumerItems.length} questions compared; the moves between the rounds are within what chance gives with this many answers.`
		);
	});

	it('names the widest mirror gaps that stand out, and where staff and consumers agree', () => {
		const summary = summarize(results);
		// "A say in the rules": staff 3.7, consumers 2.07 after their drop; "explaining decisions": 4.9 beside 3.37.
		expect(summary.gaps.widest.map((gap) => gap.itemId)).toEqual(['stc.rules', 'hr.explain']);
		expect(summary.gaps.widest.map((gap) => gap.words)).toEqual([
			'staff rate it higher than consumers do',
			'staff rate it higher than consumers do'
		]);
		expect(summary.gaps.widest[1].gap).toBeCloseTo(4.9 - 101 / 30, 10);
		expect(summary.sentences.gaps).toBe(
			`On 2 of the ${consumerItems.length - 1} mirrored questions, staff and consumers see things clearly differently.`
		);
		// "Building trust": staff 3.4, consumers 3.37.
		expect(summary.gaps.alike[0].itemId).toBe('hr.trust');
		expect(summary.gaps.alike.every((gap) => gap.judged.verdict === 'no-clear-change' && Math.abs(gap.gap!) < 0.25)).toBe(true);
		expect(summary.gaps.compared).toBe(consumerItems.length - 1);
	});

	it('names consumers’ strongest and weakest questions, from shown figures only', () => {
		const summary = summarize(results);
		expect(summary.strongest.map((named) => named.figure.itemId)).toEqual(['hr.listen', 'stc.treated', 'hr.human']);
		expect(summary.weakest[0].figure.itemId).toBe('stc.rules');
		expect([...summary.strongest, ...summary.weakest].map((named) => named.figure.itemId)).not.toContain('hr.patience');
		expect(summary.sentences.consumers).toMatch(
			/^Consumers rate “Really listening”, “Treated with respect” and “A person, not a case” highest, and “A say in the rules”/
		);
	});

	it('says who answered, per program only where shown', () => {
		const summary = summarize(results);
		expect(summary.answered.staff).toEqual({ shown: true, n: 10 });
		expect(summary.answered.consumer).toEqual({ shown: true, n: 30 });
		expect(summary.sentences.answered).toBe('In Summer 2026, 10 staff and 30 consumers answered (Drop-in center: 10 staff, 30 consumers).');
	});

	it('gives each action recorded against the previous round with how its questions moved', () => {
		const summary = summarize(results, {
			actions: [
				{ id: 7, roundId: 1, description: 'Staff trained in listening.', itemIds: ['hr.listen', 'hr.patience'] },
				{ id: 8, roundId: 2, description: 'Recorded against this round, so not yet due.', itemIds: ['hr.listen'] }
			]
		});
		expect(summary.actions.map((action) => action.id)).toEqual([7]);
		expect(summary.actions[0].items.map((change) => [change.audience, change.itemId, change.words])).toEqual([
			['consumer', 'hr.listen', 'higher than in Spring 2026'],
			['consumer', 'hr.patience', 'too few answers to tell'],
			['staff', 'hr.listen', 'no clear change'],
			['staff', 'hr.patience', 'no clear change']
		]);
	});

	it('has nothing to compare in the first closed round, and says so', () => {
		const summary = summarizeRound({ results, instrument, round: spring, previous: null, program: 'all', programs: [], actions: [] });
		expect(summary.changes).toEqual([]);
		expect(summary.sentences.changes).toEqual(['Spring 2026 is the first closed round: there is nothing earlier to compare it with.']);
	});
});

describe('did what we changed work?', () => {
	const results = agency(
		{
			'2|consumer|stc.rules': [0, 2, 8, 12, 8],
			'3|consumer|stc.rules': [0, 0, 2, 10, 18]
		},
		[1, 2, 3]
	);

	it('gives each question an action named, before and in every later round, judged against before', () => {
		const [outcome] = actionOutcomes(
			results,
			instrument,
			[spring, summer, autumn],
			[{ id: 3, roundId: 1, description: 'Consumers now sit on the rules committee.', itemIds: ['stc.rules'] }]
		);
		const consumer = outcome.items.find((item) => item.audience === 'consumer')!;
		expect(consumer.before.round).toBe(1);
		expect(consumer.after.map((after) => [after.round.name, after.words])).toEqual([
			['Summer 2026', 'no clear change'],
			['Autumn 2026', 'higher than in Spring 2026']
		]);
		expect(outcome.items.find((item) => item.audience === 'staff')!.after.map((after) => after.words)).toEqual([
			'no clear change',
			'no clear change'
		]);
	});

	it('compares shares favourable the way the public page says them (Newcombe), consumers only', () => {
		const [outcome] = actionOutcomes(
			results,
			instrument,
			[spring, summer, autumn],
			[{ id: 3, roundId: 1, description: 'x', itemIds: ['stc.rules'] }],
			{
				audiences: ['consumer'],
				measure: 'favourable'
			}
		);
		expect(outcome.items).toHaveLength(1);
		// 14/30 favourable before, 28/30 in autumn.
		expect(outcome.items[0].after[1].judged.difference).toBeCloseTo(28 / 30 - 14 / 30, 12);
		expect(outcome.items[0].after[1].words).toBe('higher than in Spring 2026');
	});
});

/** Every figure a summary carries, wherever it sits. */
function figuresIn(value: unknown, found: ItemFigure[] = []): ItemFigure[] {
	if (Array.isArray(value)) value.forEach((entry) => figuresIn(entry, found));
	else if (value && typeof value === 'object') {
		if ('itemId' in value && 'cell' in value && 'round' in value) found.push(value as ItemFigure);
		Object.values(value).forEach((entry) => figuresIn(entry, found));
	}
	return found;
}

describe('the summary’s anonymity', () => {
	// Three programs of random sizes answering four consumer and staff questions in two rounds.
	const itemIds = ['hr.human', 'hr.trust', 'hr.listen', 'stc.rules'];
	const slice = fc.tuple(...Array.from({ length: 6 }, () => fc.integer({ min: 0, max: 4 })));
	const agencies = fc.record({
		counts: fc.array(slice, { minLength: 2 * 2 * 3 * itemIds.length, maxLength: 2 * 2 * 3 * itemIds.length }),
		minimum: fc.integer({ min: 3, max: 8 }),
		pick: fc.nat()
	});

	function build(counts: number[][], minimum: number) {
		const rows: ItemCountRow[] = [];
		const sizes = new Map<string, number>();
		let next = 0;
		for (const roundId of [1, 2]) {
			for (const audience of ['consumer', 'staff'] as const) {
				for (const programKey of [1, 2, 3]) {
					for (const itemId of itemIds) {
						const perValue = counts[next++];
						rows.push({ roundId, audience, programKey, itemId, counts: [...perValue] as AnswerCounts });
						const group = `${roundId}|${audience}|${programKey}`;
						sizes.set(
							group,
							Math.max(
								sizes.get(group) ?? 0,
								perValue.reduce((sum, n) => sum + n, 0)
							)
						);
					}
				}
			}
		}
		const responses = [...sizes].map(([group, responses]): ResponseCountRow => {
			const [roundId, audience, programKey] = group.split('|');
			return { roundId: Number(roundId), audience: audience as Audience, programKey: Number(programKey), responses };
		});
		return { results: new Results(instrument, rows, responses, minimum), rows, responses };
	}

	// Everything built for each filter: the summary (an action naming every question, so each one's
	// move is in it), every question's change, and "did it work?".
	const everyQuestion = [{ id: 1, roundId: 1, description: 'Everything.', itemIds }];
	const summaries = (results: Results) =>
		(['all', 1, 2, 3] as const).map((program) => ({
			summary: summarizeRound({
				results,
				instrument,
				round: summer,
				previous: spring,
				program,
				programs: [1, 2, 3].map((key) => ({ key, name: `P${key}` })),
				actions: everyQuestion
			}),
			changes: changesBetween(results, instrument, spring, summer, program),
			outcomes: actionOutcomes(results, instrument, [spring, summer], everyQuestion, { program }),
			shares: actionOutcomes(results, instrument, [spring, summer], everyQuestion, { program, measure: 'favourable' })
		}));

	it('carries only figures Results shows for the same group and filter, exactly as shown', () => {
		fc.assert(
			fc.property(agencies, ({ counts, minimum }) => {
				const { results } = build(counts, minimum);
				for (const built of summaries(results)) {
					for (const figure of figuresIn(built)) {
						const shown = results.item(figure.round, figure.audience, figure.program, figure.itemId);
						expect(figure.program).toBe(built.summary.program);
						expect(figure.cell.shown).toBe(shown.shown && shown.value.mean !== null);
						if (figure.cell.shown && shown.shown) expect([figure.cell.mean, figure.cell.n]).toEqual([shown.value.mean, shown.n]);
						if (!figure.cell.shown) expect(Object.keys(figure.cell).sort()).toEqual(['shown', 'why']);
					}
				}
			}),
			{ numRuns: 150 }
		);
		// A few seconds alone, longer on a busy machine.
	}, 60_000);

	it('does not change when a hidden figure’s answers change: it never uses them', () => {
		fc.assert(
			fc.property(agencies, ({ counts, minimum, pick }) => {
				const { results, rows, responses } = build(counts, minimum);
				// A slice whose figure is hidden, and that has two scored answers to move between values.
				const hidden = rows.filter(
					(candidate) =>
						!results.item(candidate.roundId, candidate.audience, candidate.programKey, candidate.itemId).shown &&
						candidate.counts.slice(1).filter((n) => n > 0).length > 0 &&
						candidate.counts.slice(1).reduce((sum, n) => sum + n, 0) >= 1
				);
				fc.pre(hidden.length > 0);
				const target = hidden[pick % hidden.length];
				const from = target.counts.findIndex((n, value) => value > 0 && n > 0);
				const to = from === 5 ? 1 : from + 1;
				const moved = rows.map((candidate) => {
					if (candidate !== target) return candidate;
					const changed = [...candidate.counts] as AnswerCounts;
					changed[from]--;
					changed[to]++;
					return { ...candidate, counts: changed };
				});
				const after = new Results(instrument, moved, responses, minimum);
				const before = summaries(results);
				const changed = summaries(after);
				// The slice's own summary, and the agency's when the whole is hidden too, are the same.
				const index = [1, 2, 3].indexOf(target.programKey) + 1;
				expect(changed[index]).toEqual(before[index]);
				if (!results.item(target.roundId, target.audience, 'all', target.itemId).shown) expect(changed[0]).toEqual(before[0]);
			}),
			{ numRuns: 150 }
		);
		// A few seconds alone, longer on a busy machine.
	}, 60_000);
});

describe('questions per audience', () => {
	it('give consumers only the mirrored questions', () => {
		expect(consumerItems).toEqual(
			instrument.sections
				.filter((section) => section.audiences.includes('consumer'))
				.flatMap((section) => section.items.filter(isMirrored).map((item) => item.id))
		);
		expect(staffItems.length).toBeGreaterThan(consumerItems.length);
	});
});
