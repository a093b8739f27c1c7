import type { Language } from './instruments/types';

const meanFormats = {
	en: new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
	es: new Intl.NumberFormat('es', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
} satisfies Record<Language, Intl.NumberFormat>;

/** A mean on the 1–5 scale, to one decimal, as the reader's language writes numbers. */
export function formatMean(mean: number, language: Language): string {
	return meanFormats[language].format(mean);
}
