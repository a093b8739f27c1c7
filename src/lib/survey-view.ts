import type { Shown } from './i18n';
import type { RoundCopy } from './reflection-copy';
/**
 * What a respondent's pages show, as the server builds it for them: in their language only, and
 * nothing the browser may not see.
 */

/** One section as a respondent sees it. */
export interface SurveySection {
	id: string;
	title: string;
	intro: string;
	/** The five points, then "Not sure" / "Don't know", as the form's radio buttons. */
	choices: { value: string; label: string }[];
	/** `inEnglish`: the words that mark a text shown in English on a page in another language, or null. */
	items: { id: string; question: string | null; text: string; inEnglish: string | null }[];
}

/** How consumers rated a mirrored item in the last closed round, in a staff member's reflection. */
export interface ConsumerView {
	kind: 'shown' | 'hidden' | 'not-asked' | 'no-round';
	/** In pieces, so a round's English name on a Spanish page is marked as English. */
	text: Shown[];
}

export interface ReflectionItem {
	id: string;
	text: string;
	answer: string;
	/** How consumers rated the mirrored item in the last closed round; null when not mirrored. */
	consumers: ConsumerView | null;
	prompts: string[];
}

/** A staff member's private reflection: their own answers beside the prompts, shown once. */
export interface Reflection {
	sections: { id: string; title: string; items: ReflectionItem[] }[];
	generalPrompts: string[];
	/** The answers as sent, for a copy the staff member may keep on their device; never sent back. */
	copy: Omit<RoundCopy, 'note'>;
}
