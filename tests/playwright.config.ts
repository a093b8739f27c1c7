import { chromium, defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Another port can be given, so two checkouts can run their browser tests side by side.
const port = Number(process.env.E2E_PORT ?? 4173);
const origin = `http://127.0.0.1:${port}`;

/**
 * The browser to test with: CHROMIUM_PATH, else the system Chromium, else Playwright's own.
 * Returns undefined for Playwright's own, and stops with a plain instruction when there is none.
 */
function chromiumPath(): string | undefined {
	const asked = process.env.CHROMIUM_PATH;
	if (asked) {
		if (existsSync(asked)) return asked;
		throw new Error(`CHROMIUM_PATH is set to ${asked}, but there is no browser there.`);
	}
	const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
	if (system) return system;
	if (existsSync(chromium.executablePath())) return undefined;
	throw new Error(
		[
			'The browser tests need Chromium, and none was found.',
			'  Debian or Ubuntu: sudo apt-get install -y chromium',
			'  Elsewhere, with network access: npx playwright install chromium',
			'  Or point CHROMIUM_PATH at a Chromium or Chrome binary.'
		].join('\n')
	);
}

export default defineConfig({
	testDir: 'e2e',
	outputDir: 'e2e/.results',
	fullyParallel: false,
	workers: 1,
	// One more try for a test that fails once: on a shared two-core machine a few long browser tests
	// (printing, persistent profiles, second-factor sign-ins) have run out of time once under load.
	// A test that fails twice still fails the run, and the list says which needed a second try.
	retries: 1,
	timeout: 60_000,
	reporter: [['list']],
	use: {
		baseURL: origin,
		browserName: 'chromium',
		launchOptions: {
			executablePath: chromiumPath(),
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		}
	},
	webServer: {
		// A fresh demo database for every run: its own file, never the demo's or the app's.
		command: 'rm -f db/e2e.sqlite db/e2e.sqlite-wal db/e2e.sqlite-shm && node build/index.js',
		cwd: root,
		url: `${origin}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			DEMO: '1',
			DATABASE_PATH: 'db/e2e.sqlite',
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: origin
		}
	}
});
