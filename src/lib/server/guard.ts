import { error, redirect } from '@sveltejs/kit';
import { hasSecondFactor, mustSetUpSecondFactor } from './second-factor';
import { isRecentlyChecked } from './session';
import type { Role, User } from './user';

/** The routes only admins may use: accounts, agency settings, the export of responses. Managers get 403. */
export const adminOnlyRoutes = ['/(manage)/manage/accounts', '/(manage)/manage/settings', '/(manage)/manage/export/responses.csv'];

/** The manage pages an account that must set up a second factor may use: to set it up, and to confirm it is them first. */
export const settingUpRoutes = ['/(manage)/manage/security', '/(manage)/manage/confirm'];

export const isManageRoute = (routeId: string | null) => routeId?.startsWith('/(manage)/') ?? false;
export const isSurveyRoute = (routeId: string | null) => routeId?.startsWith('/(survey)/') ?? false;
export const isAdminOnlyRoute = (routeId: string | null) =>
	adminOnlyRoutes.some((prefix) => routeId === prefix || routeId?.startsWith(`${prefix}/`));

/** Only a path in the manage area, so a crafted link can't send someone elsewhere after signing in. */
export function safeRedirect(target: string | null): string {
	return target && /^\/manage(?:[/?#][\x21-\x7e]*)?$/.test(target) ? target : '/manage';
}

/** Whether the session still owes the account's second factor. */
export const owesSecondFactor = (locals: App.Locals) =>
	locals.user !== null && !locals.session?.secondFactorPassed && hasSecondFactor(locals.user.id);

/**
 * Signed in, with the second factor passed when the account has one, or a 401; an account that
 * still has to set one up gets no further than this. Only the Security page, where it is set up,
 * asks no more.
 */
export function requireSignedIn(locals: App.Locals): User {
	const user = locals.user;
	if (!user) error(401, { message: 'Please sign in first.' });
	if (owesSecondFactor(locals)) error(401, { message: 'Please finish signing in with your second factor first.' });
	return user;
}

/**
 * The signed-in user, or a 401/403. Every load and action under /manage calls this itself, so a
 * layout's load is never what guards an action.
 */
export function requireUser(locals: App.Locals, role: Role = 'manager'): User {
	const user = requireSignedIn(locals);
	if (mustSetUpSecondFactor(user)) error(403, { message: 'Set up a second factor first, on the Security page.' });
	if (role === 'admin' && user.role !== 'admin') error(403, { message: 'Only an admin can do this.' });
	return user;
}

/**
 * Sensitive actions (the responses export, account changes, settings, closing a round) need the
 * password or second factor checked within the last ten minutes; otherwise the person is sent
 * to confirm it is them, and back to `returnTo` afterwards.
 */
export function requireRecentCheck(locals: App.Locals, returnTo: string): void {
	if (locals.session && isRecentlyChecked(locals.session)) return;
	redirect(303, `/manage/confirm?redirectTo=${encodeURIComponent(safeRedirect(returnTo))}`);
}
