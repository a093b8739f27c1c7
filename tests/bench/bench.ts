/**
 * `npm run bench`: the figures in BENCHMARKS.md, measured against the production build on
 * loopback (with RATE_LIMIT=off), and printed as one table with the machine and the date.
 */
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { openConsumerLink, readDatabaseFile, startServer } from '../e2e/server-process';
import { lighthouseSurvey } from './lighthouse';
import { seedYears, timeDashboard } from './results-load';
import { currentInstrument } from '$lib/instruments';
import { createUser } from '$lib/server/user';

const port = 4190;
const origin = `http://127.0.0.1:${port}`;
const folder = mkdtempSync(join(tmpdir(), 'apc-bench-'));
const databaseFile = join(folder, 'bench.sqlite');

interface Row {
	measure: string;
	result: string;
	budget: string;
	met: boolean | null;
}

/** The server's resident memory now, in MiB, from /proc (Linux). */
function rssMiB(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** Ten seconds from 20 connections, after three seconds of the same to warm the server up (not counted). */
async function load(options: autocannon.Options) {
	const warmup = { connections: 20, duration: 3 };
	return autocannon({ duration: 10, connections: 20, ...options, ...({ warmup } as object) });
}

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Bytes a first view of the survey transfers, with and without JavaScript: as sent over the
 * wire (compressed, as the server sends them to Chromium) and as read once decompressed.
 */
async function pageWeight(path: string) {
	const browser = await chromium.launch({
		executablePath: chromiumPath,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
	const weigh = async (javaScriptEnabled: boolean) => {
		const context = await browser.newContext({ javaScriptEnabled });
		const page = await context.newPage();
		const sizes: Promise<{ sent: number; raw: number }>[] = [];
		page.on('requestfinished', (request) =>
			sizes.push(
				(async () => {
					const response = await request.response();
					return { sent: (await request.sizes()).responseBodySize, raw: (await response?.body())?.length ?? 0 };
				})()
			)
		);
		await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
		const all = await Promise.all(sizes);
		await context.close();
		return {
			raw: all.reduce((sum, size) => sum + size.raw, 0) / 1024,
			sent: all.reduce((sum, size) => sum + size.sent, 0) / 1024
		};
	};
	const withJs = await weigh(true);
	const withoutJs = await weigh(false);
	await browser.close();
	return { withJs, withoutJs };
}

/** `npm run bench -- server` or `-- results` measures only that part; without a name, everything. */
const asked = process.argv[2];
const wanted = (part: 'server' | 'results') => asked === undefined || asked === part;

async function main() {
	// Called by measureResults in a process of its own, to time the dashboard as after a restart.
	if (asked === 'dashboard') {
		process.env.DATABASE_PATH = process.argv[3];
		console.log(JSON.stringify(timeDashboard()));
		return;
	}
	const rows: Row[] = [];
	if (wanted('server')) await measureServer(rows);
	if (wanted('results')) await measureResults(rows);

	const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
	console.log(`Any Positive Change benchmarks, ${new Date().toISOString().slice(0, 10)}, on ${machine}\n`);
	console.log('| measure | result | budget | met |');
	console.log('|---|---|---|---|');
	for (const row of rows)
		console.log(`| ${row.measure} | ${row.result} | ${row.budget} | ${row.met === null ? '–' : row.met ? 'yes' : 'NO'} |`);
}

/** Submissions, the survey page, its weight and Lighthouse, against the production server. */
async function measureServer(rows: Row[]) {
	const server = await startServer({ port, demo: true, databaseFile, env: { RATE_LIMIT: 'off' } });
	const pid = server.child.pid!;
	try {
		const token = openConsumerLink(databaseFile);
		const path = `/s/${token}`;

		// The page in a browser first, on a server at rest, as a respondent finds it.
		const weight = await pageWeight(path);
		rows.push({
			measure: 'Survey first view with JavaScript: sent compressed / decompressed',
			result: `${weight.withJs.sent.toFixed(1)} KB / ${weight.withJs.raw.toFixed(1)} KB`,
			budget: '≤ 60 KB compressed',
			met: weight.withJs.sent <= 60
		});
		rows.push({
			measure: 'Survey first view without JavaScript: sent compressed / decompressed',
			result: `${weight.withoutJs.sent.toFixed(1)} KB / ${weight.withoutJs.raw.toFixed(1)} KB`,
			budget: '≤ 60 KB compressed',
			met: weight.withoutJs.sent <= 60
		});

		// Lighthouse's figures vary from run to run: the median of three, as its authors advise.
		const runs = [];
		for (let run = 0; run < 3; run++) runs.push(await lighthouseSurvey(`${origin}${path}`, chromiumPath));
		const lighthouse = runs.sort((a, b) => a.lcpMs - b.lcpMs)[1];
		rows.push({
			measure: 'Lighthouse, survey page, mobile on simulated slow 4G: largest contentful paint',
			result: `${(lighthouse.lcpMs / 1000).toFixed(2)} s, median of 3 (${runs.map((run) => (run.lcpMs / 1000).toFixed(2)).join(', ')}); performance score ${lighthouse.performance}`,
			budget: '< 1.5 s',
			met: lighthouse.lcpMs < 1500
		});
		rows.push({
			measure: 'Lighthouse accessibility score, survey page',
			result: runs.map((run) => run.accessibility).join(', '),
			budget: '100',
			met: runs.every((run) => run.accessibility === 100)
		});

		// Submissions: valid consumer answers, as a browser without JavaScript posts them.
		let peak = rssMiB(pid);
		const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 100);
		const submit = await load({
			url: `${origin}${path}`,
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin, accept: 'text/html' },
			body: 'hr.listen=4&hr.trust=5&hr.patience=unsure&stc.goals=3&stc.treated=5&comment=Thanks'
		});
		clearInterval(sampler);
		const ok = submit['2xx'] + submit['3xx'];
		rows.push({
			measure: 'Submissions per second (valid posts, synchronous=FULL)',
			result: `${Math.round(submit.requests.average)}/s (${ok} stored, ${submit.non2xx - submit['3xx']} refused, ${submit.errors} errors)`,
			budget: '≥ 1,000/s',
			met: submit.requests.average >= 1000
		});
		rows.push({
			measure: 'Submission latency p50 / p99',
			result: `${submit.latency.p50} ms / ${submit.latency.p99} ms`,
			budget: 'p99 < 50 ms',
			met: submit.latency.p99 < 50
		});
		rows.push({ measure: 'Server peak RSS during submissions', result: `${Math.round(peak)} MiB`, budget: '(reported)', met: null });

		const page = await load({ url: `${origin}${path}` });
		rows.push({
			measure: 'Survey page requests per second',
			result: `${Math.round(page.requests.average)}/s, p99 ${page.latency.p99} ms`,
			budget: '(reported)',
			met: null
		});
	} finally {
		await server.stop();
	}
}

/** The results dashboard's data over ten years of rounds, in this process; then its pages, whole, from the server. */
async function measureResults(rows: Row[]) {
	const yearsFile = join(folder, 'years.sqlite');
	const years = seedYears(yearsFile);
	const manager = { username: 'bench-manager', password: 'ten years of quarterly rounds' };
	await createUser(manager.username, manager.password, 'manager');
	// A fresh process, as a server just started: nothing read or compiled yet.
	const timed = spawnSync(process.execPath, [process.argv[1], 'dashboard', yearsFile], { encoding: 'utf8' });
	if (timed.status !== 0) throw new Error(`Timing the dashboard failed: ${timed.stderr}`);
	const dashboard = JSON.parse(timed.stdout) as ReturnType<typeof timeDashboard>;
	rows.push({
		measure: `Results landing page data (summary, heatmap of ${dashboard.heatmapCells.toLocaleString('en')} cells, trends, mirror view, distributions), 10 years quarterly (${years.rounds} rounds, ${years.answers.toLocaleString('en')} answers)`,
		result: `a manager's first view ${dashboard.first.toFixed(1)} ms, then median ${dashboard.median.toFixed(1)} ms, worst ${dashboard.worst.toFixed(1)} ms of ${dashboard.runs}, each summing up another round; results built once at start-up and at each close in ${dashboard.built.toFixed(1)} ms`,
		budget: '< 50 ms',
		met: dashboard.first < 50 && dashboard.worst < 50
	});
	await measureResultsPages(rows, yearsFile, manager, `${years.rounds} rounds`);
}

/**
 * One request to the bench server, its body read to the end. Node's own http, not fetch: fetch
 * refuses the bench's port (4190 is on the Fetch standard's list of blocked ports).
 */
function httpRequest(
	method: string,
	path: string,
	options: { headers: Record<string, string>; body?: string }
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
	return new Promise((resolve, reject) => {
		const sent = request(`${origin}${path}`, { method, headers: options.headers }, (response) => {
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => (body += chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
			response.on('error', reject);
		});
		sent.on('error', reject);
		sent.end(options.body);
	});
}

/** Percentiles of a list of times, nearest rank. */
const percentile = (times: readonly number[], share: number) =>
	[...times].sort((a, b) => a - b)[Math.max(0, Math.ceil(share * times.length) - 1)];

/**
 * The whole HTTP response of the results landing page and of the question pages, as a signed-in
 * manager waits for it (server render and data, body read to its end), one request at a time, on
 * a server just started on ten years of rounds. The landing page sums up each round in turn, and
 * the question pages go through every question, five times over: each first view is counted.
 */
async function measureResultsPages(rows: Row[], databaseFile: string, manager: { username: string; password: string }, span: string) {
	const server = await startServer({ port, databaseFile, env: { RATE_LIMIT: 'off' } });
	try {
		const signIn = await httpRequest('POST', '/login', {
			headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: new URLSearchParams(manager).toString()
		});
		const cookie = [signIn.headers['set-cookie'] ?? []]
			.flat()
			.map((header) => header.split(';')[0])
			.join('; ');
		if (signIn.status !== 303 || !cookie) throw new Error(`Signing in for the bench failed: ${signIn.status}`);
		const time = async (paths: readonly string[]) => {
			const times: number[] = [];
			let bytes = 0;
			for (let lap = 0; lap < 5; lap++) {
				for (const path of paths) {
					const started = performance.now();
					const response = await httpRequest('GET', path, { headers: { cookie, accept: 'text/html' } });
					times.push(performance.now() - started);
					if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
					bytes = Math.max(bytes, response.body.length);
				}
			}
			return { times, bytes };
		};
		const roundIds = readDatabaseFile(databaseFile, (database) =>
			database.prepare("SELECT id FROM rounds WHERE status = 'closed' ORDER BY id").pluck().all()
		) as number[];
		const pages = [
			{
				name: `Results landing page, whole HTTP response, signed in (${span}; the page as first opened, then each round summed up)`,
				...(await time(['/manage/results', ...roundIds.map((id) => `/manage/results?round=${id}`)]))
			},
			{
				name: `Question page, whole HTTP response, signed in (${span}; every question in turn)`,
				...(await time(
					currentInstrument.sections.flatMap((section) => section.items.map((item) => `/manage/results/questions/${item.id}`))
				))
			}
		];
		for (const page of pages) {
			const p95 = percentile(page.times, 0.95);
			rows.push({
				measure: page.name,
				result: `p50 ${percentile(page.times, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, worst ${Math.max(...page.times).toFixed(1)} ms of ${page.times.length} requests one at a time; up to ${Math.round(page.bytes / 1024)} KB of HTML`,
				budget: 'p95 < 100 ms',
				met: p95 < 100
			});
		}
	} finally {
		await server.stop();
	}
}

main().catch((problem) => {
	console.error(problem);
	process.exitCode = 1;
});
