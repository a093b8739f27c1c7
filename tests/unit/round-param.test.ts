import { describe, expect, it } from 'vitest';
import { match } from '../../src/params/round';

describe('a round id in an address', () => {
	it('is a whole number as the app writes it', () => {
		for (const id of ['1', '7', '42', '1000', '123456789012345']) expect(match(id), id).toBe(true);
	});

	it('is nothing else, so no page below it ever reads one', () => {
		for (const id of ['', '0', '007', '-1', '+1', '1.5', '1e3', '0x1', 'abc', ' 1', '1 ', '１', '1%20', '9'.repeat(16)]) {
			expect(match(id), JSON.stringify(id)).toBe(false);
		}
	});
});
