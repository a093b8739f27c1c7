import type { ParamMatcher } from '@sveltejs/kit';

/**
 * A round's id in an address, written as the app writes it: "007", "1.5" or "abc" name no round,
 * so such an address is a page that doesn't exist, and every page below can read the id as a number.
 */
export const match = ((param: string) => /^[1-9]\d{0,14}$/.test(param)) satisfies ParamMatcher;
