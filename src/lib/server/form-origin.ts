/**
 * Forms are taken only from this service's own address (`ORIGIN`), so another site can't post
 * answers or act for a signed-in manager. SvelteKit's own check can only answer a bare line of
 * English; this one lets a survey come back filled in, gives other pages a plain page, and tells
 * whoever runs the server what to set.
 */

/** What a browser form can send to another site without asking it first, and SvelteKit's own form type. */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/x-sveltekit-formdata'];
const CHANGING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

function isFormPost(request: Request): boolean {
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
	return CHANGING_METHODS.includes(request.method) && FORM_TYPES.includes(type);
}

/**
 * The origin a form came from when it must be refused (an empty string when the browser sent
 * none), or null when it may be taken. With `trustBrowserAddress` (the demo only), a form is also
 * taken from whatever address the browser used to reach this server: localhost, a LAN address.
 */
export function refusedFormOrigin(request: Request, url: URL, trustBrowserAddress: boolean): string | null {
	if (!isFormPost(request)) return null;
	const origin = request.headers.get('origin');
	if (origin === url.origin) return null;
	// The host the browser asked for, on the scheme the server is set up for (ORIGIN's).
	const host = request.headers.get('host');
	if (trustBrowserAddress && host && origin === `${url.protocol}//${host}`) return null;
	return origin ?? '';
}

/**
 * The address to print on links, posters and slips: this service's (`ORIGIN`), or in the demo the
 * address the manager's browser used, so a poster printed from a laptop on the drop-in center's
 * Wi-Fi leads a tablet to the laptop, not to "localhost".
 */
export function linkOrigin(request: Request, url: URL): string {
	const host = request.headers.get('host');
	return process.env.DEMO === '1' && host && /^[\w.:[\]-]+$/.test(host) ? `${url.protocol}//${host}` : url.origin;
}

/** Past this many different origins, no more are logged: a flood of forged ones can't fill the log. */
const MOST_ORIGINS_LOGGED = 20;
const loggedOrigins = new Set<string>();

/** Says once per origin, in the server's log, which origin a refused form came from and what to set. */
export function logRefusedOrigin(seen: string, expected: string): void {
	if (loggedOrigins.has(seen) || loggedOrigins.size >= MOST_ORIGINS_LOGGED) return;
	loggedOrigins.add(seen);
	const shown = JSON.stringify(seen.slice(0, 200));
	console.warn(
		/^https?:\/\/[^\s/]+$/.test(seen)
			? `Refused a form sent from ${shown}: forms are taken only from ${expected}. If people reach this service at ${seen}, set ORIGIN=${seen} and restart the server.`
			: `Refused a form sent with the origin ${shown} (a browser's privacy setting, or another site): forms are taken only from ${expected}, set by ORIGIN.`
	);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * The answer to a refused form on any page but a survey's: a plain page saying nothing was saved
 * and where the service is, or the same in JSON for a page that sent it with JavaScript.
 */
export function refusedFormResponse(request: Request, url: URL): Response {
	const message = 'Nothing was saved: this form was sent from a different address than this service uses.';
	const detail = `Please open ${url.origin} and try again there.`;
	// A form sent with JavaScript reads an action result: it then shows the page's error message.
	if (request.headers.get('x-sveltekit-action') === 'true') {
		return Response.json({ type: 'error', error: { message, detail } }, { status: 403 });
	}
	if (request.headers.get('accept') === 'application/json') return Response.json({ message }, { status: 403 });
	const here = escapeHtml(url.origin + url.pathname);
	const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not saved · Any Positive Change</title></head>
<body><main><h1>Not saved</h1><p>${escapeHtml(message)}</p><p>Please open <a href="${here}">${here}</a> and try again there.</p>
<p>If that is not the address you use for this service, ask whoever runs it to set its address (ORIGIN) to the one you use.</p></main></body>
</html>`;
	return new Response(page, { status: 403, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
