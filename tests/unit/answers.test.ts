import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeComment, parseResponse } from '$lib/answers';
import { COMMENT_MAX_LENGTH } from '$lib/limits';

const items = new Set(['hr.listen', 'hr.trust', 'stc.goals']);
const parse = (fields: [string, FormDataEntryValue][]) => parseResponse(fields, items);

describe('reading a survey form', () => {
	it('accepts scores, "not sure" and skips, and keeps the comment', () => {
		const result = parse([
			['hr.listen', '4'],
			['hr.trust', 'unsure'],
			['stc.goals', ''],
			['comment', '  Kind people.\r\nThanks  ']
		]);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect([...result.response.answers]).toEqual([
			['hr.listen', 4],
			['hr.trust', 0]
		]);
		expect(result.response.comment).toBe('Kind people.\nThanks');
	});

	it('treats a comment of only spaces as no comment', () => {
		const result = parse([
			['hr.listen', '2'],
			['comment', '   ']
		]);
		expect(result.ok && result.response.comment).toBeNull();
	});

	it.each([
		['an unknown item', [['hr.fake', '3']], 'unknown-field'],
		['an item from another audience', [['ex.love', '3']], 'unknown-field'],
		['a value off the scale', [['hr.listen', '6']], 'off-scale'],
		['a zero', [['hr.listen', '0']], 'off-scale'],
		[
			'a repeated item',
			[
				['hr.listen', '3'],
				['hr.listen', '4']
			],
			'repeated-field'
		],
		[
			'a repeated comment',
			[
				['comment', 'a'],
				['comment', 'b']
			],
			'repeated-field'
		],
		['a file', [['hr.listen', new File(['x'], 'x.txt')]], 'not-text'],
		['nothing at all', [], 'empty'],
		['only skips', [['hr.listen', '']], 'empty'],
		['an overlong comment', [['comment', 'x'.repeat(COMMENT_MAX_LENGTH + 1)]], 'comment-too-long']
	] as const)('refuses %s', (_, fields, problem) => {
		const result = parse(fields as unknown as [string, FormDataEntryValue][]);
		expect(result).toMatchObject({ ok: false, problem });
	});

	it('names the first question whose answer was off the scale, so the refusal can say which', () => {
		const result = parse([
			['hr.listen', '4'],
			['hr.trust', '9'],
			['stc.goals', 'seven']
		]);
		expect(result).toMatchObject({ ok: false, problem: 'off-scale', item: 'hr.trust' });
		// Only an answer off the scale names a question.
		expect(parse([['hr.fake', '3']])).not.toHaveProperty('item');
	});

	it('echoes back only the valid answers and the comment, to re-fill the form', () => {
		const result = parse([
			['hr.listen', '5'],
			['hr.trust', 'seven'],
			['comment', 'Keep this']
		]);
		expect(result.ok).toBe(false);
		expect(result.values).toEqual({ answers: { 'hr.listen': '5' }, comment: 'Keep this' });
	});

	it('counts comment length in characters, not bytes', () => {
		const result = parse([['comment', 'ñ'.repeat(COMMENT_MAX_LENGTH)]]);
		expect(result.ok).toBe(true);
	});

	it('strips invisible control characters from comments', () => {
		const result = parse([['comment', 'a\u0000b\u0007c\td']]);
		expect(result.ok && result.response.comment).toBe('abc\td');
	});

	it('accepts a form only when every field is a known item with a scale value, or one comment', () => {
		const fieldName = fc.oneof(
			fc.constantFrom('hr.listen', 'hr.trust', 'stc.goals', 'comment', 'ex.love', '__proto__', 'constructor'),
			fc.string()
		);
		const fieldValue = fc.oneof(fc.constantFrom('1', '2', '3', '4', '5', 'unsure', '', '0', '6', ' 3'), fc.string());
		fc.assert(
			fc.property(fc.array(fc.tuple(fieldName, fieldValue), { maxLength: 12 }), (fields) => {
				const result = parse(fields);
				const names = fields.map(([name]) => name);
				const valid =
					new Set(names).size === names.length &&
					fields.every(([name, value]) =>
						name === 'comment'
							? Array.from(normalizeComment(value).trim()).length <= COMMENT_MAX_LENGTH
							: items.has(name) && ['1', '2', '3', '4', '5', 'unsure', ''].includes(value)
					);
				if (!valid) {
					expect(result.ok).toBe(false);
					return;
				}
				if (!result.ok) {
					expect(result.problem).toBe('empty');
					return;
				}
				for (const [itemId, value] of result.response.answers) {
					expect(items.has(itemId)).toBe(true);
					expect([0, 1, 2, 3, 4, 5]).toContain(value);
				}
			})
		);
	});
});
