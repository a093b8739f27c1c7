import { describe, expect, it } from 'vitest';
import {
	PROGRAM_STAFF_MAX,
	AGENCY_QUESTION_NAME_MAX_LENGTH,
	AGENCY_QUESTION_TEXT_MAX_LENGTH,
	AGENCY_QUESTIONS_MAX,
	ACTION_DESCRIPTION_MAX_LENGTH,
	ACTION_LEAD_MAX_LENGTH,
	PASSKEY_NAME_MAX_LENGTH,
	characterCount,
	COMMENT_MAX_LENGTH,
	MINIMUM_GROUP_SIZE_FLOOR,
	NAME_MAX_LENGTH,
	USERNAME_MAX_LENGTH
} from '$lib/limits';
import { openDatabase } from '$lib/server/db';

/** The schema a fresh database is built with, table by table, as SQLite keeps it after every migration. */
const schema = new Map(
	openDatabase(':memory:')
		.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL")
		.all()
		.map((row) => {
			const { name, sql } = row as { name: string; sql: string };
			return [name, sql];
		})
);

/** Every `length(column) BETWEEN 1 AND n` the schema holds, as `table.column` and n. */
function lengthChecks(): Map<string, number> {
	const checks = new Map<string, number>();
	for (const [table, sql] of schema) {
		for (const [, column, most] of sql.matchAll(/CHECK \((?:\w+ IS NULL OR )?length\((\w+)\) BETWEEN 1 AND (\d+)\)/g)) {
			checks.set(`${table}.${column}`, Number(most));
		}
	}
	return checks;
}

describe('the limits and the database’s last guard', () => {
	it('are the same for every length the database checks', () => {
		expect(Object.fromEntries(lengthChecks())).toEqual({
			'agency.name': NAME_MAX_LENGTH,
			'programs.name': NAME_MAX_LENGTH,
			'programs.name_es': NAME_MAX_LENGTH,
			'rounds.name': NAME_MAX_LENGTH,
			'rounds.name_es': NAME_MAX_LENGTH,
			'users.username': USERNAME_MAX_LENGTH,
			'comments.body': COMMENT_MAX_LENGTH,
			'actions.description': ACTION_DESCRIPTION_MAX_LENGTH,
			'actions.description_es': ACTION_DESCRIPTION_MAX_LENGTH,
			'actions.lead': ACTION_LEAD_MAX_LENGTH,
			'passkeys.name': PASSKEY_NAME_MAX_LENGTH,
			'agency_questions.name': AGENCY_QUESTION_NAME_MAX_LENGTH,
			'agency_questions.staff_en': AGENCY_QUESTION_TEXT_MAX_LENGTH,
			'agency_questions.staff_es': AGENCY_QUESTION_TEXT_MAX_LENGTH,
			'agency_questions.consumer_en': AGENCY_QUESTION_TEXT_MAX_LENGTH,
			'agency_questions.consumer_es': AGENCY_QUESTION_TEXT_MAX_LENGTH
		});
	});

	it('are the same for how many staff work in a program', () => {
		const most = /CHECK \(staff_count IS NULL OR staff_count BETWEEN 1 AND (\d+)\)/.exec(schema.get('programs') ?? '');
		expect(most?.[1]).toBe(String(PROGRAM_STAFF_MAX));
	});

	it('are the same for how many questions of its own an agency asks at once', () => {
		const trigger = openDatabase(':memory:')
			.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'agency_questions_at_most_20_active'")
			.pluck()
			.get() as string;
		expect(/\) >= (\d+)/.exec(trigger)?.[1]).toBe(String(AGENCY_QUESTIONS_MAX));
	});

	it('are the same for the smallest minimum group size', () => {
		const floor = /CHECK \(minimum_group_size >= (\d+)\)/.exec(schema.get('agency') ?? '');
		expect(floor?.[1]).toBe(String(MINIMUM_GROUP_SIZE_FLOOR));
	});

	it('count characters as the database does, not UTF-16 units', () => {
		const database = openDatabase(':memory:');
		for (const text of ['', 'abc', 'ñandú', '字字', '😀😀😀', 'e\u0301']) {
			expect(characterCount(text), text).toBe(database.prepare('SELECT length(?)').pluck().get(text));
		}
	});

	it('hold in the database too: a name one character past the limit is refused there', () => {
		const database = openDatabase(':memory:');
		const rename = database.prepare('UPDATE agency SET name = ? WHERE id = 1');
		expect(() => rename.run('😀'.repeat(NAME_MAX_LENGTH))).not.toThrow();
		expect(() => rename.run('😀'.repeat(NAME_MAX_LENGTH + 1))).toThrow(/CHECK constraint failed/);
		const floor = database.prepare('UPDATE agency SET minimum_group_size = ?, minimum_comment_group_size = 10 WHERE id = 1');
		expect(() => floor.run(MINIMUM_GROUP_SIZE_FLOOR)).not.toThrow();
		expect(() => floor.run(MINIMUM_GROUP_SIZE_FLOOR - 1)).toThrow(/CHECK constraint failed/);
	});
});
