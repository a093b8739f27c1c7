import { error } from '@sveltejs/kit';
import { parseResponse, UNSURE_FIELD_VALUE, type FormValues, type ParsedResponse, type SubmissionProblem } from '$lib/answers';
import { messages, type LinkProblem } from '$lib/i18n';
import {
	getInstrument,
	itemText,
	sectionsFor,
	type Instrument,
	type Language,
	type Section
} from '$lib/instruments';
import { clientKey, rateLimitsOn, surveySubmissions } from './rate-limit';
import { RoundNotOpenError, saveResponse, type Channel } from './responses';
import { findSurveyLink, type SurveyLink } from './survey-links';

/** One section as a respondent sees it, in their language only. */
export interface SurveySection {
	id: string;
	title: string;
	intro: string;
	/** The five points, then "Not sure" / "Don't know", as the form's radio buttons. */
	choices: { value: string; label: string }[];
	items: { id: string; question: string | null; text: string }[];
}

export interface OpenSurvey {
	link: SurveyLink;
	instrument: Instrument;
	sections: Section[];
}

const linkStatus: Record<LinkProblem, number> = { unknown: 404, 'not-open': 403, closed: 410 };

function refuseLink(problem: LinkProblem, language: Language): never {
	const { title, body } = messages[language].linkProblems[problem];
	error(linkStatus[problem], { message: title, detail: body });
}

/**
 * The survey a link leads to, or a friendly error page: unknown links 404, a round not yet open
 * 403, a closed round 410. When `allowClosed` is set, a closed round's survey is returned so a
 * late submission can be refused with the form re-filled.
 */
export function openSurvey(token: string, language: Language, allowClosed = false): OpenSurvey {
	const link = findSurveyLink(token);
	if (!link) refuseLink('unknown', language);
	if (link.round.status === 'draft') refuseLink('not-open', language);
	if (link.round.status === 'closed' && !allowClosed) refuseLink('closed', language);
	const instrument = getInstrument(link.round.instrumentVersion);
	if (!instrument) throw new Error(`Round ${link.round.id} uses an unknown instrument version`);
	return { link, instrument, sections: sectionsFor(instrument, link.audience, link.round.sections[link.audience]) };
}

export function surveySections(survey: OpenSurvey, language: Language): SurveySection[] {
	const { instrument, link } = survey;
	return survey.sections.map((section) => {
		const scale = instrument.scales[section.scale];
		return {
			id: section.id,
			title: section.title[link.audience][language],
			intro: section.intro[link.audience][language],
			choices: [
				...scale.points.map((point) => ({ value: String(point.value), label: point.label[language] })),
				{ value: UNSURE_FIELD_VALUE, label: scale.unsure[language] }
			],
			items: section.items.map((item) => ({
				id: item.id,
				// The slide's own questions speak of "consumers"; consumers read plain statements only.
				question: link.audience === 'staff' ? (item.question?.[language] ?? null) : null,
				text: itemText(item, link.audience, language)
			}))
		};
	});
}

function itemIdsOf(survey: OpenSurvey): Set<string> {
	return new Set(survey.sections.flatMap((section) => section.items.map((item) => item.id)));
}

export type Submission =
	| { ok: true; response: ParsedResponse }
	| { ok: false; status: number; problem: SubmissionProblem; values: FormValues };

/**
 * Checks a submitted form against the survey its link leads to and stores it whole, or refuses
 * it with a reason and the valid answers to re-fill the form. Nothing is stored on a refusal.
 */
export function submitSurvey(
	survey: OpenSurvey,
	fields: Iterable<[string, FormDataEntryValue]>,
	meta: { language: Language; channel: Channel; clientAddress: string }
): Submission {
	const parsed = parseResponse(fields, itemIdsOf(survey));
	const refuse = (status: number, problem: SubmissionProblem): Submission => ({
		ok: false,
		status,
		problem,
		values: parsed.values
	});
	if (!parsed.ok) return refuse(400, parsed.problem);
	if (survey.link.round.status !== 'open') return refuse(410, 'round-closed');
	// Counted only for answers about to be stored, in memory only, and the address is not kept.
	if (rateLimitsOn() && !surveySubmissions.consume(clientKey(meta.clientAddress))) return refuse(429, 'too-many');

	const { link } = survey;
	try {
		saveResponse(
			{ roundId: link.round.id, audience: link.audience, programId: link.programId },
			{ language: meta.language, channel: meta.channel },
			parsed.response
		);
	} catch (problem) {
		if (problem instanceof RoundNotOpenError) return refuse(410, 'round-closed');
		throw problem;
	}
	return { ok: true, response: parsed.response };
}
