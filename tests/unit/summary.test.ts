import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentInstrument, isMirrored, type Audience } from '$lib/instruments';
import { shortName, shortNames } from '$lib/instruments/short-names';
import { Results, type ItemCountRow, type ProgramFilter, type ResponseCountRow } from '$lib/results';
import { itemFigure, mirrorRows, trendRows, type ItemFigure, type RoundRef } from '$lib/results-view';
import { formatJudgedDifference, formatLevel } from '$lib/format';
import type { AnswerCounts } from '$lib/scoring';
import {
	ALIKE_WITHIN,
	actionOutcomes,
	answeredSentence,
	changeSentence,
	changesBetween,
	gapSentence,
	moveWords,
	questionsFor,
	rankAttention,
	summarizeRound,
	tooFewWhere,
	type AttentionReason
} from '$lib/summary';

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
			`On 2 of the ${consumerItems.length - 1} mirrored questions, staff and consumers see things clearly differently; on the other ${consumerItems.length - 3}, no clear difference.`
		);
		// "Building trust": staff 3.4, consumers 3.37, but ten staff leave the gap's interval far wider
		// than half a point: that is no clear difference, not agreement.
		const trust = mirrorRows(results, instrument, summer.id, 'all').find((row) => row.itemId === 'hr.trust')!;
		expect(Math.abs(trust.gap!)).toBeLessThan(0.05);
		expect(trust.words).toBe('no clear difference');
		expect(trust.judged.interval!.high - trust.judged.interval!.low).toBeGreaterThan(2 * ALIKE_WITHIN);
		expect(summary.gaps.alike.map((gap) => gap.itemId)).not.toContain('hr.trust');
		expect(summary.gaps.compared).toBe(consumerItems.length - 1);
	});

	it('calls staff and consumers alike only when the whole interval of the gap lies within the stated margin', () => {
		// Three hundred of each answering "building trust" the same way: the gap's interval is narrow around zero.
		const many = [20, 40, 100, 90, 50];
		const summary = summarize(agency({ '2|consumer|hr.trust': many, '2|staff|hr.trust': many }));
		expect(summary.gaps.alike.map((gap) => gap.itemId)).toEqual(['hr.trust']);
		const { low, high } = summary.gaps.alike[0].judged.interval!;
		expect(low).toBeGreaterThan(-ALIKE_WITHIN);
		expect(high).toBeLessThan(ALIKE_WITHIN);
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

describe('what needs attention', () => {
	// Consumers' "a say in the rules" falls to 2.07, well below the middle of the scale, and staff rate
	// it 3.7; staff rate "explaining decisions" far above consumers; "really listening" rises.
	const results = agency({
		'2|consumer|hr.listen': [0, 0, 2, 10, 18],
		'2|consumer|stc.rules': [10, 12, 5, 2, 1],
		'2|staff|hr.explain': [0, 0, 0, 1, 9]
	});
	const summary = summarize(results);

	it('names a fall, a low rating and a staff–consumer gap, one entry per question with every reason', () => {
		const [first, ...rest] = summary.attention.entries;
		expect(first.itemId).toBe('stc.rules');
		// Its three reasons together (about 0.54 + 0.41 + 0.35) outweigh the widest gap alone (about 0.81).
		expect(first.reasons.map((reason) => reason.kind)).toEqual(['low', 'gap', 'fell']);
		expect(first.weight).toBeCloseTo(
			first.reasons.reduce((sum, reason) => sum + reason.atLeast, 0),
			10
		);
		expect(first.weight).toBeGreaterThan(rest[0].weight);
		expect(rest[0].weight).toBeGreaterThan(Math.max(...first.reasons.map((reason) => reason.atLeast)));
		expect(rest.map((entry) => entry.itemId)).toEqual(['hr.explain']);
		expect(rest[0].reasons.map((reason) => reason.kind)).toEqual(['gap']);
		expect(summary.attention.more).toBe(0);
		// A rise is never a reason for attention.
		expect(summary.attention.entries.map((entry) => entry.itemId)).not.toContain('hr.listen');
	});

	it('says each reason in plain words that match its figures', () => {
		const rules = summary.attention.entries[0];
		const words = Object.fromEntries(rules.reasons.map((reason) => [reason.kind, reason.words]));
		const fell = rules.reasons.find((reason) => reason.kind === 'fell')!;
		const low = rules.reasons.find((reason) => reason.kind === 'low')!;
		expect(words.fell).toBe(
			`Consumers rate it lower than in Spring 2026: it fell from ${(101 / 30).toFixed(2)} to ${(62 / 30).toFixed(2)}, by at least ${fell.atLeast.toFixed(2)}.`
		);
		expect(fell.atLeast).toBeCloseTo(Math.abs(fell.kind === 'fell' ? fell.change.judged.interval!.high : NaN), 10);
		const interval = low.kind === 'low' && low.figure.cell.shown ? low.figure.cell.meanInterval! : null;
		expect(interval!.high).toBeLessThan(3);
		expect(low.atLeast).toBeCloseTo(3 - interval!.high, 10);
		expect(words.low).toBe(
			`Consumers rate it ${(62 / 30).toFixed(2)} of 5: below the middle of the scale (3) by at least ${low.atLeast.toFixed(2)}, even at the top of its 95% interval.`
		);
		expect(words.gap).toMatch(/^Staff rate themselves 3\.70, consumers rate staff 2\.07: staff clearly higher, by at least \d\.\d\d\.$/);
	});

	it('ranks by the sum of the least each problem can be, then by how many reasons, then by name', () => {
		const figure = (itemId: string): ItemFigure => ({
			round: 2,
			audience: 'consumer',
			program: 'all',
			itemId,
			cell: { shown: false, why: '' }
		});
		const low = (itemId: string, atLeast: number): AttentionReason => ({ kind: 'low', figure: figure(itemId), atLeast, words: '' });
		const ranked = rankAttention([
			low('hr.trust', 0.5),
			low('hr.listen', 0.75),
			low('stc.rules', 0.25),
			low('stc.rules', 0.25),
			low('hr.human', 0.5),
			low('hr.patience', 0.125)
		]);
		expect(ranked.map((entry) => [entry.itemId, entry.weight])).toEqual([
			['hr.listen', 0.75],
			// Three weigh 0.5: the one with two reasons first, then by name.
			['stc.rules', 0.5],
			['hr.human', 0.5],
			['hr.trust', 0.5],
			['hr.patience', 0.125]
		]);
		expect(ranked[0].name).toBe('Really listening');
	});

	it('says nothing needs attention when nothing fell, nothing is low and no gap stands out', () => {
		expect(summarize(agency()).attention).toEqual({ entries: [], more: 0 });
	});

	it('lists every rise and every fall, the surest first, with its direction in words', () => {
		expect(summary.better.map((change) => change.itemId)).toEqual(['hr.listen']);
		expect(summary.worse.map((change) => [change.audience, change.itemId])).toEqual([['consumer', 'stc.rules']]);
		expect(moveWords(summary.better[0])).toMatch(/^rose from 3\.37 to 4\.53, by at least 0\.\d\d$/);
		expect(moveWords(summary.worse[0])).toMatch(/^fell from 3\.37 to 2\.07, by at least \d\.\d\d$/);
	});
});

describe('words that match the figures', () => {
	it('say which round had too few answers, and "both rounds" only when both did', () => {
		// Consumers answered in spring only: every question is hidden in summer, none in spring.
		const results = agency();
		const springOnly = new Results(
			instrument,
			consumerItems.map((itemId) => row(1, 'consumer', 1, itemId, BASE_CONSUMER)),
			[{ roundId: 1, audience: 'consumer', programKey: 1, responses: 30 }],
			5
		);
		const group = changesBetween(springOnly, instrument, spring, summer, 'all').find((candidate) => candidate.audience === 'consumer')!;
		expect(group.compared).toBe(0);
		expect(changeSentence(group, spring)).toBe('Consumers: too few answers in Summer 2026 to tell what changed since Spring 2026.');
		const shown = itemFigure(results, 1, 'consumer', 'all', 'hr.listen');
		const hidden: ItemFigure = { ...shown, cell: { shown: false, why: 'fewer than 5 responses' } };
		expect(tooFewWhere([{ before: hidden, after: shown }], spring, summer)).toBe('in Spring 2026');
		expect(
			tooFewWhere(
				[
					{ before: hidden, after: shown },
					{ before: shown, after: hidden }
				],
				spring,
				summer
			)
		).toBe('in Spring 2026 or in Summer 2026');
		expect(tooFewWhere([{ before: hidden, after: hidden }], spring, summer)).toBe('in both rounds');
	});

	it('say which side of the mirror is hidden, and "on both sides" only when both are', () => {
		const staffOnly = new Results(
			instrument,
			staffItems.map((itemId) => row(2, 'staff', 1, itemId, BASE_STAFF)),
			[{ roundId: 2, audience: 'staff', programKey: 1, responses: 10 }],
			5
		);
		expect(gapSentence(mirrorRows(staffOnly, instrument, 2, 'all'))).toBe(
			'Too few answers from consumers to compare staff with consumers.'
		);
		const nobody = new Results(instrument, [], [], 5);
		expect(gapSentence(mirrorRows(nobody, instrument, 2, 'all'))).toBe('Too few answers on both sides to compare staff with consumers.');
		expect(gapSentence(mirrorRows(agency(), instrument, 2, 'all'))).toBe(
			`On none of the ${consumerItems.length} mirrored questions does the gap between staff and consumers stand out from chance: no clear difference.`
		);
	});

	it('say "not asked", apart from hidden, for a section consumers are never asked', () => {
		const filters = { audience: 'both' as const, program: 'all' as const, from: null, to: null, item: null };
		const stance = trendRows(agency(), instrument, [spring, summer], { ...filters, section: 'ex' }, []);
		expect(stance.map((row) => row.cells.consumer)).toEqual([
			{ shown: false, why: 'not asked', notAsked: true },
			{ shown: false, why: 'not asked', notAsked: true }
		]);
		expect(stance.every((row) => row.cells.staff?.shown)).toBe(true);
		// A section consumers are asked, with too few of them answering, is hidden: not "not asked".
		const few = new Results(
			instrument,
			consumerItems.map((itemId) => row(2, 'consumer', 1, itemId, [0, 0, 1, 1, 1])),
			[{ roundId: 2, audience: 'consumer', programKey: 1, responses: 3 }],
			5
		);
		const hidden = trendRows(few, instrument, [summer], { ...filters, section: 'hr' }, [])[0].cells.consumer!;
		expect(hidden).toEqual({ shown: false, why: 'fewer than 5 responses' });
	});

	it('give an interval with its level wherever it is not 95%, with a space before the bracket', () => {
		const judged = { difference: 1.24, interval: { low: 0.87, high: 1.6 }, confidence: 0.99839 };
		expect(formatJudgedDifference(judged)).toBe('change +1.24, 99.8% interval +0.87 to +1.60');
		expect(formatJudgedDifference({ ...judged, confidence: 0.95 }, 'gap')).toBe('gap +1.24, 95% interval +0.87 to +1.60');
		expect(formatJudgedDifference({ difference: null, interval: null, confidence: null })).toBe('');
		expect(formatLevel(0.975)).toBe('97.5%');
	});

	it('give the share of staff who answered only where the count is shown and the headcount entered', () => {
		const results = agency();
		const withHeadcount = summarizeRound({
			results,
			instrument,
			round: summer,
			previous: spring,
			program: 'all',
			programs: [{ key: 1, name: 'Drop-in center', staffCount: 16 }],
			actions: []
		});
		expect(withHeadcount.answered.staffShare).toEqual({ answered: 10, of: 16 });
		expect(answeredSentence(summer, withHeadcount.answered)).toBe(
			'In Summer 2026, 10 staff (63% of 16) and 30 consumers answered (Drop-in center: 10 staff (63% of 16), 30 consumers).'
		);
		// A program whose headcount is not entered leaves the agency's share unknown: a part would overstate it.
		const partly = summarizeRound({
			results,
			instrument,
			round: summer,
			previous: spring,
			program: 'all',
			programs: [
				{ key: 1, name: 'Drop-in center', staffCount: 16 },
				{ key: 2, name: 'Van', staffCount: null }
			],
			actions: []
		});
		expect(partly.answered.staffShare).toBeNull();
		// Hidden staff count: no share, whatever the headcount.
		const few = new Results(
			instrument,
			staffItems.map((itemId) => row(2, 'staff', 1, itemId, [0, 0, 1, 1, 1])),
			[{ roundId: 2, audience: 'staff', programKey: 1, responses: 3 }],
			5
		);
		const hidden = summarizeRound({
			results: few,
			instrument,
			round: summer,
			previous: null,
			program: 'all',
			programs: [{ key: 1, name: 'Drop-in center', staffCount: 16 }],
			actions: []
		});
		expect(hidden.answered.staff.shown).toBe(false);
		expect(hidden.answered.staffShare).toBeNull();
		expect(hidden.sentences.answered).not.toMatch(/%/);
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
