import { toCsv } from '$lib/csv';
import { formatScore } from '$lib/format';
import { audiences, UNSURE, type Audience } from '$lib/instruments';
import { roundSections } from './agency-questions';
import type { ProgramFilter } from '$lib/results';
import { hiddenReasonText } from '$lib/small-groups';
import { sql } from './db';
import { listPrograms } from './programs';
import { listClosedRounds, loadResults } from './results';
import { getRound, type Round } from './rounds';

/**
 * One row per closed round × audience × program (and all programs) × question the round asked:
 * n, mean, percent favourable and counts per scale value, under the small-group rules. A hidden
 * cell leaves every figure empty, n included, and says why.
 */
export function aggregatesCsv(): string {
	const rounds = listClosedRounds();
	const results = loadResults(rounds.map((round) => round.id));
	const programNames = new Map(listPrograms().map((program) => [program.id, program.name]));
	const rows: (string | number | null)[][] = [];
	for (const { id, name } of rounds) {
		const round = getRound(id)!;
		const programs: { key: ProgramFilter; name: string }[] = [
			{ key: 'all', name: 'All programs' },
			...round.programIds.map((programId) => ({ key: programId, name: programNames.get(programId) ?? '' }))
		];
		for (const audience of audiences) {
			for (const program of programs) {
				for (const { item, section } of askedItems(round, audience)) {
					const score = results.item(round.id, audience, program.key, item.id);
					const base = [name, audience, program.name, section.id, item.id];
					if (score.shown && score.value.mean !== null) {
						const { mean, favourable, distribution, unsure } = score.value;
						rows.push([...base, score.n, formatScore(mean), Math.round((favourable ?? 0) * 1000) / 10, ...distribution, unsure, '']);
					} else {
						const reason = score.shown ? 'protects-a-small-group' : score.reason;
						rows.push([
							...base,
							null,
							null,
							null,
							null,
							null,
							null,
							null,
							null,
							null,
							hiddenReasonText(reason, results.minimumFor(round.id))
						]);
					}
				}
			}
		}
	}
	return toCsv(
		[
			'round',
			'audience',
			'program',
			'section',
			'item',
			'n',
			'mean',
			'percent_favourable',
			'count_1',
			'count_2',
			'count_3',
			'count_4',
			'count_5',
			'count_unsure',
			'hidden_because'
		],
		rows
	);
}

/** The questions a round asked an audience, in instrument order. */
function askedItems(round: Round, audience: Audience) {
	return roundSections(round, audience).sections.flatMap((section) => section.items.map((item) => ({ item, section })));
}

/**
 * Anonymised responses, for admins: closed rounds only, in random order, and no id, language,
 * channel or anything else that could be matched to a person or a moment. An answer is left out
 * (blank) wherever its question's figure is hidden for its group, so subtracting these rows from
 * any published figure gives nothing the figures don't; a group with every figure hidden has no
 * rows. Comments are not part of it.
 */
export function responsesCsv(): string {
	const rounds = listClosedRounds();
	const results = loadResults(rounds.map((round) => round.id));
	const programNames = new Map(listPrograms().map((program) => [program.id, program.name]));
	const itemIds = results.instrument.sections.flatMap((section) => section.items.map((item) => item.id));
	const shownItems = (roundId: number, audience: Audience, programKey: number) =>
		new Set(itemIds.filter((itemId) => results.item(roundId, audience, programKey, itemId).shown));
	const released = new Map<string, Set<string>>();
	const rows = sql<[], { round: string; round_id: number; audience: Audience; program_key: number; answers: string | null }>(
		`SELECT rounds.name AS round, rounds.id AS round_id, responses.audience, ifnull(responses.program_id, 0) AS program_key,
		        (SELECT group_concat(item_id || '=' || value, ' ') FROM answers WHERE response_id = responses.id) AS answers
		 FROM responses JOIN rounds ON rounds.id = responses.round_id
		 WHERE rounds.status = 'closed'
		 ORDER BY random()`
	)
		.all()
		.flatMap((row) => {
			const group = `${row.round_id}|${row.audience}|${row.program_key}`;
			if (!released.has(group)) released.set(group, shownItems(row.round_id, row.audience, row.program_key));
			const shown = released.get(group)!;
			if (shown.size === 0) return [];
			const answers = new Map(
				(row.answers ?? '')
					.split(' ')
					.filter(Boolean)
					.map((pair) => pair.split('=') as [string, string])
			);
			return [
				[
					row.round,
					row.audience,
					row.program_key === 0 ? '' : (programNames.get(row.program_key) ?? ''),
					...itemIds.map((itemId) => {
						const value = shown.has(itemId) ? answers.get(itemId) : undefined;
						return value === undefined ? null : Number(value) === UNSURE ? 'unsure' : Number(value);
					})
				]
			];
		});
	return toCsv(['round', 'audience', 'program', ...itemIds], rows);
}
