import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distributionChart, mirrorChart, trendChart, wrapLabel } from '$lib/chart-configurations';
import { currentInstrument, isMirrored, type Audience } from '$lib/instruments';
import { Results, type ItemCountRow, type ResponseCountRow } from '$lib/results';
import type { AnswerCounts } from '$lib/scoring';
import {
	distributionRows,
	looksCeilinged,
	mirrorRows,
	parseFilters,
	roundsInRange,
	fittedAxis,
	trendPanels,
	trendRows,
	type ActionMark,
	type DistributionRow,
	type RoundRef
} from '$lib/results-view';
import { meanInterval, sampleOf, wilsonInterval } from '$lib/statistics';

const TOO_FEW = 'fewer than 5 responses';
const WOULD_REVEAL = 'hidden so that no group of fewer than 5 can be worked out';

/** The count row for one group and item, from answers per stored value: index 0 is "Not sure", 1–5 the scale. */
function counts(roundId: number, audience: Audience, programKey: number, itemId: string, perValue: number[]): ItemCountRow[] {
	return perValue.some((answers) => answers > 0) ? [{ roundId, audience, programKey, itemId, counts: perValue as AnswerCounts }] : [];
}

/** `n` answers, all at one value. */
const all = (value: number, n: number) => Array.from({ length: 6 }, (_, index) => (index === value ? n : 0));

const results = (itemCounts: ItemCountRow[], responseCounts: ResponseCountRow[] = [], minimum = 5) =>
	new Results(currentInstrument, itemCounts, responseCounts, minimum);

describe('item scores', () => {
	it('give the mean and favourable share over scored answers, with the distribution and "not sure" apart', () => {
		// 2 not sure, and 1×1, 1×3, 3×4, 5×5: n 10, mean 41/10, favourable 8/10.
		const scored = results(counts(1, 'consumer', 7, 'hr.trust', [2, 1, 0, 1, 3, 5]));
		for (const program of ['all', 7] as const) {
			const score = scored.item(1, 'consumer', program, 'hr.trust');
			expect(score).toEqual({
				shown: true,
				n: 10,
				value: { n: 10, unsure: 2, mean: 4.1, favourable: 0.8, distribution: [1, 0, 1, 3, 5] }
			});
		}
	});

	it('add up the programs for the whole agency', () => {
		const scored = results([
			...counts(1, 'staff', 1, 'hr.trust', all(5, 6)),
			...counts(1, 'staff', 2, 'hr.trust', all(2, 6)),
			...counts(1, 'staff', 0, 'hr.trust', all(3, 3))
		]);
		const whole = scored.item(1, 'staff', 'all', 'hr.trust');
		expect(whole.shown && whole.value).toMatchObject({
			n: 15,
			mean: (30 + 12 + 9) / 15,
			favourable: 6 / 15,
			distribution: [0, 6, 3, 0, 6]
		});
	});

	it('hide an item below the minimum as too few, counting scored answers only', () => {
		// Four scored answers and three "not sure": seven people, but the mean rests on four.
		const scored = results([
			...counts(1, 'consumer', 1, 'hr.trust', [3, 0, 0, 1, 2, 1]),
			...counts(1, 'consumer', 1, 'hr.listen', all(4, 5))
		]);
		// Seven responded, which a manager knows: the reason names no count the answers would tell.
		expect(scored.item(1, 'consumer', 'all', 'hr.trust')).toEqual({ shown: false, reason: 'protects-a-small-group' });
		expect(scored.item(1, 'consumer', 1, 'hr.trust')).toEqual({ shown: false, reason: 'protects-a-small-group' });
		// Exactly the minimum is enough.
		expect(scored.item(1, 'consumer', 'all', 'hr.listen')).toMatchObject({ shown: true, n: 5 });
		// No answers at all, another round, another audience, an unknown program: nothing to show.
		expect(scored.item(1, 'consumer', 'all', 'hr.patience')).toEqual({ shown: false, reason: 'too-few' });
		expect(scored.item(2, 'consumer', 'all', 'hr.listen')).toEqual({ shown: false, reason: 'too-few' });
		expect(scored.item(1, 'staff', 'all', 'hr.listen')).toEqual({ shown: false, reason: 'too-few' });
		expect(scored.item(1, 'consumer', 9, 'hr.listen')).toEqual({ shown: false, reason: 'too-few' });
	});

	it('follow the agency’s minimum, not a fixed 5', () => {
		const rows = counts(1, 'consumer', 1, 'hr.trust', all(4, 7));
		expect(results(rows, [], 5).item(1, 'consumer', 'all', 'hr.trust').shown).toBe(true);
		expect(results(rows, [], 8).item(1, 'consumer', 'all', 'hr.trust')).toEqual({ shown: false, reason: 'too-few' });
	});

	it('hide a program slice when the rest of the agency would be a small group, and still show the whole', () => {
		for (const rest of [1, 2, 3, 4]) {
			const scored = results([...counts(1, 'consumer', 1, 'hr.trust', all(5, 20)), ...counts(1, 'consumer', 2, 'hr.trust', all(1, rest))]);
			expect(scored.item(1, 'consumer', 'all', 'hr.trust')).toMatchObject({ shown: true, n: 20 + rest });
			expect(scored.item(1, 'consumer', 1, 'hr.trust')).toEqual({ shown: false, reason: 'protects-a-small-group' });
			expect(scored.item(1, 'consumer', 2, 'hr.trust')).toEqual({ shown: false, reason: 'too-few' });
		}
		// With a rest of 5, both sides rest on enough.
		const scored = results([...counts(1, 'consumer', 1, 'hr.trust', all(5, 20)), ...counts(1, 'consumer', 2, 'hr.trust', all(1, 5))]);
		expect(scored.item(1, 'consumer', 1, 'hr.trust')).toMatchObject({ shown: true, n: 20 });
		expect(scored.item(1, 'consumer', 2, 'hr.trust')).toMatchObject({ shown: true, n: 5 });
	});

	it('count answers through an agency-wide link as part of the rest', () => {
		// 20 through program 1's link, 2 through the agency-wide link (program key 0).
		const scored = results([...counts(1, 'staff', 1, 'hr.trust', all(4, 20)), ...counts(1, 'staff', 0, 'hr.trust', all(2, 2))]);
		expect(scored.item(1, 'staff', 'all', 'hr.trust')).toMatchObject({ shown: true, n: 22 });
		expect(scored.item(1, 'staff', 1, 'hr.trust')).toEqual({ shown: false, reason: 'protects-a-small-group' });
	});

	it('hide the next smallest slice too, when hiding a small one alone could be undone by subtraction', () => {
		// 3 + 8 + 9: hiding the 3 leaves 20 − 8 − 9 = 3 to be worked out, so the 8 goes as well.
		const scored = results([
			...counts(1, 'consumer', 1, 'hr.trust', all(2, 3)),
			...counts(1, 'consumer', 2, 'hr.trust', all(4, 8)),
			...counts(1, 'consumer', 3, 'hr.trust', all(5, 9))
		]);
		expect(scored.item(1, 'consumer', 'all', 'hr.trust')).toMatchObject({ shown: true, n: 20 });
		expect(scored.item(1, 'consumer', 1, 'hr.trust')).toEqual({ shown: false, reason: 'too-few' });
		expect(scored.item(1, 'consumer', 2, 'hr.trust')).toEqual({ shown: false, reason: 'protects-a-small-group' });
		expect(scored.item(1, 'consumer', 3, 'hr.trust')).toMatchObject({ shown: true, n: 9, value: { mean: 5 } });
	});
});

describe('section scores', () => {
	it('are hidden when any answered item is hidden for that group, saying why and on how many', () => {
		const scored = results([...counts(1, 'consumer', 1, 'hr.trust', all(5, 10)), ...counts(1, 'consumer', 1, 'hr.listen', all(2, 3))]);
		expect(scored.section(1, 'consumer', 'all', 'hr')).toEqual({ shown: false, reason: 'too-few' });
		expect(scored.section(1, 'consumer', 1, 'hr')).toEqual({ shown: false, reason: 'too-few' });
		// A section nobody answered.
		expect(scored.section(1, 'consumer', 'all', 'stc')).toEqual({ shown: false, reason: 'too-few' });
	});

	it('are hidden for a slice whose item would reveal another group, while the whole is shown', () => {
		const scored = results([
			...counts(1, 'staff', 1, 'hr.trust', all(5, 10)),
			...counts(1, 'staff', 1, 'hr.listen', all(4, 10)),
			...counts(1, 'staff', 2, 'hr.listen', all(1, 2))
		]);
		expect(scored.section(1, 'staff', 'all', 'hr')).toMatchObject({ shown: true, n: 12 });
		expect(scored.section(1, 'staff', 1, 'hr')).toEqual({ shown: false, reason: 'protects-a-small-group' });
		expect(scored.section(1, 'staff', 2, 'hr')).toEqual({ shown: false, reason: 'too-few' });
	});

	it('pool every scored answer over the section’s items when shown, resting on the most who answered one item', () => {
		// hr.trust: 5×5 and 5×4 (sum 45); hr.listen: 6×2 (sum 12), plus 4 "not sure"; an item in another section is left out.
		const scored = results([
			...counts(1, 'consumer', 1, 'hr.trust', [0, 0, 0, 0, 5, 5]),
			...counts(1, 'consumer', 1, 'hr.listen', [4, 0, 6, 0, 0, 0]),
			...counts(1, 'consumer', 1, 'stc.goals', all(1, 9))
		]);
		const section = scored.section(1, 'consumer', 'all', 'hr');
		expect(section).toEqual({ shown: true, n: 10, value: { mean: 57 / 16, favourable: 10 / 16 } });
		expect(scored.section(1, 'consumer', 1, 'hr')).toEqual(section);
		expect(scored.section(1, 'consumer', 'all', 'stc')).toEqual({ shown: true, n: 9, value: { mean: 1, favourable: 0 } });
	});
});

describe('response counts', () => {
	it('are figures like any other: shown per program and for the whole agency only under the rules', () => {
		const scored = results(
			[],
			[
				{ roundId: 1, audience: 'consumer', programKey: 1, responses: 2 },
				{ roundId: 1, audience: 'consumer', programKey: 2, responses: 20 },
				{ roundId: 1, audience: 'consumer', programKey: 0, responses: 1 },
				{ roundId: 1, audience: 'staff', programKey: 1, responses: 4 },
				{ roundId: 2, audience: 'consumer', programKey: 1, responses: 50 }
			]
		);
		expect(scored.responseCount(1, 'consumer', 'all')).toEqual({ shown: true, value: 23, n: 23 });
		expect(scored.responseCount(1, 'consumer', 1)).toEqual({ shown: false, reason: 'too-few' });
		expect(scored.responseCount(1, 'consumer', 0)).toEqual({ shown: false, reason: 'too-few' });
		// 23 − 20 would give the two small groups away.
		expect(scored.responseCount(1, 'consumer', 2)).toEqual({ shown: false, reason: 'protects-a-small-group' });
		expect(scored.responseCount(1, 'consumer', 3)).toEqual({ shown: false, reason: 'too-few' });
		expect(scored.responseCount(1, 'staff', 'all')).toEqual({ shown: false, reason: 'too-few' });
		expect(scored.responseCount(2, 'consumer', 1)).toEqual({ shown: true, value: 50, n: 50 });
		expect(scored.responseCount(3, 'staff', 'all')).toEqual({ shown: false, reason: 'too-few' });
	});
});

/** Every sum of a subset of the values (the values are few). */
function subsetSums(values: number[]): number[] {
	return values.reduce<number[]>((sums, value) => [...sums, ...sums.map((sum) => sum + value)], [0]);
}

describe('the small-group rules over results', () => {
	const itemIds = ['hr.trust', 'hr.listen', 'hr.patience'];
	// Per program and item, answers per stored value: often small, sometimes none, sometimes many.
	const slice = fc.oneof(
		fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 6, maxLength: 6 }),
		fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 6, maxLength: 6 }),
		fc.constant<number[]>([0, 0, 0, 0, 0, 0])
	);
	const agency = fc
		.record({ programs: fc.integer({ min: 2, max: 4 }), agencyWideLink: fc.boolean(), minimum: fc.integer({ min: 3, max: 8 }) })
		.chain(({ programs, agencyWideLink, minimum }) => {
			const keys = Array.from({ length: programs }, (_, index) => (agencyWideLink ? index : index + 1));
			return fc.record({
				keys: fc.constant(keys),
				minimum: fc.constant(minimum),
				answers: fc.array(fc.array(slice, { minLength: keys.length, maxLength: keys.length }), {
					minLength: itemIds.length,
					maxLength: itemIds.length
				})
			});
		});

	it('never show a figure, or a difference of figures, resting on fewer than the minimum', () => {
		fc.assert(
			fc.property(agency, ({ keys, minimum, answers }) => {
				const rows = itemIds.flatMap((itemId, item) =>
					keys.flatMap((key, program) => counts(1, 'consumer', key, itemId, answers[item][program]))
				);
				const scored = results(rows, [], minimum);
				itemIds.forEach((itemId, item) => {
					const scoredIn = (perValue: number[]) => perValue.slice(1).reduce((sum, n) => sum + n, 0);
					const whole = scored.item(1, 'consumer', 'all', itemId);
					const wholeN = answers[item].reduce((sum, perValue) => sum + scoredIn(perValue), 0);
					if (whole.shown) expect(whole.n).toBe(wholeN);
					if (whole.shown) expect(whole.n).toBeGreaterThanOrEqual(minimum);
					const slices = keys.map((key) => scored.item(1, 'consumer', key, itemId));
					slices.forEach((shown, program) => {
						// A hidden figure publishes nothing, not even the count it rests on.
						if (!shown.shown) expect(Object.keys(shown).sort()).toEqual(['reason', 'shown']);
						if (shown.shown) {
							expect(shown.n).toBe(scoredIn(answers[item][program]));
							expect(shown.n).toBeGreaterThanOrEqual(minimum);
							expect(whole.shown).toBe(true);
						}
					});
					// Never a single slice with answers left hidden beside shown ones: the whole minus the
					// shown would be its figure exactly.
					if (whole.shown && slices.some((shown) => shown.shown)) {
						const hiddenWithAnswers = slices.filter((shown, program) => !shown.shown && answers[item][program].some((n) => n > 0));
						expect(hiddenWithAnswers.length).not.toBe(1);
					}
					if (!whole.shown) return;
					const shownCounts = slices.filter((shown) => shown.shown).map((shown) => shown.n);
					for (const sum of subsetSums(shownCounts)) {
						const remainder = wholeN - sum;
						expect(remainder === 0 || remainder >= minimum, `remainder ${remainder} of ${whole.n} with minimum ${minimum}`).toBe(true);
					}
				});
				// A section is shown for a group only when each of its answered items is.
				for (const program of ['all', ...keys] as const) {
					if (!scored.section(1, 'consumer', program, 'hr').shown) continue;
					itemIds.forEach((itemId, item) => {
						const answered =
							program === 'all' ? answers[item].flat().some((n) => n > 0) : answers[item][keys.indexOf(program)].some((n) => n > 0);
						if (answered) expect(scored.item(1, 'consumer', program, itemId).shown).toBe(true);
					});
				}
			}),
			{ numRuns: 1000 }
		);
		// A thousand agencies take a second alone, longer on a busy machine.
	}, 60_000);
});

const instrument = currentInstrument;
const rounds: RoundRef[] = [
	{ id: 11, name: 'Winter' },
	{ id: 12, name: 'Spring' },
	{ id: 13, name: 'Summer' },
	{ id: 14, name: 'Autumn' }
];
const filtersFrom = (query: string, programKeys: number[] = [1, 2]) =>
	parseFilters(new URLSearchParams(query), instrument, rounds, programKeys);

describe('the results filters', () => {
	it('read good choices from the address', () => {
		expect(filtersFrom('audience=consumer&program=2&from=12&to=13&section=stc&item=stc.goals')).toEqual({
			audience: 'consumer',
			program: 2,
			from: 12,
			to: 13,
			section: 'stc',
			item: 'stc.goals',
			round: null
		});
		expect(filtersFrom('round=13').round).toBe(13);
	});

	it('fall back to the defaults on anything missing, unknown or malformed', () => {
		const defaults = { audience: 'both', program: 'all', from: null, to: null, section: 'hr', item: null, round: null };
		expect(filtersFrom('')).toEqual(defaults);
		expect(filtersFrom('audience=everyone&program=abc&from=x&to=99&section=zz&item=nope&round=99')).toEqual(defaults);
		expect(filtersFrom('program=3').program).toBe('all');
		expect(filtersFrom('program=').program).toBe('all');
		expect(filtersFrom('program=1.5').program).toBe('all');
		expect(filtersFrom('from=11.5&to=-12')).toMatchObject({ from: null, to: null });
		// An item of another section than the one chosen is dropped.
		expect(filtersFrom('section=hr&item=stc.goals')).toMatchObject({ section: 'hr', item: null });
		// A section given twice: the first counts.
		expect(filtersFrom('section=stc&section=ex').section).toBe('stc');
	});

	it('pick the rounds between from and to, oldest first, whichever way round they are given', () => {
		const names = (query: string) => roundsInRange(rounds, filtersFrom(query)).map((round) => round.name);
		expect(names('')).toEqual(['Winter', 'Spring', 'Summer', 'Autumn']);
		expect(names('from=12&to=13')).toEqual(['Spring', 'Summer']);
		expect(names('from=13&to=11')).toEqual(['Winter', 'Spring', 'Summer']);
		expect(names('from=13')).toEqual(['Summer', 'Autumn']);
		expect(names('to=12')).toEqual(['Winter', 'Spring']);
		expect(names('from=14&to=14')).toEqual(['Autumn']);
	});
});

describe('trend rows and their chart', () => {
	const trend = results([
		...counts(11, 'consumer', 1, 'hr.trust', all(3, 6)),
		// Spring: program 2 has only two answers, so program 1 alone would give them away.
		...counts(12, 'consumer', 1, 'hr.trust', all(4, 10)),
		...counts(12, 'consumer', 2, 'hr.trust', all(2, 2)),
		...counts(13, 'consumer', 1, 'hr.trust', all(5, 8)),
		...counts(13, 'consumer', 1, 'hr.listen', all(1, 8)),
		...counts(14, 'consumer', 1, 'hr.trust', all(5, 3)),
		...[11, 12, 13, 14].flatMap((roundId) => counts(roundId, 'staff', 1, 'hr.trust', all(4, 5)))
	]);
	const actions: ActionMark[] = [
		{ id: 1, roundId: 13, description: 'Staff trained in building trust.', itemIds: ['hr.trust'] },
		{ id: 2, roundId: 13, description: 'Consumers now sit on the rules committee.', itemIds: ['stc.rules'] }
	];

	it('give a section’s score per round and audience, only for the rounds in range, with the actions about it', () => {
		const rows = trendRows(trend, instrument, rounds, filtersFrom('from=12&to=14'), actions);
		expect(rows.map((row) => row.round.name)).toEqual(['Spring', 'Summer', 'Autumn']);
		expect(rows.map((row) => row.actions)).toEqual([[], ['Staff trained in building trust.'], []]);
		expect(rows.map((row) => row.cells.staff)).toEqual(
			Array(3).fill({
				shown: true,
				mean: 4,
				favourable: 1,
				n: 5,
				meanInterval: null,
				favourableInterval: null
			})
		);
		expect(rows.map((row) => row.cells.consumer)).toMatchObject([
			{ shown: true, mean: 44 / 12, favourable: 10 / 12, n: 12 },
			// Summer's section pools hr.trust (all 5) and hr.listen (all 1).
			{ shown: true, mean: 3, favourable: 0.5, n: 8 },
			{ shown: false, why: TOO_FEW }
		]);
	});

	it('give a section no interval, and its chart and table no band, while a question keeps its intervals', () => {
		// Summer's consumers: sixteen answers (eight 5s, eight 1s) to two questions from eight people.
		const [, summer] = trendRows(trend, instrument, rounds, filtersFrom('from=12&to=13'), actions);
		expect(summer.cells.consumer).toEqual({ shown: true, mean: 3, favourable: 0.5, n: 8, meanInterval: null, favourableInterval: null });
		const [section] = trendPanels(trend, instrument, rounds, filtersFrom('from=12&to=13'), actions);
		expect(section.intervals).toBe(false);
		const sectionLabels = trendChart(section, ['staff', 'consumer']).data.datasets.map((dataset) => dataset.label);
		expect(sectionLabels).toEqual(['Staff', 'Consumers']);

		// One question, hr.trust: its own t interval and Wilson interval, and a band on its chart.
		const [question] = trendPanels(trend, instrument, rounds, filtersFrom('section=hr&item=hr.trust&from=12&to=13'), actions);
		expect(question.intervals).toBe(true);
		expect(question.rows[0].cells.consumer).toEqual({
			shown: true,
			mean: 44 / 12,
			favourable: 10 / 12,
			n: 12,
			meanInterval: meanInterval(sampleOf([0, 2, 0, 10, 0])),
			favourableInterval: wilsonInterval(10, 12)
		});
		expect(trendChart(question, ['consumer']).data.datasets.map((dataset) => dataset.label)).toEqual([
			'Consumers: low end of the 95% interval',
			'Consumers: 95% interval',
			'Consumers'
		]);
	});

	it('follow the audience, program and item filters', () => {
		const consumers = trendRows(trend, instrument, rounds, filtersFrom('audience=consumer&to=12'), actions);
		expect(consumers.map((row) => Object.keys(row.cells))).toEqual([['consumer'], ['consumer']]);

		const programOne = trendRows(trend, instrument, rounds, filtersFrom('program=1&from=12&to=13'), actions);
		expect(programOne.map((row) => row.cells.consumer)).toMatchObject([
			{ shown: false, why: WOULD_REVEAL },
			{ shown: true, mean: 3, favourable: 0.5, n: 8 }
		]);
		expect(programOne.map((row) => row.cells.staff?.shown)).toEqual([true, true]);

		const listen = trendRows(trend, instrument, rounds, filtersFrom('audience=consumer&section=hr&item=hr.listen&from=13&to=13'), actions);
		expect(listen.map((row) => row.cells.consumer)).toMatchObject([{ shown: true, mean: 1, favourable: 0, n: 8 }]);
		// The action about hr.trust is not about hr.listen.
		expect(listen.map((row) => row.actions)).toEqual([[]]);
	});

	it('come as small multiples, one per section or one for a chosen question, each marked with its own actions', () => {
		const panels = trendPanels(trend, instrument, rounds, filtersFrom('from=12'), actions);
		expect(panels.map((panel) => panel.id)).toEqual(['hr', 'stc', 'ex']);
		expect(panels.map((panel) => panel.markers)).toEqual([
			[{ label: 'A1', roundId: 13, description: 'Staff trained in building trust.' }],
			[{ label: 'A2', roundId: 13, description: 'Consumers now sit on the rules committee.' }],
			[]
		]);
		const [item] = trendPanels(trend, instrument, rounds, filtersFrom('section=hr&item=hr.listen'), actions);
		expect([item.id, item.title, item.markers]).toEqual(['hr.listen', 'Really listening', []]);
	});

	it('share one axis fitted to what they show, at least a point high', () => {
		const panels = trendPanels(trend, instrument, rounds, filtersFrom('from=12'), actions);
		const axis = fittedAxis(panels);
		expect(axis.low).toBeGreaterThanOrEqual(1);
		expect(axis.high).toBeLessThanOrEqual(5);
		for (const panel of panels) {
			for (const row of panel.rows) {
				for (const cell of Object.values(row.cells)) {
					if (cell?.shown) expect(cell.mean >= axis.low && cell.mean <= axis.high).toBe(true);
				}
			}
		}
		const flat = fittedAxis([
			{
				id: 'x',
				title: 'x',
				itemId: null,
				markers: [],
				intervals: true,
				rows: [
					{
						round: rounds[0],
						actions: [],
						cells: {
							staff: { shown: true, mean: 4.2, favourable: 1, n: 9, meanInterval: { low: 4.1, high: 4.3 }, favourableInterval: null }
						}
					}
				]
			}
		]);
		expect(flat).toEqual({ low: 3.5, high: 4.5 });
		expect(fittedAxis([])).toEqual({ low: 1, high: 5 });
	});

	it('chart exactly the table’s numbers, with a question’s bands for its intervals, gaps where a cell is hidden, and labelled markers', () => {
		const [panel] = trendPanels(trend, instrument, rounds, filtersFrom('section=hr&item=hr.trust&from=12'), actions);
		const chart = trendChart(panel, ['staff', 'consumer'], { low: 2, high: 5 });
		expect(chart.data.labels).toEqual(['Spring', 'Summer', 'Autumn']);
		const byLabel = new Map(chart.data.datasets.map((dataset) => [dataset.label, dataset.data]));
		expect(byLabel.get('Staff')).toEqual([4, 4, 4]);
		expect(byLabel.get('Consumers')).toEqual([3.67, 5, null]);
		for (const audience of ['staff', 'consumer'] as const) {
			const name = audience === 'staff' ? 'Staff' : 'Consumers';
			// Each point is its cell's mean as the table rounds it; the band its interval; or nothing.
			const cells = panel.rows.map((row) => row.cells[audience]);
			expect(byLabel.get(name)).toEqual(cells.map((cell) => (cell?.shown ? Number(cell.mean.toFixed(2)) : null)));
			expect(byLabel.get(`${name}: low end of the 95% interval`)).toEqual(
				cells.map((cell) => (cell?.shown ? Number(cell.meanInterval!.low.toFixed(2)) : null))
			);
			expect(byLabel.get(`${name}: 95% interval`)).toEqual(
				cells.map((cell) => (cell?.shown ? Number(cell.meanInterval!.high.toFixed(2)) : null))
			);
		}
		const options = chart.options as { scales: { y: { min: number; max: number } }; plugins: { actionMarkers: { markers: unknown } } };
		expect(options.scales.y).toMatchObject({ min: 2, max: 5 });
		expect(options.plugins.actionMarkers.markers).toEqual([{ label: 'A1', index: 1 }]);
	});
});

describe('the mirror view', () => {
	const mirror = results([
		...counts(21, 'staff', 1, 'hr.trust', all(5, 6)),
		...counts(21, 'consumer', 1, 'hr.trust', all(2, 6)),
		...counts(21, 'staff', 1, 'hr.listen', all(4, 6)),
		...counts(21, 'consumer', 1, 'hr.listen', all(4, 6)),
		...counts(21, 'staff', 1, 'hr.explain', all(3, 6)),
		...counts(21, 'consumer', 1, 'hr.explain', all(4, 6)),
		...counts(21, 'staff', 1, 'hr.human', all(2, 6)),
		...counts(21, 'consumer', 1, 'hr.human', [0, 0, 3, 3, 0, 0]),
		// Too few consumers answered this one.
		...counts(21, 'staff', 1, 'hr.patience', all(5, 6)),
		...counts(21, 'consumer', 1, 'hr.patience', all(1, 2))
	]);
	const mirrored = instrument.sections.flatMap((section) => section.items).filter(isMirrored);

	it('lists every mirrored item, biggest gap (staff above consumers) first, and items with a hidden side last with no gap', () => {
		const rows = mirrorRows(mirror, instrument, 21, 'all');
		expect(rows).toHaveLength(mirrored.length);
		expect(new Set(rows.map((row) => row.itemId))).toEqual(new Set(mirrored.map((item) => item.id)));
		expect(rows.slice(0, 4).map((row) => [row.itemId, row.gap])).toEqual([
			['hr.trust', 3],
			['hr.listen', 0],
			['hr.human', -0.5],
			['hr.explain', -1]
		]);
		expect(rows.slice(4).every((row) => row.gap === null)).toBe(true);
		const patience = rows.find((row) => row.itemId === 'hr.patience')!;
		expect(patience.staff).toMatchObject({ shown: true, mean: 5, favourable: 1, n: 6 });
		expect(patience.consumer).toEqual({ shown: false, why: TOO_FEW });
		expect(patience.gap).toBeNull();
		expect([patience.judged.verdict, patience.words]).toEqual(['too-few', 'too few answers to tell']);
		// Six staff all answering 5 beside six consumers all answering 2: nothing but a gap of 3.
		expect(rows[0]).toMatchObject({ name: 'Building trust', words: 'staff rate it higher than consumers do' });
		expect(rows[1].words).toBe('no clear difference');
	});

	it('charts the table’s means in the table’s order, with nothing for a hidden side', () => {
		const rows = mirrorRows(mirror, instrument, 21, 'all');
		const chart = mirrorChart(rows);
		// Every question labelled by its short name, none skipped.
		expect(chart.data.labels).toEqual(rows.map((row) => wrapLabel(row.name)));
		expect(wrapLabel('Explaining decisions, no attitude')).toEqual(['Explaining', 'decisions, no', 'attitude']);
		expect((chart.options as { scales: { y: { ticks: { autoSkip: boolean } } } }).scales.y.ticks.autoSkip).toBe(false);
		const [gap, staff, consumer] = chart.data.datasets;
		expect(gap.data.slice(0, 2)).toEqual([
			[2, 5],
			[4, 4]
		]);
		expect(staff.data.slice(0, 4)).toEqual([5, 4, 2, 3]);
		expect(consumer.data.slice(0, 4)).toEqual([2, 4, 2.5, 4]);
		expect(consumer.data[rows.findIndex((row) => row.itemId === 'hr.patience')]).toBeNull();
		expect(staff.data).toEqual(rows.map((row) => (row.staff.shown ? row.staff.mean : null)));
		expect(consumer.data).toEqual(rows.map((row) => (row.consumer.shown ? row.consumer.mean : null)));
	});
});

describe('distributions', () => {
	const spread = results([
		...counts(31, 'consumer', 1, 'hr.trust', [2, 0, 1, 0, 2, 4]),
		...counts(31, 'consumer', 1, 'hr.listen', all(3, 4))
	]);

	it('give each item’s counts per scale point then "not sure", or why they are hidden, and the chart draws the same', () => {
		const rows = distributionRows(spread, instrument, 31, 'consumer', 'all', 'hr');
		expect(rows.map((row) => row.itemId)).toEqual(instrument.sections[0].items.filter(isMirrored).map((item) => item.id));
		expect(rows.find((row) => row.itemId === 'hr.trust')).toMatchObject({ counts: [0, 1, 0, 2, 4, 2], why: null, n: 7 });
		expect(rows.find((row) => row.itemId === 'hr.listen')).toMatchObject({ counts: null, why: TOO_FEW, n: null });
		const labels = ['Never', 'Rarely', 'Sometimes', 'Often', 'Always', 'Not sure'];
		const chart = distributionChart(rows, labels);
		const byLabel = new Map(chart.data.datasets.map((dataset) => [dataset.label, dataset.data as (number | null)[]]));
		// Diverging from the middle: the low answers to the left, the middle split in two, "not sure" apart.
		const count = (index: number) => rows.map((row) => row.counts?.[index] ?? null);
		const negated = (values: (number | null)[]) => values.map((value) => (value === null ? null : -value));
		expect(byLabel.get('Never')).toEqual(negated(count(0)));
		expect(byLabel.get('Rarely')).toEqual(negated(count(1)));
		expect(byLabel.get('Often')).toEqual(count(3));
		expect(byLabel.get('Always')).toEqual(count(4));
		expect(byLabel.get('Not sure')).toEqual(count(5));
		const halves = byLabel
			.get('Sometimes')!
			.map((left, index) => (left === null ? null : -left + byLabel.get('Sometimes (other half)')![index]!));
		expect(halves).toEqual(count(2));
		expect(chart.data.datasets.find((dataset) => dataset.label === 'Not sure')).toMatchObject({ xAxisID: 'unsure' });
		// Centred on the middle of the scale: hr.trust has 1 + 0.5 below it and 6 + 0.5 above.
		expect((chart.options as { scales: { x: { min: number; max: number } } }).scales.x).toMatchObject({ min: -10, max: 10 });
		expect(chart.data.labels).toEqual(rows.map((row) => wrapLabel(row.name)));
	});

	it('are empty for a section the audience is never asked', () => {
		expect(distributionRows(spread, instrument, 31, 'consumer', 'all', 'ex')).toEqual([]);
	});

	const row = (counts: number[] | null): DistributionRow => ({
		itemId: 'x',
		name: 'x',
		text: 'x',
		counts,
		why: counts ? null : TOO_FEW,
		n: 0
	});

	it('look ceilinged when answers sit tightly near the top', () => {
		expect(looksCeilinged([row([0, 0, 0, 3, 17, 0])])).toBe(true);
		// "Not sure" and hidden items are left out.
		expect(looksCeilinged([row([0, 0, 0, 3, 17, 40]), row(null)])).toBe(true);
		expect(looksCeilinged([row([0, 0, 0, 2, 8, 0]), row([0, 0, 0, 1, 9, 0])])).toBe(true);
	});

	it('do not look ceilinged when answers are lower, spread out, or absent', () => {
		expect(looksCeilinged([row([2, 2, 2, 2, 12, 0])])).toBe(false);
		// A high mean (4.6) with a wide spread: some answered 1.
		expect(looksCeilinged([row([2, 0, 0, 0, 18, 0])])).toBe(false);
		expect(looksCeilinged([row([0, 0, 0, 20, 0, 0])])).toBe(false);
		expect(looksCeilinged([row(null)])).toBe(false);
		expect(looksCeilinged([row([0, 0, 0, 0, 0, 5])])).toBe(false);
		expect(looksCeilinged([])).toBe(false);
	});
});

describe('"not sure" answers and the small-group rules', () => {
	it('never let a slice be subtracted to reveal how a small group answered "not sure"', () => {
		// Program 1: ten scored answers. Program 2: two people, both "not sure".
		const results = new Results(
			currentInstrument,
			[...counts(1, 'consumer', 1, 'hr.trust', [0, 0, 0, 0, 10, 0]), ...counts(1, 'consumer', 2, 'hr.trust', [2, 0, 0, 0, 0, 0])],
			[],
			5
		);
		const whole = results.item(1, 'consumer', 'all', 'hr.trust');
		const slice = results.item(1, 'consumer', 1, 'hr.trust');
		expect(whole.shown).toBe(true);
		// Showing program 1 beside the whole would give away program 2's two "not sure" answers.
		expect(slice).toMatchObject({ shown: false, reason: 'protects-a-small-group' });
	});
});
