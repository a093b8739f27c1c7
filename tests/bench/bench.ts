/**
 * `npm run bench`: the figures in BENCHMARKS.md, measured against the production build on
 * loopback (with RATE_LIMIT=off), and printed as one table with the machine and the date.
 */
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { openConsumerLink, readDatabaseFile, startServer } from '../e2e/server-process';
import { lighthouseSurvey } from './lighthouse';
import { seedYears, timeDashboard } from './results-load';
import { currentInstrument } from '$lib/instruments';
import { createUser } from '$lib/server/user';

// Another run of the bench on this machine may hold the port: BENCH_PORT chooses another.
const port = Number(process.env.BENCH_PORT ?? 4190);
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

/** What a browser asks for, so each page is served as a respondent's phone receives it. */
const browserHeaders = { accept: 'text/html', 'accept-encoding': 'gzip, deflate' };

/**
 * Every response body Chromium receives for a first view of `path` on a 390 px phone, until the
 * network has been idle for half a second: as sent over the wire (compressed, as the server
 * sends it) and as read once decompressed, and how many responses. Counted from Chromium's own
 * network events, so nothing it fetches (the icon included) is left out; headers are not counted.
 */
async function pageWeight(path: string) {
	const browser = await chromium.launch({
		executablePath: chromiumPath,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
	const weigh = async (javaScriptEnabled: boolean) => {
		const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 } });
		const page = await context.newPage();
		const network = await context.newCDPSession(page);
		const responses = new Map<string, { sent: number; raw: number }>();
		const of = (requestId: string) => responses.get(requestId) ?? responses.set(requestId, { sent: 0, raw: 0 }).get(requestId)!;
		// dataReceived carries each piece of a body: its bytes on the wire and once decompressed.
		// Each response's bytes on the wire, less its headers (as received so far when the response
		// began); and each piece of its body once decompressed.
		const headers = new Map<string, number>();
		network.on('Network.responseReceived', ({ requestId, response }) => headers.set(requestId, response.encodedDataLength));
		network.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
			of(requestId).sent = encodedDataLength - (headers.get(requestId) ?? 0);
		});
		network.on('Network.dataReceived', ({ requestId, dataLength }) => (of(requestId).raw += dataLength));
		await network.send('Network.enable');
		await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
		await context.close();
		const all = [...responses.values()];
		return {
			responses: all.length,
			raw: all.reduce((sum, size) => sum + size.raw, 0) / 1024,
			sent: all.reduce((sum, size) => sum + size.sent, 0) / 1024
		};
	};
	const withJs = await weigh(true);
	const withoutJs = await weigh(false);
	await browser.close();
	return { withJs, withoutJs };
}

/**
 * The survey page's rate beside /about's (the framework's cheapest page), from the same run and
 * asked for as a browser asks: each measured twice, in turn, so a burst of other work on the
 * machine weighs on both alike.
 */
async function pageRates(surveyUrl: string) {
	const measure = (url: string) =>
		autocannon({ url, headers: browserHeaders, connections: 20, duration: 5, ...({ warmup: { connections: 20, duration: 2 } } as object) });
	const survey: autocannon.Result[] = [];
	const about: autocannon.Result[] = [];
	for (let turn = 0; turn < 2; turn++) {
		about.push(await measure(`${origin}/about`));
		survey.push(await measure(surveyUrl));
	}
	const rate = (results: autocannon.Result[]) => results.reduce((sum, result) => sum + result.requests.average, 0) / results.length;
	const p99 = (results: autocannon.Result[]) => Math.max(...results.map((result) => result.latency.p99));
	const failed = (results: autocannon.Result[]) => results.reduce((sum, result) => sum + result.non2xx + result.errors, 0);
	return {
		survey: { rate: rate(survey), p99: p99(survey), failed: failed(survey) },
		about: { rate: rate(about), p99: p99(about), failed: failed(about) }
	};
}

/**
 * Starts the bench's server, waiting for the port while another run of the bench holds it
 * (up to five minutes).
 */
async function startBenchServer() {
	for (let attempt = 1; ; attempt++) {
		try {
			return await startServer({ port, demo: true, databaseFile, env: { RATE_LIMIT: 'off' } });
		} catch (problem) {
			if (attempt >= 10 || !String(problem).includes('EADDRINUSE')) throw problem;
			console.error(`Port ${port} is in use (another bench run?): trying again in 30 s.`);
			rmSync(databaseFile, { force: true });
			await new Promise((resolve) => setTimeout(resolve, 30_000));
		}
	}
}

/**
 * `npm run bench -- server` or `-- results` measures only that part, `-- page` only the survey
 * page's weight and rate; without a name, everything.
 */
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
	if (wanted('server') || asked === 'page') await measureServer(rows, asked === 'page');
	if (wanted('results')) await measureResults(rows);

	const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
	console.log(`Any Positive Change benchmarks, ${new Date().toISOString().slice(0, 10)}, on ${machine}\n`);
	console.log('| measure | result | budget | met |');
	console.log('|---|---|---|---|');
	for (const row of rows)
		console.log(`| ${row.measure} | ${row.result} | ${row.budget} | ${row.met === null ? '–' : row.met ? 'yes' : 'NO'} |`);
}

/** Submissions, the survey page, its weight and Lighthouse, against the production server; or the page alone. */
async function measureServer(rows: Row[], pageOnly: boolean) {
	const server = await startBenchServer();
	const pid = server.child.pid!;
	try {
		const token = openConsumerLink(databaseFile);
		const path = `/s/${token}`;

		// The page in a browser first, on a server at rest, as a respondent finds it.
		const weight = await pageWeight(path);
		rows.push({
			measure: 'Survey first view at 390 px with JavaScript: every response body, sent compressed / decompressed',
			result: `${weight.withJs.sent.toFixed(1)} KB / ${weight.withJs.raw.toFixed(1)} KB in ${weight.withJs.responses} responses`,
			budget: '≤ 30 KB compressed',
			met: weight.withJs.sent <= 30
		});
		rows.push({
			measure: 'Survey first view at 390 px without JavaScript: every response body, sent compressed / decompressed',
			result: `${weight.withoutJs.sent.toFixed(1)} KB / ${weight.withoutJs.raw.toFixed(1)} KB in ${weight.withoutJs.responses} responses`,
			budget: '≤ 30 KB compressed',
			met: weight.withoutJs.sent <= 30
		});

		if (!pageOnly) {
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
		}

		const rates = await pageRates(`${origin}${path}`);
		const ratio = rates.survey.rate / rates.about.rate;
		rows.push({
			measure: 'Survey page requests per second, divided by /about’s in the same run (each asked for with gzip, as a browser does)',
			result: `${ratio.toFixed(2)}: survey page ${Math.round(rates.survey.rate)}/s (p99 ${rates.survey.p99} ms, ${rates.survey.failed} failed), /about ${Math.round(rates.about.rate)}/s (p99 ${rates.about.p99} ms, ${rates.about.failed} failed)`,
			budget: '≥ 1.0',
			met: ratio >= 1 && rates.survey.failed === 0
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
