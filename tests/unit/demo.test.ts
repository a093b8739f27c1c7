import { beforeAll, describe, expect, it } from 'vitest';
import { getAgency } from '$lib/server/agency';
import { sql } from '$lib/server/db';
import { DEMO_AGENCY, SMALL_GROUP, mulberry32, seedDemo } from '$lib/server/demo';
import { loadResults } from '$lib/server/results';
import { createUser } from '$lib/server/user';

interface RoundRow {
	id: number;
	name: string;
	status: string;
}

const rounds = () => sql<[], RoundRow>('SELECT id, name, status FROM rounds ORDER BY id').all();
const closed = () => rounds().filter((round) => round.status === 'closed');

describe('the demo agency', () => {
	beforeAll(async () => seedDemo(mulberry32(2026), (await createUser('demo', 'any positive change', 'admin')).id));

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
});
