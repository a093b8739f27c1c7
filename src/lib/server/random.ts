import { randomBytes, randomFillSync } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** An unguessable token for a URL: 160 random bits in 32 base32 characters. */
export function randomToken(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/**
 * A row id that says nothing: 16 random bytes. Rows keyed by it sort in random order,
 * so neither the id nor a row's place in the table tells when it was written.
 */
export function randomRowId(): Buffer {
	if (used + 16 > pool.length) {
		randomFillSync(pool);
		used = 0;
	}
	used += 16;
	const id = Buffer.from(pool.subarray(used - 16, used));
	// Not kept: the bytes given out are wiped, so memory never holds a list of recent ids.
	pool.fill(0, used - 16, used);
	return id;
}

/** Random bytes drawn a page at a time: one call to the system's generator per 256 ids. */
const pool = Buffer.alloc(4096);
let used = pool.length;
