// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Session } from '$lib/server/session';
import type { User } from '$lib/server/user';
import type { Shown } from '$lib/i18n';

declare global {
	namespace App {
		interface Locals {
			user: User | null;
			session: Session | null;
			/** Set when a survey form came from another origin: its action refuses it (hooks/form-origin.ts). */
			foreignOrigin?: string;
		}
		interface Error {
			message: string;
			/** A second, plain sentence on what to do next. */
			detail?: string;
			/** A page to go on to: a staff link's "My reflections", whatever its round's status. */
			next?: { href: string; text: string };
			/** A survey link's page keeps the survey's header: whose survey it is, and the language switch. */
			header?: { agencyName: string; programName: Shown | null };
		}
	}
}

export {};
