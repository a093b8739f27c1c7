import { audiences, currentInstrument, defaultSections, type Audience, type SectionId } from '$lib/instruments';
import { characterCount, NAME_MAX_LENGTH } from '$lib/limits';
import { sectionChoices, type RoundFormValues } from '$lib/round-form';
import { activeAgencyQuestions, chooseRoundQuestions } from './agency-questions';
import { db, sql, writeTransaction } from './db';
import { isCalendarDate, type PostedForm } from './form';
import { finishOrderErasure, markOrderErasurePending } from './order-erasure';
import { randomToken } from './random';
import { Refusal } from './refusal';

export type RoundStatus = 'draft' | 'open' | 'closed';

export interface Round {
	id: number;
	name: string;
	/** What Spanish-speaking respondents read; without it they read the English name. */
	nameEs: string | null;
	status: RoundStatus;
	instrumentVersion: string;
	plannedStart: string | null;
	plannedEnd: string | null;
	/** Which sections each audience answers, in instrument order. */
	sections: Record<Audience, SectionId[]>;
	programIds: number[];
}

export interface NewRound {
	name: string;
	nameEs?: string | null;
	sections?: Partial<Record<Audience, SectionId[]>>;
	programIds?: number[];
	plannedStart?: string | null;
	plannedEnd?: string | null;
	/** Which of the agency's own questions it asks; every active one when not given. */
	questionIds?: number[];
}

interface RoundRow {
	id: number;
	name: string;
	name_es: string | null;
	status: RoundStatus;
	instrument_version: string;
	planned_start: string | null;
	planned_end: string | null;
}

const now = () => Math.floor(Date.now() / 1000);

/** Reads the new-round form: only sections an audience may be asked, in instrument order, and active programs. */
export function readRoundForm(
	form: PostedForm,
	activeProgramIds: ReadonlySet<number>,
	activeQuestionIds: ReadonlySet<number>
): RoundFormValues {
	const chosenSections = (audience: Audience) => {
		const chosen = new Set(form.all(`sections.${audience}`));
		return sectionChoices(audience)
			.map((section) => section.id)
			.filter((id) => chosen.has(id));
	};
	return {
		name: form.text('name'),
		nameEs: form.text('nameEs'),
		plannedStart: form.text('plannedStart'),
		plannedEnd: form.text('plannedEnd'),
		sections: { staff: chosenSections('staff'), consumer: chosenSections('consumer') },
		programIds: [...new Set(form.all('program').map(Number))].filter((id) => activeProgramIds.has(id)),
		questionIds: [...new Set(form.all('question').map(Number))].filter((id) => activeQuestionIds.has(id))
	};
}

/** A round must have a name, real planned dates in order (or none), and sections for each audience. */
export function checkNewRound(round: NewRound): void {
	if (round.name === '' || characterCount(round.name) > NAME_MAX_LENGTH) {
		throw new Refusal(`Give the round a name of up to ${NAME_MAX_LENGTH} characters, such as “Spring 2027”.`, { field: 'name' });
	}
	if (round.nameEs && characterCount(round.nameEs) > NAME_MAX_LENGTH) {
		throw new Refusal(`Keep the Spanish name to ${NAME_MAX_LENGTH} characters.`, { field: 'nameEs' });
	}
	for (const field of ['plannedStart', 'plannedEnd'] as const) {
		const date = round[field];
		if (date && !isCalendarDate(date)) throw new Refusal('Planned dates must be real dates.', { field });
	}
	if (round.plannedStart && round.plannedEnd && round.plannedEnd < round.plannedStart) {
		throw new Refusal('The planned end comes before the planned start.', { field: 'plannedEnd' });
	}
	for (const audience of audiences) {
		if (round.sections?.[audience]?.length === 0) {
			throw new Refusal(`Choose at least one section for ${audience === 'staff' ? 'staff' : 'consumers'}.`, {
				field: `sections.${audience}`
			});
		}
	}
}

export function createRound(round: NewRound): Round {
	checkNewRound(round);
	return writeTransaction(() => {
		const id = Number(
			sql(
				`INSERT INTO rounds (name, name_es, instrument_version, planned_start, planned_end)
				 VALUES (?, ?, ?, ?, ?)`
			).run(round.name, round.nameEs || null, currentInstrument.version, round.plannedStart || null, round.plannedEnd || null)
				.lastInsertRowid
		);
		for (const audience of ['staff', 'consumer'] as const) {
			for (const sectionId of round.sections?.[audience] ?? defaultSections[audience]) {
				sql('INSERT INTO round_sections (round_id, audience, section_id) VALUES (?, ?, ?)').run(id, audience, sectionId);
			}
		}
		chooseRoundQuestions(id, round.questionIds ?? activeAgencyQuestions().map((question) => question.id));
		const programIds = round.programIds ?? [];
		for (const programId of programIds) {
			sql('INSERT INTO round_programs (round_id, program_id) VALUES (?, ?)').run(id, programId);
		}
		// One survey link per audience and program taking part (or one per audience for the
		// whole agency), made with the round so it can be shared as soon as the round opens.
		for (const audience of ['staff', 'consumer'] as const) {
			for (const programId of programIds.length > 0 ? programIds : [null]) {
				sql('INSERT INTO survey_links (token, round_id, audience, program_id) VALUES (?, ?, ?, ?)').run(
					randomToken(),
					id,
					audience,
					programId
				);
			}
		}
		return getRound(id)!;
	});
}

export function listRounds(): Round[] {
	return sql<[], RoundRow>(
		`SELECT id, name, name_es, status, instrument_version, planned_start, planned_end
		 FROM rounds ORDER BY CASE status WHEN 'open' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END, id DESC`
	)
		.all()
		.map(toRound);
}

export function getRound(id: number): Round | undefined {
	const row = sql<[number], RoundRow>(
		`SELECT id, name, name_es, status, instrument_version, planned_start, planned_end
		 FROM rounds WHERE id = ?`
	).get(id);
	return row && toRound(row);
}

/** The most recently closed round: the one whose results staff see on their reflection page. */
export function lastClosedRound(): Round | undefined {
	const row = sql<[], RoundRow>(
		`SELECT id, name, name_es, status, instrument_version, planned_start, planned_end
		 FROM rounds WHERE status = 'closed' ORDER BY closed_at DESC, id DESC LIMIT 1`
	).get();
	return row && toRound(row);
}

export function openRound(id: number, openedAt = now()): void {
	const changed = sql("UPDATE rounds SET status = 'open', opened_at = ? WHERE id = ? AND status = 'draft'").run(openedAt, id).changes;
	if (changed !== 1) throw new Refusal('Only a draft round can be opened.', { status: 409 });
}

/**
 * Closing is final: the database refuses to reopen a closed round. Once no more answers can come,
 * the file is rewritten so that it no longer holds the order they came in: now, or, while
 * something else is reading the database, as soon as it lets go.
 */
export function closeRound(id: number, closedAt = now()): boolean {
	const closed = writeTransaction(() => {
		// Its results are released under the minimums in force now, for good: worked out again under
		// another minimum, they could be subtracted from what was read before.
		const changed = sql(
			`UPDATE rounds SET status = 'closed', closed_at = ?,
				minimum_group_size = (SELECT minimum_group_size FROM agency WHERE id = 1),
				minimum_comment_group_size = (SELECT minimum_comment_group_size FROM agency WHERE id = 1)
			 WHERE id = ? AND status = 'open'`
		).run(closedAt, id).changes;
		if (changed === 1) {
			countClosedRound(id);
			markOrderErasurePending();
		}
		return changed === 1;
	});
	if (!closed) return false;
	finishOrderErasure();
	announceRoundClosed(id);
	return true;
}

/** Told of each round that closes, after its counts are written: what is built from closed rounds listens here. */
export type RoundClosedListener = (roundId: number) => void;

const roundClosedListeners = new Set<RoundClosedListener>();

/**
 * Asks to be told when a round closes. The pages built from results listen (registered when the
 * server starts), so closing a round knows nothing of them: arrows point from pages to the domain.
 */
export function whenRoundCloses(listener: RoundClosedListener): void {
	roundClosedListeners.add(listener);
}

/** A listener that fails costs only what it would have built ahead: the round is closed all the same. */
function announceRoundClosed(id: number): void {
	for (const listener of roundClosedListeners) {
		try {
			listener(id);
		} catch (problem) {
			console.error('Something built from closed rounds could not be rebuilt; it will be built when first asked for:', problem);
		}
	}
}

/** Closes a round from its page, where the manager must first tick that closing is final. */
export function closeConfirmedRound(id: number, confirmed: boolean): void {
	if (!confirmed) throw new Refusal('Tick the box to confirm that closing is final.', { field: 'confirm' });
	if (!closeRound(id)) throw new Refusal('Only an open round can be closed.', { status: 409 });
}

/** The round's final counts, written once: results read these and never the answers themselves. */
function countClosedRound(id: number): void {
	sql(
		`INSERT INTO item_counts (round_id, audience, program_key, item_id, unsure, answered_1, answered_2, answered_3, answered_4, answered_5)
		 SELECT responses.round_id, responses.audience, ifnull(responses.program_id, 0), answers.item_id,
			count(*) FILTER (WHERE value = 0), count(*) FILTER (WHERE value = 1), count(*) FILTER (WHERE value = 2),
			count(*) FILTER (WHERE value = 3), count(*) FILTER (WHERE value = 4), count(*) FILTER (WHERE value = 5)
		 FROM answers JOIN responses ON responses.id = answers.response_id
		 WHERE responses.round_id = ?
		 GROUP BY 1, 2, 3, 4`
	).run(id);
	sql(
		`INSERT INTO response_counts (round_id, audience, program_key, responses)
		 SELECT round_id, audience, ifnull(program_id, 0), count(*) FROM responses WHERE round_id = ?
		 GROUP BY 1, 2, 3`
	).run(id);
}

interface RoundLayout {
	sections: Record<Audience, SectionId[]>;
	programIds: number[];
}

/** Sections and programs are fixed when a round is made, so each round's are read once. */
const layouts = new Map<number, RoundLayout>();

function layoutOf(roundId: number): RoundLayout {
	let layout = layouts.get(roundId);
	if (layout) return layout;
	const sections: Record<Audience, SectionId[]> = { staff: [], consumer: [] };
	const order = currentInstrument.sections.map((section) => section.id);
	for (const { audience, section_id } of sql<[number], { audience: Audience; section_id: SectionId }>(
		'SELECT audience, section_id FROM round_sections WHERE round_id = ?'
	).all(roundId)) {
		sections[audience].push(section_id);
	}
	for (const audience of ['staff', 'consumer'] as const) {
		sections[audience].sort((a, b) => order.indexOf(a) - order.indexOf(b));
	}
	const programIds = sql<[number], number>('SELECT program_id FROM round_programs WHERE round_id = ? ORDER BY program_id')
		.pluck()
		.all(roundId);
	layout = { sections, programIds };
	// Only what is committed: a round made in a transaction that fails leaves its id free again.
	if (!db().inTransaction) layouts.set(roundId, layout);
	return layout;
}

function toRound(row: RoundRow): Round {
	const { sections, programIds } = layoutOf(row.id);
	return {
		id: row.id,
		name: row.name,
		nameEs: row.name_es,
		status: row.status,
		instrumentVersion: row.instrument_version,
		plannedStart: row.planned_start,
		plannedEnd: row.planned_end,
		sections: { staff: [...sections.staff], consumer: [...sections.consumer] },
		programIds: [...programIds]
	};
}
