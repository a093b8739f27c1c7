import type { Audience } from '$lib/instruments';
import { sql } from './db';
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
	return sql<[number], SurveyLinkRow>(
		`${selectLinks} WHERE survey_links.round_id = ? ORDER BY survey_links.audience DESC, programs.name`
	)
		.all(roundId)
		.map(toLink);
}

/** Switches a link between open and single-use codes; only while its round has not closed. */
export function setLinkMode(roundId: number, token: string, mode: LinkMode): boolean {
	return (
		sql(
			`UPDATE survey_links SET mode = ? WHERE token = ? AND round_id = ?
			 AND (SELECT status FROM rounds WHERE id = ?) <> 'closed'`
		).run(mode, token, roundId, roundId).changes === 1
	);
}
