import { json } from '@sveltejs/kit';
import { checkHealth } from '$lib/server/health';
import type { RequestHandler } from './$types';

/** 200 when the service can take answers (and whether the order of answers is still on disk); 503, with the reason, when it can't. */
export const GET: RequestHandler = () => {
	const health = checkHealth();
	if (health.ok) return json({ status: 'ok', schema: health.schema, orderErasure: health.orderErasure });
	return json({ status: 'unavailable', problem: health.problem }, { status: 503 });
};
