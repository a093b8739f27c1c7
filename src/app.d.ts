// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/** A second, plain sentence on what to do next. */
			detail?: string;
		}
	}
}

export {};
