import { hash, verify } from '@node-rs/argon2';
import { characterCount, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '$lib/limits';
import { commonPasswords } from './common-passwords';

/** argon2id with the settings OWASP recommends: 19 MiB of memory, two passes, one lane. */
const argon2Options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export type PasswordProblem = 'too-short' | 'too-long' | 'too-common';

/** Length and a list of the most common passwords: no rules about kinds of characters. */
export function checkPasswordStrength(password: string): PasswordProblem | null {
	const length = characterCount(password);
	if (length < PASSWORD_MIN_LENGTH) return 'too-short';
	if (length > PASSWORD_MAX_LENGTH) return 'too-long';
	if (commonPasswords.has(password.toLowerCase())) return 'too-common';
	return null;
}

export const passwordProblemMessages: Record<PasswordProblem, string> = {
	'too-short': `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
	'too-long': `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
	'too-common': 'That password is one of the most common ones, so it is easy to guess. Choose another.'
};

export function hashPassword(password: string): Promise<string> {
	return hash(password, argon2Options);
}

export function verifyPasswordHash(passwordHash: string, password: string): Promise<boolean> {
	return verify(passwordHash, password);
}
