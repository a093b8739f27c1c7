import { describe, expect, it } from 'vitest';
import { RefillingTokenBucket, clientKey } from '$lib/server/rate-limit';

describe('the in-memory rate limit', () => {
	it('allows a burst, then one more per refill interval', () => {
		let now = 0;
		const bucket = new RefillingTokenBucket(3, 30, () => now);
		expect([1, 2, 3].map(() => bucket.consume('a'))).toEqual([true, true, true]);
		expect(bucket.consume('a')).toBe(false);
		now += 29_000;
		expect(bucket.consume('a')).toBe(false);
		now += 1_000;
		expect(bucket.consume('a')).toBe(true);
		expect(bucket.consume('a')).toBe(false);
	});

	it('keeps each client apart', () => {
		const bucket = new RefillingTokenBucket(1, 60, () => 0);
		expect(bucket.consume('a')).toBe(true);
		expect(bucket.consume('a')).toBe(false);
		expect(bucket.consume('b')).toBe(true);
	});

	it('never refills past the burst size', () => {
		let now = 0;
		const bucket = new RefillingTokenBucket(2, 1, () => now);
		now += 3_600_000;
		expect([1, 2, 3].map(() => bucket.consume('a'))).toEqual([true, true, false]);
	});
});

describe('forgetting clients', () => {
	it('forgets an address once its bucket has filled up again, and not before', () => {
		let now = 0;
		const bucket = new RefillingTokenBucket(2, 10, () => now);
		bucket.consume('a');
		now += 19_000;
		bucket.forgetFullBuckets();
		expect(bucket.size).toBe(1);
		now += 1_000;
		bucket.forgetFullBuckets();
		expect(bucket.size).toBe(0);
	});
});

describe('client keys', () => {
	it('keep IPv4 addresses whole', () => {
		expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
		expect(clientKey('::ffff:203.0.113.7')).toBe('::ffff:203.0.113.7');
	});

	it('group IPv6 addresses by their /64 network', () => {
		expect(clientKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
		expect(clientKey('2001:db8:1:2::7')).toBe('2001:db8:1:2::/64');
		expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(clientKey('::1')).toBe('0:0:0:0::/64');
	});
});
