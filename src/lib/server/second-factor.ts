/**
 * A second factor for the accounts that can read everything: an authenticator app (TOTP) or a
 * passkey, and the recovery code that stands in for both when a phone is lost. Admins must have
 * one (the demo's own account aside); an admin may ask it of managers too.
 */
import { getAgency } from './agency';
import { sql, writeTransaction } from './db';
import { isDemoAccount } from './demo';
import { claimAttempt, codeThrottlers } from './rate-limit';
import { Refusal } from './refusal';
import { hashRecoveryCode, isRecoveryCode, matchTotpStep, newRecoveryCode } from './second-factor-codes';
import { invalidateOtherSessions, invalidateUserSessions, type Session } from './session';
import type { User } from './user';

/** Whether the account has an authenticator app or a passkey. */
export function hasSecondFactor(userId: number): boolean {
	return (
		sql<[number, number], number>(
			'SELECT (SELECT totp_key IS NOT NULL FROM users WHERE id = ?) OR EXISTS (SELECT 1 FROM passkeys WHERE user_id = ?)'
		)
			.pluck()
			.get(userId, userId) === 1
	);
}

/** Which second factors an account has, for the admins' list of accounts: the app, and how many passkeys. */
export function secondFactorsOf(userId: number): { totp: boolean; passkeys: number } {
	const passkeys = sql<[number], number>('SELECT count(*) FROM passkeys WHERE user_id = ?').pluck().get(userId) ?? 0;
	return { totp: hasTotp(userId), passkeys };
}

export function hasTotp(userId: number): boolean {
	return sql<[number], number>('SELECT totp_key IS NOT NULL FROM users WHERE id = ?').pluck().get(userId) === 1;
}

/** Admins always, managers when the agency asks it; never the demo's own account. */
export function isSecondFactorRequired(user: User): boolean {
	if (isDemoAccount(user.username)) return false;
	return user.role === 'admin' || getAgency().managersNeedSecondFactor;
}

/** An account that must set up a second factor before it may do anything else. */
export const mustSetUpSecondFactor = (user: User) => isSecondFactorRequired(user) && !hasSecondFactor(user.id);

/**
 * Starts using an authenticator app, once its first code shows the app has the key. Ends the
 * account's other sessions, as any change to a second factor does, and counts as this session's
 * second factor. Returns the recovery code to show once, when the account had none.
 */
export function setUpTotp(session: Session, key: Uint8Array, code: string, at = Date.now()): string | null {
	const step = matchTotpStep(key, code, at, 0);
	if (step === null) {
		throw new Refusal('That code does not match. Type the newest code the app shows for Any Positive Change.', { field: 'code' });
	}
	return writeTransaction(() => {
		sql('UPDATE users SET totp_key = ?, totp_last_step = ? WHERE id = ?').run(Buffer.from(key), step, session.userId);
		return afterSecondFactorChange(session);
	});
}

/** Stops using the authenticator app; the account's other sessions end. */
export function removeTotp(session: Session): void {
	writeTransaction(() => {
		sql('UPDATE users SET totp_key = NULL, totp_last_step = 0 WHERE id = ?').run(session.userId);
		afterSecondFactorChange(session);
	});
}

/**
 * After a second factor is added or removed: the account's other sessions end; the recovery code
 * goes with the last factor, and a first factor brings a new one, returned to be shown once.
 */
export function afterSecondFactorChange(session: Session): string | null {
	invalidateOtherSessions(session.userId, session.id);
	if (!hasSecondFactor(session.userId)) {
		sql('UPDATE users SET recovery_code_hash = NULL WHERE id = ?').run(session.userId);
		return null;
	}
	const hasCode = sql<[number], number>('SELECT recovery_code_hash IS NOT NULL FROM users WHERE id = ?').pluck().get(session.userId);
	return hasCode ? null : replaceRecoveryCode(session.userId);
}

/** A new recovery code, to show once; the old one stops working. Only its hash is kept. */
export function replaceRecoveryCode(userId: number): string {
	const code = newRecoveryCode();
	sql('UPDATE users SET recovery_code_hash = ? WHERE id = ?').run(Buffer.from(hashRecoveryCode(code)), userId);
	return code;
}

/**
 * Checks a code from the account's authenticator app, throttled per account and per client
 * address. A code is taken once: the same code, or an older one, is refused afterwards.
 */
export function checkTotp(user: User, code: string, clientAddress: string, at = Date.now()): void {
	if (!code.trim()) throw new Refusal('Type the code your authenticator app shows.', { field: 'code' });
	const claim = claimAttempt(codeThrottlers, `account:${user.id}`, clientAddress);
	writeTransaction(() => {
		const row = sql<[number], { totp_key: Buffer | null; totp_last_step: number }>(
			'SELECT totp_key, totp_last_step FROM users WHERE id = ?'
		).get(user.id);
		const step = row?.totp_key ? matchTotpStep(new Uint8Array(row.totp_key), code, at, row.totp_last_step) : null;
		if (step === null) throw new Refusal('That code is not right. Wait for the next one and type it.', { field: 'code' });
		sql('UPDATE users SET totp_last_step = ? WHERE id = ?').run(step, user.id);
	});
	claim.succeeded();
}

/**
 * Signs in with the recovery code instead of a second factor, throttled like codes. It works
 * once: the account's second factors and the code itself are removed, its other sessions end,
 * and the person is asked to set a second factor up again.
 */
export function useRecoveryCode(session: Session, user: User, code: string, clientAddress: string): void {
	if (!code.trim()) throw new Refusal('Type your recovery code.', { field: 'recoveryCode' });
	const claim = claimAttempt(codeThrottlers, `account:${user.id}`, clientAddress);
	writeTransaction(() => {
		const stored = sql<[number], Buffer | null>('SELECT recovery_code_hash FROM users WHERE id = ?').pluck().get(user.id);
		if (!stored || !isRecoveryCode(code, new Uint8Array(stored))) {
			throw new Refusal('That recovery code is not right.', { field: 'recoveryCode' });
		}
		removeSecondFactors(user.id);
		invalidateOtherSessions(user.id, session.id);
	});
	claim.succeeded();
}

function removeSecondFactors(userId: number): void {
	sql('UPDATE users SET totp_key = NULL, totp_last_step = 0, recovery_code_hash = NULL WHERE id = ?').run(userId);
	sql('DELETE FROM passkeys WHERE user_id = ?').run(userId);
}

/**
 * For someone who lost their phone and their recovery code: an admin (or the admin command)
 * removes the account's second factors and ends its sessions. The log says who and when, never
 * anything secret.
 */
export function resetSecondFactor(user: User, resetBy: string): void {
	writeTransaction(() => {
		removeSecondFactors(user.id);
		invalidateUserSessions(user.id);
	});
	console.log(`Second factor of ${user.username} reset by ${resetBy} at ${new Date().toISOString()}.`);
}
