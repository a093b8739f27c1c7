import { earlierWordings, withEarlierWordings } from './earlier';
import { reflectionPrompts } from './reflection';
import { scales } from './scales';
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

export function isMirrored(item: Item): boolean {
	return item.consumer !== undefined;
}

/** Sections in instrument order, limited to the chosen ids and to what this audience may be asked; for consumers only items with a consumer text; sections left with no items are dropped. */
export function sectionsFor(instrument: Instrument, audience: Audience, sectionIds: readonly SectionId[]): Section[] {
	const chosen = new Set(sectionIds);
	return instrument.sections
		.filter((section) => chosen.has(section.id) && section.audiences.includes(audience))
		.map((section) => (audience === 'consumer' ? { ...section, items: section.items.filter(isMirrored) } : section))
		.filter((section) => section.items.length > 0);
}

export function itemText(item: Item, audience: Audience, language: Language): string {
	if (audience === 'staff') return item.staff[language];
	// Asking a consumer a staff-only item is a bug upstream, not something to paper over.
	if (!item.consumer) throw new Error(`Item ${item.id} is for staff only`);
	return item.consumer[language];
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
