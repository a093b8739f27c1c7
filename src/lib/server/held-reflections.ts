import { randomToken } from './random';
import type { Reflection } from '$lib/survey-view';

/** How long a reflection waits to be shown: ample for a slow phone to follow the redirect to it. */
export const REFLECTION_HELD_MINUTES = 5;

/** The most reflections waiting at once; a room of staff sending together stays far below it. */
export const MOST_REFLECTIONS_HELD = 1000;

interface HeldReflection {
	reflection: Reflection;
	expiresAt: number;
	timer: ReturnType<typeof setTimeout>;
}

/**
 * Staff reflections waiting to be shown, in memory only, each under a fresh random key that
 * shows it once. The key leads to the reflection alone, never to the stored response, so the
 * next person on a shared computer can't bring it back with Back, Reload or a copied address.
 */
export class HeldReflections {
	private held = new Map<string, HeldReflection>();

	constructor(
		readonly most = MOST_REFLECTIONS_HELD,
		readonly minutes = REFLECTION_HELD_MINUTES
	) {}

	/** Holds a reflection until it is first shown or expires, and answers the key that shows it. */
	hold(reflection: Reflection): string {
		// The map keeps insertion order, so the first key is the one waiting longest.
		while (this.held.size >= this.most) this.drop(this.held.keys().next().value!);
		const key = randomToken();
		const lifetime = this.minutes * 60_000;
		// Forgotten on time even if nobody comes for it, so memory never holds it longer.
		const timer = setTimeout(() => this.drop(key), lifetime);
		timer.unref?.();
		this.held.set(key, { reflection, expiresAt: Date.now() + lifetime, timer });
		return key;
	}

	/** The reflection under `key`, taken out so nobody can see it again; null when there is none. */
	take(key: string): Reflection | null {
		const entry = this.held.get(key);
		if (!entry) return null;
		this.drop(key);
		return Date.now() < entry.expiresAt ? entry.reflection : null;
	}

	/** How many reflections are waiting to be shown. */
	get size(): number {
		return this.held.size;
	}

	private drop(key: string): void {
		clearTimeout(this.held.get(key)?.timer);
		this.held.delete(key);
	}
}

const waiting = new HeldReflections();

/** Holds a staff member's reflection for the page that shows it once; answers its one-time key. */
export const holdReflection = (reflection: Reflection): string => waiting.hold(reflection);

/** Takes a held reflection out to show it; null once it was shown, expired, or never was. */
export const takeReflection = (key: string): Reflection | null => waiting.take(key);
