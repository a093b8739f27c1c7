import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Form posts are checked by the formOrigin hook instead (src/lib/server/hooks/form-origin.ts),
		// which must accept survey posts that a browser sends with no origin because of no-referrer.
		csrf: { trustedOrigins: ['*'] },
		// Survey pages load nothing from another origin: everything is 'self', and SvelteKit
		// adds hashes or nonces for the few inline scripts it writes itself.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
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
