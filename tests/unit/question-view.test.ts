import { describe, expect, it } from 'vitest';
import { currentInstrument, type Audience } from '$lib/instruments';
import { questionView, type QuestionChange } from '$lib/question-view';
import { Results, type ItemCountRow, type ResponseCountRow } from '$lib/results';
import { mirrorRows, recordChangePath, type RoundRef } from '$lib/results-view';
import type { AnswerCounts } from '$lib/scoring';
import { actionOutcomes, questionsFor } from '$lib/summary';

const instrument = currentInstrument;
const rounds: RoundRef[] = [
	{ id: 1, name: 'Spring 2026' },
	{ id: 2, name: 'Summer 2026' }
];
const programs = [
	{ key: 1, name: 'Drop-in center' },
	{ key: 2, name: 'Counseling program' }
];

/**
 * Two rounds, two programs. The drop-in center: 30 consumers and 10 staff. The counseling program:
 * 8 staff, and 3 consumers, too few to show, which hides the drop-in center's consumers too (the
 * whole minus one would give the other away). Consumers' "Easy to use" falls in summer.
 */
function agency(): Results {
	const rows: ItemCountRow[] = [];
	const responses: ResponseCountRow[] = [];
	const add = (roundId: number, audience: Audience, programKey: number, itemId: string, scale: number[], unsure = 0) =>
		rows.push({ roundId, audience, programKey, itemId, counts: [unsure, ...scale] as AnswerCounts });
	for (const { id } of rounds) {
		for (const item of questionsFor(instrument, 'consumer')) {
			const fell = id === 2 && item.id === 'stc.friendly';
			add(id, 'consumer', 1, item.id, fell ? [12, 10, 5, 2, 1] : [1, 3, 8, 12, 6], fell ? 0 : 0);
			add(id, 'consumer', 2, item.id, [0, 1, 1, 1, 0]);
		}
		for (const item of questionsFor(instrument, 'staff')) {
			add(id, 'staff', 1, item.id, [0, 1, 3, 4, 2]);
			add(id, 'staff', 2, item.id, [0, 1, 2, 3, 2]);
		}
		responses.push(
			{ roundId: id, audience: 'consumer', programKey: 1, responses: 30 },
			{ roundId: id, audience: 'consumer', programKey: 2, responses: 3 },
			{ roundId: id, audience: 'staff', programKey: 1, responses: 10 },
			{ roundId: id, audience: 'staff', programKey: 2, responses: 8 }
		);
	}
	return new Results(instrument, rows, responses, 5);
}

const actions: QuestionChange[] = [
	{
		id: 7,
		roundId: 1,
		roundName: 'Spring 2026',
		happenedOn: '2026-05-01',
		description: 'The front desk opens an hour earlier.',
		itemIds: ['stc.friendly', 'hr.listen']
	},
	{ id: 8, roundId: 1, roundName: 'Spring 2026', happenedOn: '2026-05-02', description: 'New chairs.', itemIds: ['hr.listen'] },
	{ id: 9, roundId: 2, roundName: 'Summer 2026', happenedOn: '2026-09-01', description: 'A second greeter.', itemIds: ['stc.friendly'] }
];

const view = (itemId: string, results = agency()) => questionView({ results, instrument, rounds, itemId, programs, actions });

describe('a question’s own page', () => {
	it('gives a mirrored question’s wording for both audiences, and its trend for both with intervals', () => {
		const page = view('stc.friendly')!;
		expect(page.name).toBe('Easy to use');
		expect(page.wording.staff).toBe(instrument.sections.find((s) => s.id === 'stc')!.items.find((i) => i.id === 'stc.friendly')!.staff!.en);
		expect(page.wording.consumer).not.toBeNull();
		expect(page.audiences).toEqual(['staff', 'consumer']);
		expect(page.trend.rows.map((row) => row.round.name)).toEqual(['Spring 2026', 'Summer 2026']);
		const consumer = page.trend.rows.map((row) => row.cells.consumer!);
		expect(consumer.every((cell) => cell.shown && cell.meanInterval !== null)).toBe(true);
		const means = consumer.map((cell) => (cell.shown ? cell.mean : NaN));
		expect(means[1]).toBeLessThan(means[0]);
		// Its markers are the changes recorded against it, numbered on this page alone.
		expect(page.trend.markers.map((marker) => [marker.label, marker.description])).toEqual([
			['A1', 'The front desk opens an hour earlier.'],
			['A2', 'A second greeter.']
		]);
	});

	it('shows the last closed round’s distribution for each audience, the whole agency’s counts', () => {
		const page = view('stc.friendly')!;
		expect(page.round.name).toBe('Summer 2026');
		const consumers = page.distributions.find((entry) => entry.audience === 'consumer')!.rows;
		expect(consumers).toHaveLength(1);
		expect(consumers[0].itemId).toBe('stc.friendly');
		expect(consumers[0].counts).toEqual([12, 11, 6, 3, 1, 0]);
		expect(page.distributions.find((entry) => entry.audience === 'staff')!.rows[0].counts).toEqual([0, 2, 5, 7, 4, 0]);
	});

	it('gives the gap as the mirror view judges it, and says it with both means and the interval’s level', () => {
		const results = agency();
		const page = view('stc.friendly', results)!;
		const mirrored = mirrorRows(results, instrument, 2, 'all').find((row) => row.itemId === 'stc.friendly')!;
		expect(page.gap!.row).toEqual(mirrored);
		expect(mirrored.judged.verdict).toBe('higher');
		// Staff: 67 over 18 answers; consumers: 69 over 33, both programs together.
		const { low, high } = mirrored.judged.interval!;
		expect(page.gap!.sentence).toBe(
			`In Summer 2026 staff average 3.72 and consumers 2.09, a gap of +1.63 (interval +${low.toFixed(2)} to +${high.toFixed(2)} at ${Number((mirrored.judged.confidence! * 100).toFixed(1))}% confidence, judged with the other 30 mirrored questions shown): staff rate it higher than consumers do.`
		);
		expect(mirrored.judged.confidence).toBeGreaterThan(0.95);
	});

	it('shows each program where the rules allow, and says why where they do not', () => {
		const page = view('stc.friendly')!;
		const [dropIn, counseling] = page.programs;
		expect(dropIn.name).toBe('Drop-in center');
		const cell = (figures: typeof dropIn.figures, audience: Audience) => figures.find((figure) => figure.audience === audience)!.cell;
		expect(cell(dropIn.figures, 'staff')).toMatchObject({ shown: true, n: 10 });
		expect(cell(counseling.figures, 'staff')).toMatchObject({ shown: true, n: 8 });
		expect(cell(counseling.figures, 'consumer')).toEqual({ shown: false, why: 'fewer than 5 responses' });
		expect(cell(dropIn.figures, 'consumer')).toEqual({ shown: false, why: 'hidden so that no group of fewer than 5 can be worked out' });
		// Every program figure is one the rules release for that program, in the last round.
		for (const program of page.programs)
			for (const figure of program.figures) expect(figure).toMatchObject({ round: 2, itemId: 'stc.friendly' });
	});

	it('lists every change recorded against it, with how this question did, judged as on the actions page', () => {
		const results = agency();
		const page = view('stc.friendly', results)!;
		expect(page.changes.map(({ label, change }) => [label, change.id])).toEqual([
			['A1', 7],
			['A2', 9]
		]);
		const first = page.changes[0].outcome!;
		expect(new Set(first.items.map((item) => item.itemId))).toEqual(new Set(['stc.friendly']));
		const onActionsPage = actionOutcomes(results, instrument, rounds, actions).find((outcome) => outcome.id === 7)!;
		const consumer = (outcome: typeof first) =>
			outcome.items.find((item) => item.itemId === 'stc.friendly' && item.audience === 'consumer')!;
		expect(consumer(first)).toEqual(consumer(onActionsPage));
		expect(consumer(first).after[0].words).toBe('lower than in Spring 2026');
		// A change answering the last round has nothing after it yet.
		expect(page.changes[1].outcome!.items.every((item) => item.after.length === 0)).toBe(true);
	});

	it('leads to the actions form filled in for the question and the last round', () => {
		expect(view('stc.friendly')!.recordChange).toBe(recordChangePath('stc.friendly', 2));
		expect(view('stc.friendly')!.recordChange).toBe('/manage/actions?item=stc.friendly&round=2#record');
	});

	it('gives a staff-only question staff’s figures alone, and no gap', () => {
		const page = view('ex.self-compassion')!;
		expect(page.wording.consumer).toBeNull();
		expect(page.audiences).toEqual(['staff']);
		expect(page.gap).toBeNull();
		expect(page.distributions.map((entry) => entry.audience)).toEqual(['staff']);
		expect(page.trend.rows.every((row) => Object.keys(row.cells).join() === 'staff')).toBe(true);
		expect(page.changes).toEqual([]);
	});

	it('says which side of a gap is hidden, and why', () => {
		const rows: ItemCountRow[] = [];
		for (const item of questionsFor(instrument, 'staff'))
			rows.push({ roundId: 2, audience: 'staff', programKey: 1, itemId: item.id, counts: [0, 0, 1, 3, 4, 2] });
		for (const item of questionsFor(instrument, 'consumer'))
			rows.push({ roundId: 2, audience: 'consumer', programKey: 1, itemId: item.id, counts: [0, 0, 1, 1, 1, 0] });
		const results = new Results(
			instrument,
			rows,
			[
				{ roundId: 2, audience: 'staff', programKey: 1, responses: 10 },
				{ roundId: 2, audience: 'consumer', programKey: 1, responses: 3 }
			],
			5
		);
		const page = questionView({ results, instrument, rounds: [rounds[1]], itemId: 'hr.listen', programs: [], actions: [] })!;
		expect(page.gap!.row.gap).toBeNull();
		expect(page.gap!.sentence).toBe('In Summer 2026 the consumers’ (fewer than 5 responses) figure is hidden, so the gap can’t be shown.');
	});

	it('is nothing for a question the instrument does not ask, or before any round has closed', () => {
		expect(view('hr.no-such-question')).toBeNull();
		expect(questionView({ results: agency(), instrument, rounds: [], itemId: 'hr.listen', programs, actions })).toBeNull();
	});
});
