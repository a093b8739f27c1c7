import { csvResponse } from '$lib/csv';
import { responsesCsv } from '$lib/server/exports';
import { requireRecentCheck, requireUser } from '$lib/server/guard';
import type { RequestHandler } from './$types';

// Every response, comments included: the password or second factor must have been checked in the last ten minutes.
export const GET: RequestHandler = ({ locals, url }) => {
	requireUser(locals, 'admin');
	requireRecentCheck(locals, url.pathname);
	return csvResponse('responses.csv', responsesCsv());
};
