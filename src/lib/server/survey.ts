import { error } from '@sveltejs/kit';
import {
	CODE_FIELD,
	LANGUAGE_SWITCH_FIELD,
	parseResponse,
	UNSURE_FIELD_VALUE,
	type FormValues,
	type ParsedResponse,
	type SubmissionProblem
} from '$lib/answers';
import { messages, nameIn, withLanguage, type LinkProblem, type Shown } from '$lib/i18n';
import { itemText, readInEnglish, type Instrument, type Language, type Section } from '$lib/instruments';
import { roundQuestions, roundSections } from './agency-questions';
import { clientKey, rateLimitsOn, surveySubmissions } from './rate-limit';
import { CodeNotAcceptedError, RoundNotOpenError, saveResponseTogether, type ResponseMeta } from './responses';
import { normalizeCode } from './survey-codes';
import { isStorageFailure } from './health';
import { getAgency } from './agency';
import { BodyTooLargeError, readForm } from './form-body';
import { findSurveyLink, type SurveyLink } from './survey-links';
import type { SurveySection } from '$lib/survey-view';

export interface OpenSurvey {
	link: SurveyLink;
	instrument: Instrument;
	sections: Section[];
}

const linkStatus: Record<LinkProblem, number> = { unknown: 404, 'not-open': 403, closed: 410 };

function refuseLink(problem: LinkProblem, language: Language, link?: SurveyLink): never {
	const text = messages[language];
	// Staff read of their own round in their own words; an unknown link's audience is unknown.
	const { title, body } =
		link?.audience === 'staff' && problem !== 'unknown' ? text.staff.linkProblems[problem] : text.linkProblems[problem];
	// A staff link leads to the staff member's own copies whatever its round's status.
	const next = link?.audience === 'staff' ? { href: myReflectionsOf(link.token, language), text: text.staff.journey.mineLink } : undefined;
	// The page keeps the survey's header, so the person sees whose survey this is and can switch language.
	const agencyName = getAgency().name;
	const programName = link ? programNameIn(link, language) : null;
	error(linkStatus[problem], { message: title, detail: body, header: { agencyName, programName }, ...(next && { next }) });
}

/** The address of a staff link's "My reflections", in the reader's language. */
export function myReflectionsOf(token: string, language: Language): string {
	// Only the path and the language are kept, so any origin will do as the base.
	return withLanguage(new URL(`/s/${token}/my-reflections`, 'http://localhost'), language);
}

/**
 * The survey a link leads to, or a friendly error page: unknown links 404, a round not yet open
 * 403, a closed round 410. When `allowClosed` is set, a closed round's survey is returned so a
 * late submission can be refused with the form re-filled.
 */
export function openSurvey(token: string, language: Language, allowClosed = false): OpenSurvey {
	const link = findSurveyLink(token);
	if (!link) refuseLink('unknown', language);
	if (link.round.status === 'draft') refuseLink('not-open', language, link);
	if (link.round.status === 'closed' && !allowClosed) refuseLink('closed', language, link);
	return openSurveyForLink(link);
}

/** The program a link belongs to, as a reader of this language sees its name. */
export function programNameIn(link: SurveyLink, language: Language): Shown | null {
	return link.programName === null ? null : nameIn({ en: link.programName, es: link.programNameEs }, language);
}

/**
 * What a page after a submission (the thank-you, the reflection) shows around its text, whatever
 * the round's status now: the round may close between sending and arriving there.
 */
export function surveyLinkPage(token: string, language: Language) {
	const link = findSurveyLink(token);
	if (!link) refuseLink('unknown', language);
	const agency = getAgency();
	return {
		language,
		audience: link.audience,
		agencyName: agency.name,
		programName: programNameIn(link, language),
		// The thank-you points to "You said, we did" only while an admin has it on.
		publicPage: agency.publicPage
	};
}

/**
 * What "my reflections" shows around a staff member's own copies: any staff link leads to it,
 * whatever its round's status; a consumer's link leads nowhere, as consumers keep no copies.
 */
export function staffLinkPage(token: string, language: Language) {
	const page = surveyLinkPage(token, language);
	if (page.audience !== 'staff') refuseLink('unknown', language);
	return page;
}

/** The survey behind a link, whatever its round's status: for managers' paper forms and entry. */
export function openSurveyForLink(link: SurveyLink): OpenSurvey {
	return { link, ...roundSections(link.round, link.audience) };
}

/**
 * Everything in the database a survey link's page is made from: its link, with its round and
 * program, and the agency. A page made once is sent again only while this reads the same (see
 * hooks/survey-page-delivery.ts), so whatever else `surveyPage` comes to read must be added here.
 * Null for a link that leads to no survey page.
 */
export function surveyPageSource(token: string): string | null {
	const link = findSurveyLink(token);
	return link ? JSON.stringify([link, getAgency(), roundQuestions(link.round.id)]) : null;
}

/** What a survey page (web or kiosk) shows, in one language. */
export function surveyPage(survey: OpenSurvey, language: Language, url: URL) {
	const { link } = survey;
	return {
		language,
		audience: link.audience,
		agencyName: getAgency().name,
		programName: programNameIn(link, language),
		sections: surveySections(survey, language),
		// A code link asks for the slip's code; the slip's QR code fills it in.
		code: link.mode === 'code' ? (url.searchParams.get(CODE_FIELD) ?? '') : null
	};
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
				text: itemText(item, link.audience, language),
				// An agency's own question it wrote in English only: Spanish pages show the English, marked so.
				inEnglish: readInEnglish(item, link.audience, language) ? messages[language].questionInEnglish : null
			}))
		};
	});
}

function itemIdsOf(survey: OpenSurvey): Set<string> {
	return new Set(survey.sections.flatMap((section) => section.items.map((item) => item.id)));
}

/**
 * How a form came in: the address only for the in-memory rate limit, never stored; and the other
 * origin it came from, when it did (see hooks/form-origin.ts), for which it is refused.
 */
export type SubmissionMeta = ResponseMeta & { clientAddress: string; foreignOrigin?: string };

/**
 * A refused submission, in the envelope every refused form answers with: the reason in the
 * respondent's language, the valid answers to fill the form in again, and the reason's code.
 */
export interface SurveyRefusal {
	message: string;
	problem: SubmissionProblem;
	values: FormValues;
}

export type Submission = { ok: true; response: ParsedResponse } | ({ ok: false; status: number } & SurveyRefusal);

/** A submission refused for `problem`, told in the respondent's language. */
const refused = (
	status: number,
	problem: SubmissionProblem,
	values: FormValues,
	language: Language,
	message = messages[language].problems[problem]
): Submission => ({ ok: false, status, message, problem, values });

/** Why a form was refused: an answer off the scale names its question, numbered as the form numbers it. */
function parseRefusalMessage(survey: OpenSurvey, parsed: { problem: SubmissionProblem; item?: string }, language: Language): string {
	const items = survey.sections.flatMap((section) => section.items);
	const index = items.findIndex((item) => item.id === parsed.item);
	if (parsed.problem !== 'off-scale' || index < 0) return messages[language].problems[parsed.problem];
	return messages[language].offScaleAt(index + 1, itemText(items[index], survey.link.audience, language));
}

/** What a survey page's action answers a refused submission with. */
export const refusalOf = ({ message, problem, values }: SurveyRefusal): SurveyRefusal => ({ message, problem, values });

/**
 * Checks a submitted form against the survey its link leads to and stores it whole, or refuses
 * it with a reason and the valid answers to re-fill the form. Nothing is stored on a refusal.
 */
export async function submitSurvey(
	survey: OpenSurvey,
	fields: Iterable<[string, FormDataEntryValue]>,
	meta: SubmissionMeta
): Promise<Submission> {
	const entries = [...fields];
	const code = entries.find(([name]) => name === CODE_FIELD)?.[1];
	const parsed = parseResponse(
		entries.filter(([name]) => name !== CODE_FIELD),
		itemIdsOf(survey)
	);
	const refuse = (status: number, problem: SubmissionProblem, message?: string) =>
		refused(status, problem, { ...parsed.values, code: typeof code === 'string' ? code.slice(0, 40) : '' }, meta.language, message);
	// Before anything else, so a form from another site is never counted or stored.
	if (meta.foreignOrigin !== undefined) return refuse(403, 'foreign-origin');
	if (!parsed.ok) return refuse(400, parsed.problem, parseRefusalMessage(survey, parsed, meta.language));
	if (survey.link.round.status !== 'open') return refuse(410, 'round-closed');
	// Paper forms are typed in by a signed-in manager who collected them by hand: no code, no limit.
	const byRespondent = meta.channel !== 'paper';
	const needsCode = survey.link.mode === 'code' && byRespondent;
	if (needsCode && (typeof code !== 'string' || code.trim() === '')) return refuse(400, 'code-needed');
	// Counted only for answers about to be stored, in memory only, and the address is not kept.
	if (byRespondent && rateLimitsOn() && !surveySubmissions.consume(clientKey(meta.clientAddress))) {
		return refuse(429, 'too-many');
	}

	const { link } = survey;
	try {
		await saveResponseTogether(
			{ roundId: link.round.id, audience: link.audience, programId: link.programId },
			// The address stays behind: only the language, the channel and a paper form's typist go on.
			meta.channel === 'paper'
				? { language: meta.language, channel: 'paper', enteredBy: meta.enteredBy }
				: { language: meta.language, channel: meta.channel },
			parsed.response,
			needsCode ? { linkToken: link.token, code: normalizeCode(String(code)) } : undefined
		);
	} catch (problem) {
		if (problem instanceof RoundNotOpenError) return refuse(410, 'round-closed');
		if (problem instanceof CodeNotAcceptedError) return refuse(403, 'code-not-accepted');
		// A full disk or a read-only file: nothing was stored, and the person can send again later.
		if (isStorageFailure(problem)) {
			console.error('A response could not be stored:', problem);
			return refuse(503, 'not-saved');
		}
		throw problem;
	}
	return { ok: true, response: parsed.response };
}

/** The body of a posted survey form, or the refusal of one that can't be read. */
async function readSurveyForm(request: Request, meta: SubmissionMeta): Promise<{ form: URLSearchParams | FormData } | Submission> {
	try {
		return { form: await readForm(request) };
	} catch (problem) {
		const tooLarge = problem instanceof BodyTooLargeError;
		const [status, why]: [number, SubmissionProblem] =
			meta.foreignOrigin !== undefined ? [403, 'foreign-origin'] : tooLarge ? [413, 'too-large'] : [400, 'not-text'];
		return refused(status, why, { answers: {}, comment: '' }, meta.language);
	}
}

/**
 * Reads a posted survey form (no more than the body limit) and submits it. A body that can't be
 * read is refused like any other bad form, with nothing to re-fill it from.
 */
export async function submitRequest(survey: OpenSurvey, request: Request, meta: SubmissionMeta): Promise<Submission> {
	const read = await readSurveyForm(request, meta);
	return 'form' in read ? submitSurvey(survey, read.form, meta) : read;
}

/** A respondent's form posted by its language switch: what they had filled in, to fill the form in again. */
export interface CarriedAnswers {
	carried: FormValues;
}

/**
 * A respondent's posted form: sent, or, when its language switch posted it, carried over to the
 * other language. A carried form is read only for what it can fill in again: nothing is checked
 * against the round, counted or stored, so switching language never sends anything.
 */
export async function answerRequest(survey: OpenSurvey, request: Request, meta: SubmissionMeta): Promise<Submission | CarriedAnswers> {
	const read = await readSurveyForm(request, meta);
	if (!('form' in read)) return read;
	if (!read.form.has(LANGUAGE_SWITCH_FIELD) || meta.foreignOrigin !== undefined) return submitSurvey(survey, read.form, meta);
	const entries = [...read.form].filter(([name]) => name !== LANGUAGE_SWITCH_FIELD && name !== CODE_FIELD);
	const code = read.form.get(CODE_FIELD);
	return { carried: { ...parseResponse(entries, itemIdsOf(survey)).values, code: typeof code === 'string' ? code.slice(0, 40) : '' } };
}
