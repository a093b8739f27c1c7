import type { Language } from './instruments/types';

const meanFormats = {
	en: new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
	es: new Intl.NumberFormat('es', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
} satisfies Record<Language, Intl.NumberFormat>;

/** A mean on the 1–5 scale as results tables and exports give it: two decimals, so both agree exactly. */
export function formatScore(mean: number): string {
	return mean.toFixed(2);
}

/** A gap between two means, signed: "+0.84", "-0.20", or nothing when one side is hidden. */
export function formatGap(gap: number | null): string {
	return gap === null ? '' : `${gap > 0 ? '+' : ''}${formatScore(gap)}`;
}

/** A mean on the 1–5 scale, to one decimal, as the reader's language writes numbers. */
export function formatMean(mean: number, language: Language): string {
	return meanFormats[language].format(mean);
}

const dateFormats = {
	en: new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }),
	es: new Intl.DateTimeFormat('es', { dateStyle: 'long', timeZone: 'UTC' })
} satisfies Record<Language, Intl.DateTimeFormat>;

/** A calendar date (YYYY-MM-DD) as the reader's language writes it: "November 1, 2026", "1 de noviembre de 2026". */
export function formatDate(date: string, language: Language): string {
	return dateFormats[language].format(new Date(`${date}T00:00:00Z`));
}
