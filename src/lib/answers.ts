import { UNSURE, type AnswerValue } from './instruments/types';
import { characterCount, COMMENT_MAX_LENGTH } from './limits';

/** What the form sends for "Not sure" / "Don't know". */
export const UNSURE_FIELD_VALUE = 'unsure';
export const COMMENT_FIELD = 'comment';
/** The single-use code, on links that ask for one. */
export const CODE_FIELD = 'code';
/** The survey form's id: the language switch, in the page's header, posts it. */
export const SURVEY_FORM_ID = 'survey-form';
/** Sent by the language switch on a survey form: the form comes back in that language, filled in, and is not stored. */
export const LANGUAGE_SWITCH_FIELD = 'switch-language';

export interface ParsedResponse {
	answers: Map<string, AnswerValue>;
	comment: string | null;
}

export type ResponseProblem = 'unknown-field' | 'repeated-field' | 'off-scale' | 'not-text' | 'comment-too-long' | 'empty';

/** Every reason a submission can be refused: the form's own problems, and the server's. */
export type SubmissionProblem =
	ResponseProblem | 'round-closed' | 'too-many' | 'too-large' | 'code-needed' | 'code-not-accepted' | 'not-saved' | 'foreign-origin';

/** What the form is re-filled with after a refusal: only what was valid, as the form sent it. */
export interface FormValues {
	answers: Record<string, string>;
	comment: string;
	/** The single-use code as typed, on links that ask for one. */
	code?: string;
}

export type ParseResult =
	| { ok: true; response: ParsedResponse; values: FormValues }
	/** `item`: the question whose answer was off the scale, so the refusal can name it. */
	| { ok: false; problem: ResponseProblem; values: FormValues; item?: string };

const scoreFields: Record<string, AnswerValue> = {
	'1': 1,
	'2': 2,
	'3': 3,
	'4': 4,
	'5': 5,
	[UNSURE_FIELD_VALUE]: UNSURE
};

/**
 * Reads a submitted survey form against the items this respondent was asked. A response is
 * accepted whole or not at all: any unknown or repeated field, a value off the scale, or an
 * overlong comment refuses all of it, as does a form with nothing in it.
 */
export function parseResponse(fields: Iterable<[string, FormDataEntryValue]>, itemIds: ReadonlySet<string>): ParseResult {
	const answers = new Map<string, AnswerValue>();
	const values: FormValues = { answers: {}, comment: '' };
	const seen = new Set<string>();
	let problem: ResponseProblem | undefined;
	let offScaleItem: string | undefined;
	const refuse = (found: ResponseProblem) => (problem ??= found);

	for (const [name, value] of fields) {
		if (seen.has(name)) refuse('repeated-field');
		seen.add(name);
		if (typeof value !== 'string') {
			refuse('not-text');
		} else if (name === COMMENT_FIELD) {
			values.comment = normalizeComment(value);
		} else if (!itemIds.has(name)) {
			refuse('unknown-field');
		} else if (value === '') {
			// An empty value is a skipped item, the same as sending nothing.
		} else if (Object.hasOwn(scoreFields, value)) {
			answers.set(name, scoreFields[value]);
			values.answers[name] = value;
		} else {
			refuse('off-scale');
			offScaleItem ??= name;
		}
	}

	const comment = values.comment.trim();
	if (characterCount(comment) > COMMENT_MAX_LENGTH) refuse('comment-too-long');
	if (answers.size === 0 && comment === '') refuse('empty');
	if (problem) return { ok: false, problem, values, ...(problem === 'off-scale' && { item: offScaleItem }) };
	return { ok: true, response: { answers, comment: comment === '' ? null : comment }, values };
}

/** One kind of line break, and no invisible control characters. */
export function normalizeComment(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}
