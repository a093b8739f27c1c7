import { describe, expect, it } from 'vitest';
import { currentInstrument, defaultSections } from '$lib/instruments';
import { sql } from '$lib/server/db';
import { PostedForm } from '$lib/server/form';
import { createProgram } from '$lib/server/programs';
import { Refusal } from '$lib/server/refusal';
import {
	checkNewRound,
	closeRound,
	createRound,
	getRound,
	listRounds,
	openRound,
	readRoundForm,
	whenRoundCloses
} from '$lib/server/rounds';
import { listSurveyLinks } from '$lib/server/survey-links';

const count = (table: string) => sql<[], number>(`SELECT count(*) FROM ${table}`).pluck().get()!;
const status = (id: number) => sql<[number], string>('SELECT status FROM rounds WHERE id = ?').pluck().get(id);

let programs = 0;
const newProgram = () => createProgram(`Rounds program ${++programs}`);

describe('creating a round', () => {
	it('makes one link per audience and program taking part', () => {
		const [dropIn, therapy, van] = [newProgram(), newProgram(), newProgram()];
		const round = createRound({ name: 'Spring 2027', programIds: [dropIn.id, therapy.id, van.id] });
		const links = listSurveyLinks(round.id);
		expect(links).toHaveLength(6);
		const groups = links.map((link) => `${link.audience}:${link.programId}`).sort();
		expect(groups).toEqual(['staff', 'consumer'].flatMap((audience) => [dropIn, therapy, van].map((p) => `${audience}:${p.id}`)).sort());
		expect(links.every((link) => link.mode === 'open')).toBe(true);
		expect(round).toMatchObject({
			name: 'Spring 2027',
			status: 'draft',
			instrumentVersion: currentInstrument.version,
			programIds: [dropIn.id, therapy.id, van.id].sort((a, b) => a - b),
			sections: defaultSections
		});
	});

	it('makes one link per audience for the whole agency when no program is chosen', () => {
		const round = createRound({ name: 'Whole agency' });
		const links = listSurveyLinks(round.id);
		expect(links.map((link) => [link.audience, link.programId]).sort()).toEqual([
			['consumer', null],
			['staff', null]
		]);
		expect(round.programIds).toEqual([]);
	});

	it('gives every link an unguessable token: at least 26 characters, never repeated', () => {
		const rounds = Array.from({ length: 20 }, (_, i) => createRound({ name: `Token round ${i}`, programIds: [newProgram().id] }));
		const tokens = rounds.flatMap((round) => listSurveyLinks(round.id).map((link) => link.token));
		expect(tokens).toHaveLength(40);
		expect(new Set(tokens).size).toBe(40);
		for (const token of tokens) {
			expect(token.length).toBeGreaterThanOrEqual(26);
			// 32 base32 characters: 160 random bits, safe in a URL.
			expect(token).toMatch(/^[a-z2-7]{32}$/);
		}
	});

	it('keeps the chosen sections per audience and the planned dates', () => {
		const round = createRound({
			name: 'Short one',
			sections: { staff: ['ex', 'hr'], consumer: ['stc'] },
			plannedStart: '2027-03-01',
			plannedEnd: '2027-03-31'
		});
		expect(getRound(round.id)).toMatchObject({
			sections: { staff: ['hr', 'ex'], consumer: ['stc'] },
			plannedStart: '2027-03-01',
			plannedEnd: '2027-03-31'
		});
	});

	it('creates the round, its sections, programs and links together or not at all', () => {
		const before = ['rounds', 'round_sections', 'round_programs', 'survey_links'].map(count);
		// The second program does not exist, so the last inserts fail.
		expect(() => createRound({ name: 'Half made', programIds: [newProgram().id, 999_999] })).toThrow();
		expect(['rounds', 'round_sections', 'round_programs', 'survey_links'].map(count)).toEqual(before);
	});
});

describe('a round from draft to closed', () => {
	it('opens from draft, closes from open, and says so in its status', () => {
		const round = createRound({ name: 'Lifecycle' });
		expect(round.status).toBe('draft');
		openRound(round.id);
		expect(getRound(round.id)!.status).toBe('open');
		closeRound(round.id);
		expect(getRound(round.id)!.status).toBe('closed');
		expect(
			sql<[number], { opened_at: number; closed_at: number }>('SELECT opened_at, closed_at FROM rounds WHERE id = ?').get(round.id)
		).toEqual({
			opened_at: expect.any(Number),
			closed_at: expect.any(Number)
		});
	});

	it('cannot be closed twice, nor closed before it opened, nor opened twice', () => {
		const round = createRound({ name: 'Twice' });
		expect(closeRound(round.id)).toBe(false);
		expect(status(round.id)).toBe('draft');
		openRound(round.id);
		expect(() => openRound(round.id)).toThrow(/draft round/);
		closeRound(round.id);
		expect(closeRound(round.id)).toBe(false);
		expect(() => openRound(round.id)).toThrow(/draft round/);
		expect(status(round.id)).toBe('closed');
	});

	it('tells those listening once when it closes, and goes on closing when a listener fails', () => {
		const told: number[] = [];
		whenRoundCloses((id) => told.push(id));
		whenRoundCloses(() => {
			throw new Error('a listener that fails');
		});
		const round = createRound({ name: 'Announced' });
		closeRound(round.id);
		expect(told).not.toContain(round.id);
		openRound(round.id);
		expect(closeRound(round.id)).toBe(true);
		expect(closeRound(round.id)).toBe(false);
		expect(told.filter((id) => id === round.id)).toEqual([round.id]);
		expect(status(round.id)).toBe('closed');
	});

	it('is never reopened: the database itself refuses, whoever asks', () => {
		const round = createRound({ name: 'Final' });
		openRound(round.id);
		closeRound(round.id);
		expect(() => sql("UPDATE rounds SET status = 'open' WHERE id = ?").run(round.id)).toThrow(/never reopens/);
		expect(() => sql("UPDATE rounds SET status = 'draft' WHERE id = ?").run(round.id)).toThrow(/never reopens/);
		expect(status(round.id)).toBe('closed');
	});

	it('lists open rounds first, then drafts, then closed ones, newest first within each', () => {
		const closed = createRound({ name: 'Listed closed' });
		openRound(closed.id);
		closeRound(closed.id);
		const draft = createRound({ name: 'Listed draft' });
		const open = createRound({ name: 'Listed open' });
		openRound(open.id);
		const laterDraft = createRound({ name: 'Listed later draft' });
		const order = listRounds()
			.map((round) => round.id)
			.filter((id) => [closed.id, draft.id, open.id, laterDraft.id].includes(id));
		expect(order).toEqual([open.id, laterDraft.id, draft.id, closed.id]);
		const statuses = listRounds().map((round) => round.status);
		expect(statuses).toEqual([...statuses].sort((a, b) => ['open', 'draft', 'closed'].indexOf(a) - ['open', 'draft', 'closed'].indexOf(b)));
	});
});

/** A new-round form as the browser would send it. */
function roundForm(fields: Record<string, string | string[]>): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) {
		for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
	}
	return form;
}

/** The new-round form as its action reads and checks it: accepted with its values, or refused with a message and them. */
function parseRoundForm(form: FormData, programIds: ReadonlySet<number>) {
	const values = readRoundForm(new PostedForm(form), programIds, new Set());
	try {
		checkNewRound(values);
		return { ok: true as const, values };
	} catch (refusal) {
		if (!(refusal instanceof Refusal)) throw refusal;
		return { ok: false as const, message: refusal.message, values };
	}
}

const goodForm = {
	name: '  Spring 2027 ',
	nameEs: ' Primavera 2027 ',
	plannedStart: '2027-03-01',
	plannedEnd: '2027-04-15',
	'sections.staff': ['ex', 'hr', 'stc'],
	'sections.consumer': ['stc', 'hr'],
	program: ['2', '5']
};
const programIds = new Set([2, 5, 7]);

describe('the new-round form', () => {
	it('reads a good form: trimmed name, dates, sections in instrument order, chosen programs', () => {
		expect(parseRoundForm(roundForm(goodForm), programIds)).toEqual({
			ok: true,
			values: {
				name: 'Spring 2027',
				nameEs: 'Primavera 2027',
				plannedStart: '2027-03-01',
				plannedEnd: '2027-04-15',
				sections: { staff: ['hr', 'stc', 'ex'], consumer: ['hr', 'stc'] },
				programIds: [2, 5],
				questionIds: []
			}
		});
	});

	it('leaves the planned dates optional, and a round may start and end on one day', () => {
		expect(parseRoundForm(roundForm({ ...goodForm, plannedStart: '', plannedEnd: '' }), programIds)).toMatchObject({ ok: true });
		expect(parseRoundForm(roundForm({ ...goodForm, plannedEnd: '' }), programIds)).toMatchObject({ ok: true });
		expect(parseRoundForm(roundForm({ ...goodForm, plannedEnd: '2027-03-01' }), programIds)).toMatchObject({ ok: true });
	});

	it('asks for a name of 1 to 200 characters', () => {
		for (const name of ['', '    ', 'x'.repeat(201)]) {
			const result = parseRoundForm(roundForm({ ...goodForm, name }), programIds);
			expect(result, `${name.length} characters`).toMatchObject({ ok: false, message: expect.stringMatching(/name/) });
		}
		expect(parseRoundForm(roundForm({ ...goodForm, name: 'x'.repeat(200) }), programIds)).toMatchObject({ ok: true });
	});

	it('leaves the Spanish name optional, up to 200 characters', () => {
		expect(parseRoundForm(roundForm({ ...goodForm, nameEs: '' }), programIds)).toMatchObject({ ok: true, values: { nameEs: '' } });
		expect(parseRoundForm(roundForm({ ...goodForm, nameEs: 'x'.repeat(201) }), programIds)).toMatchObject({
			ok: false,
			message: expect.stringMatching(/Spanish name/)
		});
	});

	it('refuses dates that are not dates, keeping what was typed to re-fill the form', () => {
		for (const plannedStart of ['tomorrow', '2027-13-01', '2027-3-1', '01/03/2027', '2027-03-32']) {
			const result = parseRoundForm(roundForm({ ...goodForm, plannedStart }), programIds);
			expect(result, plannedStart).toMatchObject({ ok: false, message: expect.stringMatching(/real dates/), values: { plannedStart } });
		}
	});

	it('refuses a planned end before the planned start', () => {
		expect(parseRoundForm(roundForm({ ...goodForm, plannedStart: '2027-05-01', plannedEnd: '2027-04-30' }), programIds)).toMatchObject({
			ok: false,
			message: expect.stringMatching(/before the planned start/)
		});
	});

	it('asks for at least one section for each audience', () => {
		const noStaff = parseRoundForm(roundForm({ ...goodForm, 'sections.staff': [] }), programIds);
		expect(noStaff).toMatchObject({ ok: false, message: expect.stringMatching(/for staff/) });
		const noConsumer = parseRoundForm(roundForm({ ...goodForm, 'sections.consumer': [] }), programIds);
		expect(noConsumer).toMatchObject({ ok: false, message: expect.stringMatching(/for consumers/) });
	});

	it('never gives consumers the staff-only section, nor any section that does not exist', () => {
		const mixed = parseRoundForm(roundForm({ ...goodForm, 'sections.consumer': ['ex', 'hr', 'nope'] }), programIds);
		expect(mixed).toMatchObject({ ok: true, values: { sections: { consumer: ['hr'] } } });
		const onlyEx = parseRoundForm(roundForm({ ...goodForm, 'sections.consumer': ['ex'] }), programIds);
		expect(onlyEx).toMatchObject({ ok: false, message: expect.stringMatching(/for consumers/) });
	});

	it('drops program ids that are not active programs', () => {
		const result = parseRoundForm(roundForm({ ...goodForm, program: ['2', '99', 'abc', '', '7'] }), programIds);
		expect(result).toMatchObject({ ok: true, values: { programIds: [2, 7] } });
		expect(parseRoundForm(roundForm({ ...goodForm, program: [] }), programIds)).toMatchObject({ ok: true, values: { programIds: [] } });
	});

	it('gives a form it accepts to createRound, which stores it', () => {
		const [a, b] = [newProgram(), newProgram()];
		const parsed = parseRoundForm(roundForm({ ...goodForm, program: [String(a.id), String(b.id)] }), new Set([a.id, b.id]));
		if (!parsed.ok) throw new Error(parsed.message);
		const { name, sections, plannedStart, plannedEnd } = parsed.values;
		const round = createRound({ name, sections, programIds: parsed.values.programIds, plannedStart, plannedEnd });
		expect(getRound(round.id)).toMatchObject({ name, sections, plannedStart, plannedEnd, programIds: [a.id, b.id] });
		expect(listSurveyLinks(round.id)).toHaveLength(4);
	});
});

describe('the new-round form, with hand-made input', () => {
	it('refuses a date that does not exist, as the database would', () => {
		const form = new FormData();
		form.set('name', 'Leap');
		form.set('plannedStart', '2027-02-30');
		for (const section of ['hr']) {
			form.append('sections.staff', section);
			form.append('sections.consumer', section);
		}
		expect(parseRoundForm(form, new Set())).toMatchObject({ ok: false, message: 'Planned dates must be real dates.' });
		form.set('plannedStart', '2028-02-29');
		expect(parseRoundForm(form, new Set()).ok).toBe(true);
	});

	it('counts a program ticked twice once', () => {
		const form = new FormData();
		form.set('name', 'Twice');
		form.append('sections.staff', 'hr');
		form.append('sections.consumer', 'hr');
		form.append('program', '7');
		form.append('program', '7');
		const parsed = parseRoundForm(form, new Set([7]));
		expect(parsed.values.programIds).toEqual([7]);
	});
});
