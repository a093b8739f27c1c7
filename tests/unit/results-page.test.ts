import { beforeAll, describe, expect, it } from 'vitest';
import { deleteAction, listActions, recordAction } from '$lib/server/actions';
import { createUser } from '$lib/server/user';
import { mulberry32, seedDemo } from '$lib/server/demo';
import { listClosedRounds } from '$lib/server/results';
import { listPrograms, setProgramStaffCount } from '$lib/server/programs';
import { Refusal } from '$lib/server/refusal';
import { PROGRAM_STAFF_MAX } from '$lib/limits';
import { prepareResultsPage, questionPage, resultsOverview } from '$lib/server/results-page';

const landing = (query = '') => resultsOverview(new URL(`http://localhost/manage/results${query}`));

describe('the results landing page, built ahead and kept', () => {
	beforeAll(async () => seedDemo(mulberry32(2026), (await createUser('demo', 'any positive change', 'admin')).id));

	it('gives the same page whether built ahead or asked for', () => {
		prepareResultsPage();
		const kept = landing();
		// The same page, but for the filters opening themselves once one is chosen in the address.
		expect(kept.filtered).toBe(false);
		expect(JSON.parse(JSON.stringify({ ...kept, filtered: true }))).toEqual(JSON.parse(JSON.stringify(landing('?section=hr'))));
		expect(kept.summary!.round.name).toBe('Autumn 2026');
	});

	it('shows a change as soon as it is recorded, and forgets it once deleted', () => {
		const summer = listClosedRounds().find((round) => round.name === 'Summer 2026')!;
		const before = landing();
		const id = recordAction({
			roundId: summer.id,
			happenedOn: '2026-09-01',
			description: 'The drop-in center moved.',
			descriptionEs: null,
			itemIds: ['stc.friendly'],
			published: false
		});
		const after = landing();
		const descriptions = (page: typeof before) => page.summary!.actions.map((action) => action.description).sort();
		expect(descriptions(after)).toEqual([...descriptions(before), 'The drop-in center moved.'].sort());
		const moved = after.summary!.actions.find((action) => action.id === id)!.items.find((change) => change.audience === 'consumer')!;
		expect(moved.words).toBe('lower than in Summer 2026');
		expect(after.trends.find((panel) => panel.id === 'stc')!.markers.map((marker) => marker.description)).toContain(
			'The drop-in center moved.'
		);
		deleteAction(id);
		expect(landing().summary!.actions).toEqual(before.summary!.actions);
		expect(listActions().some((action) => action.id === id)).toBe(false);
	});

	it('sums up any closed round, beside the one before it', () => {
		const spring = listClosedRounds().find((round) => round.name === 'Spring 2026')!;
		const page = landing(`?round=${spring.id}`);
		expect([page.summary!.round.name, page.summary!.previous!.name]).toEqual(['Spring 2026', 'Winter 2026']);
		expect(page.mirror.every((row) => row.staff.shown === false || row.staff.n > 0)).toBe(true);
	});

	it('says what share of a program’s staff answered once its headcount is entered, and refuses a headcount that is no count', () => {
		const programs = listPrograms();
		expect(landing().summary!.answered.staffShare).toBeNull();
		for (const [index, program] of programs.entries()) setProgramStaffCount(program.id, 20 + index);
		const summary = landing().summary!;
		const staff = summary.answered.staff;
		expect(staff.shown).toBe(true);
		expect(summary.answered.staffShare).toEqual({ answered: staff.shown ? staff.n : NaN, of: programs.length * 20 + 1 });
		expect(summary.sentences.answered).toMatch(
			/^In Autumn 2026, \d+ staff \(\d+% of 41\) and \d+ consumers answered \(Counseling program: \d+ staff \(\d+% of 20\)/
		);
		for (const wrong of [0, -3, 2.5, PROGRAM_STAFF_MAX + 1, Number.NaN]) {
			expect(() => setProgramStaffCount(programs[0].id, wrong)).toThrow(Refusal);
		}
		expect(listPrograms()[0].staffCount).toBe(20);
		setProgramStaffCount(programs[0].id, null);
		expect(landing().summary!.answered.staffShare).toBeNull();
	});

	it('builds a question’s page from the last closed round, and knows no question the instrument does not ask', () => {
		expect(questionPage('hr.no-such-question')).toBe('unknown');
		const page = questionPage('stc.friendly');
		if (typeof page === 'string') throw new Error(`no page: ${page}`);
		expect(page.round.name).toBe('Autumn 2026');
		expect(page.trend.rows.map((row) => row.round.name)).toEqual(listClosedRounds().map((round) => round.name));
		// The demo's designed fall, as the landing page's summary judges it.
		const fall = landing()
			.summary!.changes.find((group) => group.audience === 'consumer')!
			.lower.map((change) => change.itemId);
		expect(fall).toContain('stc.friendly');
		const [before, after] = page.trend.rows.slice(-2).map((row) => row.cells.consumer!);
		expect(before.shown && after.shown && after.mean < before.mean).toBe(true);
		expect(page.recordChange).toBe(`/manage/actions?item=stc.friendly&round=${page.round.id}#record`);
		expect(page.scaleLabels).toHaveLength(6);
	});
});
