// The Spanish text is a careful translation that needs review by a native-speaking
// harm-reduction worker before an agency relies on it.

import type { Instrument, Localized, ScaleId, Score } from './types';

/** What an earlier version said where a later one changed the words; everything else is the same. */
export interface EarlierWordings {
	version: string;
	/** Consumer statements, by item id. */
	consumer: Record<string, Localized>;
	/** Scale labels, by scale and score. */
	points: Partial<Record<ScaleId, Partial<Record<Score, Localized>>>>;
}

/**
 * Versions a round may have run before the current one, newest first. 2026.2 made consumer text
 * plainer (grade 6 in English, "bastante fácil" in Spanish); item ids stayed the same.
 */
export const earlierWordings: EarlierWordings[] = [
	{
		version: '2026.1',
		consumer: {
			'hr.explain': {
				en: 'Staff explain decisions and what could happen, without sarcasm or attitude.',
				es: 'El personal explica las decisiones y lo que podría pasar, sin sarcasmo ni mala actitud.'
			},
			'stc.design': {
				en: 'People who use drugs helped design this program.',
				es: 'Personas que usan drogas ayudaron a diseñar este programa.'
			},
			'stc.complaints': {
				en: 'If I complain, I am taken seriously.',
				es: 'Si me quejo, me toman en serio.'
			},
			'stc.evaluations': {
				en: 'People like me help decide how this program is judged.',
				es: 'Personas como yo ayudan a decidir cómo se evalúa este programa.'
			}
		},
		points: {
			agreement: {
				1: { en: 'Strongly disagree', es: 'Muy en desacuerdo' },
				5: { en: 'Strongly agree', es: 'Muy de acuerdo' }
			}
		}
	}
];

/** An earlier version: the current instrument with that version's own words put back. */
export function withEarlierWordings(current: Instrument, earlier: EarlierWordings): Instrument {
	const known = new Set(current.sections.flatMap((section) => section.items.map((item) => item.id)));
	for (const id of Object.keys(earlier.consumer)) {
		if (!known.has(id)) throw new Error(`Version ${earlier.version} names an unknown item ${id}`);
	}
	const scales = Object.fromEntries(
		Object.entries(current.scales).map(([id, scale]) => [
			id,
			{
				...scale,
				points: scale.points.map((point) => ({ ...point, label: earlier.points[scale.id]?.[point.value] ?? point.label }))
			}
		])
	) as Instrument['scales'];
	return {
		...current,
		version: earlier.version,
		scales,
		sections: current.sections.map((section) => ({
			...section,
			items: section.items.map((item) => (earlier.consumer[item.id] ? { ...item, consumer: earlier.consumer[item.id] } : item))
		}))
	};
}
