import { earlierWordings, withEarlierWordings } from './earlier';
import { reflectionPrompts } from './reflection';
import { scales } from './scales';
import { shortName } from './short-names';
import { sections } from './sections';
import type { Audience, Instrument, Item, Language, ReflectionPrompt, Section, SectionId } from './types';

export * from './types';

export const currentInstrument: Instrument = {
	version: '2026.2',
	scales,
	sections,
	reflectionPrompts
};

// A round records the version it ran, so old rounds keep the words people actually saw.
const instrumentsByVersion = new Map<string, Instrument>(
	[currentInstrument, ...earlierWordings.map((earlier) => withEarlierWordings(currentInstrument, earlier))].map((instrument) => [
		instrument.version,
		instrument
	])
);

export function getInstrument(version: string): Instrument | undefined {
	return instrumentsByVersion.get(version);
}

export const defaultSections: Record<Audience, SectionId[]> = {
	staff: ['hr', 'stc', 'ex'],
	consumer: ['hr', 'stc']
};

/** Asked of both audiences, in words for each: staff and consumers can be set side by side. */
export function isMirrored(item: Item): boolean {
	return item.staff !== undefined && item.consumer !== undefined;
}

/** Whether this audience is asked the item at all. */
export function asks(item: Item, audience: Audience): boolean {
	return (audience === 'staff' ? item.staff : item.consumer) !== undefined;
}

/** The item's short name, as managers read it in tables and pickers. */
export function itemName(item: Item): string {
	return item.name ?? shortName(item.id);
}

/** An item's short name by its id: a question this instrument does not hold is named by its id. */
export function nameOf(instrument: Instrument, itemId: string): string {
	const found = findItem(instrument, itemId);
	return found ? itemName(found.item) : shortName(itemId);
}

/** The item's wording as managers read it: the staff statement, or the consumers' for a question only they are asked. */
export function itemWording(item: Item): string {
	return (item.staff ?? item.consumer)!.en;
}

/** Sections in instrument order, limited to the chosen ids and to what this audience may be asked; for consumers only items with a consumer text; sections left with no items are dropped. */
export function sectionsFor(instrument: Instrument, audience: Audience, sectionIds: readonly SectionId[]): Section[] {
	const chosen = new Set(sectionIds);
	return instrument.sections
		.filter((section) => chosen.has(section.id) && section.audiences.includes(audience))
		.map((section) => ({ ...section, items: section.items.filter((item) => asks(item, audience)) }))
		.filter((section) => section.items.length > 0);
}

export function itemText(item: Item, audience: Audience, language: Language): string {
	const text = audience === 'staff' ? item.staff : item.consumer;
	// Asking an audience an item that is not for it is a bug upstream, not something to paper over.
	if (!text) throw new Error(`Item ${item.id} is not asked of ${audience}`);
	return text[language];
}

/** Whether this audience reads the item in English on a page in `language`: an agency's own question it wrote without Spanish. */
export function readInEnglish(item: Item, audience: Audience, language: Language): boolean {
	return language !== 'en' && (item.englishOnly?.includes(audience) ?? false);
}

/** An item of an instrument, with its section, by the item's stable id. */
export function findItem(instrument: Instrument, itemId: string): { item: Item; section: Section } | undefined {
	for (const section of instrument.sections) {
		const item = section.items.find((candidate) => candidate.id === itemId);
		if (item) return { item, section };
	}
	return undefined;
}

export function promptsFor(instrument: Instrument, itemIds: Iterable<string>): ReflectionPrompt[] {
	const wanted = new Set(itemIds);
	return instrument.reflectionPrompts.filter((prompt) => prompt.items.some((id) => wanted.has(id)));
}
