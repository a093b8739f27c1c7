import { describe, expect, it } from 'vitest';
import { formatDate } from '$lib/format';
import { messages, nameIn, withName } from '$lib/i18n';
import { checkProgramName, createProgram, listPrograms, renameProgram } from '$lib/server/programs';
import { createRound, getRound } from '$lib/server/rounds';

describe('names the agency gives, in the reader’s language', () => {
	it('give the Spanish name to a Spanish reader, or the English one marked as English', () => {
		expect(nameIn({ en: 'Drop-in center', es: 'Centro de acogida' }, 'es')).toEqual({ text: 'Centro de acogida' });
		expect(nameIn({ en: 'Drop-in center', es: null }, 'es')).toEqual({ text: 'Drop-in center', lang: 'en' });
		expect(nameIn({ en: 'Drop-in center', es: 'Centro de acogida' }, 'en')).toEqual({ text: 'Drop-in center' });
	});

	it('keep a name in another language apart in a sentence, so it can be marked', () => {
		const title = messages.es.publicPage.resultsTitle;
		expect(withName(title, { text: 'Otoño 2026' })).toEqual([{ text: 'Lo que dijo la gente en Otoño 2026' }]);
		expect(withName(title, { text: 'Autumn 2026', lang: 'en' })).toEqual([
			{ text: 'Lo que dijo la gente en ' },
			{ text: 'Autumn 2026', lang: 'en' }
		]);
	});

	it('are stored with programs, asked for when one is added or renamed', () => {
		const program = createProgram('Outreach van', 'Camioneta de alcance');
		expect(listPrograms().find((found) => found.id === program.id)).toEqual({
			id: program.id,
			name: 'Outreach van',
			nameEs: 'Camioneta de alcance',
			retired: false,
			staffCount: null
		});
		renameProgram(program.id, 'Mobile van', null);
		expect(listPrograms().find((found) => found.id === program.id)?.nameEs).toBeNull();
		expect(() => checkProgramName('Another van', undefined, 'x'.repeat(201))).toThrow(/Spanish name/);
	});

	it('are stored with rounds, and optional', () => {
		expect(getRound(createRound({ name: 'Spring 2027', nameEs: 'Primavera 2027' }).id)?.nameEs).toBe('Primavera 2027');
		expect(getRound(createRound({ name: 'Summer 2027' }).id)?.nameEs).toBeNull();
	});
});

describe('dates on public pages', () => {
	it('are written as the reader’s language writes them', () => {
		expect(formatDate('2026-11-01', 'es')).toBe('1 de noviembre de 2026');
		expect(formatDate('2026-11-01', 'en')).toBe('November 1, 2026');
	});
});
