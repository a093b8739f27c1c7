/**
 * The README's recipe for a real server, run: the built app behind a real Caddy over HTTPS, with
 * the Caddyfile and the systemd unit's environment read out of the README itself, so the recipe
 * can't drift from what is tested. Only what can't run here is changed: the site's name becomes
 * localhost, Caddy signs its own certificate (`tls internal`), and every port is a loopback one.
 *
 * Needs Caddy (`apt-get install -y caddy`; `.ci/run` installs it). Without it these tests are
 * reported as skipped, with the reason, never as passed.
 */
import { chromium, expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openConsumerLink, readDatabaseFile, scratchFolder, startServer, type ServerProcess } from './server-process';

const APP_PORT = 4194;
const HTTPS_PORT = 4195;
const HTTP_PORT = 4196;
const site = `https://localhost:${HTTPS_PORT}`;
/** Clients on loopback addresses of their own, as visitors come from addresses of their own. */
const visitorA = '127.0.0.2';
const visitorB = '127.0.0.3';
const forgedAddress = '203.0.113.9';

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

/** The code block of `language` in the README that contains `marker`, without its indentation. */
function readmeBlock(language: string, marker: string): string {
	const blocks = [...readme.matchAll(/^( *)```(\S*)\n([\s\S]*?)^\1```$/gm)]
		.filter((block) => block[2] === language)
		.map(([, indent, , body]) => body.replace(new RegExp(`^${indent}`, 'gm'), ''));
	const found = blocks.filter((body) => body.includes(marker));
	if (found.length !== 1) throw new Error(`The README should have one \`\`\`${language} block with ${marker}; it has ${found.length}.`);
	return found[0];
}

const caddyfile = () => readmeBlock('caddyfile', 'reverse_proxy');
const unit = () => readmeBlock('ini', '[Service]');

/** The README's Caddyfile, for loopback: the site on localhost with Caddy's own certificate authority. */
function caddyfileForTest(folder: string): string {
	const recipe = caddyfile();
	expect(recipe).toContain('survey.example.org {');
	expect(recipe).toContain('reverse_proxy 127.0.0.1:3000');
	const global = `{
	admin off
	skip_install_trust
	http_port ${HTTP_PORT}
	https_port ${HTTPS_PORT}
	default_bind 127.0.0.1
	storage file_system ${join(folder, 'storage')}
}
`;
	return (
		global +
		recipe
			.replace('survey.example.org {', `localhost {\n\ttls internal`)
			.replace('reverse_proxy 127.0.0.1:3000', `reverse_proxy 127.0.0.1:${APP_PORT}`)
	);
}

/** The unit's Environment= settings, with the test's address, port and folders. */
function environmentForTest(folder: string): Record<string, string> {
	const settings = Object.fromEntries([...unit().matchAll(/^Environment=([A-Z_]+)=(.*)$/gm)].map(([, name, value]) => [name, value]));
	expect(Object.keys(settings)).toEqual(expect.arrayContaining(['HOST', 'PORT', 'ORIGIN', 'ADDRESS_HEADER', 'XFF_DEPTH', 'DATABASE_PATH']));
	expect(settings.ORIGIN).toBe('https://survey.example.org');
	expect(settings.PORT).toBe('3000');
	return {
		...settings,
		ORIGIN: site,
		PORT: String(APP_PORT),
		DATABASE_PATH: join(folder, 'app.sqlite'),
		...(settings.BACKUP_DIR ? { BACKUP_DIR: join(folder, 'backups') } : {})
	};
}

function caddyVersion(): string | null {
	try {
		return execFileSync('caddy', ['version'], { encoding: 'utf8' }).trim();
	} catch {
		return null;
	}
}

const version = caddyVersion();
const noCaddy = 'Caddy is not installed, so the proxy tests cannot run: sudo apt-get install -y caddy';
if (!version) console.warn(`SKIPPED: ${noCaddy}`);

test.describe('behind Caddy, as the README sets it up', () => {
	test.describe.configure({ mode: 'serial' });
	test.skip(!version, noCaddy);

	let folder: string;
	let caddy: ChildProcess | undefined;
	let caddyOutput = '';
	let server: ServerProcess;
	let browser: Browser;
	let authority: Buffer;

	test.beforeAll(async () => {
		test.setTimeout(120_000);
		folder = scratchFolder();
		// Seeded as the demo, then run as in production: no demo, the unit's environment.
		const environment = environmentForTest(folder);
		const seeded = await startServer({ port: APP_PORT, demo: true, databaseFile: environment.DATABASE_PATH });
		await seeded.stop();
		server = await startServer({ port: APP_PORT, databaseFile: environment.DATABASE_PATH, env: environment });

		const config = join(folder, 'Caddyfile');
		writeFileSync(config, caddyfileForTest(folder));
		mkdirSync(join(folder, 'home'));
		caddy = spawn('caddy', ['run', '--config', config, '--adapter', 'caddyfile'], {
			env: {
				PATH: process.env.PATH,
				HOME: join(folder, 'home'),
				XDG_DATA_HOME: join(folder, 'data'),
				XDG_CONFIG_HOME: join(folder, 'config')
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		caddy.stdout!.on('data', (chunk) => (caddyOutput += chunk));
		caddy.stderr!.on('data', (chunk) => (caddyOutput += chunk));
		const root = join(folder, 'storage', 'pki', 'authorities', 'local', 'root.crt');
		try {
			await expect
				.poll(async () => existsSync(root) && (await fetchThroughCaddy('/healthz', { ca: readFileSync(root) }).catch(() => null))?.status, {
					timeout: 60_000
				})
				.toBe(200);
		} catch (problem) {
			throw new Error(`Caddy did not come up:\n${caddyOutput}`, { cause: problem });
		}
		authority = readFileSync(root);
		const launch = test.info().project.use.launchOptions ?? {};
		browser = await chromium.launch(launch);
	});

	test.afterAll(async () => {
		await browser?.close();
		if (caddy && caddy.exitCode === null) {
			const exited = new Promise((done) => caddy!.once('exit', done));
			caddy.kill('SIGTERM');
			await exited;
		}
		await server?.stop();
	});

	/** A request through Caddy over HTTPS, from `localAddress`, trusting Caddy's own authority. */
	function fetchThroughCaddy(
		path: string,
		{
			ca = authority,
			localAddress = '127.0.0.1',
			method = 'GET',
			headers = {},
			body = ''
		}: { ca?: Buffer; localAddress?: string; method?: string; headers?: Record<string, string>; body?: string } = {}
	): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
		return new Promise((done, failed) => {
			const request = httpsRequest(
				{
					host: '127.0.0.1',
					port: HTTPS_PORT,
					servername: 'localhost',
					ca,
					localAddress,
					method,
					path,
					headers: { host: `localhost:${HTTPS_PORT}`, ...headers }
				},
				(response) => {
					let text = '';
					response.on('data', (chunk) => (text += chunk));
					response.on('end', () => done({ status: response.statusCode!, headers: response.headers, body: text }));
				}
			);
			request.on('error', failed);
			request.end(body);
		});
	}

	const newContext = (javaScriptEnabled = true): Promise<BrowserContext> =>
		browser.newContext({ baseURL: site, ignoreHTTPSErrors: true, javaScriptEnabled });

	const responses = () =>
		readDatabaseFile(server.databaseFile, (database) => database.prepare('SELECT count(*) FROM responses').pluck().get() as number);

	test('/healthz answers through the proxy, over HTTPS only', async () => {
		const health = await fetchThroughCaddy('/healthz');
		expect(health.status).toBe(200);
		expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
		expect(health.headers['strict-transport-security']).toBe('max-age=31536000');
		// Plain http is sent on to https.
		const plain = await new Promise<{ status: number; location?: string }>((done, failed) =>
			httpRequest({ host: '127.0.0.1', port: HTTP_PORT, path: '/healthz', headers: { host: 'localhost' } }, (response) => {
				response.resume();
				done({ status: response.statusCode!, location: response.headers.location });
			})
				.on('error', failed)
				.end()
		);
		expect(plain.status).toBe(308);
		expect(plain.location).toMatch(/^https:\/\/localhost(:\d+)?\/healthz$/);
	});

	test('signing in sets a __Host- cookie that is Secure and HttpOnly', async () => {
		const context = await newContext();
		try {
			const page = await context.newPage();
			await page.goto('/login');
			await page.getByLabel('Username').fill('demo');
			await page.getByLabel('Password').fill('any positive change');
			await page.getByRole('button', { name: 'Sign in' }).click();
			// Outside the demo its admin is an admin like any other: set up a second factor first.
			await expect(page).toHaveURL(`${site}/manage/security`);
			const cookies = await context.cookies();
			expect(cookies.map((cookie) => cookie.name)).toEqual(['__Host-session']);
			expect(cookies[0]).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Lax' });
			await expect(page.getByText('Signed in as demo (admin)')).toBeVisible();
		} finally {
			await context.close();
		}
	});

	test('survey forms work through the proxy, with and without JavaScript', async () => {
		const path = `/s/${openConsumerLink(server.databaseFile)}`;
		for (const javaScript of [true, false]) {
			const before = responses();
			const context = await newContext(javaScript);
			try {
				const page = await context.newPage();
				await page.goto(path);
				await page.getByRole('group', { name: 'Staff really listen to me.' }).getByLabel('Often').check();
				await page.getByRole('button', { name: 'Send my answers' }).click();
				await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
				expect(responses(), `JavaScript ${javaScript ? 'on' : 'off'}`).toBe(before + 1);
			} finally {
				await context.close();
			}
		}
	});

	test('the rate limit counts each visitor Caddy forwards, and a forged X-Forwarded-For changes nothing', async () => {
		test.setTimeout(120_000);
		const path = `/s/${openConsumerLink(server.databaseFile)}`;
		const send = (localAddress: string, forwardedFor?: string) =>
			fetchThroughCaddy(path, {
				localAddress,
				method: 'POST',
				headers: {
					origin: site,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded',
					...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {})
				},
				body: 'hr.listen=4&hr.trust=5'
			}).then((response) => response.status);
		const before = responses();

		// Visitor A uses up the burst of 60, then is refused, whatever address it claims to be.
		for (let i = 0; i < 60; i++) expect(await send(visitorA), `submission ${i + 1}`).toBe(303);
		expect(await send(visitorA)).toBe(429);
		expect(await send(visitorA, forgedAddress)).toBe(429);
		expect(await send(visitorA, `${forgedAddress}, 198.51.100.7`)).toBe(429);
		// Visitor B, behind the same proxy, has a limit of its own, even when claiming to be A.
		expect(await send(visitorB, visitorA)).toBe(303);
		expect(await send(visitorB)).toBe(303);
		expect(responses()).toBe(before + 62);

		// Neither Caddy nor the app writes down who sent them.
		for (const address of [visitorA, visitorB, forgedAddress]) {
			expect(caddyOutput, 'Caddy’s output').not.toContain(address);
			expect(server.output(), 'the app’s output').not.toContain(address);
		}
	});
});

test('the README’s systemd unit is one systemd reads without a complaint', async () => {
	const verify = spawnSync('systemd-analyze', ['--version']);
	test.skip(verify.error !== undefined, 'systemd-analyze is not installed, so the unit cannot be checked here');
	const file = join(scratchFolder(), 'any-positive-change.service');
	writeFileSync(file, unit());
	const result = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
	expect(result.stderr + result.stdout).toBe('');
	expect(result.status).toBe(0);
	expect(unit()).toMatch(/^ProtectSystem=strict$/m);
	expect(unit()).toMatch(/^Restart=on-failure$/m);
	expect(unit()).toMatch(/^User=any-positive-change$/m);
	expect(unit()).toMatch(/^Environment=DATABASE_PATH=\/var\/lib\/any-positive-change\//m);
});
