import { isHttpError } from '@sveltejs/kit';
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminOnlyRoutes, isAdminOnlyRoute, isManageRoute, isSurveyRoute, requireUser } from '$lib/server/guard';
import type { User } from '$lib/server/user';

const manager: User = { id: 1, username: 'manager', role: 'manager', disabled: false };
const admin: User = { id: 2, username: 'admin', role: 'admin', disabled: false };
const locals = (user: User | null): App.Locals => ({ user, session: null });

/** What `work` throws, or a failure when it throws nothing. */
function thrownBy(work: () => unknown): unknown {
	try {
		work();
	} catch (thrown) {
		return thrown;
	}
	throw new Error('Expected a refusal, but nothing was thrown');
}

/** Every route id in the app that has server code, as SvelteKit names them. */
function serverRoutes(): { id: string; file: string }[] {
	const root = join(process.cwd(), 'src', 'routes');
	const found: { id: string; file: string }[] = [];
	const walk = (folder: string) => {
		for (const entry of readdirSync(folder, { withFileTypes: true })) {
			const path = join(folder, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (/^\+(page|layout)\.server\.ts$|^\+server\.ts$/.test(entry.name)) {
				const id = '/' + relative(root, folder).split(sep).join('/');
				found.push({ id: id === '/' ? '/' : id.replace(/\/$/, ''), file: path });
			}
		}
	};
	walk(root);
	return found;
}

describe('route classes', () => {
	it('count everything under (manage) as signed-in only, and nothing else', () => {
		expect(isManageRoute('/(manage)/manage')).toBe(true);
		expect(isManageRoute('/(manage)/manage/rounds/[id]')).toBe(true);
		expect(isManageRoute('/(manage)/manage/rounds/[id]/paper-entry/[token]')).toBe(true);
		for (const id of ['/', '/about', '/healthz', '/(auth)/login', '/(survey)/s/[token]', '/manage', '/(manager)/x', null]) {
			expect(isManageRoute(id), String(id)).toBe(false);
		}
	});

	it('count everything under (survey) as a survey page, where no session is read', () => {
		expect(isSurveyRoute('/(survey)/s/[token]')).toBe(true);
		for (const id of ['/', '/(manage)/manage', '/(auth)/login', '/survey', null]) {
			expect(isSurveyRoute(id), String(id)).toBe(false);
		}
	});

	it('keep accounts and agency settings, and the pages under them, for admins only', () => {
		expect(adminOnlyRoutes).toEqual(['/(manage)/manage/accounts', '/(manage)/manage/settings', '/(manage)/manage/export/responses.csv']);
		expect(isAdminOnlyRoute('/(manage)/manage/accounts')).toBe(true);
		expect(isAdminOnlyRoute('/(manage)/manage/accounts/[id]')).toBe(true);
		expect(isAdminOnlyRoute('/(manage)/manage/settings')).toBe(true);
		for (const id of [
			'/(manage)/manage',
			'/(manage)/manage/rounds',
			'/(manage)/manage/password',
			'/(manage)/manage/accountsexport',
			'/(manage)/manage/settings-help',
			'/(auth)/login',
			null
		]) {
			expect(isAdminOnlyRoute(id), String(id)).toBe(false);
		}
	});

	it('leave no page of the app unclassified: manage pages are exactly those under /manage', () => {
		const routes = serverRoutes();
		expect(routes.length).toBeGreaterThan(5);
		for (const { id } of routes) {
			expect(isManageRoute(id), id).toBe(id.startsWith('/(manage)/manage'));
			expect(isManageRoute(id) && isSurveyRoute(id), id).toBe(false);
		}
		expect(routes.some(({ id }) => isAdminOnlyRoute(id))).toBe(true);
	});
});

describe('requireUser', () => {
	it('answers 401 to someone signed out', () => {
		for (const role of ['manager', 'admin'] as const) {
			const thrown = thrownBy(() => requireUser(locals(null), role));
			expect(isHttpError(thrown, 401), role).toBe(true);
			expect(thrown).toMatchObject({ status: 401, body: { message: expect.stringMatching(/sign in/) } });
		}
	});

	it('answers 403 to a manager where an admin is needed', () => {
		const thrown = thrownBy(() => requireUser(locals(manager), 'admin'));
		expect(isHttpError(thrown, 403)).toBe(true);
		expect(thrown).toMatchObject({ status: 403, body: { message: expect.stringMatching(/admin/) } });
	});

	it('lets a manager in where a manager is enough', () => {
		expect(requireUser(locals(manager))).toBe(manager);
		expect(requireUser(locals(manager), 'manager')).toBe(manager);
	});

	it('sends an admin without a second factor to set one up, before anything else', () => {
		for (const role of ['manager', 'admin'] as const) {
			const thrown = thrownBy(() => requireUser(locals(admin), role));
			expect(thrown).toMatchObject({ status: 403, body: { message: expect.stringMatching(/Set up a second factor/) } });
		}
	});
});
