import { messages, nameIn, withName } from '$lib/i18n';
import { formatMean } from '$lib/format';
import {
	UNSURE,
	isMirrored,
	itemText,
	promptsFor,
	sectionsFor,
	type AnswerValue,
	type Instrument,
	type Language,
	type Section
} from '$lib/instruments';
import type { ConsumerFigure, JourneyContext } from '$lib/reflection-journey';
import { ourSections } from '$lib/instruments/agency';
import { journeyInstrument } from './agency-questions';
import { getAgencyCopyMark } from './agency';
import { listClosedRounds, loadResults } from './results';
import type { Results } from '$lib/results';
import { lastClosedRound, listRounds, type Round } from './rounds';
import type { ConsumerView, Reflection } from '$lib/survey-view';

/**
 * The private reflection page for one staff member, built from the answers they just sent. It
 * waits in memory until it is shown once (`held-reflections.ts`) and is kept nowhere else.
 */
export function buildReflection(
	instrument: Instrument,
	sections: Section[],
	answers: ReadonlyMap<string, AnswerValue>,
	language: Language,
	/** The round they answered, named in the copy they may keep. */
	answered: Pick<Round, 'id' | 'name' | 'nameEs' | 'instrumentVersion'>
): Reflection {
	const text = messages[language];
	const round = lastClosedRound();
	// Every closed round's results, built at start-up: no second copy for one round.
	const results = round && loadResults();

	const consumersFor = (section: Section, itemId: string): ConsumerView => {
		if (!round) return { kind: 'no-round', text: [{ text: text.staff.noClosedRound }] };
		const figure = consumerFigure(results!, round, section.id, itemId);
		if (figure.kind === 'not-asked') return { kind: 'not-asked', text: [{ text: text.staff.consumersNotAsked }] };
		if (figure.kind === 'hidden') {
			return { kind: 'hidden', text: [{ text: text.staff.consumersHidden(results!.minimumFor(round.id)) }] };
		}
		return {
			kind: 'shown',
			text: withName(
				(roundName) => text.staff.consumersSaid(formatMean(figure.mean, language), figure.n, roundName),
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
		generalPrompts: instrument.reflectionPrompts.filter((prompt) => prompt.items.length === 0).map((prompt) => prompt.text[language]),
		copy: {
			round: { id: answered.id, name: answered.name, nameEs: answered.nameEs },
			instrument: answered.instrumentVersion,
			answers: Object.fromEntries(answers)
		}
	};
}

/**
 * What consumers said of a mirrored item in a closed round, agency-wide, as the small-group rules
 * release it to managers: the one reading both the reflection and the journey give. The mean is
 * to one decimal, as pages show it, and nothing finer.
 */
function consumerFigure(results: Results, round: Round, sectionId: Section['id'], itemId: string): ConsumerFigure {
	// The deck's questions by the sections the round chose; the agency's own, which results know were asked or not.
	if (!ourSections.includes(sectionId) && !round.sections.consumer.includes(sectionId)) return { kind: 'not-asked' };
	const score = results.item(round.id, 'consumer', 'all', itemId);
	if (!score.shown && score.reason === 'not-asked') return { kind: 'not-asked' };
	if (!score.shown || score.value.mean === null) return { kind: 'hidden' };
	return { kind: 'shown', mean: Number(score.value.mean.toFixed(1)), n: score.value.n };
}

/**
 * What a staff member's browser reads their own copies with: the rounds, the questions, and
 * consumers' figures for every closed round exactly as the small-group rules release them to
 * managers. It is the same for everyone who asks, so asking for it tells nothing about anyone.
 */
export function journeyContext(language: Language): JourneyContext {
	const instrument = journeyInstrument();
	const rounds = new Map(listRounds().map((round) => [round.id, round]));
	// Closed rounds in the order they closed, as every trend reads them; then the open ones.
	const closedRounds = listClosedRounds().map((closed) => rounds.get(closed.id)!);
	const openRounds = [...rounds.values()].filter((round) => round.status === 'open').sort((a, b) => a.id - b.id);
	const results = loadResults(closedRounds.map((round) => round.id));
	const sectionOf = new Map<string, Section['id']>();
	const items = sectionsFor(
		instrument,
		'staff',
		instrument.sections.map((section) => section.id)
	).flatMap((section) => {
		const scale = instrument.scales[section.scale];
		const labels = [scale.unsure[language], ...scale.points.map((point) => point.label[language])];
		return section.items.map((item) => {
			sectionOf.set(item.id, section.id);
			return {
				id: item.id,
				section: section.title.staff[language],
				text: itemText(item, 'staff', language),
				labels,
				mirrored: isMirrored(item)
			};
		});
	});
	const named = (round: Round, closed: boolean) => ({ id: round.id, name: nameIn({ en: round.name, es: round.nameEs }, language), closed });
	return {
		agency: getAgencyCopyMark(),
		rounds: [...closedRounds.map((round) => named(round, true)), ...openRounds.map((round) => named(round, false))],
		items,
		consumers: Object.fromEntries(
			closedRounds.map((round) => [
				round.id,
				Object.fromEntries(
					items.filter((item) => item.mirrored).map((item) => [item.id, consumerFigure(results, round, sectionOf.get(item.id)!, item.id)])
				)
			])
		)
	};
}
