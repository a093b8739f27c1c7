import { randomBytes } from 'node:crypto';
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
	return randomBytes(16);
}
