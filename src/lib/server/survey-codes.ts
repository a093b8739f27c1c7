import { randomInt } from 'node:crypto';
import { MAX_CODES_AT_ONCE } from '$lib/limits';
import { sql, writeTransaction } from './db';
import { Refusal } from './refusal';

/** No 0/O, 1/I/L: easy to read off a slip and type in. */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A code like `K7QP-3MZA`: 40 random bits, single use. */
export function newCode(): string {
	let code = '';
	for (let i = 0; i < 8; i++) code += alphabet[randomInt(alphabet.length)];
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Reads a typed code the way people type it: any case, with or without the dash or spaces. */
export function normalizeCode(typed: string): string {
	const letters = typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
	return letters.length === 8 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : letters;
}

/**
 * Makes `count` new codes for a link whose round has not closed, and returns them: printed from
 * this, and never listed again.
 */
export function generateCodes(linkToken: string, count: number): string[] {
	if (!Number.isInteger(count) || count < 1 || count > MAX_CODES_AT_ONCE) {
		throw new Refusal(`Make between 1 and ${MAX_CODES_AT_ONCE} codes at a time.`, { field: 'count' });
	}
	return writeTransaction(() => {
		const status = sql<[string], string>(
			'SELECT rounds.status FROM survey_links JOIN rounds ON rounds.id = survey_links.round_id WHERE survey_links.token = ?'
		)
			.pluck()
			.get(linkToken);
		if (status === 'closed') throw new Refusal('A closed round needs no more codes.', { status: 409 });
		const codes: string[] = [];
		const insert = sql('INSERT OR IGNORE INTO survey_codes (code, link_token) VALUES (?, ?)');
		while (codes.length < count) {
			const code = newCode();
			if (insert.run(code, linkToken).changes === 1) codes.push(code);
		}
		return codes;
	});
}

/**
 * How many codes a link has and how many are used: never which. Codes are shown once, when they
 * are made; a list read back later would show which slip was just spent.
 */
export function countCodes(linkToken: string): { total: number; used: number } {
	return sql<[string], { total: number; used: number }>(
		'SELECT count(*) AS total, coalesce(sum(used), 0) AS used FROM survey_codes WHERE link_token = ?'
	).get(linkToken)!;
}

/**
 * Marks a code used, inside the caller's transaction. Only the mark is kept: nothing records
 * when, and the response stored beside it does not refer to it.
 */
export function useCode(linkToken: string, code: string): boolean {
	return sql('UPDATE survey_codes SET used = 1 WHERE code = ? AND link_token = ? AND used = 0').run(code, linkToken).changes === 1;
}
