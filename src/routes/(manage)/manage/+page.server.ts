import { requireUser } from '$lib/server/guard';
import { listRounds } from '$lib/server/rounds';
import type { PageServerLoad } from './$types';

export const load = (({ locals }) => {
	requireUser(locals);
	return { rounds: listRounds().map(({ id, name, status, plannedStart, plannedEnd }) => ({ id, name, status, plannedStart, plannedEnd })) };
}) satisfies PageServerLoad;
