import type { ParsedResponse } from '$lib/answers';
import type { Audience, Language } from '$lib/instruments';
import { sql, writeTransaction } from './db';
import { randomRowId } from './random';

export type Channel = 'web' | 'kiosk' | 'paper';

/** Where a response belongs. Nothing about the person who gave it is ever part of this. */
export interface ResponseGroup {
	roundId: number;
	audience: Audience;
	programId: number | null;
}

export class RoundNotOpenError extends Error {
	constructor() {
		super('This round is not open for answers');
	}
}

/**
 * Stores one response whole, in one transaction, or nothing. The round must still be open when
 * the transaction starts, so an answer can't slip in after the round closed. The comment goes to
 * its own table under its own random id, with nothing that joins it to the ratings.
 */
export function saveResponse(
	group: ResponseGroup,
	meta: { language: Language; channel: Channel },
	response: ParsedResponse
): void {
	writeTransaction(() => {
		const round = sql<[number], { status: string; instrument_version: string }>(
			'SELECT status, instrument_version FROM rounds WHERE id = ?'
		).get(group.roundId);
		if (round?.status !== 'open') throw new RoundNotOpenError();

		const responseId = randomRowId();
		sql(
			`INSERT INTO responses (id, round_id, audience, program_id, language, channel, instrument_version)
			 VALUES (?, ?, ?, ?, ?, ?, ?)`
		).run(
			responseId,
			group.roundId,
			group.audience,
			group.programId,
			meta.language,
			meta.channel,
			round.instrument_version
		);
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
	});
}

/** How many responses a group has: the only thing managers see while a round is open. */
export function countResponses(group: ResponseGroup): number {
	return sql<[number, string, number | null], number>(
		'SELECT count(*) FROM responses WHERE round_id = ? AND audience = ? AND program_id IS ?'
	)
		.pluck()
		.get(group.roundId, group.audience, group.programId)!;
}
