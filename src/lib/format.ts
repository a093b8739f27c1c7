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

/** An interval of means, as tables give it: "3.21 to 3.98"; a dash when there is none. */
export function formatInterval(interval: { low: number; high: number } | null): string {
	return interval ? `${formatScore(interval.low)} to ${formatScore(interval.high)}` : '–';
}

/** A share from 0 to 1 as a whole percent: "62%". */
export function formatPercent(share: number): string {
	return `${Math.round(share * 100)}%`;
}

/** An interval of a difference of means, signed: "+0.21 to +1.03". */
export function formatGapInterval(interval: { low: number; high: number } | null): string {
	return interval ? `${formatGap(interval.low)} to ${formatGap(interval.high)}` : '–';
}

/** A confidence level as a reader reads it: "95%", "99.8%". */
export function formatLevel(confidence: number): string {
	return `${Number((confidence * 100).toFixed(1))}%`;
}

/**
 * A change or gap judged with others, with its interval and the level that interval is given at
 * (wider than 95% when many are judged together): "change +1.24, 97.5% interval +0.87 to +1.60".
 * Empty when it could not be judged.
 */
export function formatJudgedDifference(
	judged: { difference: number | null; interval: { low: number; high: number } | null; confidence: number | null },
	what = 'change'
): string {
	if (judged.interval === null || judged.confidence === null) return '';
	return `${what} ${formatGap(judged.difference)}, ${formatLevel(judged.confidence)} interval ${formatGapInterval(judged.interval)}`;
}
