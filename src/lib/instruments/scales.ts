// The Spanish text is a careful translation that needs review by a native-speaking
// harm-reduction worker before an agency relies on it.

import type { Scale, ScaleId } from './types';

export const scales: Record<ScaleId, Scale> = {
	practice: {
		id: 'practice',
		points: [
			{ value: 1, label: { en: 'Never', es: 'Nunca' } },
			{ value: 2, label: { en: 'Rarely', es: 'Casi nunca' } },
			{ value: 3, label: { en: 'Sometimes', es: 'A veces' } },
			{ value: 4, label: { en: 'Often', es: 'Casi siempre' } },
			{ value: 5, label: { en: 'Always', es: 'Siempre' } }
		],
		unsure: { en: 'Not sure', es: 'No estoy seguro/a' }
	},
	// "Agree a lot" rather than "Strongly agree" (since 2026.2): plainer by the readability test,
	// and staff and consumers share the scale, so mirrored answers stay comparable.
	agreement: {
		id: 'agreement',
		points: [
			{ value: 1, label: { en: 'Disagree a lot', es: 'Muy en desacuerdo' } },
			{ value: 2, label: { en: 'Disagree', es: 'En desacuerdo' } },
			{ value: 3, label: { en: 'Neither', es: 'Ni de acuerdo ni en desacuerdo' } },
			{ value: 4, label: { en: 'Agree', es: 'De acuerdo' } },
			{ value: 5, label: { en: 'Agree a lot', es: 'Muy de acuerdo' } }
		],
		unsure: { en: "Don't know", es: 'No sé' }
	}
};
