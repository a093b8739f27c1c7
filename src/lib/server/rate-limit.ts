import { Refusal } from './refusal';

/**
 * A bucket of tokens per key that refills over time, held in memory only: what it keys on
 * (a client address) is never written anywhere, and is forgotten once the bucket is full again.
 */
export class RefillingTokenBucket {
	private buckets = new Map<string, { tokens: number; refilledAt: number }>();

	constructor(
		readonly max: number,
		readonly refillIntervalSeconds: number,
		private readonly clock: () => number = Date.now
	) {}

	/** How long an untouched bucket takes to fill up again, when it is no longer worth keeping. */
	private get refillMilliseconds(): number {
		return this.max * this.refillIntervalSeconds * 1000;
	}

	/** Takes one token for `key`; false when the bucket is empty and the caller must wait. */
	consume(key: string): boolean {
		const now = this.clock();
		const bucket = this.buckets.get(key) ?? { tokens: this.max, refilledAt: now };
		const refills = Math.floor((now - bucket.refilledAt) / (this.refillIntervalSeconds * 1000));
		if (refills > 0) {
			bucket.tokens = Math.min(this.max, bucket.tokens + refills);
			bucket.refilledAt += refills * this.refillIntervalSeconds * 1000;
		}
		if (bucket.tokens < 1) return false;
		bucket.tokens -= 1;
		this.buckets.set(key, bucket);
		return true;
	}

	/** How many clients are remembered right now. */
	get size(): number {
		return this.buckets.size;
	}

	/** Forgets every key whose bucket has filled up again: it would behave as new anyway. */
	forgetFullBuckets(now = this.clock()): void {
		for (const [key, bucket] of this.buckets) {
			if (now - bucket.refilledAt >= this.refillMilliseconds) this.buckets.delete(key);
		}
	}
}

export const rateLimitsOn = () => process.env.RATE_LIMIT !== 'off';

/**
 * The key for a client address: an IPv6 address by its /64 network, since one home or phone
 * holds a whole /64 and could otherwise take a fresh address for every submission.
 */
export function clientKey(address: string): string {
	if (!address.includes(':') || address.startsWith('::ffff:')) return address;
	const [head, tail = ''] = address.split('::');
	const groups = [...head.split(':').filter(Boolean)];
	const tailGroups = tail.split(':').filter(Boolean);
	while (groups.length + tailGroups.length < 8) groups.push('0');
	return [...groups, ...tailGroups].slice(0, 4).join(':') + '::/64';
}

/**
 * Anonymous survey submissions per client address: a burst of 60 (a room of 40 staff behind
 * one office address, all at once) and then one more every 30 seconds.
 */
export const surveySubmissions = new RefillingTokenBucket(60, 30);

// An address is forgotten within a minute of its bucket filling up: half an hour after its last use.
setInterval(() => surveySubmissions.forgetFullBuckets(), 60_000).unref();

/**
 * Failed attempts per key, each failure making the next try wait longer. In memory only: a
 * failed sign-in is never written down. A success resets the key.
 */
export class Throttler {
	private counters = new Map<string, { failures: number; blockedUntil: number }>();

	constructor(
		private readonly delaysSeconds: readonly number[],
		private readonly clock: () => number = Date.now
	) {}

	/** Whole seconds `key` must still wait before trying again; 0 when it may try now. */
	waitSeconds(key: string): number {
		const counter = this.counters.get(key);
		return counter ? Math.max(0, Math.ceil((counter.blockedUntil - this.clock()) / 1000)) : 0;
	}

	/**
	 * Counts a failure for `key`. Returns a function that takes it back: an attempt is counted
	 * as failed before its slow check runs, so that attempts sent all at once can't all slip in.
	 */
	recordFailure(key: string): () => void {
		const counter = this.counters.get(key) ?? { failures: 0, blockedUntil: 0 };
		const before = { ...counter };
		const delay = this.delaysSeconds[Math.min(counter.failures, this.delaysSeconds.length - 1)];
		counter.failures += 1;
		counter.blockedUntil = this.clock() + delay * 1000;
		this.counters.set(key, counter);
		return () => this.counters.set(key, before);
	}

	reset(key: string): void {
		this.counters.delete(key);
	}

	/** Forgets keys that have been free to try again for an hour. */
	forgetOld(now = this.clock()): void {
		for (const [key, counter] of this.counters) {
			if (now - counter.blockedUntil > 3_600_000) this.counters.delete(key);
		}
	}
}

/** Sign-in failures per username (whether or not it exists), doubling up to five minutes. */
export const signInsPerUsername = new Throttler([1, 2, 4, 8, 16, 30, 60, 180, 300]);

/**
 * Sign-in failures per client address, which a whole office may share: ten free tries for typos,
 * then the same back-off. It stops one address from guessing across many usernames.
 */
export const signInsPerClient = new Throttler([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 30, 60, 180, 300]);

/** Wrong second-factor codes (authenticator app, recovery code) per account, with the same back-off. */
export const codesPerAccount = new Throttler([1, 2, 4, 8, 16, 30, 60, 180, 300]);

/** Wrong second-factor codes per client address, ten free tries as for passwords. */
export const codesPerClient = new Throttler([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 30, 60, 180, 300]);

setInterval(() => {
	for (const throttler of [signInsPerUsername, signInsPerClient, codesPerAccount, codesPerClient]) throttler.forgetOld();
}, 600_000).unref();

/**
 * Takes one try for an account from a client, counted as failed until `succeeded()` says
 * otherwise: the count happens before the slow check, so tries sent all at once are throttled
 * too. An account or client that tried too often is refused (429) until it has waited; the
 * message is the same whichever it was, and whether or not the account exists.
 */
export function claimAttempt(
	throttlers: { perAccount: Throttler; perClient: Throttler },
	accountKey: string,
	clientAddress: string
): { succeeded: () => void } {
	const client = clientKey(clientAddress);
	const wait = Math.max(throttlers.perAccount.waitSeconds(accountKey), throttlers.perClient.waitSeconds(client));
	if (wait > 0) throw new Refusal(`Too many tries. Please wait ${wait} seconds, then try again.`, { status: 429 });
	throttlers.perAccount.recordFailure(accountKey);
	const forgiveClient = throttlers.perClient.recordFailure(client);
	return {
		succeeded: () => {
			throttlers.perAccount.reset(accountKey);
			forgiveClient();
		}
	};
}

export const signInThrottlers = { perAccount: signInsPerUsername, perClient: signInsPerClient };
export const codeThrottlers = { perAccount: codesPerAccount, perClient: codesPerClient };
