import type { Audience } from '$lib/instruments';
import { emptyCounts, scoreItem, type AnswerCounts, type ItemScore } from '$lib/scoring';
import { sql } from './db';

/**
 * Scores per item for one audience in one round, across all programs. Callers decide what may be
 * shown; this only counts.
 */
export function scoreRoundItems(roundId: number, audience: Audience): Map<string, ItemScore> {
	const counts = new Map<string, AnswerCounts>();
	const rows = sql<[number, Audience], { item_id: string; value: number; answers: number }>(
		`SELECT answers.item_id, answers.value, count(*) AS answers
		 FROM answers JOIN responses ON responses.id = answers.response_id
		 WHERE responses.round_id = ? AND responses.audience = ?
		 GROUP BY answers.item_id, answers.value`
	).all(roundId, audience);
	for (const row of rows) {
		const itemCounts = counts.get(row.item_id) ?? emptyCounts();
		itemCounts[row.value] += row.answers;
		counts.set(row.item_id, itemCounts);
	}
	return new Map([...counts].map(([itemId, itemCounts]) => [itemId, scoreItem(itemCounts)]));
}
