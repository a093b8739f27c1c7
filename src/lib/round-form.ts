import { audiences, currentInstrument, type Audience, type SectionId } from './instruments';

export interface RoundFormValues {
	name: string;
	/** Optional: what Spanish-speaking respondents read. */
	nameEs: string;
	plannedStart: string;
	plannedEnd: string;
	sections: Record<Audience, SectionId[]>;
	programIds: number[];
}

export type RoundFormResult =
	| { ok: true; values: RoundFormValues }
	| { ok: false; message: string; values: RoundFormValues };

/** A real calendar date as YYYY-MM-DD: 2027-02-30 is refused, as the database would refuse it. */
export function isCalendarDate(text: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Which sections an audience may be given, in instrument order. */
export const sectionChoices = (audience: Audience) =>
	currentInstrument.sections.filter((section) => section.audiences.includes(audience));

/** Reads the new-round form: a name, optional dates, sections per audience, programs taking part. */
export function parseRoundForm(form: FormData, programIds: ReadonlySet<number>): RoundFormResult {
	const text = (name: string) => String(form.get(name) ?? '').trim();
	const values: RoundFormValues = {
		name: text('name'),
		nameEs: text('nameEs'),
		plannedStart: text('plannedStart'),
		plannedEnd: text('plannedEnd'),
		sections: {
			staff: chosenSections(form, 'staff'),
			consumer: chosenSections(form, 'consumer')
		},
		programIds: [...new Set(form.getAll('program').map(Number))].filter((id) => programIds.has(id))
	};
	const refuse = (message: string): RoundFormResult => ({ ok: false, message, values });
	if (values.name.length === 0 || values.name.length > 200) return refuse('Give the round a name of up to 200 characters, such as “Spring 2027”.');
	if (values.nameEs.length > 200) return refuse('Keep the Spanish name to 200 characters.');
	for (const date of [values.plannedStart, values.plannedEnd]) {
		if (date && !isCalendarDate(date)) return refuse('Planned dates must be real dates.');
	}
	if (values.plannedStart && values.plannedEnd && values.plannedEnd < values.plannedStart) {
		return refuse('The planned end comes before the planned start.');
	}
	for (const audience of audiences) {
		if (values.sections[audience].length === 0) {
			return refuse(`Choose at least one section for ${audience === 'staff' ? 'staff' : 'consumers'}.`);
		}
	}
	return { ok: true, values };
}

function chosenSections(form: FormData, audience: Audience): SectionId[] {
	const chosen = new Set(form.getAll(`sections.${audience}`).map(String));
	return sectionChoices(audience)
		.map((section) => section.id)
		.filter((id) => chosen.has(id));
}
