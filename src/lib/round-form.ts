import { currentInstrument, type Audience, type SectionId } from './instruments';

/** The new-round form's fields, as the page fills them in and the server reads them. */
export interface RoundFormValues {
	name: string;
	/** Optional: what Spanish-speaking respondents read. */
	nameEs: string;
	plannedStart: string;
	plannedEnd: string;
	sections: Record<Audience, SectionId[]>;
	programIds: number[];
	/** The agency's own questions the round asks. */
	questionIds: number[];
}

/** Which sections an audience may be given, in instrument order. */
export const sectionChoices = (audience: Audience) => currentInstrument.sections.filter((section) => section.audiences.includes(audience));
