import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentInstrument, type Audience } from '$lib/instruments';
import { Results, type ItemCountRow, type ResponseCountRow } from '$lib/results';
import { heatLevel, heatmap, printedHeat, type HeatCell, type RoundRef } from '$lib/results-view';
import type { AnswerCounts } from '$lib/scoring';
import { judgedChanges, questionsFor, summarizeRound } from '$lib/summary';

const mean = fc.double({ min: 1, max: 5, noNaN: true });

describe('a heatmap cell’s colour', () => {
	it('comes from the number the cell prints: equal printed numbers, equal colours; different ones, different colours', () => {
		// Both print 3.0, on either side of the middle of the scale: one colour, not two.
		expect([printedHeat(2.95), printedHeat(3.04)]).toEqual(['3.0', '3.0']);
		expect(heatLevel(2.95)).toBe(heatLevel(3.04));
		expect(heatLevel(2.94)).not.toBe(heatLevel(2.95));
		fc.assert(
			fc.property(mean, mean, (a, b) => {
				expect(heatLevel(a) === heatLevel(b)).toBe(printedHeat(a) === printedHeat(b));
			})
		);
	});

	it('climbs one scale with the printed number, a step for each tenth from 1.0 to 5.0', () => {
		expect([heatLevel(1), heatLevel(3), heatLevel(4.96), heatLevel(5)]).toEqual([10, 30, 50, 50]);
		fc.assert(
			fc.property(mean, mean, (a, b) => {
				const [low, high] = a <= b ? [a, b] : [b, a];
				expect(heatLevel(high) - heatLevel(low)).toBe(Math.round((Number(printedHeat(high)) - Number(printedHeat(low))) * 10));
			})
		);
	});

	it('is drawn from pale to dark in one step per level, every step with black text at AA contrast', () => {
		const css = readFileSync(new URL('../../src/app.css', import.meta.url), 'utf8');
		const luminance = (hex: string) => {
			const [r, g, b] = [1, 3, 5].map((at) => {
				const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
				return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
			});
			return 0.2126 * r + 0.7152 * g + 0.0722 * b;
		};
		const steps = Array.from({ length: 41 }, (_, index) => {
			const level = 10 + index;
			const rule = new RegExp(`\\.heat-${level} \\{\\s*background: (#[0-9a-f]{6});\\s*\\}`).exec(css);
			expect(rule, `.heat-${level}`).not.toBeNull();
			return luminance(rule![1]);
		});
		// Darker with every tenth: no step turns back, so no two neighbouring numbers swap places in colour.
		for (let index = 1; index < steps.length; index++) expect(steps[index]).toBeLessThan(steps[index - 1]);
		// Black text (the cells' ink) on the darkest step still reads at 4.5:1.
		expect((Math.min(...steps) + 0.05) / 0.05).toBeGreaterThanOrEqual(4.5);
		expect(css).toMatch(/\.heat \{[^}]*color: #000000;/);
	});
});

describe('the heatmap', () => {
	const spring: RoundRef = { id: 1, name: 'Spring 2026' };
	const summer: RoundRef = { id: 2, name: 'Summer 2026' };
	const consumerItems = questionsFor(currentInstrument, 'consumer').map((item) => item.id);
	const row = (roundId: number, audience: Audience, itemId: string, scale: number[]): ItemCountRow => ({
		roundId,
		audience,
		programKey: 1,
		itemId,
		counts: [0, ...scale] as AnswerCounts
	});
	// Thirty consumers answering alike in both rounds, except "stc.rules", which rises a long way, and "stc.friendly", which falls.
	const rows: ItemCountRow[] = [1, 2].flatMap((roundId) =>
		consumerItems.map((itemId) => {
			if (roundId === 2 && itemId === 'stc.rules') return row(roundId, 'consumer', itemId, [0, 0, 2, 10, 18]);
			if (roundId === 2 && itemId === 'stc.friendly') return row(roundId, 'consumer', itemId, [12, 10, 6, 2, 0]);
			return row(roundId, 'consumer', itemId, [2, 4, 10, 9, 5]);
		})
	);
	const responses: ResponseCountRow[] = [1, 2].map((roundId) => ({ roundId, audience: 'consumer', programKey: 1, responses: 30 }));
	const results = new Results(currentInstrument, rows, responses, 5);
	const summary = summarizeRound({
		results,
		instrument: currentInstrument,
		round: summer,
		previous: spring,
		program: 'all',
		programs: [],
		actions: []
	});
	const cellOf = (map: ReturnType<typeof heatmap>, itemId: string, roundIndex: number): HeatCell =>
		map.sections.flatMap((section) => section.rows).find((candidate) => candidate.itemId === itemId)!.cells[roundIndex];

	it('marks the changes the summary judged beyond noise in the round it sums up, and nothing else', () => {
		const judged = judgedChanges(summary, 'consumer')!;
		expect(judged.higher.map((change) => change.itemId)).toEqual(['stc.rules']);
		expect(judged.lower.map((change) => change.itemId)).toEqual(['stc.friendly']);
		const map = heatmap(results, currentInstrument, [spring, summer], 'consumer', 'all', judged);
		expect(map.marked).toEqual({ round: summer, previous: spring });
		expect(cellOf(map, 'stc.rules', 1)).toMatchObject({ change: 'higher', printed: '4.5', level: 45 });
		expect(cellOf(map, 'stc.friendly', 1)).toMatchObject({ change: 'lower', printed: '1.9', level: 19 });
		const marked = map.sections.flatMap((section) =>
			section.rows.flatMap((row) => row.cells.filter((cell) => 'mean' in cell && cell.change))
		);
		expect(marked).toHaveLength(2);
		// Every cell prints its mean to one decimal, and its colour is that number's.
		for (const cell of map.sections.flatMap((section) => section.rows.flatMap((row) => row.cells))) {
			if ('mean' in cell) expect([cell.printed, cell.level]).toEqual([cell.mean.toFixed(1), heatLevel(cell.mean)]);
		}
	});

	it('marks nothing when the round summed up is not among its rounds, or there is no round before it', () => {
		const onlySpring = heatmap(results, currentInstrument, [spring], 'consumer', 'all', judgedChanges(summary, 'consumer'));
		expect(onlySpring.marked).toBeNull();
		expect(cellOf(onlySpring, 'stc.rules', 0)).toMatchObject({ change: null });
		const first = summarizeRound({
			results,
			instrument: currentInstrument,
			round: spring,
			previous: null,
			program: 'all',
			programs: [],
			actions: []
		});
		expect(judgedChanges(first, 'consumer')).toBeNull();
		expect(heatmap(results, currentInstrument, [spring, summer], 'consumer', 'all', null).marked).toBeNull();
	});
});
