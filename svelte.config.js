import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';

// SvelteKit's route announcer (a visually hidden live region it adds once a page's script runs)
// carries this style attribute. A strict style-src refuses it, leaving the announcer visible and
// an error in the console, so exactly this value is allowed, by its hash, and no other.
const announcerStyle =
	'position: absolute; left: 0; top: 0; clip: rect(0 0 0 0); clip-path: inset(50%); overflow: hidden; white-space: nowrap; width: 1px; height: 1px';
const announcerStyleHash = `sha256-${createHash('sha256').update(announcerStyle).digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// The stylesheet (about 6 KB) goes inside the page: a phone on a slow connection can draw
		// the survey without waiting for a second request.
		inlineStyleThreshold: 8192,
		// The origin of posted forms is checked by the app itself (src/lib/server/hooks/form-origin.ts),
		// so a refused survey comes back filled in and other forms get a plain page, not a bare line.
		csrf: { trustedOrigins: ['*'] },
		// Survey pages load nothing from another origin: everything is 'self', and SvelteKit
		// adds hashes of the few inline scripts and styles it writes itself. Hashes, not nonces:
		// a survey page made once is sent to everyone as it is, and a nonce must differ each time.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-hashes', announcerStyleHash],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'base-uri': ['none'],
				'object-src': ['none'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
