import { describe, expect, it } from 'vitest';
import { currentInstrument, defaultSections, sectionsFor } from '$lib/instruments';
import { buildReflection } from '$lib/server/reflection';
import { saveResponse } from '$lib/server/responses';
import { closeRound, createRound, openRound } from '$lib/server/rounds';

const staffSections = sectionsFor(currentInstrument, 'staff', defaultSections.staff);
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
			'en'
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

		const reflection = buildReflection(currentInstrument, staffSections, new Map(), 'en');
		expect(itemOf(reflection, 'hr.trust').consumers).toEqual({
			kind: 'shown',
			text: [{ text: 'Consumers in Spring: 4.5 out of 5 (6 answers)' }]
		});
		expect(itemOf(reflection, 'hr.listen').consumers?.kind).toBe('hidden');
		expect(said(itemOf(reflection, 'hr.listen').consumers)).toContain('fewer than 5');
		// The round did not ask consumers section 2, so it says so rather than "too few".
		expect(itemOf(reflection, 'stc.goals').consumers?.kind).toBe('not-asked');
	});

	it('speaks the staff member’s language, numbers included', () => {
		const reflection = buildReflection(currentInstrument, staffSections, new Map([['hr.trust', 5]]), 'es');
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
		const reflection = buildReflection(currentInstrument, staffSections, new Map(), 'es');
		expect(itemOf(reflection, 'hr.trust').consumers?.text).toEqual([{ text: 'Participantes en Verano: 4,0 de 5 (5 respuestas)' }]);
		expect(said(itemOf(buildReflection(currentInstrument, staffSections, new Map(), 'en'), 'hr.trust').consumers)).toContain('in Summer');
	});
});
