import { describe, it, expect } from 'vitest';
import {
	currentInstrument,
	defaultSections,
	getInstrument,
	isMirrored,
	itemText,
	languages,
	promptsFor,
	sectionsFor,
	type Localized
} from '$lib/instruments';
import { consumerFacingMessages, messages } from '$lib/i18n';
import {
	addCounts,
	count,
	FAIRLY_EASY,
	grade,
	inflesz,
	JUDGED_FROM_WORDS,
	sentences,
	spanishSyllables,
	words
} from '$lib/server/readability';

const { sections, scales, reflectionPrompts } = currentInstrument;
const allItems = sections.flatMap((section) => section.items);
const knownIds = new Set(allItems.map((item) => item.id));

/** An item of an instrument by its id. */
const findItem = (instrument: typeof currentInstrument, id: string) =>
	instrument.sections.flatMap((section) => section.items.map((item) => ({ item, section }))).find(({ item }) => item.id === id);

// Written out by hand from the checklists as first shipped: ids never change once shipped, trends join on them.
const expectedIds = [
	'hr.human',
	'hr.not-personal',
	'hr.question-self',
	'hr.not-my-pain',
	'hr.not-plumber',
	'hr.trust',
	'hr.know-needs',
	'hr.listen',
	'hr.timetable',
	'hr.explain',
	'hr.patience',
	'hr.baby-steps',
	'hr.strengths',
	'hr.advocate',
	'stc.goals',
	'stc.priorities',
	'stc.power',
	'stc.menu',
	'stc.who-decides',
	'stc.feedback',
	'stc.rules',
	'stc.expert',
	'stc.work',
	'stc.drug-use',
	'stc.board',
	'stc.design',
	'stc.representative',
	'stc.complaints',
	'stc.funders',
	'stc.friendly',
	'stc.treated',
	'stc.evaluations',
	'stc.peers',
	'ex.each-other',
	'ex.agency-treats',
	'ex.others',
	'ex.coalition',
	'ex.workers-use',
	'ex.workers-dont',
	'ex.pc',
	'ex.mistakes',
	'ex.honesty',
	'ex.love',
	'ex.self-compassion',
	'ex.compassion-others'
];

function section(id: string) {
	const found = sections.find((candidate) => candidate.id === id);
	if (!found) throw new Error(`No section ${id}`);
	return found;
}

/** Every text a respondent may read, labelled so a failure says which one. */
function respondentTexts(): { where: string; text: Localized }[] {
	const texts: { where: string; text: Localized }[] = [];
	for (const scale of Object.values(scales)) {
		scale.points.forEach((point) => texts.push({ where: `${scale.id} ${point.value}`, text: point.label }));
		texts.push({ where: `${scale.id} unsure`, text: scale.unsure });
	}
	for (const { id, audiences, title, intro, items } of sections) {
		for (const audience of audiences) {
			texts.push({ where: `${id} title (${audience})`, text: title[audience] });
			texts.push({ where: `${id} intro (${audience})`, text: intro[audience] });
		}
		for (const item of items) {
			texts.push({ where: `${item.id} staff`, text: item.staff! });
			if (item.question) texts.push({ where: `${item.id} question`, text: item.question });
			if (item.consumer) texts.push({ where: `${item.id} consumer`, text: item.consumer });
		}
	}
	for (const prompt of reflectionPrompts) texts.push({ where: prompt.id, text: prompt.text });
	return texts;
}

/** Every text a consumer may read: the survey page's own words, their section titles and intros, their items, the scales. */
function consumerTexts(): { where: string; text: Localized }[] {
	const texts: { where: string; text: Localized }[] = consumerFacingMessages();
	for (const scale of Object.values(scales)) {
		scale.points.forEach((point) => texts.push({ where: `${scale.id} ${point.value}`, text: point.label }));
		texts.push({ where: `${scale.id} unsure`, text: scale.unsure });
	}
	for (const { id, title, intro, items } of sectionsFor(currentInstrument, 'consumer', ['hr', 'stc', 'ex'])) {
		texts.push({ where: `${id} title`, text: title.consumer });
		texts.push({ where: `${id} intro`, text: intro.consumer });
		for (const item of items) {
			if (item.consumer) texts.push({ where: item.id, text: item.consumer });
		}
	}
	return texts;
}

/** Each sentence of the consumer text in one language, labelled with where it comes from. */
function consumerSentences(language: 'en' | 'es'): { where: string; sentence: string }[] {
	return consumerTexts().flatMap(({ where, text }) => sentences(text[language]).map((sentence) => ({ where, sentence })));
}

describe('item ids', () => {
	it('are unique across all sections', () => {
		expect(knownIds.size).toBe(allItems.length);
	});

	it('are kebab-case and start with their section id', () => {
		for (const { id: sectionId, items } of sections) {
			for (const { id } of items) {
				expect(id).toMatch(/^(hr|stc|ex)\.[a-z-]+$/);
				expect(id.startsWith(`${sectionId}.`), id).toBe(true);
			}
		}
	});

	it('are exactly the ids first shipped, in order', () => {
		expect(allItems.map((item) => item.id)).toEqual(expectedIds);
		expect(section('hr').items).toHaveLength(14);
		expect(section('stc').items).toHaveLength(19);
		expect(section('ex').items).toHaveLength(12);
	});
});

describe('sections', () => {
	it('come in order with the right scales and audiences', () => {
		expect(sections.map((s) => [s.id, s.scale, [...s.audiences]])).toEqual([
			['hr', 'practice', ['staff', 'consumer']],
			['stc', 'agreement', ['staff', 'consumer']],
			['ex', 'agreement', ['staff']]
		]);
	});

	it('have only stc.board and stc.funders as staff-only items among hr and stc', () => {
		const staffOnly = [...section('hr').items, ...section('stc').items].filter((item) => !isMirrored(item));
		expect(staffOnly.map((item) => item.id)).toEqual(['stc.board', 'stc.funders']);
	});

	it('give no ex item a consumer text', () => {
		expect(section('ex').items.filter(isMirrored)).toEqual([]);
	});

	it('give every section 2 item its slide question, and no other item one', () => {
		for (const item of allItems) {
			expect(item.question !== undefined, item.id).toBe(item.id.startsWith('stc.'));
		}
	});
});

describe('scales', () => {
	it('score five points 1 to 5, lowest first', () => {
		for (const scale of Object.values(scales)) {
			expect(scale.points.map((point) => point.value)).toEqual([1, 2, 3, 4, 5]);
		}
		expect(scales.practice.points.map((point) => point.label.en)).toEqual(['Never', 'Rarely', 'Sometimes', 'Often', 'Always']);
		expect(scales.agreement.points.map((point) => point.label.en)).toEqual([
			'Disagree a lot',
			'Disagree',
			'Neither',
			'Agree',
			'Agree a lot'
		]);
	});
});

describe('languages', () => {
	it('give every respondent-visible text in English and Spanish, with the Spanish translated', () => {
		for (const { where, text } of respondentTexts()) {
			for (const language of languages) expect(text[language].trim(), `${where} ${language}`).not.toBe('');
			expect(text.es, where).not.toBe(text.en);
		}
	});

	it('address the reader as usted, never tú', () => {
		for (const { where, text } of [...respondentTexts(), ...consumerFacingMessages()]) {
			expect(text.es, where).not.toMatch(/(^|[^\p{L}])(tú|tu|tus|te|ti|contigo)(?![\p{L}])/iu);
		}
	});
});

/** Every sentence a catalogue part holds, a sentence with a number or a name in it read with 20 and a round's name. */
function catalogueStrings(value: unknown): string[] {
	if (typeof value === 'function') return catalogueStrings(value(20, 'Spring 2026'));
	if (typeof value === 'string') return [value];
	if (value && typeof value === 'object') return Object.values(value).flatMap(catalogueStrings);
	return [];
}

describe('plain language for staff', () => {
	// The staff pages' own level: the survey's staff words and the reflection around a journey.
	const levels = (language: 'en' | 'es') => {
		const { journey, ...reflection } = messages[language].staff;
		const measure = (texts: string[]) => addCounts(texts.map((text) => count(text, language)));
		return {
			staffPages: measure([...catalogueStrings(messages[language].audience.staff), ...catalogueStrings(reflection)]),
			journey: measure(catalogueStrings(journey))
		};
	};

	it('reads no harder across rounds than the rest of the staff pages, in English', () => {
		const { staffPages, journey } = levels('en');
		expect(grade(journey)).toBeLessThanOrEqual(grade(staffPages));
	});

	it('reads no harder across rounds than the rest of the staff pages, in Spanish', () => {
		const { staffPages, journey } = levels('es');
		expect(inflesz(journey)).toBeGreaterThanOrEqual(inflesz(staffPages));
	});
});

describe('plain language for consumers', () => {
	it('reads at or below US grade 6 across everything a consumer sees', () => {
		expect(grade(addCounts(consumerTexts().map(({ text }) => count(text.en, 'en'))))).toBeLessThanOrEqual(6);
	});

	it('has no English sentence above grade 6', () => {
		const hard = consumerSentences('en')
			// On one or two words the formula is noise ("Disagree" alone scores grade 20); they
			// still count in the whole above.
			.filter(({ sentence }) => words(sentence).length >= JUDGED_FROM_WORDS.en)
			.map(({ where, sentence }) => ({ where, sentence, grade: Math.round(grade(count(sentence, 'en')) * 10) / 10 }))
			.filter((found) => found.grade > 6);
		expect(hard).toEqual([]);
	});

	it('keeps the plainer pair of agreement labels, by the same test', () => {
		const ends = (first: string, last: string) => grade(count(`${first}. ${last}.`, 'en'));
		const [first, , , , last] = scales.agreement.points.map((point) => point.label.en);
		expect(ends(first, last)).toBeLessThanOrEqual(ends('Strongly disagree', 'Strongly agree'));
	});

	it('reads "bastante fácil" (INFLESZ 65) or easier in Spanish, as a whole', () => {
		expect(inflesz(addCounts(consumerTexts().map(({ text }) => count(text.es, 'es'))))).toBeGreaterThanOrEqual(FAIRLY_EASY);
	});

	it('has no Spanish sentence of eight words or more below "bastante fácil"', () => {
		const hard = consumerSentences('es')
			.filter(({ sentence }) => words(sentence).length >= JUDGED_FROM_WORDS.es)
			.map(({ where, sentence }) => ({ where, sentence, inflesz: Math.round(inflesz(count(sentence, 'es')) * 10) / 10 }))
			.filter((found) => found.inflesz < FAIRLY_EASY);
		expect(hard).toEqual([]);
	});

	it('reads the thank-you’s pointer to the public page plainly, with the page’s name in it as it is shown', () => {
		const pointer = (language: 'en' | 'es') => `${messages[language].publicPage.seeChanges} ${messages[language].publicPage.title}.`;
		expect(grade(count(pointer('en'), 'en'))).toBeLessThanOrEqual(6);
		expect(inflesz(count(pointer('es'), 'es'))).toBeGreaterThanOrEqual(FAIRLY_EASY);
		// The words it replaced, read the same way.
		expect(inflesz(count('Vea lo que cambiamos: Ustedes dijeron, nosotros hicimos.', 'es'))).toBeLessThan(FAIRLY_EASY);
	});

	it('can tell a hard Spanish sentence from an easy one', () => {
		// The 2026.1 wording the check above made plainer, and the wording that replaced it.
		expect(inflesz(count('Personas que usan drogas ayudaron a diseñar este programa.', 'es'))).toBeLessThan(FAIRLY_EASY);
		expect(inflesz(count('Gente que usa drogas ayudó a crear este programa.', 'es'))).toBeGreaterThanOrEqual(FAIRLY_EASY);
		expect(
			inflesz(count('Solo mostramos un número cuando contestaron suficientes personas, para que nadie pueda ser identificado.', 'es'))
		).toBeLessThan(55);
	});

	it('counts Spanish syllables as they are spoken', () => {
		const spoken: Record<string, number> = {
			a: 1,
			y: 1,
			muy: 1,
			que: 1,
			hay: 1,
			usan: 2,
			agua: 2,
			leer: 2,
			país: 2,
			río: 2,
			guerra: 2,
			ciudad: 2,
			amigo: 3,
			ahora: 3,
			oído: 3,
			pingüino: 3,
			ayudaron: 4,
			aéreo: 4,
			evalúa: 4,
			formulario: 4,
			instrucciones: 4,
			extraordinario: 6,
			// One or two letters at a word's edge are a syllable too, though typesetting never splits them off.
			anónima: 4,
			ahí: 2,
			oír: 2,
			reúne: 3,
			buey: 1,
			leyes: 2,
			ruido: 2,
			construir: 2,
			cuidado: 3,
			Uruguay: 3,
			vehículo: 4,
			prohibido: 4
		};
		const counted = Object.fromEntries(Object.keys(spoken).map((word) => [word, spanishSyllables(word)]));
		expect(counted).toEqual(spoken);
	});

	it('never uses agency jargon', () => {
		for (const { where, text } of consumerTexts()) {
			expect(text.en, where).not.toMatch(/\b(consumers?|interventions?)\b/i);
			expect(text.en, where).not.toMatch(/\bHR\b/);
			expect(text.es, where).not.toMatch(/consumidor|intervenci[oó]n/i);
		}
	});
});

describe('sectionsFor', () => {
	it('never gives consumers ex or a staff-only item, even when asked', () => {
		const asked = sectionsFor(currentInstrument, 'consumer', ['hr', 'stc', 'ex']);
		expect(asked.map((s) => s.id)).toEqual(['hr', 'stc']);
		const ids = asked.flatMap((s) => s.items.map((item) => item.id));
		expect(ids).not.toContain('stc.board');
		expect(ids).not.toContain('stc.funders');
		expect(ids).toHaveLength(14 + 17);
	});

	it('gives staff all three sections in instrument order, whatever order they are asked in', () => {
		const asked = sectionsFor(currentInstrument, 'staff', ['ex', 'hr', 'stc']);
		expect(asked.map((s) => s.id)).toEqual(['hr', 'stc', 'ex']);
		expect(asked.flatMap((s) => s.items.map((item) => item.id))).toEqual(expectedIds);
	});

	it('gives only the chosen sections', () => {
		expect(sectionsFor(currentInstrument, 'staff', ['stc']).map((s) => s.id)).toEqual(['stc']);
		expect(sectionsFor(currentInstrument, 'consumer', ['ex'])).toEqual([]);
	});

	it('leaves the instrument itself untouched', () => {
		sectionsFor(currentInstrument, 'consumer', ['stc']);
		expect(section('stc').items).toHaveLength(19);
	});

	it('matches the default sections for each audience', () => {
		expect(defaultSections).toEqual({ staff: ['hr', 'stc', 'ex'], consumer: ['hr', 'stc'] });
		for (const audience of ['staff', 'consumer'] as const) {
			const asked = sectionsFor(currentInstrument, audience, defaultSections[audience]);
			expect(asked.map((s) => s.id)).toEqual(defaultSections[audience]);
		}
	});
});

describe('itemText', () => {
	const found = (id: string) => {
		const item = allItems.find((candidate) => candidate.id === id);
		if (!item) throw new Error(`No item ${id}`);
		return item;
	};

	it('gives each audience its own wording', () => {
		expect(itemText(found('hr.human'), 'staff', 'en')).toBe('I see consumers as human beings, not cases');
		expect(itemText(found('hr.human'), 'consumer', 'en')).toBe('Staff see me as a person, not a case.');
		expect(itemText(found('hr.patience'), 'staff', 'en')).toBe('I have oodles of patience');
	});

	it('throws when a consumer is asked a staff-only item', () => {
		expect(() => itemText(found('stc.board'), 'consumer', 'en')).toThrow();
		expect(() => itemText(found('ex.pc'), 'consumer', 'es')).toThrow();
		expect(itemText(found('stc.board'), 'staff', 'es')).not.toBe('');
	});
});

describe('getInstrument', () => {
	it('looks up instruments by the version a round recorded', () => {
		expect(getInstrument('2026.2')).toBe(currentInstrument);
		expect(getInstrument('1999.1')).toBeUndefined();
	});

	it('keeps the words an earlier round showed, with the same item ids', () => {
		const earlier = getInstrument('2026.1')!;
		const ids = (instrument: typeof earlier) => instrument.sections.flatMap((s) => s.items.map((item) => item.id));
		expect(ids(earlier)).toEqual(ids(currentInstrument));
		const consumerText = (instrument: typeof earlier, id: string) => findItem(instrument, id)!.item.consumer?.en;
		const consumerWords = (instrument: typeof earlier, id: string) => findItem(instrument, id)!.item.consumer;
		expect(consumerText(earlier, 'stc.complaints')).toBe('If I complain, I am taken seriously.');
		expect(consumerText(currentInstrument, 'stc.complaints')).toBe('If I complain, staff listen and act on it.');
		expect(earlier.scales.agreement.points.map((point) => point.label.en)).toEqual([
			'Strongly disagree',
			'Disagree',
			'Neither',
			'Agree',
			'Strongly agree'
		]);
		// Only the consumer statements and labels that changed differ; staff wording never did.
		const changed = ids(currentInstrument).filter(
			(id) => JSON.stringify(consumerWords(earlier, id)) !== JSON.stringify(consumerWords(currentInstrument, id))
		);
		expect(changed).toEqual(['hr.explain', 'stc.design', 'stc.complaints', 'stc.evaluations']);
		for (const id of ids(currentInstrument)) {
			expect(findItem(earlier, id)!.item.staff).toEqual(findItem(currentInstrument, id)!.item.staff);
		}
	});
});

describe('reflection prompts', () => {
	it('have unique ids and point only at existing items', () => {
		expect(new Set(reflectionPrompts.map((prompt) => prompt.id)).size).toBe(reflectionPrompts.length);
		for (const prompt of reflectionPrompts) {
			expect(prompt.id).toMatch(/^(stance|practice)\.[a-z-]+$/);
			expect(prompt.id.startsWith(`${prompt.source}.`), prompt.id).toBe(true);
			for (const id of prompt.items) expect(knownIds.has(id), `${prompt.id} → ${id}`).toBe(true);
		}
	});

	it('include both the worker stances and the practice lines', () => {
		expect(reflectionPrompts.filter((prompt) => prompt.source === 'stance').length).toBeGreaterThanOrEqual(15);
		expect(reflectionPrompts.filter((prompt) => prompt.source === 'practice').length).toBeGreaterThanOrEqual(5);
	});

	it('put the urgency stance beside hr.timetable', () => {
		const ids = promptsFor(currentInstrument, ['hr.timetable']).map((prompt) => prompt.id);
		expect(ids).toContain('stance.urgency');
	});

	it('come back in instrument order without duplicates', () => {
		const found = promptsFor(currentInstrument, new Set(['hr.know-needs', 'stc.expert', 'hr.trust']));
		const ids = found.map((prompt) => prompt.id);
		expect(new Set(ids).size).toBe(ids.length);
		const order = reflectionPrompts.map((prompt) => prompt.id);
		expect(ids).toEqual(order.filter((id) => ids.includes(id)));
		expect(ids).toContain('stance.expert');
		expect(promptsFor(currentInstrument, [])).toEqual([]);
	});
});
