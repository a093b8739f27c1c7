import type { ParsedResponse } from '$lib/answers';
import type { Audience, Language } from '$lib/instruments';
import { sql, writeTransaction } from './db';
import { commitTogether } from './group-commit';
import { recordPaperEntry } from './paper-entries';
import { randomRowId } from './random';
import type { ResponseGroup } from './response-group';
import { useCode } from './survey-codes';

export type Channel = 'web' | 'kiosk' | 'paper';

/** How a response came in. A paper form also names the account that typed it in, to be counted. */
export type ResponseMeta =
	{ language: Language; channel: Exclude<Channel, 'paper'> } | { language: Language; channel: 'paper'; enteredBy: number };

export class RoundNotOpenError extends Error {
	constructor() {
		super('This round is not open for answers');
	}
}

export class CodeNotAcceptedError extends Error {
	constructor() {
		super('This code is unknown or has been used');
	}
}

type ResponseToSave = [
	group: ResponseGroup,
	meta: ResponseMeta,
	response: ParsedResponse,
	singleUseCode?: { linkToken: string; code: string }
];

/** Stores one response whole, in its own transaction, or nothing (for seeding and for tests). */
export function saveResponse(...toSave: ResponseToSave): void {
	writeTransaction(() => storeResponse(...toSave));
}

/**
 * Stores one response whole or nothing, committed together with the others sent at the same
 * moment; resolves once it is safely on disk, and rejects if it was not stored.
 */
export function saveResponseTogether(...toSave: ResponseToSave): Promise<void> {
	return commitTogether(() => storeResponse(...toSave));
}

/**
 * Writes one response, inside the caller's transaction. The round must still be open when the
 * transaction starts, so an answer can't slip in after the round closed; a code link's code
 * must be unused. The comment goes to its own table under its own random id, with nothing
 * that joins it to the ratings. A paper form is counted for the account that typed it in.
 */
function storeResponse(...[group, meta, response, singleUseCode]: ResponseToSave): void {
	const round = sql<[number], { status: string; instrument_version: string }>(
		'SELECT status, instrument_version FROM rounds WHERE id = ?'
	).get(group.roundId);
	if (round?.status !== 'open') throw new RoundNotOpenError();
	// The code is spent in the same transaction, so it is used exactly when a response is stored.
	if (singleUseCode && !useCode(singleUseCode.linkToken, singleUseCode.code)) throw new CodeNotAcceptedError();

	const responseId = randomRowId();
	sql(
		`INSERT INTO responses (id, round_id, audience, program_id, language, channel, instrument_version)
		 VALUES (?, ?, ?, ?, ?, ?, ?)`
	).run(responseId, group.roundId, group.audience, group.programId, meta.language, meta.channel, round.instrument_version);
	if (meta.channel === 'paper') recordPaperEntry(group, meta.enteredBy);
	const insertAnswer = sql('INSERT INTO answers (response_id, item_id, value) VALUES (?, ?, ?)');
	for (const [itemId, value] of response.answers) insertAnswer.run(responseId, itemId, value);

	if (response.comment) {
		sql('INSERT INTO comments (id, round_id, audience, program_id, body) VALUES (?, ?, ?, ?, ?)').run(
			randomRowId(),
			group.roundId,
			group.audience,
			group.programId,
			response.comment
		);
	}
}

export interface GroupCount extends ResponseGroup {
	responses: number;
}

/** Live counts per audience and program for one round: how many, never what they said. */
export function countResponsesByGroup(roundId: number): GroupCount[] {
	return sql<[number], { audience: Audience; program_id: number | null; responses: number }>(
		`SELECT audience, program_id, count(*) AS responses FROM responses
		 WHERE round_id = ? GROUP BY audience, program_id`
	)
		.all(roundId)
		.map((row) => ({ roundId, audience: row.audience, programId: row.program_id, responses: row.responses }));
}
