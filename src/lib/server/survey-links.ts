import type { Audience } from '$lib/instruments';
import { sql } from './db';
import { Refusal } from './refusal';
import { getRound, type Round } from './rounds';

export type LinkMode = 'open' | 'code';

export interface SurveyLink {
	token: string;
	round: Round;
	audience: Audience;
	programId: number | null;
	programName: string | null;
	/** The program's Spanish name, when the agency gave one. */
	programNameEs: string | null;
	mode: LinkMode;
}

interface SurveyLinkRow {
	token: string;
	round_id: number;
	audience: Audience;
	program_id: number | null;
	program_name: string | null;
	program_name_es: string | null;
	mode: LinkMode;
}

const selectLinks = `SELECT survey_links.token, survey_links.round_id, survey_links.audience,
		survey_links.program_id, programs.name AS program_name, programs.name_es AS program_name_es, survey_links.mode
	FROM survey_links LEFT JOIN programs ON programs.id = survey_links.program_id`;

function toLink(row: SurveyLinkRow): Omit<SurveyLink, 'round'> {
	return {
		token: row.token,
		audience: row.audience,
		programId: row.program_id,
		programName: row.program_name,
		programNameEs: row.program_name_es,
		mode: row.mode
	};
}

export function findSurveyLink(token: string): SurveyLink | undefined {
	const row = sql<[string], SurveyLinkRow>(`${selectLinks} WHERE survey_links.token = ?`).get(token);
	const round = row && getRound(row.round_id);
	return row && round ? { ...toLink(row), round } : undefined;
}

export function listSurveyLinks(roundId: number): Omit<SurveyLink, 'round'>[] {
	return sql<[number], SurveyLinkRow>(`${selectLinks} WHERE survey_links.round_id = ? ORDER BY survey_links.audience DESC, programs.name`)
		.all(roundId)
		.map(toLink);
}

/** A link of this round, named by a form; refused when it is another round's, or none. */
export function linkOfRound(roundId: number, token: string): Omit<SurveyLink, 'round'> {
	const link = listSurveyLinks(roundId).find((candidate) => candidate.token === token);
	if (!link) throw new Refusal('That survey link is not part of this round.', { field: 'token' });
	return link;
}

/** Switches a link of a round between open and single-use codes; only while the round has not closed. */
export function setLinkMode(roundId: number, token: string, mode: string): void {
	linkOfRound(roundId, token);
	if (mode !== 'open' && mode !== 'code') throw new Refusal('Choose open or single-use codes.', { field: 'mode' });
	const changed = sql(
		`UPDATE survey_links SET mode = ? WHERE token = ? AND round_id = ?
		 AND (SELECT status FROM rounds WHERE id = ?) <> 'closed'`
	).run(mode, token, roundId, roundId).changes;
	if (changed !== 1) throw new Refusal('A closed round’s links can’t change.', { status: 409 });
}

/** The link a kiosk is started on: one of this round's, while the round is open. */
export function linkForKiosk(round: Round, token: string): Omit<SurveyLink, 'round'> {
	const link = linkOfRound(round.id, token);
	if (round.status !== 'open') throw new Refusal('Open the round before starting a kiosk.', { status: 409 });
	return link;
}
