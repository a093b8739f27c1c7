import { describe, expect, it } from 'vitest';
import { isAdminOnlyRoute } from '$lib/server/guard';
import type { User } from '$lib/server/user';

/** Every server module of the manage area: a route added later is checked here without a new line. */
const modules = Object.fromEntries(
	Object.entries(
		import.meta.glob<Record<string, unknown>>(['/src/routes/**/+{page,layout}.server.ts', '/src/routes/**/+server.ts'], {
			eager: true
		})
	).filter(([file]) => file.startsWith('/src/routes/(manage)/'))
);

const routeId = (file: string) => file.replace('/src/routes', '').replace(/\/\+(page\.server|layout\.server|server)\.ts$/, '');

const manager: User = { id: 1, username: 'rosa', role: 'manager', disabled: false };

function event(user: User | null) {
	return {
		locals: { user, session: null },
		params: { id: '1', token: 'not-a-token' },
		url: new URL('http://localhost/manage'),
		request: new Request('http://localhost/manage', { method: 'POST', body: new URLSearchParams({ token: 'x' }) }),
		cookies: { get: () => undefined, set: () => {}, delete: () => {}, getAll: () => [], serialize: () => '' },
		getClientAddress: () => '192.0.2.1',
		parent: async () => ({}),
		setHeaders: () => {}
	};
}

/** What a load or action does for this user: the status it refuses with, or 'ran' when it did not refuse. */
async function statusFor(handler: (event: unknown) => unknown, user: User | null): Promise<number | 'ran'> {
	try {
		await handler(event(user));
		return 'ran';
	} catch (thrown) {
		const status = (thrown as { status?: number }).status;
		if (typeof status === 'number') return status;
		throw thrown;
	}
}

const handlers = Object.entries(modules).flatMap(([file, module]) => {
	const found: { name: string; route: string; handler: (event: unknown) => unknown }[] = [];
	if (typeof module.load === 'function') found.push({ name: `${routeId(file)} load`, route: routeId(file), handler: module.load as never });
	for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
		if (typeof module[method] === 'function')
			found.push({ name: `${routeId(file)} ${method}`, route: routeId(file), handler: module[method] as never });
	}
	for (const [action, handler] of Object.entries((module.actions as Record<string, unknown>) ?? {})) {
		found.push({ name: `${routeId(file)} ?/${action}`, route: routeId(file), handler: handler as never });
	}
	return found;
});

describe('every load and action of the manage area checks the session itself', () => {
	it('finds the manage area’s loads and actions', () => {
		expect(handlers.length).toBeGreaterThanOrEqual(20);
	});

	it.each(handlers.map((found) => [found.name, found] as const))('%s refuses the signed-out with 401', async (_, found) => {
		expect(await statusFor(found.handler, null)).toBe(401);
	});

	const adminOnly = handlers.filter((found) => isAdminOnlyRoute(found.route));
	it('finds the admin-only pages', () => {
		expect(adminOnly.map((found) => found.route)).toEqual(
			expect.arrayContaining(['/(manage)/manage/accounts', '/(manage)/manage/settings', '/(manage)/manage/export/responses.csv'])
		);
	});

	it.each(adminOnly.map((found) => [found.name, found] as const))('%s refuses a manager with 403', async (_, found) => {
		expect(await statusFor(found.handler, manager)).toBe(403);
	});
});
