/**
 * Readability in both languages, for the plain-language tests: Flesch–Kincaid grade for English,
 * and the Szigriszt-Pazos perspicuity score read on the INFLESZ scale for Spanish.
 */
import { createRequire } from 'node:module';
import { syllable } from 'syllable';
import type { Language } from '$lib/instruments';

// TeX's Spanish hyphenation patterns, as a CommonJS module per language.
const { hyphenateSync } = createRequire(import.meta.url)('hyphen/es') as {
	hyphenateSync: (text: string, options: { hyphenChar: string; minWordLength: number }) => string;
};

export interface Counts {
	sentence: number;
	word: number;
	syllable: number;
}

const wordPattern = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function words(text: string): string[] {
	return text.match(wordPattern) ?? [];
}

/** The sentences of a text; a title or a label with no full stop is one sentence. */
export function sentences(text: string): string[] {
	return text
		.split(/(?<=[.!?…])["”’)]*\s+/u)
		.map((sentence) => sentence.trim())
		.filter((sentence) => words(sentence).length > 0);
}

const strongVowel = /[aeoáéó]/;
const accentedWeakVowel = /[íú]/;

/**
 * Vowel groups that are separate syllables: two strong vowels side by side (le-er, a-é-re-o), or
 * a stressed í or ú beside any vowel (rí-o, pa-ís), are a hiatus; anything else is one diphthong
 * or triphthong. The u of que, qui, gue and gui is silent.
 */
function nuclei(piece: string): number {
	const letters = piece.toLowerCase().replace(/(?<=[qg])u(?=[eéií])/g, '');
	// y is a vowel only where no vowel follows it (hoy, muy, y).
	const vowelRuns = letters.match(/(?:[aeiouáéíóúü]|y(?![aeiouáéíóú]))+/g) ?? [];
	return vowelRuns.reduce((sum, run) => {
		let count = 1;
		for (let i = 1; i < run.length; i++) {
			const [before, after] = [run[i - 1], run[i]];
			const hiatus =
				(strongVowel.test(before) && strongVowel.test(after)) || accentedWeakVowel.test(before) || accentedWeakVowel.test(after);
			if (hiatus) count++;
		}
		return sum + count;
	}, 0);
}

/**
 * Syllables of a Spanish word. The hyphenation patterns find the breaks between consonants
 * (ins-truc-cio-nes); typesetting never leaves one letter alone at either end of a word, nor
 * splits two vowels, yet both are syllables when spoken (a-mi-go, u-san, rí-o), so each piece
 * the patterns give is counted by its vowel groups.
 */
export function spanishSyllables(word: string): number {
	const pieces = hyphenateSync(word, { hyphenChar: '-', minWordLength: 1 }).split('-');
	return Math.max(
		1,
		pieces.reduce((sum, piece) => sum + nuclei(piece), 0)
	);
}

export function englishSyllables(word: string): number {
	return syllable(word.replace(/’/g, "'"));
}

export function count(text: string, language: Language): Counts {
	const found = words(text);
	const perWord = language === 'es' ? spanishSyllables : englishSyllables;
	return {
		sentence: Math.max(1, sentences(text).length),
		word: found.length,
		syllable: found.reduce((sum, word) => sum + perWord(word), 0)
	};
}

export function addCounts(all: Counts[]): Counts {
	return all.reduce((sum, c) => ({ sentence: sum.sentence + c.sentence, word: sum.word + c.word, syllable: sum.syllable + c.syllable }), {
		sentence: 0,
		word: 0,
		syllable: 0
	});
}

/**
 * US school grade (Flesch–Kincaid), 0.39 × words per sentence + 11.8 × syllables per word − 15.59:
 * 6 or below is plain enough for most adults. A text of words with no syllable (numbers alone)
 * still has a grade; one with no word at all has none (NaN).
 */
export function grade(counts: Counts): number {
	if (counts.word === 0) return Number.NaN;
	return 0.39 * (counts.word / counts.sentence) + 11.8 * (counts.syllable / counts.word) - 15.59;
}

/**
 * Szigriszt-Pazos perspicuity, 206.835 − 62.3 × syllables per word − words per sentence, read on
 * the INFLESZ scale (Barrio-Cantalejo, 2008): under 40 very hard, 40–55 somewhat hard, 55–65
 * normal, 65–80 fairly easy ("bastante fácil"), over 80 very easy.
 */
export function inflesz(counts: Counts): number {
	return 206.835 - (62.3 * counts.syllable) / counts.word - counts.word / counts.sentence;
}

/** The score a plain Spanish text reaches or passes: "bastante fácil" on the INFLESZ scale. */
export const FAIRLY_EASY = 65;

/** The grade a plain English text reaches or stays below: most adults read it easily. */
export const PLAIN_GRADE = 6;

/**
 * The fewest words a sentence needs before its score is judged: on fewer the formulas are noise
 * ("Disagree" alone scores grade 20; "Aquí consigo materiales limpios." INFLESZ 31). Shorter
 * sentences still count in a text's whole score.
 */
export const JUDGED_FROM_WORDS: Record<Language, number> = { en: 3, es: 8 };

/** Whether one sentence meets its language's target. */
export function sentenceIsPlain(sentence: string, language: Language): boolean {
	const counts = count(sentence, language);
	return language === 'en' ? grade(counts) <= PLAIN_GRADE : inflesz(counts) >= FAIRLY_EASY;
}

/** How hard a text is to read, as the settings page tells someone writing a question. */
export interface ReadingLevel {
	language: Language;
	/** Flesch–Kincaid grade in English; INFLESZ in Spanish; of the whole text, to one decimal. */
	score: number;
	/** The grade to stay at or below (English), or the score to reach (Spanish). */
	target: number;
	/** Whether no sentence long enough to judge misses the target: the plain-language tests' own rule. */
	plain: boolean;
	/** Whether no sentence is long enough for the formula to judge it. */
	tooShortToJudge: boolean;
	/** The long words that make it hard: three syllables or more in English, four or more in Spanish. */
	hardWords: string[];
}

/** A text's reading level, with the same counters, formulas and rule as the plain-language tests of the deck's own words. */
export function readingLevel(text: string, language: Language): ReadingLevel {
	const counts = count(text, language);
	const raw = counts.word === 0 ? 0 : language === 'en' ? grade(counts) : inflesz(counts);
	const judged = sentences(text).filter((sentence) => words(sentence).length >= JUDGED_FROM_WORDS[language]);
	const perWord = language === 'es' ? spanishSyllables : englishSyllables;
	const longest = language === 'es' ? 4 : 3;
	return {
		language,
		score: Math.round(raw * 10) / 10,
		target: language === 'en' ? PLAIN_GRADE : FAIRLY_EASY,
		plain: judged.every((sentence) => sentenceIsPlain(sentence, language)),
		tooShortToJudge: judged.length === 0,
		hardWords: [...new Set(words(text).filter((word) => perWord(word) >= longest))].slice(0, 8)
	};
}
