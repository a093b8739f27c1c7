/**
 * The agency's own questions: added, corrected, retired, and chosen per round. A question's words
 * are corrected in place until a round that asked it closes; after that a new wording is a new
 * question (a new id) that replaces the old one, which is retired and keeps its history.
 */
import {
	currentInstrument,
	getInstrument,
	sectionsFor,
	type Audience,
	type Instrument,
	type ScaleId,
	type Section,
	type SectionId
} from '$lib/instruments';
import { agencyItemId, ourSections, withAgencyQuestions, type AgencyQuestion, type QuestionText } from '$lib/instruments/agency';
import { AGENCY_QUESTION_NAME_MAX_LENGTH, AGENCY_QUESTION_TEXT_MAX_LENGTH, AGENCY_QUESTIONS_MAX, characterCount } from '$lib/limits';
import { sql, writeTransaction } from './db';
import type { PostedForm } from './form';
import { readingLevel, type ReadingLevel } from './readability';
import { Refusal } from './refusal';

/** What this module needs of a round: which deck version and sections it asks (see `rounds.ts`). */
export interface RoundAsking {
	id: number;
	instrumentVersion: string;
	sections: Record<Audience, SectionId[]>;
}

/** Who a question is for: staff, consumers, or both in mirrored words. */
export type QuestionAudience = 'staff' | 'consumer' | 'both';

/** A question as an admin writes it: every text trimmed, Spanish empty when not given. */
export interface QuestionDraft {
	name: string;
	audience: QuestionAudience;
	scale: ScaleId;
	staffEn: string;
	staffEs: string;
	consumerEn: string;
	consumerEs: string;
}

/** A question with what the settings page says of it. */
export interface ListedQuestion extends AgencyQuestion {
	itemId: string;
	/** Asked in a round that has closed: its words are fixed, and a new wording makes a new question. */
	asked: boolean;
}

interface QuestionRow {
	id: number;
	scale: ScaleId;
	name: string;
	staff_en: string | null;
	staff_es: string | null;
	consumer_en: string | null;
	consumer_es: string | null;
	replaces: number | null;
	retired_at: number | null;
}

const columns = 'id, scale, name, staff_en, staff_es, consumer_en, consumer_es, replaces, retired_at';

const text = (en: string | null, es: string | null): QuestionText | null => (en === null ? null : { en, es });

function toQuestion(row: QuestionRow): AgencyQuestion {
	return {
		id: row.id,
		scale: row.scale,
		name: row.name,
		staff: text(row.staff_en, row.staff_es),
		consumer: text(row.consumer_en, row.consumer_es),
		replaces: row.replaces,
		retiredAt: row.retired_at
	};
}

const now = () => Math.floor(Date.now() / 1000);

/** Every question the agency ever made, oldest first, retired ones included. */
export function listAgencyQuestions(): ListedQuestion[] {
	return sql<[], QuestionRow & { asked: number }>(
		`SELECT ${columns}, EXISTS (
			SELECT 1 FROM round_questions JOIN rounds ON rounds.id = round_questions.round_id
			WHERE round_questions.question_id = agency_questions.id AND rounds.status = 'closed'
		 ) AS asked
		 FROM agency_questions ORDER BY id`
	)
		.all()
		.map((row) => ({ ...toQuestion(row), itemId: agencyItemId(row.id), asked: row.asked === 1 }));
}

/** The questions a new round asks unless a manager leaves them out. */
export function activeAgencyQuestions(): ListedQuestion[] {
	return listAgencyQuestions().filter((question) => question.retiredAt === null);
}

/** The agency's questions a round asks, in their words now, in one query: what its survey pages are made from. */
export function roundQuestions(roundId: number): AgencyQuestion[] {
	return sql<[number], QuestionRow>(
		`SELECT ${columns} FROM agency_questions
		 WHERE id IN (SELECT question_id FROM round_questions WHERE round_id = ?) ORDER BY id`
	)
		.all(roundId)
		.map(toQuestion);
}

/** What a round asks: the deck's wording of its version, then the agency's questions it chose, in their words. */
export function roundInstrument(round: { id: number; instrumentVersion: string }): Instrument {
	const instrument = getInstrument(round.instrumentVersion);
	if (!instrument) throw new Error(`Round ${round.id} uses an unknown instrument version`);
	return withAgencyQuestions(instrument, roundQuestions(round.id));
}

/**
 * The sections a round asks an audience, with the instrument they come from: the deck's sections
 * it chose, then the agency's own questions it chose, in a section per scale.
 */
export function roundSections(round: RoundAsking, audience: Audience): { instrument: Instrument; sections: Section[] } {
	const instrument = roundInstrument(round);
	return { instrument, sections: sectionsFor(instrument, audience, [...round.sections[audience], ...ourSections]) };
}

/** The deck's questions and every agency question a round of these statuses asked, retired ones too. */
function askedInstrument(statuses: 'closed' | 'open-or-closed'): Instrument {
	const asked = sql<[], QuestionRow>(
		`SELECT ${columns} FROM agency_questions WHERE id IN (
			SELECT question_id FROM round_questions JOIN rounds ON rounds.id = round_questions.round_id
			WHERE rounds.status = 'closed' OR (rounds.status = 'open' AND ${statuses === 'open-or-closed' ? 1 : 0})
		 ) ORDER BY id`
	)
		.all()
		.map(toQuestion);
	return withAgencyQuestions(currentInstrument, asked);
}

/**
 * What results read: the deck's questions and every agency question a closed round asked (retired
 * ones too, for the rounds that asked them). A question no closed round asked has no figure yet.
 */
export const resultsInstrument = () => askedInstrument('closed');

/** What a staff member's own journey across rounds reads: every question a round that opened asked them. */
export const journeyInstrument = () => askedInstrument('open-or-closed');

/**
 * A draft checked as the settings page asks: a short name; the texts its audience needs, in
 * English; Spanish optional; every text within its limit; a known scale. Throws a Refusal naming
 * the field to mend.
 */
export function checkQuestionDraft(draft: QuestionDraft): void {
	if (draft.name === '' || characterCount(draft.name) > AGENCY_QUESTION_NAME_MAX_LENGTH) {
		throw new Refusal(
			`Give the question a short name of up to ${AGENCY_QUESTION_NAME_MAX_LENGTH} characters: managers read it in results.`,
			{
				field: 'name'
			}
		);
	}
	if (!['staff', 'consumer', 'both'].includes(draft.audience)) {
		throw new Refusal('Choose who is asked: staff, consumers, or both.', { field: 'audience' });
	}
	if (draft.scale !== 'practice' && draft.scale !== 'agreement') {
		throw new Refusal('Choose how people answer: how often, or how much they agree.', { field: 'scale' });
	}
	const asksStaff = draft.audience !== 'consumer';
	const asksConsumers = draft.audience !== 'staff';
	if (asksStaff && draft.staffEn === '') throw new Refusal('Write what staff read, in English.', { field: 'staffEn' });
	if (asksConsumers && draft.consumerEn === '') throw new Refusal('Write what consumers read, in English.', { field: 'consumerEn' });
	for (const field of ['staffEn', 'staffEs', 'consumerEn', 'consumerEs'] as const) {
		if (characterCount(draft[field]) > AGENCY_QUESTION_TEXT_MAX_LENGTH) {
			throw new Refusal(`Keep each text to ${AGENCY_QUESTION_TEXT_MAX_LENGTH} characters; this one has ${characterCount(draft[field])}.`, {
				field
			});
		}
	}
}

/** The columns a draft writes: texts the audience is not asked are stored as nothing. */
function draftColumns(draft: QuestionDraft) {
	const staff = draft.audience !== 'consumer';
	const consumer = draft.audience !== 'staff';
	return {
		scale: draft.scale,
		name: draft.name,
		staff_en: staff ? draft.staffEn : null,
		staff_es: staff && draft.staffEs !== '' ? draft.staffEs : null,
		consumer_en: consumer ? draft.consumerEn : null,
		consumer_es: consumer && draft.consumerEs !== '' ? draft.consumerEs : null
	};
}

function insertQuestion(draft: QuestionDraft, replaces: number | null): number {
	const active = sql<[], number>('SELECT count(*) FROM agency_questions WHERE retired_at IS NULL').pluck().get()!;
	if (active >= AGENCY_QUESTIONS_MAX) {
		throw new Refusal(`The agency already asks ${AGENCY_QUESTIONS_MAX} questions of its own, the most it may. Retire one first.`, {
			status: 409
		});
	}
	const row = draftColumns(draft);
	return Number(
		sql(
			`INSERT INTO agency_questions (scale, name, staff_en, staff_es, consumer_en, consumer_es, replaces, created_at)
			 VALUES (@scale, @name, @staff_en, @staff_es, @consumer_en, @consumer_es, @replaces, @created_at)`
		).run({ ...row, replaces, created_at: now() }).lastInsertRowid
	);
}

/** Adds a question of the agency's own; new rounds ask it unless a manager leaves it out. Returns its id. */
export function addAgencyQuestion(draft: QuestionDraft): number {
	checkQuestionDraft(draft);
	return writeTransaction(() => insertQuestion(draft, null));
}

function findQuestion(id: number): ListedQuestion {
	const found = listAgencyQuestions().find((question) => question.id === id);
	if (!found) throw new Refusal('There is no such question.', { status: 404 });
	return found;
}

/** Whether a draft asks what the question asks, in the same words: only its short name may differ. */
function sameWording(question: AgencyQuestion, draft: QuestionDraft): boolean {
	const row = draftColumns(draft);
	return (
		question.scale === row.scale &&
		(question.staff?.en ?? null) === row.staff_en &&
		(question.staff?.es ?? null) === row.staff_es &&
		(question.consumer?.en ?? null) === row.consumer_en &&
		(question.consumer?.es ?? null) === row.consumer_es
	);
}

/**
 * Corrects a question. Until a round that asked it closes, in place. After that, a new name alone
 * is corrected in place too (managers read it; respondents never do), but new words or a new scale
 * make a new question that replaces this one, and this one is retired with its history kept.
 * Returns the id the question now has.
 */
export function correctAgencyQuestion(id: number, draft: QuestionDraft): number {
	checkQuestionDraft(draft);
	return writeTransaction(() => {
		const question = findQuestion(id);
		if (question.retiredAt !== null) throw new Refusal('This question is retired; add a new one instead.', { status: 409 });
		if (!question.asked || sameWording(question, draft)) {
			const row = draftColumns(draft);
			sql(
				`UPDATE agency_questions SET scale = @scale, name = @name, staff_en = @staff_en, staff_es = @staff_es,
					consumer_en = @consumer_en, consumer_es = @consumer_es WHERE id = @id`
			).run({ ...row, id });
			return id;
		}
		sql('UPDATE agency_questions SET retired_at = ? WHERE id = ?').run(now(), id);
		const replacement = insertQuestion(draft, id);
		// Rounds not yet open ask the new wording instead of the old.
		sql(
			`UPDATE round_questions SET question_id = ? WHERE question_id = ?
			 AND round_id IN (SELECT id FROM rounds WHERE status = 'draft')`
		).run(replacement, id);
		return replacement;
	});
}

/** Retires a question: no round made from now on asks it; it stays in results for the rounds that did. */
export function retireAgencyQuestion(id: number): void {
	writeTransaction(() => {
		const question = findQuestion(id);
		if (question.retiredAt !== null) throw new Refusal('This question is already retired.', { status: 409 });
		sql('UPDATE agency_questions SET retired_at = ? WHERE id = ?').run(now(), id);
	});
}

/** Records which of the agency's active questions a new round asks; called inside the round's own transaction. */
export function chooseRoundQuestions(roundId: number, questionIds: readonly number[]): void {
	const active = new Set(activeAgencyQuestions().map((question) => question.id));
	for (const questionId of new Set(questionIds)) {
		if (!active.has(questionId)) throw new Refusal('One of the chosen questions is retired or does not exist.', { field: 'questions' });
		sql('INSERT INTO round_questions (round_id, question_id) VALUES (?, ?)').run(roundId, questionId);
	}
}

/** Reads the question form: every text trimmed; a choice as sent, for the checks to judge. */
export function readQuestionDraft(form: PostedForm): QuestionDraft {
	return {
		name: form.text('name'),
		audience: form.asSent('audience') as QuestionAudience,
		scale: form.asSent('scale') as ScaleId,
		staffEn: form.text('staffEn'),
		staffEs: form.text('staffEs'),
		consumerEn: form.text('consumerEn'),
		consumerEs: form.text('consumerEs')
	};
}

/** The consumer texts of a draft its audience reads, with their reading levels. */
export function consumerReadingLevels(draft: QuestionDraft): { field: 'consumerEn' | 'consumerEs'; level: ReadingLevel }[] {
	if (draft.audience === 'staff') return [];
	const levels = draftReadingLevels(draft);
	return (['consumerEn', 'consumerEs'] as const).flatMap((field) => (levels[field] ? [{ field, level: levels[field] }] : []));
}

/**
 * Consumers' words must be plain, but nothing is blocked: a consumer text above its target is
 * saved only once the person writing it says so.
 */
export function checkPlainLanguage(draft: QuestionDraft, confirmed: boolean): void {
	if (confirmed) return;
	const hard = consumerReadingLevels(draft).find(({ level }) => !level.plain);
	if (!hard) return;
	const { level } = hard;
	const why =
		level.language === 'en'
			? `reads at US grade ${level.score}, above ${level.target}`
			: `scores ${level.score} on the INFLESZ scale, below ${level.target} ("bastante fácil")`;
	const words = level.hardWords.length > 0 ? ` The long words: ${level.hardWords.join(', ')}.` : '';
	throw new Refusal(
		`What consumers read in ${level.language === 'en' ? 'English' : 'Spanish'} ${why}: many people who answer may find it hard.${words} Make it plainer, or tick "Save it as written" and save again.`,
		{ field: 'plainAnyway' }
	);
}

/** The texts of a draft a reading level is shown for, with the language each is in. */
export const draftTexts = [
	['staffEn', 'en'],
	['staffEs', 'es'],
	['consumerEn', 'en'],
	['consumerEs', 'es']
] as const;

export type DraftLevels = Partial<Record<(typeof draftTexts)[number][0], ReadingLevel>>;

/** Each written text's reading level, as the page shows it beside the text. */
export function draftReadingLevels(draft: QuestionDraft): DraftLevels {
	return Object.fromEntries(
		draftTexts.filter(([field]) => draft[field] !== '').map(([field, language]) => [field, readingLevel(draft[field], language)])
	);
}

/** A stored question as the form shows it to correct it. */
export function draftOf(question: AgencyQuestion): QuestionDraft {
	return {
		name: question.name,
		audience: question.staff && question.consumer ? 'both' : question.staff ? 'staff' : 'consumer',
		scale: question.scale,
		staffEn: question.staff?.en ?? '',
		staffEs: question.staff?.es ?? '',
		consumerEn: question.consumer?.en ?? '',
		consumerEs: question.consumer?.es ?? ''
	};
}
