import { describe, expect, it } from 'vitest';
import { currentInstrument, defaultSections, isMirrored, sectionsFor, type AnswerValue, type Audience } from '$lib/instruments';
import { readCopyFile, writeCopyFile } from '$lib/reflection-copy';
import { getAgencyCopyMark } from '$lib/server/agency';
import { buildReflection, journeyContext } from '$lib/server/reflection';
import { saveResponse } from '$lib/server/responses';
import { listClosedRounds, loadResults } from '$lib/server/results';
import { closeRound, createRound, getRound, listRounds, openRound } from '$lib/server/rounds';

const staffSections = sectionsFor(currentInstrument, 'staff', defaultSections.staff);
/** The round the staff member answered: named in the copy they may keep. */
const spring = { id: 1, name: 'Spring', nameEs: 'Primavera', instrumentVersion: currentInstrument.version };
const itemOf = (reflection: ReturnType<typeof buildReflection>, itemId: string) =>
	reflection.sections.flatMap((section) => section.items).find((item) => item.id === itemId)!;
/** What a reader reads of consumers' view, its pieces joined. */
const said = (view: { text: { text: string }[] } | null) => view?.text.map((piece) => piece.text).join('') ?? '';

describe('the staff reflection page', () => {
	it('shows the staff member’s own answers, skips included, with the matching prompts', () => {
		const reflection = buildReflection(
			currentInstrument,
			staffSections,
			new Map([
				['hr.timetable', 4],
				['hr.listen', 0]
			]),
			'en',
			spring
		);
		expect(itemOf(reflection, 'hr.timetable')).toMatchObject({ answer: 'Often' });
		expect(itemOf(reflection, 'hr.timetable').prompts).toContain("Don't get caught in a client's urgency");
		expect(itemOf(reflection, 'hr.listen').answer).toBe('Not sure');
		expect(itemOf(reflection, 'hr.patience').answer).toBe('Skipped');
		expect(itemOf(reflection, 'stc.board').consumers).toBeNull();
		expect(itemOf(reflection, 'hr.listen').consumers?.kind).toBe('no-round');
	});

	it('shows consumers’ mean for a mirrored item only when enough consumers answered it', () => {
		const round = createRound({ name: 'Spring', sections: { staff: ['hr'], consumer: ['hr'] } });
		openRound(round.id);
		for (let i = 0; i < 6; i++) {
			const answers = new Map<string, 0 | 1 | 2 | 3 | 4 | 5>([['hr.trust', i < 3 ? 4 : 5]]);
			if (i < 4) answers.set('hr.listen', 3);
			saveResponse(
				{ roundId: round.id, audience: 'consumer', programId: null },
				{ language: 'en', channel: 'web' },
				{ answers, comment: null }
			);
		}
		closeRound(round.id);

		const reflection = buildReflection(currentInstrument, staffSections, new Map(), 'en', spring);
		expect(itemOf(reflection, 'hr.trust').consumers).toEqual({
			kind: 'shown',
			text: [{ text: 'Consumers in Spring: 4.5 out of 5 (6 answers)' }]
		});
		expect(itemOf(reflection, 'hr.listen').consumers?.kind).toBe('hidden');
		expect(said(itemOf(reflection, 'hr.listen').consumers)).toContain('Fewer than 5');
		// The round did not ask consumers section 2, so it says so rather than "too few".
		expect(itemOf(reflection, 'stc.goals').consumers?.kind).toBe('not-asked');
	});

	it('speaks the staff member’s language, numbers included', () => {
		const reflection = buildReflection(currentInstrument, staffSections, new Map([['hr.trust', 5]]), 'es', spring);
		expect(itemOf(reflection, 'hr.trust').answer).toBe('Siempre');
		expect(said(itemOf(reflection, 'hr.trust').consumers)).toMatch(/4,5 de 5/);
		// The round has no Spanish name, so its English one is marked as English.
		expect(itemOf(reflection, 'hr.trust').consumers?.text).toEqual([
			{ text: 'Participantes en ' },
			{ text: 'Spring', lang: 'en' },
			{ text: ': 4,5 de 5 (6 respuestas)' }
		]);
	});

	it('gives a round’s Spanish name to a Spanish reader', () => {
		const round = createRound({ name: 'Summer', nameEs: 'Verano', sections: { staff: ['hr'], consumer: ['hr'] } });
		openRound(round.id);
		for (let i = 0; i < 5; i++) {
			saveResponse(
				{ roundId: round.id, audience: 'consumer', programId: null },
				{ language: 'es', channel: 'web' },
				{ answers: new Map([['hr.trust', 4]]), comment: null }
			);
		}
		closeRound(round.id);
		const reflection = buildReflection(currentInstrument, staffSections, new Map(), 'es', spring);
		expect(itemOf(reflection, 'hr.trust').consumers?.text).toEqual([{ text: 'Participantes en Verano: 4,0 de 5 (5 respuestas)' }]);
		expect(said(itemOf(buildReflection(currentInstrument, staffSections, new Map(), 'en', spring), 'hr.trust').consumers)).toContain(
			'in Summer'
		);
	});
});

/** One response to an open round, through the agency-wide link. */
const answer = (roundId: number, audience: Audience, answers: [string, AnswerValue][]) =>
	saveResponse({ roundId, audience, programId: null }, { language: 'en', channel: 'web' }, { answers: new Map(answers), comment: null });
/** Later than any round the tests above closed, so these close in the order given. */
const later = (seconds: number) => Math.floor(Date.now() / 1000) + 3600 + seconds;

describe('what a staff member’s browser reads their copies with', () => {
	it('carries this agency’s copy mark, the same every time', () => {
		const mark = journeyContext('en').agency;
		expect(mark).toMatch(/^[0-9a-f]{32}$/);
		expect(journeyContext('es').agency).toBe(mark);
		expect(getAgencyCopyMark()).toBe(mark);
	});

	it('lists closed rounds in the order they closed, then the open ones, and no drafts', () => {
		const [autumn, winter, thaw, draft] = ['Autumn', 'Winter', 'Thaw', 'Draft'].map((name) => createRound({ name }));
		openRound(autumn.id);
		openRound(winter.id);
		openRound(thaw.id);
		// Winter closes first, though it was made after autumn.
		closeRound(winter.id, later(1));
		closeRound(autumn.id, later(2));

		const { rounds, consumers } = journeyContext('en');
		const ours = new Set([autumn.id, winter.id, thaw.id, draft.id]);
		expect(rounds.filter((round) => ours.has(round.id))).toEqual([
			{ id: winter.id, name: { text: 'Winter' }, closed: true },
			{ id: autumn.id, name: { text: 'Autumn' }, closed: true },
			{ id: thaw.id, name: { text: 'Thaw' }, closed: false }
		]);
		// Every closed round before every open one, and each as its status says.
		const closedFlags = rounds.map((round) => round.closed);
		expect(closedFlags).toEqual(closedFlags.toSorted((a, b) => Number(b) - Number(a)));
		expect(rounds.map((round) => [round.id, round.closed])).toEqual(
			rounds.map((round) => [round.id, getRound(round.id)!.status === 'closed'])
		);
		expect(rounds).toHaveLength(listRounds().filter((round) => round.status !== 'draft').length);
		// Consumers' figures for closed rounds only.
		expect(Object.keys(consumers).map(Number).toSorted()).toEqual(
			listClosedRounds()
				.map((round) => round.id)
				.toSorted()
		);
		expect(consumers[thaw.id]).toBeUndefined();
	});

	it('names a round in the reader’s language, marking an English name read in Spanish', () => {
		const named = createRound({ name: 'Harvest', nameEs: 'Cosecha' });
		const unnamed = createRound({ name: 'Frost' });
		openRound(named.id);
		openRound(unnamed.id);
		const nameOf = (language: 'en' | 'es', id: number) => journeyContext(language).rounds.find((round) => round.id === id)!.name;
		expect(nameOf('en', named.id)).toEqual({ text: 'Harvest' });
		expect(nameOf('es', named.id)).toEqual({ text: 'Cosecha' });
		expect(nameOf('es', unnamed.id)).toEqual({ text: 'Frost', lang: 'en' });
	});

	it('gives consumers’ figures as the results release them: the mean to one decimal, as the page shows it, with how many, hidden under the minimum', () => {
		const round = createRound({ name: 'Figures', sections: { staff: ['hr', 'stc', 'ex'], consumer: ['hr'] } });
		openRound(round.id);
		for (let i = 0; i < 7; i++) {
			answer(round.id, 'consumer', [['hr.trust', i < 3 ? 4 : 5], ...(i < 4 ? [['hr.listen', 3] as [string, AnswerValue]] : [])]);
		}
		// Staff answers are no part of consumers' figures.
		for (let i = 0; i < 6; i++) answer(round.id, 'staff', [['hr.trust', 1]]);
		closeRound(round.id, later(3));

		const figures = journeyContext('en').consumers[round.id];
		// 3 × 4 and 4 × 5 make 32 / 7 = 4.571…, which the reflection's own sentence also gives as 4.6.
		expect(figures['hr.trust']).toEqual({ kind: 'shown', mean: 4.6, n: 7 });
		expect(figures['hr.listen']).toEqual({ kind: 'hidden' });
		expect(figures['hr.timetable']).toEqual({ kind: 'hidden' });
		// This round did not ask consumers section 2.
		expect(figures['stc.goals']).toEqual({ kind: 'not-asked' });
	});

	it('gives, for every closed round and mirrored question, exactly what the results release to managers', () => {
		const { consumers } = journeyContext('en');
		const results = loadResults();
		const rounds = listClosedRounds().map((closed) => getRound(closed.id)!);
		expect(rounds.length).toBeGreaterThanOrEqual(4);
		for (const round of rounds) {
			for (const section of currentInstrument.sections) {
				for (const item of section.items.filter(isMirrored)) {
					const released = results.item(round.id, 'consumer', 'all', item.id);
					const expected = !round.sections.consumer.includes(section.id)
						? { kind: 'not-asked' }
						: released.shown && released.value.mean !== null
							? { kind: 'shown', mean: Number(released.value.mean.toFixed(1)), n: released.value.n }
							: { kind: 'hidden' };
					expect(consumers[round.id][item.id], `${round.name}, ${item.id}`).toEqual(expected);
				}
			}
		}
		expect(
			Object.values(consumers)
				.flatMap(Object.values)
				.some((figure) => figure.kind === 'shown')
		).toBe(true);
	});

	it('asks about every question staff may be asked, in instrument order, and mirrors only those consumers are asked too', () => {
		const { items, consumers } = journeyContext('en');
		expect(items.map((item) => item.id)).toEqual(currentInstrument.sections.flatMap((section) => section.items.map((item) => item.id)));
		const itemOf = (id: string) => items.find((item) => item.id === id)!;
		expect(itemOf('hr.trust')).toMatchObject({ mirrored: true, labels: ['Not sure', 'Never', 'Rarely', 'Sometimes', 'Often', 'Always'] });
		expect(itemOf('stc.board').mirrored).toBe(false);
		expect(itemOf('ex.love').mirrored).toBe(false);
		const mirrored = items.filter((item) => item.mirrored).map((item) => item.id);
		for (const figures of Object.values(consumers)) {
			expect(Object.keys(figures)).toEqual(mirrored);
			expect(figures).not.toHaveProperty('stc.board');
		}
	});

	it('words the questions and answers in the reader’s language', () => {
		const trust = journeyContext('es').items.find((item) => item.id === 'hr.trust')!;
		const inEnglish = journeyContext('en').items.find((item) => item.id === 'hr.trust')!;
		expect(trust.labels).toEqual(['No estoy seguro/a', 'Nunca', 'Casi nunca', 'A veces', 'Casi siempre', 'Siempre']);
		expect(trust.text).toBe(currentInstrument.sections[0].items.find((item) => item.id === 'hr.trust')!.staff!.es);
		expect(trust.text).not.toBe(inEnglish.text);
		expect(trust.section).toBe(currentInstrument.sections[0].title.staff.es);
	});
});

describe('the copy a staff member may keep of their answers', () => {
	it('names the round they answered and holds their answers, "not sure" included and skips left out', () => {
		const round = createRound({ name: 'Kept', nameEs: 'Guardada', sections: { staff: ['hr'], consumer: ['hr'] } });
		openRound(round.id);
		const reflection = buildReflection(
			currentInstrument,
			sectionsFor(currentInstrument, 'staff', ['hr']),
			new Map<string, AnswerValue>([
				['hr.trust', 4],
				['hr.listen', 0]
			]),
			'es',
			getRound(round.id)!
		);
		expect(reflection.copy).toEqual({
			round: { id: round.id, name: 'Kept', nameEs: 'Guardada' },
			instrument: currentInstrument.version,
			answers: { 'hr.trust': 4, 'hr.listen': 0 }
		});
	});

	it('is read back in the browser with what the server gives it', () => {
		const round = createRound({ name: 'Read back' });
		openRound(round.id);
		const { copy } = buildReflection(currentInstrument, staffSections, new Map([['ex.love', 5]]), 'en', getRound(round.id)!);
		const context = journeyContext('en');
		const file = { agency: context.agency, copies: [{ ...copy, note: 'Breathe first.' }] };
		expect(readCopyFile(writeCopyFile(file), context.agency, new Set(context.rounds.map((known) => known.id)))).toEqual({ ok: true, file });
	});
});
