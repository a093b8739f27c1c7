import { toCsv } from '$lib/csv';
import { formatScore } from '$lib/format';
import { audiences, currentInstrument, UNSURE, type Audience } from '$lib/instruments';
import type { ProgramFilter } from '$lib/results';
import { hiddenReasonText } from '$lib/small-groups';
import { sql } from './db';
import { listPrograms } from './programs';
import { listClosedRounds, loadResults } from './results';

/**
 * One row per closed round × audience × program (and all programs) × item: n, mean, percent
 * favourable and counts per scale value, under the small-group rules. A hidden cell leaves the
 * figures empty and says why.
 */
export function aggregatesCsv(): string {
	const rounds = listClosedRounds();
	const results = loadResults(rounds.map((round) => round.id));
	const programs: { key: ProgramFilter; name: string }[] = [
		{ key: 'all', name: 'All programs' },
		...listPrograms().map((program) => ({ key: program.id, name: program.name }))
	];
	const items = currentInstrument.sections.flatMap((section) =>
		section.items.map((item) => ({ item, section }))
	);
	const rows: (string | number | null)[][] = [];
	for (const round of rounds) {
		for (const audience of audiences) {
			for (const program of programs) {
				for (const { item, section } of items) {
					if (!section.audiences.includes(audience) || (audience === 'consumer' && !item.consumer)) continue;
					const score = results.item(round.id, audience, program.key, item.id);
					if (score.n === 0 && !score.shown) continue;
					const base = [round.name, audience, program.name, section.id, item.id];
					if (score.shown && score.value.mean !== null) {
						const { mean, favourable, distribution, unsure } = score.value;
						rows.push([...base, score.n, formatScore(mean), Math.round((favourable ?? 0) * 1000) / 10, ...distribution, unsure, '']);
					} else {
						const reason = score.shown ? 'too-few' : score.reason;
						rows.push([...base, score.n, null, null, null, null, null, null, null, null, hiddenReasonText(reason, results.minimumGroupSize)]);
					}
				}
			}
		}
	}
	return toCsv(
		['round', 'audience', 'program', 'section', 'item', 'n', 'mean', 'percent_favourable', 'count_1', 'count_2', 'count_3', 'count_4', 'count_5', 'count_unsure', 'hidden_because'],
		rows
	);
}

/**
 * Anonymised responses, for admins: closed rounds only, groups (round, audience, program) that the
 * small-group rules would show only, in random order, and no id, language, channel or anything
 * else that could be matched to a person or a moment. Comments are not part of it.
 */
export function responsesCsv(): string {
	const rounds = listClosedRounds();
	const results = loadResults(rounds.map((round) => round.id));
	const programNames = new Map(listPrograms().map((program) => [program.id, program.name]));
	const itemIds = currentInstrument.sections.flatMap((section) => section.items.map((item) => item.id));
	const rows = sql<[], { round: string; round_id: number; audience: Audience; program_key: number; answers: string | null }>(
		`SELECT rounds.name AS round, rounds.id AS round_id, responses.audience, ifnull(responses.program_id, 0) AS program_key,
		        (SELECT group_concat(item_id || '=' || value, ' ') FROM answers WHERE response_id = responses.id) AS answers
		 FROM responses JOIN rounds ON rounds.id = responses.round_id
		 WHERE rounds.status = 'closed'
		 ORDER BY random()`
	)
		.all()
		.filter((row) => results.groupShown(row.round_id, row.audience, row.program_key))
		.map((row) => {
			const answers = new Map((row.answers ?? '').split(' ').filter(Boolean).map((pair) => pair.split('=') as [string, string]));
			return [
				row.round,
				row.audience,
				row.program_key === 0 ? '' : (programNames.get(row.program_key) ?? ''),
				...itemIds.map((itemId) => {
					const value = answers.get(itemId);
					return value === undefined ? null : Number(value) === UNSURE ? 'unsure' : Number(value);
				})
			];
		});
	return toCsv(['round', 'audience', 'program', ...itemIds], rows);
}
