// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Session } from '$lib/server/session';
import type { User } from '$lib/server/user';

declare global {
	namespace App {
		interface Locals {
			user: User | null;
			session: Session | null;
		}
		interface Error {
			message: string;
			/** A second, plain sentence on what to do next. */
			detail?: string;
		}
	}
}

export {};
