import { describe, expect, it } from 'vitest';
import { boardBrief, briefDescription, BRIEF_DESCRIPTION_LENGTH, BRIEF_LIST_LENGTH } from '$lib/board-brief';
import { currentInstrument, type Audience } from '$lib/instruments';
import { Results, type ItemCountRow, type ResponseCountRow } from '$lib/results';
import type { AnswerCounts } from '$lib/scoring';
import { questionsFor, summarizeRound } from '$lib/summary';

const instrument = currentInstrument;
const consumerItems = questionsFor(instrument, 'consumer').map((item) => item.id);
const staffItems = questionsFor(instrument, 'staff').map((item) => item.id);
const spring = { id: 1, name: 'Spring 2026' };
const summer = { id: 2, name: 'Summer 2026' };

/** Forty consumers and twenty staff answering every question alike in both rounds, but where `summerOverrides` says. */
function summaryOf(
	summerOverrides: Record<string, number[]>,
	actions: { id: number; roundId: number; description: string; itemIds: string[] }[] = []
) {
	const rows: ItemCountRow[] = [];
	const responses: ResponseCountRow[] = [];
	const add = (roundId: number, audience: Audience, itemIds: string[], base: number[]) => {
		for (const itemId of itemIds) {
			const scale = (roundId === 2 && summerOverrides[`${audience}|${itemId}`]) || base;
			rows.push({ roundId, audience, programKey: 1, itemId, counts: [0, ...scale] as AnswerCounts });
		}
	};
	for (const roundId of [1, 2]) {
		add(roundId, 'consumer', consumerItems, [4, 6, 12, 12, 6]);
		add(roundId, 'staff', staffItems, [2, 3, 6, 6, 3]);
		responses.push(
			{ roundId, audience: 'consumer', programKey: 1, responses: 40 },
			{ roundId, audience: 'staff', programKey: 1, responses: 20 }
		);
	}
	const results = new Results(instrument, rows, responses, 5);
	return summarizeRound({
		results,
		instrument,
		round: summer,
		previous: spring,
		program: 'all',
		programs: [{ key: 1, name: 'Drop-in center' }],
		actions
	});
}

const RISEN = [0, 2, 6, 14, 18];
const FALLEN = [16, 14, 6, 2, 2];

describe('the board brief', () => {
	it('lists what rose and fell beyond noise with the least each moved, largest first, and no more than a page holds', () => {
		const overrides: Record<string, number[]> = { [`consumer|${consumerItems[0]}`]: FALLEN };
		for (const itemId of consumerItems.slice(1, 7)) overrides[`consumer|${itemId}`] = RISEN;
		const summary = summaryOf(overrides);
		const brief = boardBrief(summary);
		expect(brief.worse.map((change) => change.itemId)).toEqual([consumerItems[0]]);
		expect(brief.worse[0]).toMatchObject({ direction: 'down', audience: 'consumer' });
		expect(brief.worse[0].after).toBeLessThan(brief.worse[0].before);
		expect(brief.better).toHaveLength(BRIEF_LIST_LENGTH);
		expect(brief.moreBetter).toBe(6 - BRIEF_LIST_LENGTH);
		// "By at least" is the near end of the change's interval: the smallest move the figures allow.
		const judged = summary.changes.flatMap((group) => group.higher).find((change) => change.itemId === brief.better[0].itemId)!;
		expect(brief.better[0].words).toMatch(
			new RegExp(`^rose from \\d\\.\\d\\d to \\d\\.\\d\\d, by at least ${judged.judged.interval!.low.toFixed(2)}$`)
		);
		expect(judged.judged.interval!.low).toBeGreaterThan(0);
		const fell = summary.changes.flatMap((group) => group.lower)[0];
		expect(brief.worse[0].words).toMatch(
			new RegExp(`^fell from \\d\\.\\d\\d to \\d\\.\\d\\d, by at least ${(-fell.judged.interval!.high).toFixed(2)}$`)
		);
	});

	it('names nothing as better or worse when nothing moved beyond noise, and says how a recorded change did', () => {
		const brief = boardBrief(summaryOf({}, [{ id: 9, roundId: 1, description: 'Longer hours', itemIds: [consumerItems[0]] }]));
		expect(brief.better).toEqual([]);
		expect(brief.worse).toEqual([]);
		expect(brief.compared).toBe(true);
		expect(brief.finished).toEqual([{ id: 9, description: 'Longer hours', moves: [], others: 2 }]);
		// A change still planned is not one made: it is under way, not finished.
		const planned = {
			id: 9,
			description: 'Longer hours',
			itemIds: [consumerItems[0]],
			lead: 'Rosa',
			dueRoundId: 2,
			dueRoundName: 'Summer 2026',
			status: 'planned' as const,
			overdue: true
		};
		const open = boardBrief(
			summaryOf({}, [{ id: 9, roundId: 1, description: 'Longer hours', itemIds: [consumerItems[0]] }]),
			[planned],
			() => 'planned'
		);
		expect(open.finished).toEqual([]);
		expect(open.underWay).toEqual([planned]);
	});

	it('cuts a long description at a word, and leaves a short one whole', () => {
		expect(briefDescription('Longer hours')).toBe('Longer hours');
		const long = 'Every change to the rules is posted with the reason for it. '.repeat(5);
		const cut = briefDescription(long);
		expect([...cut].length).toBeLessThanOrEqual(BRIEF_DESCRIPTION_LENGTH);
		expect(cut.endsWith('…')).toBe(true);
		expect(long.startsWith(cut.slice(0, -1))).toBe(true);
		expect(cut.at(-2)).not.toBe(' ');
	});
});
