import { csvResponse } from '$lib/csv';
import { aggregatesCsv } from '$lib/server/exports';
import { requireUser } from '$lib/server/guard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => {
	requireUser(locals);
	return csvResponse('aggregates.csv', aggregatesCsv());
};
