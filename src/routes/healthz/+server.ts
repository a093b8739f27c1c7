import { json } from '@sveltejs/kit';
import { sql } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** 200 when the database answers a query, 503 when it does not. */
export const GET: RequestHandler = () => {
	try {
		const schema = sql<[], number>('SELECT max(version) FROM schema_migrations').pluck().get();
		return json({ status: 'ok', schema });
	} catch {
		return json({ status: 'unavailable' }, { status: 503 });
	}
};
