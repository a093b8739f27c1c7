/**
 * The agency's own questions as part of an instrument: after the deck's sections, one section per
 * scale ("Our own questions"), holding each question under its stable id `agency.ID`. Pure: the
 * questions come from the database (`server/agency-questions.ts`), the words around them from here.
 */
import type { Audience, Instrument, Item, Localized, ScaleId, Section, SectionId } from './types';

/** A text of an agency's own question: English always, Spanish when the agency gave it. */
export interface QuestionText {
	en: string;
	es: string | null;
}

export interface AgencyQuestion {
	id: number;
	scale: ScaleId;
	/** The short name managers read. */
	name: string;
	/** What staff read; null when only consumers are asked. */
	staff: QuestionText | null;
	/** What consumers read; null when only staff are asked. */
	consumer: QuestionText | null;
	/** The question whose wording this one replaced, after that one was asked in a closed round. */
	replaces: number | null;
	/** Not asked from the next round on; null while active. */
	retiredAt: number | null;
}

export const AGENCY_ITEM_PREFIX = 'agency.';

/** A question's stable id, as answers and results hold it: made once, never reused. */
export const agencyItemId = (id: number) => `${AGENCY_ITEM_PREFIX}${id}`;

/** Which section of its own an agency question sits in: one per scale, so every section keeps one scale. */
export const ourSectionIds: Record<ScaleId, SectionId> = { practice: 'our-practice', agreement: 'our-agreement' };
export const ourSections: readonly SectionId[] = Object.values(ourSectionIds);

const both: readonly Audience[] = ['staff', 'consumer'];

/** One scale's section of the agency's own questions, around its items: both audiences read the one title. */
const frame = (scale: ScaleId, title: Localized, intro: Record<Audience, Localized>): Omit<Section, 'items'> => ({
	id: ourSectionIds[scale],
	scale,
	audiences: both,
	title: { staff: title, consumer: title },
	intro
});

const frames: Record<ScaleId, Omit<Section, 'items'>> = {
	practice: frame(
		'practice',
		{ en: 'Our own questions: how often', es: 'Nuestras propias preguntas: con qué frecuencia' },
		{
			staff: {
				en: 'Questions our agency added. For each statement, choose how often it is true of you. Skip anything you would rather not answer.',
				es: 'Preguntas que agregó nuestra agencia. Para cada frase, elija con qué frecuencia es cierta para usted. Deje sin responder lo que prefiera.'
			},
			consumer: {
				en: 'This place added these questions. How often is each one true for you? Pick one answer. You can skip any question.',
				es: 'Estas preguntas son de este lugar. ¿Cada cuánto pasa cada una? Elija una respuesta. Puede saltar cualquier pregunta.'
			}
		}
	),
	agreement: frame(
		'agreement',
		{ en: 'Our own questions: do you agree', es: 'Nuestras propias preguntas: ¿está de acuerdo?' },
		{
			staff: {
				en: 'Questions our agency added. For each statement, choose how much you agree. Skip anything you would rather not answer.',
				es: 'Preguntas que agregó nuestra agencia. Para cada frase, elija cuánto está de acuerdo. Deje sin responder lo que prefiera.'
			},
			consumer: {
				en: 'This place added these questions. How much do you agree with each one? Pick one answer. You can skip any question.',
				es: 'Este lugar agregó estas preguntas. ¿Qué tan de acuerdo está con cada una? Elija una respuesta. Puede saltar cualquier pregunta.'
			}
		}
	)
};

/** A text in both languages: without Spanish, Spanish pages read the English (and mark it, see `englishOnly`). */
const localized = (text: QuestionText): Localized => ({ en: text.en, es: text.es ?? text.en });

export function agencyItem(question: AgencyQuestion): Item {
	const englishOnly = both.filter((audience) => {
		const text = question[audience];
		return text !== null && text.es === null;
	});
	return {
		id: agencyItemId(question.id),
		name: question.name,
		...(question.staff ? { staff: localized(question.staff) } : {}),
		...(question.consumer ? { consumer: localized(question.consumer) } : {}),
		...(englishOnly.length > 0 ? { englishOnly } : {})
	};
}

/** The instrument with the agency's questions given added, in the order given, after the deck's sections. */
export function withAgencyQuestions(instrument: Instrument, questions: readonly AgencyQuestion[]): Instrument {
	if (questions.length === 0) return instrument;
	const ours = (['practice', 'agreement'] as const)
		.map((scale): Section => ({ ...frames[scale], items: questions.filter((question) => question.scale === scale).map(agencyItem) }))
		.filter((section) => section.items.length > 0);
	return { ...instrument, sections: [...instrument.sections, ...ours] };
}

/** Who a question is asked of, in a manager's words. */
export function askedOf(question: Pick<AgencyQuestion, 'staff' | 'consumer'>): string {
	if (question.staff && question.consumer) return 'staff and consumers, in mirrored words';
	return question.staff ? 'staff only' : 'consumers only';
}

/** Whether some audience it asks reads it in English only, having no Spanish. */
export function lacksSpanish(question: Pick<AgencyQuestion, 'staff' | 'consumer'>): boolean {
	return (question.staff !== null && !question.staff.es) || (question.consumer !== null && !question.consumer.es);
}
