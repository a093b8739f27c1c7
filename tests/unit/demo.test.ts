import { beforeAll, describe, expect, it } from 'vitest';
import { getAgency } from '$lib/server/agency';
import { sql } from '$lib/server/db';
import { currentInstrument } from '$lib/instruments';
import { listActions } from '$lib/server/actions';
import { DEMO_AGENCY, DEMO_MOVES, SMALL_GROUP, mulberry32, seedDemo } from '$lib/server/demo';
import { summarizeRound } from '$lib/summary';
import { loadResults } from '$lib/server/results';

interface RoundRow {
	id: number;
	name: string;
	status: string;
}

const rounds = () => sql<[], RoundRow>('SELECT id, name, status FROM rounds ORDER BY id').all();
const closed = () => rounds().filter((round) => round.status === 'closed');

describe('the demo agency', () => {
	beforeAll(() => seedDemo(mulberry32(2026)));

	it('has two programs, six closed rounds, one open and one draft', () => {
		expect(getAgency().name).toBe(DEMO_AGENCY);
		expect(sql('SELECT count(*) FROM programs').pluck().get()).toBe(2);
		expect(closed()).toHaveLength(6);
		expect(rounds().filter((round) => round.status === 'open')).toHaveLength(1);
		expect(rounds().filter((round) => round.status === 'draft')).toHaveLength(1);
	});

	it('has a link for each audience and program in every round', () => {
		const links = sql<[], number>('SELECT count(*) FROM survey_links').pluck().get();
		expect(links).toBe(rounds().length * 2 * 2);
	});

	it('has one program’s consumers fall below the minimum group size in one round, and only there', () => {
		const groups = sql<[], { round: string; program: string; audience: string; responses: number }>(
			`SELECT rounds.name AS round, programs.name AS program, responses.audience, count(*) AS responses
			 FROM responses JOIN rounds ON rounds.id = responses.round_id JOIN programs ON programs.id = responses.program_id
			 WHERE rounds.status = 'closed'
			 GROUP BY rounds.id, programs.id, responses.audience`
		).all();
		const small = groups.filter((group) => group.responses < getAgency().minimumGroupSize);
		expect(small).toEqual([{ ...SMALL_GROUP, responses: 3 }]);
		expect(groups).toHaveLength(6 * 2 * 2);
	});

	it('has staff rate themselves higher than consumers rate staff on several mirrored items', () => {
		const last = closed().at(-1)!;
		const results = loadResults();
		const mean = (audience: 'staff' | 'consumer', itemId: string) => {
			const score = results.item(last.id, audience, 'all', itemId);
			return score.shown ? score.value.mean! : NaN;
		};
		const mirrored = ['hr.listen', 'hr.patience', 'hr.explain', 'stc.power', 'stc.who-decides', 'stc.complaints', 'hr.trust', 'stc.goals'];
		const gaps = mirrored.map((itemId) => mean('staff', itemId) - mean('consumer', itemId));
		expect(gaps.filter((gap) => gap > 0.5).length).toBeGreaterThanOrEqual(3);
	});

	it('has consumers see the items the agency worked on improve from the first round to the last', () => {
		const [first, last] = [closed()[0], closed().at(-1)!];
		for (const itemId of ['stc.feedback', 'stc.rules']) {
			const results = loadResults();
			const mean = (roundId: number) => {
				const score = results.item(roundId, 'consumer', 'all', itemId);
				return score.shown ? score.value.mean! : NaN;
			};
			const [before, after] = [mean(first.id), mean(last.id)];
			expect(after - before, itemId).toBeGreaterThan(0.5);
		}
	});

	it('has a few questions clearly move and most stay flat, and the summary names exactly those', () => {
		const rounds = closed().map(({ id, name }) => ({ id, name }));
		const results = loadResults();
		const programs = sql<[], { id: number; name: string }>('SELECT id, name FROM programs').all().map(({ id, name }) => ({ key: id, name }));
		const actions = listActions();
		const summaryOf = (name: string) => {
			const index = rounds.findIndex((round) => round.name === name);
			return summarizeRound({ results, instrument: currentInstrument, round: rounds[index], previous: rounds[index - 1], program: 'all', programs, actions });
		};
		const named = (name: string) => {
			const consumers = summaryOf(name).changes.find((group) => group.audience === 'consumer')!;
			return { higher: consumers.higher.map((change) => change.itemId).sort(), lower: consumers.lower.map((change) => change.itemId) };
		};
		expect(named('Autumn 2026')).toEqual({ higher: ['stc.feedback', 'stc.rules'], lower: ['stc.friendly'] });
		expect(named('Spring 2026')).toEqual({ higher: ['hr.timetable'], lower: [] });
		for (const quiet of ['Autumn 2025', 'Winter 2026', 'Summer 2026']) expect(named(quiet), quiet).toEqual({ higher: [], lower: [] });
		// The moves are the demo's own, and the questions that moved are few.
		expect(Object.keys(DEMO_MOVES).sort()).toEqual(['hr.timetable', 'stc.feedback', 'stc.friendly', 'stc.rules']);
		// The change recorded after Summer 2026 shows its questions rising in the summary of Autumn 2026.
		const [recorded] = summaryOf('Autumn 2026').actions;
		expect(recorded.items.filter((change) => change.audience === 'consumer').map((change) => [change.itemId, change.words])).toEqual([
			['stc.feedback', 'higher than in Summer 2026'],
			['stc.rules', 'higher than in Summer 2026']
		]);
	});

	it('has two published changes recorded, each after a closed round', () => {
		expect(listActions(true).map((action) => [action.roundName, action.itemIds])).toEqual([
			['Summer 2026', ['stc.feedback', 'stc.rules']],
			['Winter 2026', ['hr.timetable']]
		]);
	});
});
