import { beforeAll, describe, expect, it } from 'vitest';
import { getAgency } from '$lib/server/agency';
import { sql } from '$lib/server/db';
import { currentInstrument } from '$lib/instruments';
import { listActions } from '$lib/server/actions';
import { openChanges } from '$lib/action-plan';
import { DEMO_AGENCY, DEMO_MOVES, SMALL_GROUP, demoAddresses, demoWelcome, mulberry32, seedDemo } from '$lib/server/demo';
import { qrTerminal } from '$lib/server/qr';
import type { NetworkInterfaceInfo } from 'node:os';
import { summarizeRound } from '$lib/summary';
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

	it('has a few questions clearly move and most stay flat, and the summary names exactly those', () => {
		const rounds = closed().map(({ id, name }) => ({ id, name }));
		const results = loadResults();
		const programs = sql<[], { id: number; name: string }>('SELECT id, name FROM programs')
			.all()
			.map(({ id, name }) => ({ key: id, name }));
		const actions = listActions();
		const summaryOf = (name: string) => {
			const index = rounds.findIndex((round) => round.name === name);
			return summarizeRound({
				results,
				instrument: currentInstrument,
				round: rounds[index],
				previous: rounds[index - 1],
				program: 'all',
				programs,
				actions
			});
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

	it('keeps its changes as a plan: each with a lead, one under way by the open round, one overdue', () => {
		expect(listActions().every((action) => action.lead !== null && action.dueRoundId !== null)).toBe(true);
		const plan = openChanges(
			listActions(),
			closed().map((round) => round.id)
		);
		expect(plan.map((change) => [change.itemIds, change.status, change.dueRoundName, change.overdue])).toEqual([
			[['stc.complaints'], 'planned', 'Autumn 2026', true],
			[['stc.friendly'], 'under-way', 'Winter 2027', false]
		]);
	});
});

describe('what npm run demo prints', () => {
	const interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = {
		lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '', cidr: null }],
		wlan0: [
			{ address: '192.168.1.20', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '', cidr: null },
			{ address: 'fe80::1', family: 'IPv6', internal: false, netmask: 'ffff:ffff:ffff:ffff::', mac: '', cidr: null, scopeid: 3 }
		],
		eth0: [{ address: '10.0.0.5', family: 'IPv4', internal: false, netmask: '255.0.0.0', mac: '', cidr: null }]
	};
	const links = [
		{ audience: 'staff' as const, group: 'Drop-in center', token: 'stafftoken' },
		{ audience: 'consumer' as const, group: 'Drop-in center', token: 'consumertoken' }
	];

	it('lists localhost and every network address when the server listens on all of them', () => {
		expect(demoAddresses('http://localhost:3000', '3000', undefined, interfaces)).toEqual([
			'http://localhost:3000',
			'http://192.168.1.20:3000',
			'http://10.0.0.5:3000'
		]);
		expect(demoAddresses('http://localhost:3000', '3000', '0.0.0.0', interfaces)).toHaveLength(3);
	});

	it('lists only what can be reached when HOST limits the server', () => {
		expect(demoAddresses('http://localhost:3000', '3000', '127.0.0.1', interfaces)).toEqual(['http://localhost:3000']);
		expect(demoAddresses('http://localhost:3000', '3000', '192.168.1.20', interfaces)).toEqual([
			'http://localhost:3000',
			'http://192.168.1.20:3000'
		]);
	});

	it('prints the links on the network address, with a QR code of the consumer link there', async () => {
		const text = await demoWelcome(['http://localhost:3000', 'http://192.168.1.20:3000'], 'Winter 2027', links);
		expect(text).toContain('  http://localhost:3000\n');
		expect(text).toContain('  http://192.168.1.20:3000   (from a phone or tablet on the same network)');
		expect(text).toContain('staff    Drop-in center: http://192.168.1.20:3000/s/stafftoken');
		expect(text).toContain('consumer Drop-in center: http://192.168.1.20:3000/s/consumertoken');
		expect(text).toContain(await qrTerminal('http://192.168.1.20:3000/s/consumertoken'));
		expect(text).toContain('Manager sign-in: http://localhost:3000/login');
	});

	it('says so when no other device can reach the demo, and prints no QR code', async () => {
		const text = await demoWelcome(['http://localhost:3000'], 'Winter 2027', links);
		expect(text).toContain('consumer Drop-in center: http://localhost:3000/s/consumertoken');
		expect(text).toContain('No network address was found');
		expect(text).not.toContain(await qrTerminal('http://localhost:3000/s/consumertoken'));
	});
});
