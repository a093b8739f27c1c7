import { describe, expect, it } from 'vitest';
import { findItem, sectionsFor } from '$lib/instruments';
import { agencyItemId, withAgencyQuestions } from '$lib/instruments/agency';
import { currentInstrument } from '$lib/instruments';
import { AGENCY_QUESTION_TEXT_MAX_LENGTH, AGENCY_QUESTIONS_MAX } from '$lib/limits';
import {
	activeAgencyQuestions,
	addAgencyQuestion,
	checkPlainLanguage,
	correctAgencyQuestion,
	listAgencyQuestions,
	resultsInstrument,
	retireAgencyQuestion,
	roundInstrument,
	roundSections,
	type QuestionDraft
} from '$lib/server/agency-questions';
import { sql } from '$lib/server/db';
import { count as countText, FAIRLY_EASY, grade, inflesz, readingLevel } from '$lib/server/readability';
import { Refusal } from '$lib/server/refusal';
import { saveResponse } from '$lib/server/responses';
import { loadResults } from '$lib/server/results';
import { closeRound, createRound, getRound, openRound } from '$lib/server/rounds';
import { questionsFor } from '$lib/summary';
import { heatmap } from '$lib/results-view';

const rows = (table: string) => sql<[], number>(`SELECT count(*) FROM ${table}`).pluck().get()!;

let made = 0;
const draft = (overrides: Partial<QuestionDraft> = {}): QuestionDraft => ({
	name: `Question ${++made}`,
	audience: 'both',
	scale: 'agreement',
	staffEn: 'We hand out naloxone to everyone who asks.',
	staffEs: 'Damos naloxona a todos los que la piden.',
	consumerEn: 'I can get naloxone here.',
	consumerEs: 'Aquí puedo conseguir naloxona.',
	...overrides
});

let rounds = 0;
/** A round that asks the agency's active questions, answered by `people` consumers and staff, then closed. */
function answeredRound(people: number, answer: (itemId: string) => 1 | 2 | 3 | 4 | 5) {
	const round = createRound({ name: `Round ${++rounds}` });
	openRound(round.id);
	for (const audience of ['staff', 'consumer'] as const) {
		const { sections } = roundSections(getRound(round.id)!, audience);
		const items = sections.flatMap((section) => section.items.map((item) => item.id));
		for (let i = 0; i < people; i++) {
			saveResponse(
				{ roundId: round.id, audience, programId: null },
				{ language: 'en', channel: 'web' },
				{ answers: new Map(items.map((id) => [id, answer(id)])), comment: null }
			);
		}
	}
	closeRound(round.id);
	return round;
}

describe("the agency's own questions", () => {
	it('are added with an id made once, asked after the deck in a section per scale, in the words given', () => {
		const often = addAgencyQuestion(draft({ scale: 'practice', audience: 'consumer', staffEn: '', staffEs: '', consumerEs: '' }));
		const agree = addAgencyQuestion(draft());
		const round = createRound({ name: 'Asks ours' });
		const instrument = roundInstrument(round);
		expect(instrument.sections.slice(-2).map((section) => [section.id, section.items.map((item) => item.id)])).toEqual([
			['our-practice', [agencyItemId(often)]],
			['our-agreement', [agencyItemId(agree)]]
		]);
		// Staff are not asked a question for consumers only; consumers read it in English on Spanish pages, marked so.
		expect(roundSections(round, 'staff').sections.flatMap((section) => section.items.map((item) => item.id))).not.toContain(
			agencyItemId(often)
		);
		const consumerOnly = findItem(instrument, agencyItemId(often))!.item;
		expect(consumerOnly).toMatchObject({
			consumer: { en: 'I can get naloxone here.', es: 'I can get naloxone here.' },
			englishOnly: ['consumer']
		});
		expect(consumerOnly.staff).toBeUndefined();
		for (const id of [often, agree]) retireAgencyQuestion(id);
	});

	it('refuse a draft that is not whole, changing nothing', () => {
		const before = rows('agency_questions');
		const refusals: [Partial<QuestionDraft>, string][] = [
			[{ name: '' }, 'name'],
			[{ name: 'x'.repeat(61) }, 'name'],
			[{ audience: 'everyone' as never }, 'audience'],
			[{ scale: 'stars' as never }, 'scale'],
			[{ staffEn: '' }, 'staffEn'],
			[{ audience: 'consumer', consumerEn: '' }, 'consumerEn'],
			[{ consumerEs: 'ñ'.repeat(AGENCY_QUESTION_TEXT_MAX_LENGTH + 1) }, 'consumerEs']
		];
		for (const [overrides, field] of refusals) {
			let refused: unknown;
			try {
				addAgencyQuestion(draft(overrides));
			} catch (problem) {
				refused = problem;
			}
			expect(refused, JSON.stringify(overrides)).toBeInstanceOf(Refusal);
			expect((refused as Refusal).field).toBe(field);
		}
		// A text at the limit, counted in characters, is fine.
		retireAgencyQuestion(addAgencyQuestion(draft({ consumerEs: 'ñ'.repeat(AGENCY_QUESTION_TEXT_MAX_LENGTH) })));
		expect(rows('agency_questions')).toBe(before + 1);
	});

	it(`are at most ${AGENCY_QUESTIONS_MAX} at once, in the database too; a retired one makes room`, () => {
		const ids = Array.from({ length: AGENCY_QUESTIONS_MAX - activeAgencyQuestions().length }, () => addAgencyQuestion(draft()));
		const before = rows('agency_questions');
		expect(() => addAgencyQuestion(draft())).toThrow(`already asks ${AGENCY_QUESTIONS_MAX} questions of its own, the most it may`);
		expect(rows('agency_questions')).toBe(before);
		expect(() =>
			sql("INSERT INTO agency_questions (scale, name, consumer_en, created_at) VALUES ('practice', 'Sneaked in', 'Hello.', 0)").run()
		).toThrow(/at most 20 active/);
		retireAgencyQuestion(ids[0]);
		ids.push(addAgencyQuestion(draft()));
		for (const id of ids.slice(1)) retireAgencyQuestion(id);
		expect(activeAgencyQuestions()).toEqual([]);
	});

	it('are corrected in place until a round that asked them closes; after, new words make a new question and the old one keeps its trend', () => {
		const id = addAgencyQuestion(draft({ name: 'Evening hours', consumerEn: 'The evening hours work for me.' }));
		// Corrected before any round closed: in place, and the open round asks the new words.
		const open = createRound({ name: 'Open with ours' });
		openRound(open.id);
		expect(correctAgencyQuestion(id, draft({ name: 'Evening hours', consumerEn: 'The evening hours suit me.' }))).toBe(id);
		expect(findItem(roundInstrument(open), agencyItemId(id))!.item.consumer!.en).toBe('The evening hours suit me.');
		closeRound(open.id);

		const first = answeredRound(6, () => 4);
		const before = loadResults().item(first.id, 'consumer', 'all', agencyItemId(id));
		expect(before).toMatchObject({ shown: true, value: { mean: 4 } });
		// A new short name alone is corrected in place: respondents never read it.
		expect(correctAgencyQuestion(id, draft({ name: 'Evening opening', consumerEn: 'The evening hours suit me.' }))).toBe(id);
		// New words after a close: a new question replaces it, and the old one is retired with its results.
		const replacement = correctAgencyQuestion(id, draft({ name: 'Evening opening', consumerEn: 'The evening hours fit my day.' }));
		expect(replacement).not.toBe(id);
		const listed = listAgencyQuestions();
		expect(listed.find((question) => question.id === id)).toMatchObject({ asked: true, consumer: { en: 'The evening hours suit me.' } });
		expect(listed.find((question) => question.id === id)!.retiredAt).not.toBeNull();
		expect(listed.find((question) => question.id === replacement)).toMatchObject({ replaces: id, retiredAt: null, asked: false });

		const second = answeredRound(6, (itemId) => (itemId === agencyItemId(replacement) ? 2 : 4));
		const results = loadResults();
		expect(results.item(first.id, 'consumer', 'all', agencyItemId(id))).toEqual(before);
		// Each round reads "not asked" for the question it did not ask, which is no hidden figure.
		expect(results.item(second.id, 'consumer', 'all', agencyItemId(id))).toEqual({ shown: false, reason: 'not-asked' });
		expect(results.item(first.id, 'consumer', 'all', agencyItemId(replacement))).toEqual({ shown: false, reason: 'not-asked' });
		expect(results.item(second.id, 'consumer', 'all', agencyItemId(replacement))).toMatchObject({ shown: true, value: { mean: 2 } });
		const map = heatmap(
			results,
			results.instrument,
			[
				{ id: first.id, name: first.name },
				{ id: second.id, name: second.name }
			],
			'consumer',
			'all'
		);
		const rowsOf = map.sections
			.flatMap((section) => section.rows)
			.filter((row) => [agencyItemId(id), agencyItemId(replacement)].includes(row.itemId));
		expect(rowsOf.map((row) => [row.name, row.cells.map((cell) => ('hidden' in cell ? cell.hidden : cell.printed))])).toEqual([
			['Evening opening', ['4.0', 'not-asked']],
			['Evening opening', ['not-asked', '2.0']]
		]);
		retireAgencyQuestion(replacement);
	});

	it('are read by results once a closed round asked them, retired ones too, and never before', () => {
		const id = addAgencyQuestion(draft({ name: 'Not yet asked' }));
		expect(findItem(resultsInstrument(), agencyItemId(id))).toBeUndefined();
		const round = answeredRound(5, () => 3);
		retireAgencyQuestion(id);
		expect(findItem(resultsInstrument(), agencyItemId(id))).toBeDefined();
		expect(questionsFor(resultsInstrument(), 'consumer').map((item) => item.id)).toContain(agencyItemId(id));
		expect(loadResults().item(round.id, 'staff', 'all', agencyItemId(id))).toMatchObject({ shown: true, n: 5 });
	});

	it('are asked by a new round only when chosen, and a retired one by none', () => {
		const [kept, left] = [addAgencyQuestion(draft()), addAgencyQuestion(draft())];
		const round = createRound({ name: 'Chooses one', questionIds: [kept] });
		expect(roundSections(round, 'consumer').sections.flatMap((section) => section.items.map((item) => item.id))).toContain(
			agencyItemId(kept)
		);
		expect(roundSections(round, 'consumer').sections.flatMap((section) => section.items.map((item) => item.id))).not.toContain(
			agencyItemId(left)
		);
		retireAgencyQuestion(left);
		const before = rows('rounds');
		expect(() => createRound({ name: 'Asks a retired one', questionIds: [left] })).toThrow(Refusal);
		expect(rows('rounds')).toBe(before);
		retireAgencyQuestion(kept);
	});
});

describe('the reading level shown as a question is written', () => {
	it("gives the plain-language test's own figures for every consumer statement of the deck, in both languages", () => {
		for (const item of sectionsFor(currentInstrument, 'consumer', ['hr', 'stc']).flatMap((section) => section.items)) {
			const english = readingLevel(item.consumer!.en, 'en');
			expect(english.score, item.id).toBe(Math.round(grade(countText(item.consumer!.en, 'en')) * 10) / 10);
			const spanish = readingLevel(item.consumer!.es, 'es');
			expect(spanish.score, item.id).toBe(Math.round(inflesz(countText(item.consumer!.es, 'es')) * 10) / 10);
			expect(spanish.target).toBe(FAIRLY_EASY);
		}
	});

	it('names the long words, and asks before saving consumers’ words above the target; staff words are never held back', () => {
		const hard = 'Organizational accountability mechanisms facilitate comprehensive programmatic evaluation.';
		const level = readingLevel(hard, 'en');
		expect(level.plain).toBe(false);
		expect(level.hardWords).toEqual(expect.arrayContaining(['Organizational', 'accountability', 'comprehensive']));
		expect(readingLevel('I can get help here.', 'en')).toMatchObject({ plain: true, tooShortToJudge: false, hardWords: [] });
		// Words with no syllable (numbers alone) still have a level: no message ever says NaN.
		for (const language of ['en', 'es'] as const) {
			expect(Number.isFinite(readingLevel('12 34 56 78 90 12 34 56.', language).score), language).toBe(true);
		}
		expect(() => checkPlainLanguage(draft({ consumerEn: '1234 5678 9012 3456 7890 1234 5678.' }), false)).not.toThrow(/NaN/);
		// As the plain-language tests judge the deck: a Spanish sentence under eight words is too short for the formula.
		expect(readingLevel('Aquí consigo materiales limpios.', 'es')).toMatchObject({ score: 31.5, plain: true, tooShortToJudge: true });
		expect(() => checkPlainLanguage(draft({ consumerEn: hard }), false)).toThrow(/grade .* above 6/);
		expect(() => checkPlainLanguage(draft({ consumerEn: hard }), true)).not.toThrow();
		expect(() => checkPlainLanguage(draft({ audience: 'staff', staffEn: hard, consumerEn: hard }), false)).not.toThrow();
		expect(() =>
			checkPlainLanguage(
				draft({
					consumerEs:
						'Las instituciones gubernamentales proporcionan financiamiento extraordinariamente significativo para organizaciones comunitarias.'
				}),
				false
			)
		).toThrow(/INFLESZ/);
	});

	it("keeps the agency questions' own section words plain for consumers", () => {
		const ours = withAgencyQuestions(currentInstrument, [
			{ id: 1, scale: 'practice', name: 'A', staff: null, consumer: { en: 'x', es: null }, replaces: null, retiredAt: null },
			{ id: 2, scale: 'agreement', name: 'B', staff: null, consumer: { en: 'x', es: null }, replaces: null, retiredAt: null }
		]).sections.slice(-2);
		for (const section of ours) {
			expect(grade(countText(section.intro.consumer.en, 'en')), section.id).toBeLessThanOrEqual(6);
			expect(inflesz(countText(section.intro.consumer.es, 'es')), section.id).toBeGreaterThanOrEqual(FAIRLY_EASY);
		}
	});
});
