import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The most common passwords from leaked lists (about 50,000, kept by the zxcvbn-ts project),
 * those long enough to pass the length rule: shorter ones are refused anyway.
 */
export const commonPasswords: ReadonlySet<string> = new Set(
	dictionary['passwords-common'].filter((password) => password.length >= 8).map((password) => password.toLowerCase())
);
