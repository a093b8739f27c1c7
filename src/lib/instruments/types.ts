/** The shapes of the survey instruments. The instruments themselves are data, in this folder. */

export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];

export const audiences = ['staff', 'consumer'] as const;
export type Audience = (typeof audiences)[number];

/** A text a respondent may read, in every language the survey speaks. */
export type Localized = Record<Language, string>;

export type ScaleId = 'practice' | 'agreement';

/** A scored answer, 1–5. */
export type Score = 1 | 2 | 3 | 4 | 5;

/** What is stored for one answered item: a score, or 0 for "Not sure" / "Don't know". */
export type AnswerValue = Score | 0;

export const UNSURE = 0 as const;

export interface Scale {
	id: ScaleId;
	/** Five points, lowest first, scored 1–5. */
	points: { value: Score; label: Localized }[];
	/** "Not sure" or "Don't know": stored, left out of means. */
	unsure: Localized;
}

export interface Item {
	/** Stable id, for example `hr.listen`. Never changes once shipped: trends join on it. */
	id: string;
	/** Section 2 only: the slide's question, shown as a heading above the statement. */
	question?: Localized;
	/** What staff read (section 1: the slide's own words, first person). Absent: the item is for consumers only (an agency's own question). */
	staff?: Localized;
	/** What consumers read, in plain language. Absent: the item is staff only. */
	consumer?: Localized;
	/** An agency's own question: the short name managers read, which the deck's questions keep in `short-names.ts`. */
	name?: string;
	/** An agency's own question whose text for these audiences has no Spanish: Spanish pages show the English, marked so. */
	englishOnly?: readonly Audience[];
}

/** The deck's three sections, then the agency's own questions, one section per scale. */
export type SectionId = 'hr' | 'stc' | 'ex' | 'our-practice' | 'our-agreement';

export interface Section {
	id: SectionId;
	scale: ScaleId;
	/** Who may be asked this section at all. */
	audiences: readonly Audience[];
	title: Record<Audience, Localized>;
	intro: Record<Audience, Localized>;
	items: Item[];
}

export interface ReflectionPrompt {
	id: string;
	/** Where the prompt comes from: the worker stances or "How do you practice HR?". */
	source: 'stance' | 'practice';
	text: Localized;
	/** Items the prompt sits beside on the reflection page; empty means a general prompt. */
	items: string[];
}

export interface Instrument {
	/** Changing any wording makes a new version; a round records the version it ran. */
	version: string;
	scales: Record<ScaleId, Scale>;
	sections: Section[];
	reflectionPrompts: ReflectionPrompt[];
}
