import { error } from '@sveltejs/kit';
import type { Role, User } from './user';

/** The routes only admins may use: accounts, agency settings, the export of responses. Managers get 403. */
export const adminOnlyRoutes = ['/(manage)/manage/accounts', '/(manage)/manage/settings', '/(manage)/manage/export/responses.csv'];

export const isManageRoute = (routeId: string | null) => routeId?.startsWith('/(manage)/') ?? false;
export const isSurveyRoute = (routeId: string | null) => routeId?.startsWith('/(survey)/') ?? false;
export const isAdminOnlyRoute = (routeId: string | null) =>
	adminOnlyRoutes.some((prefix) => routeId === prefix || routeId?.startsWith(`${prefix}/`));

/**
 * The signed-in user, or a 401/403. Every load and action under /manage calls this itself, so a
 * layout's load is never what guards an action.
 */
export function requireUser(locals: App.Locals, role: Role = 'manager'): User {
	const user = locals.user;
	if (!user) error(401, { message: 'Please sign in first.' });
	if (role === 'admin' && user.role !== 'admin') error(403, { message: 'Only an admin can do this.' });
	return user;
}
