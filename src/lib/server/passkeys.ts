/**
 * Passkeys and security keys (WebAuthn) as a second factor, each with the name its owner gave it.
 */
import { sql } from './db';

export interface Passkey {
	/** The credential id, base64url, as the browser names it. */
	id: string;
	name: string;
	createdAt: number;
}

export function listPasskeys(userId: number): Passkey[] {
	return sql<[number], { id: Buffer; name: string; created_at: number }>(
		'SELECT id, name, created_at FROM passkeys WHERE user_id = ? ORDER BY created_at, name'
	)
		.all(userId)
		.map((row) => ({ id: row.id.toString('base64url'), name: row.name, createdAt: row.created_at }));
}
