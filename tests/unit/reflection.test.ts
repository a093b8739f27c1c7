import { describe, expect, it } from 'vitest';
import { currentInstrument, defaultSections, sectionsFor } from '$lib/instruments';
import { buildReflection } from '$lib/server/reflection';
import { saveResponse } from '$lib/server/responses';
import { closeRound, createRound, openRound } from '$lib/server/rounds';

const staffSections = sectionsFor(currentInstrument, 'staff', defaultSections.staff);
const itemOf = (reflection: ReturnType<typeof buildReflection>, itemId: string) =>
	reflection.sections.flatMap((section) => section.items).find((item) => item.id === itemId)!;

describe('the staff reflection page', () => {
	it('shows the staff member’s own answers, skips included, with the matching prompts', () => {
		const reflection = buildReflection(currentInstrument, staffSections, new Map([['hr.timetable', 4], ['hr.listen', 0]]), 'en');
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
			saveResponse({ roundId: round.id, audience: 'consumer', programId: null }, { language: 'en', channel: 'web' }, { answers, comment: null });
		}
		closeRound(round.id);

		const reflection = buildReflection(currentInstrument, staffSections, new Map(), 'en');
		expect(itemOf(reflection, 'hr.trust').consumers).toEqual({ kind: 'shown', text: 'Consumers in Spring: 4.5 out of 5 (6 answers)' });
		expect(itemOf(reflection, 'hr.listen').consumers?.kind).toBe('hidden');
		expect(itemOf(reflection, 'hr.listen').consumers?.text).toContain('fewer than 5');
		// The round did not ask consumers section 2, so it says so rather than "too few".
		expect(itemOf(reflection, 'stc.goals').consumers?.kind).toBe('not-asked');
	});

	it('speaks the staff member’s language, numbers included', () => {
		const reflection = buildReflection(currentInstrument, staffSections, new Map([['hr.trust', 5]]), 'es');
		expect(itemOf(reflection, 'hr.trust').answer).toBe('Siempre');
		expect(itemOf(reflection, 'hr.trust').consumers?.text).toMatch(/4,5 de 5/);
	});
});
