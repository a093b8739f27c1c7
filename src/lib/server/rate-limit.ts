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
