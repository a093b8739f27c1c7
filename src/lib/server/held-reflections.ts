import { randomToken } from './random';
import type { Reflection } from '$lib/survey-view';

/** How long a reflection waits to be shown: ample for a slow phone to follow the redirect to it. */
export const REFLECTION_HELD_MINUTES = 5;

/** The most reflections waiting at once; a room of staff sending together stays far below it. */
export const MOST_REFLECTIONS_HELD = 1000;

interface Held<T> {
	value: T;
	/** The survey link it was sent from: the key shows it under that link's address only. */
	link: string;
	expiresAt: number;
	timer: ReturnType<typeof setTimeout>;
}

/**
 * What a page shows once after a submission (a staff reflection, a consumer's word that their
 * answers arrived), in memory only, each under a fresh random key that shows it once. The key
 * leads to that alone, never to the stored response, so the next person on a shared computer
 * can't bring it back with Back, Reload or a copied address.
 */
export class HeldOnce<T> {
	private held = new Map<string, Held<T>>();

	constructor(
		readonly most = MOST_REFLECTIONS_HELD,
		readonly minutes = REFLECTION_HELD_MINUTES
	) {}

	/** Holds what was sent from `link` until it is first shown or expires, and answers the key that shows it. */
	hold(value: T, link: string): string {
		// The map keeps insertion order, so the first key is the one waiting longest.
		while (this.held.size >= this.most) this.drop(this.held.keys().next().value!);
		const key = randomToken();
		const lifetime = this.minutes * 60_000;
		// Forgotten on time even if nobody comes for it, so memory never holds it longer.
		const timer = setTimeout(() => this.drop(key), lifetime);
		timer.unref?.();
		this.held.set(key, { value, link, expiresAt: Date.now() + lifetime, timer });
		return key;
	}

	/**
	 * What waits under `key`, taken out so nobody can see it again; null when there is none.
	 * Under another link's address the key shows nothing, and it waits for its owner.
	 */
	take(key: string, link: string): T | null {
		const entry = this.held.get(key);
		if (!entry || entry.link !== link) return null;
		this.drop(key);
		return Date.now() < entry.expiresAt ? entry.value : null;
	}

	/** How many are waiting to be shown. */
	get size(): number {
		return this.held.size;
	}

	private drop(key: string): void {
		clearTimeout(this.held.get(key)?.timer);
		this.held.delete(key);
	}
}

/** Staff reflections waiting to be shown once. */
export class HeldReflections extends HeldOnce<Reflection> {}

const waiting = new HeldReflections();
/** Consumers' thank-yous waiting to say, once, that the answers arrived. */
const thanks = new HeldOnce<true>();

/** Holds a staff member's reflection, sent from `link`, for the page that shows it once; answers its one-time key. */
export const holdReflection = (reflection: Reflection, link: string): string => waiting.hold(reflection, link);

/** Takes a held reflection out to show it under `link`; null once it was shown, expired, never was, or is another link's. */
export const takeReflection = (key: string, link: string): Reflection | null => waiting.take(key, link);

/** Holds a consumer's word that their answers, sent from `link`, arrived; answers the key that says it once. */
export const holdThanks = (link: string): string => thanks.hold(true, link);

/** Whether `key` says, this once and under `link`, that a consumer's answers arrived. */
export const takeThanks = (key: string, link: string): boolean => thanks.take(key, link) === true;
