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
		if (this.buckets.size > 10_000) this.forgetFullBuckets(now);
		return true;
	}

	private forgetFullBuckets(now: number): void {
		const fullAfter = this.max * this.refillIntervalSeconds * 1000;
		for (const [key, bucket] of this.buckets) {
			if (now - bucket.refilledAt >= fullAfter) this.buckets.delete(key);
		}
	}
}

export const rateLimitsOn = () => process.env.RATE_LIMIT !== 'off';

/**
 * Anonymous survey submissions per client address: a burst of 60 (a room of 40 staff behind
 * one office address, all at once) and then one more every 30 seconds.
 */
export const surveySubmissions = new RefillingTokenBucket(60, 30);
