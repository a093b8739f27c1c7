import type { Audience } from '$lib/instruments';

/** Where a response belongs. Nothing about the person who gave it is ever part of this. */
export interface ResponseGroup {
	roundId: number;
	audience: Audience;
	programId: number | null;
}
