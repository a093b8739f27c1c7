import { messages, nameIn, withName } from '$lib/i18n';
import { formatMean } from '$lib/format';
import { UNSURE, isMirrored, itemText, promptsFor, type AnswerValue, type Instrument, type Language, type Section } from '$lib/instruments';
import { loadResults } from './results';
import { lastClosedRound } from './rounds';
import type { ConsumerView, Reflection } from '$lib/survey-view';

/**
 * The private reflection page for one staff member, built from the answers they just sent. It
 * waits in memory until it is shown once (`held-reflections.ts`) and is kept nowhere else.
 */
export function buildReflection(
	instrument: Instrument,
	sections: Section[],
	answers: ReadonlyMap<string, AnswerValue>,
	language: Language
): Reflection {
	const text = messages[language];
	const round = lastClosedRound();
	const results = round && loadResults([round.id]);

	const consumersFor = (section: Section, itemId: string): ConsumerView => {
		if (!round) return { kind: 'no-round', text: [{ text: text.staff.noClosedRound }] };
		if (!round.sections.consumer.includes(section.id)) {
			return { kind: 'not-asked', text: [{ text: text.staff.consumersNotAsked }] };
		}
		const score = results!.item(round.id, 'consumer', 'all', itemId);
		if (!score.shown || score.value.mean === null) {
			return { kind: 'hidden', text: [{ text: text.staff.consumersHidden(results!.minimumFor(round.id)) }] };
		}
		const { mean, n } = score.value;
		return {
			kind: 'shown',
			text: withName(
				(roundName) => text.staff.consumersSaid(formatMean(mean, language), n, roundName),
				nameIn({ en: round.name, es: round.nameEs }, language)
			)
		};
	};

	const answerLabel = (section: Section, value: AnswerValue | undefined) => {
		if (value === undefined) return text.skipped;
		const scale = instrument.scales[section.scale];
		if (value === UNSURE) return scale.unsure[language];
		return scale.points[value - 1].label[language];
	};

	return {
		sections: sections.map((section) => ({
			id: section.id,
			title: section.title.staff[language],
			items: section.items.map((item) => ({
				id: item.id,
				text: itemText(item, 'staff', language),
				answer: answerLabel(section, answers.get(item.id)),
				consumers: isMirrored(item) ? consumersFor(section, item.id) : null,
				prompts: promptsFor(instrument, [item.id]).map((prompt) => prompt.text[language])
			}))
		})),
		generalPrompts: instrument.reflectionPrompts.filter((prompt) => prompt.items.length === 0).map((prompt) => prompt.text[language])
	};
}
