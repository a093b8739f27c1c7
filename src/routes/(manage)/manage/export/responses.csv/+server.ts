import { csvResponse } from '$lib/csv';
import { responsesCsv } from '$lib/server/exports';
import { requireUser } from '$lib/server/guard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => {
	requireUser(locals, 'admin');
	return csvResponse('responses.csv', responsesCsv());
};
