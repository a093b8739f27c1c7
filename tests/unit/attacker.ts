/**
 * An attacker who reads every number a manager and an admin can read for the closed rounds (the
 * page data of every results page under every filter, both CSVs, the board report and the public
 * page), knows how many responded in each group (a manager watched the live counts), and works out
 * with an integer linear program (HiGHS) the tightest bounds those numbers allow on every hidden
 * count: how many in one group gave one answer (a value, "not sure", or nothing) to one question.
 * One who also knows the rules adds what each set of hidden slices the union check turned down
 * tells: that some answer's count among them went over its room.
 *
 * Each surface is read by one function of its own below (`readTrend`, `readLandingPage`, …) from
 * its page's load function, and `readEverything` calls each: a new surface is one more block there.
 */
import highsLoader from 'highs';
import { expect } from 'vitest';
import { audiences, type Audience } from '$lib/instruments';
import { resultsInstrument, roundSections } from '$lib/server/agency-questions';
import type { Cell, DistributionRow, Heatmap, ItemFigure, MirrorRow, TrendRow } from '$lib/results-view';
import { setPublicPage } from '$lib/server/agency';
import { sql } from '$lib/server/db';
import { aggregatesCsv, responsesCsv } from '$lib/server/exports';
import { listPrograms } from '$lib/server/programs';
import { listClosedRounds, loadResults } from '$lib/server/results';
import { answersWithSkips, protectSmallGroups, releaseFigure } from '$lib/small-groups';
import { journeyContext } from '$lib/server/reflection';
import { getRound } from '$lib/server/rounds';
import { load as loadTrends } from '../../src/routes/(manage)/manage/results/+page.server';
import { load as loadRound } from '../../src/routes/(manage)/manage/results/[id=round]/+page.server';
import { load as loadReport } from '../../src/routes/(manage)/manage/results/[id=round]/report/+page.server';
import { load as loadPublicPage } from '../../src/routes/(survey)/you-said-we-did/+page.server';
import { load as loadActions } from '../../src/routes/(manage)/manage/actions/+page.server';
import { load as loadQuestion } from '../../src/routes/(manage)/manage/results/questions/[item]/+page.server';

/** An answer to one question: nothing (skipped), "not sure" (0), or 1–5. */
export const VALUES = ['skip', 0, 1, 2, 3, 4, 5] as const;
export type Value = (typeof VALUES)[number];
export type Weights = Partial<Record<Value, number>>;
const SCORED: Weights = { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 };
const MEAN: Weights = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5 };
const FAVOURABLE: Weights = { 4: 1, 5: 1 };

/** The groups a published number sums over: the whole agency, or one program. */
type Scope = { round: number; audience: Audience; program: 'all' | number };

/** One thing read, as a linear constraint on the counts: a total, a bound, or a ratio to within a tolerance. */
export type Observation =
	| { kind: 'total'; scope: Scope; items: string[]; weights: Weights; sense: '=' | '<=' | '>='; total: number; from: string }
	| {
			kind: 'ratio';
			scope: Scope;
			items: string[];
			numerator: Weights;
			denominator: Weights;
			ratio: number;
			tolerance: number;
			from: string;
	  };

/**
 * The reader: an admin who has passed a second factor (an authenticator app is set up), as anyone
 * who can read everything must have. The account is made in the database under attack when missing.
 */
function reader(): App.Locals {
	sql(
		`INSERT INTO users (username, password_hash, role, created_at, totp_key) VALUES ('attacker', 'not a password', 'admin', 0, randomblob(20))
		 ON CONFLICT (username) DO UPDATE SET role = 'admin', disabled = 0, totp_key = ifnull(totp_key, randomblob(20))`
	).run();
	const id = sql<[], number>("SELECT id FROM users WHERE username = 'attacker'").pluck().get()!;
	const now = Math.floor(Date.now() / 1000);
	return {
		user: { id, username: 'attacker', role: 'admin', disabled: false },
		session: { id: 'attacker', userId: id, createdAt: now, lastVerifiedAt: now, secondFactorPassed: true, checkedAt: now }
	};
}

/** Every closed round's answers, as stored: what the attacker tries to learn. */
export interface Truth {
	/** How many responded per round, audience and program key (0: an agency-wide link). */
	sizes: Map<string, number>;
	/** Per round, audience, program key and item: how many gave each value (skipped included). */
	counts: Map<string, Record<string, number>>;
}

const groupKey = (round: number, audience: Audience, program: number) => `${round}|${audience}|${program}`;
const cellKey = (round: number, audience: Audience, program: number, item: string) => `${round}|${audience}|${program}|${item}`;

export function readTruth(): Truth {
	const sizes = new Map<string, number>();
	for (const row of sql<[], { round_id: number; audience: Audience; program_key: number; n: number }>(
		`SELECT round_id, audience, ifnull(program_id, 0) AS program_key, count(*) AS n FROM responses
		 JOIN rounds ON rounds.id = responses.round_id WHERE rounds.status = 'closed' GROUP BY 1, 2, 3`
	).all()) {
		sizes.set(groupKey(row.round_id, row.audience, row.program_key), row.n);
	}
	const counts = new Map<string, Record<string, number>>();
	for (const row of sql<[], { round_id: number; audience: Audience; program_key: number; item_id: string; value: number; n: number }>(
		`SELECT responses.round_id, responses.audience, ifnull(responses.program_id, 0) AS program_key, item_id, value, count(*) AS n
		 FROM answers JOIN responses ON responses.id = answers.response_id JOIN rounds ON rounds.id = responses.round_id
		 WHERE rounds.status = 'closed' GROUP BY 1, 2, 3, 4, 5`
	).all()) {
		const key = cellKey(row.round_id, row.audience, row.program_key, row.item_id);
		counts.set(key, { ...(counts.get(key) ?? {}), [row.value]: row.n });
	}
	return { sizes, counts };
}

/**
 * Everything a manager and an admin can read for the closed rounds, as constraints: for the rounds
 * given, every page and filter that shows them (pages of other rounds and programs that took no
 * part in them show nothing of them that these do not), or for every closed round.
 */
export async function readEverything(roundIds?: readonly number[]): Promise<Observation[]> {
	setPublicPage(true);
	const manager = reader();
	const observations: Observation[] = [];
	const rounds = listClosedRounds().filter((round) => !roundIds || roundIds.includes(round.id));
	const takingPart = new Set(rounds.flatMap((round) => getRound(round.id)!.programIds));
	const programs = listPrograms().filter((program) => takingPart.has(program.id));
	const programOptions: ('all' | number)[] = ['all', ...programs.map((program) => program.id)];
	// The deck's questions and the agency's own that a closed round asked: every question results show.
	const sections = resultsInstrument().sections;
	const url = (path: string, query: Record<string, string | number>) =>
		new URL(`http://127.0.0.1${path}?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);
	const call = <T>(load: (event: never) => T, event: object) => load(event as never) as Awaited<T>;

	// Results over time: every program, section and question, both audiences.
	for (const program of programOptions) {
		for (const section of sections) {
			for (const item of [null, ...section.items.map((candidate) => candidate.id)]) {
				const query: Record<string, string | number> = { audience: 'both', program, section: section.id, ...(item ? { item } : {}) };
				const data = call(loadTrends, { locals: manager, url: url('/manage/results', query) });
				for (const panel of data.trends) {
					const items = sections.find((candidate) => candidate.id === panel.id)?.items.map((candidate) => candidate.id) ?? [panel.id];
					readTrend(observations, panel.rows, program, items, `results ${JSON.stringify(query)} ${panel.id}`);
				}
			}
		}
	}
	// The landing page for every round summed up and every program: the summary, the heatmap, the
	// mirror view and the distributions. (Its distributions for other audiences and sections are the
	// round page's, read below; its staff heatmap is read once per program.)
	for (const program of programOptions) {
		for (const round of rounds) {
			const query = { round: round.id, audience: 'both', program, section: 'hr' };
			readLandingPage(
				observations,
				call(loadTrends, { locals: manager, url: url('/manage/results', query) }),
				`results ${JSON.stringify(query)}`
			);
		}
		const staff = { audience: 'staff', program };
		readLandingPage(
			observations,
			call(loadTrends, { locals: manager, url: url('/manage/results', staff) }),
			`results ${JSON.stringify(staff)}`
		);
	}
	// Each round's page: the mirror view and the distributions, for every filter.
	for (const round of rounds) {
		for (const program of programOptions) {
			for (const audience of audiences) {
				for (const section of sections) {
					const query = { audience, program, section: section.id };
					const data = call(loadRound, {
						locals: manager,
						params: { id: String(round.id) },
						url: url(`/manage/results/${round.id}`, query)
					});
					if (!data.closed) throw new Error('a closed round read as open');
					const scope = { round: round.id, program };
					readMirror(observations, data.mirror, scope, `round ${round.id} ${JSON.stringify(query)}`);
					readDistributions(
						observations,
						data.distributions,
						{ ...scope, audience: data.audience },
						`round ${round.id} ${JSON.stringify(query)}`
					);
				}
			}
		}
		// The board report: the summary, trends of every section up to the round, the mirror view, the
		// distributions, the heatmaps and each action's questions before and after.
		const report = call(loadReport, {
			locals: manager,
			params: { id: String(round.id) },
			url: url(`/manage/results/${round.id}/report`, {})
		});
		const from = `report ${round.id}`;
		for (const panel of report.trends) {
			const items = sections.find((candidate) => candidate.id === panel.id)!.items.map((item) => item.id);
			readTrend(observations, panel.rows, 'all', items, from);
		}
		readFigures(observations, [report.summary, report.outcomes], from);
		readMirror(
			observations,
			[...report.summary.gaps.widest, ...report.summary.gaps.alike, ...report.mirror],
			{ round: round.id, program: 'all' },
			from
		);
		for (const section of report.distributions)
			readDistributions(observations, section.rows, { round: round.id, program: 'all', audience: 'consumer' }, from);
		for (const map of report.heatmaps) readHeatmap(observations, map, from);
	}
	// Each question's own page (it takes no filters): its trend, the last closed round's
	// distributions, gap and programs, and how each change recorded against it did. Only what no
	// other page gave already is added, so the solver's work grows only by what is new.
	if (rounds.length > 0) {
		const known = new Set(observations.map(({ from: _from, ...observation }) => JSON.stringify(observation)));
		for (const item of sections.flatMap((section) => section.items)) {
			const read: Observation[] = [];
			readQuestionPage(read, call(loadQuestion, { locals: manager, params: { item: item.id } }), `question ${item.id}`);
			observations.push(...read.filter(({ from: _from, ...observation }) => !known.has(JSON.stringify(observation))));
		}
	}
	// The public page, turned on: consumers' share favourable, agency-wide, rounded to a percent.
	const publicPercent = (round: number, item: string, percent: number | null, from: string) => {
		if (percent === null) return;
		const scope: Scope = { round, audience: 'consumer', program: 'all' };
		observations.push({
			kind: 'ratio',
			scope,
			items: [item],
			numerator: FAVOURABLE,
			denominator: SCORED,
			ratio: percent / 100,
			tolerance: 0.005 + 1e-9,
			from
		});
	};
	const last = listClosedRounds().at(-1);
	const publicPage = call(loadPublicPage, { url: url('/you-said-we-did', {}) });
	if (last) for (const statement of publicPage.statements) publicPercent(last.id, statement.id, statement.percent, 'public page');
	// "Did our changes help?": the same share in the round each change answers and every round since.
	for (const outcome of publicPage.outcomes) {
		for (const item of outcome.items) {
			for (const shown of [item.before, ...item.after])
				publicPercent(shown.roundId, item.itemId, shown.percent, 'public page, did our changes help');
		}
	}
	// "Did what we changed work?" on the actions page: each action's questions, round by round.
	readFigures(observations, call(loadActions, { locals: manager }).outcomes, 'actions page');
	readAggregates(observations, aggregatesCsv());
	readResponses(observations, responsesCsv());
	// What anyone holding a staff link reads beside their own copies: consumers' mean, to one
	// decimal, and how many it rests on, for every closed round.
	for (const [round, figures] of Object.entries(journeyContext('en').consumers)) {
		const scope: Scope = { round: Number(round), audience: 'consumer', program: 'all' };
		for (const [item, figure] of Object.entries(figures)) {
			if (figure.kind !== 'shown') continue;
			const from = 'staff reflections';
			observations.push(
				{ kind: 'ratio', scope, items: [item], numerator: MEAN, denominator: SCORED, ratio: figure.mean, tolerance: 0.05 + 1e-9, from },
				{ kind: 'total', scope, items: [item], weights: SCORED, sense: '=', total: figure.n, from }
			);
		}
	}
	return observations;
}

function readCell(observations: Observation[], cell: Cell | undefined, scope: Scope, items: string[], from: string) {
	if (!cell?.shown) return;
	const ratio = (numerator: Weights, value: number, tolerance = 1e-9): Observation => ({
		kind: 'ratio',
		scope,
		items,
		numerator,
		denominator: SCORED,
		ratio: value,
		tolerance,
		from
	});
	observations.push(ratio(MEAN, cell.mean), ratio(FAVOURABLE, cell.favourable));
	// An interval is a function of the counts the figure rests on: read as a range for the figure.
	const within = (numerator: Weights, interval: { low: number; high: number } | null) => {
		if (interval) observations.push(ratio(numerator, (interval.low + interval.high) / 2, (interval.high - interval.low) / 2 + 1e-9));
	};
	within(MEAN, cell.meanInterval);
	within(FAVOURABLE, cell.favourableInterval);
	// A question's figure rests on its scored answers; a section's on the most who scored any one question.
	if (items.length === 1) observations.push({ kind: 'total', scope, items, weights: SCORED, sense: '=', total: cell.n, from });
	else
		for (const item of items) observations.push({ kind: 'total', scope, items: [item], weights: SCORED, sense: '<=', total: cell.n, from });
}

function readTrend(observations: Observation[], rows: TrendRow[], program: 'all' | number, items: string[], from: string) {
	for (const row of rows) {
		for (const audience of audiences) {
			readCell(observations, row.cells[audience], { round: row.round.id, audience, program }, items, from);
		}
	}
}

function readMirror(observations: Observation[], rows: MirrorRow[], scope: Omit<Scope, 'audience'>, from: string) {
	for (const row of rows) {
		readCell(observations, row.staff, { ...scope, audience: 'staff' }, [row.itemId], from);
		readCell(observations, row.consumer, { ...scope, audience: 'consumer' }, [row.itemId], from);
	}
}

function readDistributions(observations: Observation[], rows: DistributionRow[], scope: Scope, from: string) {
	for (const row of rows) {
		if (!row.counts) continue;
		const values: Value[] = [1, 2, 3, 4, 5, 0];
		row.counts.forEach((count, index) =>
			observations.push({ kind: 'total', scope, items: [row.itemId], weights: { [values[index]]: 1 }, sense: '=', total: count, from })
		);
		if (row.n !== null) observations.push({ kind: 'total', scope, items: [row.itemId], weights: SCORED, sense: '=', total: row.n, from });
	}
}

/**
 * Every question's figure a page carries as `{ round, audience, program, itemId, cell }`, wherever it
 * sits (the summary, "did what we changed work?"): read like a table's cell. A difference of two
 * figures (a change, a gap) is a function of those two figures' counts, both read here.
 */
function readFigures(observations: Observation[], value: unknown, from: string) {
	if (Array.isArray(value)) {
		for (const entry of value) readFigures(observations, entry, from);
		return;
	}
	if (!value || typeof value !== 'object') return;
	const figure = value as Partial<ItemFigure>;
	if (
		typeof figure.itemId === 'string' &&
		typeof figure.round === 'number' &&
		figure.audience &&
		figure.program !== undefined &&
		figure.cell
	) {
		readCell(observations, figure.cell, { round: figure.round, audience: figure.audience, program: figure.program }, [figure.itemId], from);
	}
	for (const entry of Object.values(value)) readFigures(observations, entry, from);
}

function readHeatmap(observations: Observation[], heatmap: Heatmap, from: string) {
	for (const section of heatmap.sections) {
		for (const row of section.rows) {
			row.cells.forEach((cell, index) => {
				if (!('mean' in cell)) return;
				const scope = { round: heatmap.rounds[index].id, audience: heatmap.audience, program: heatmap.program };
				observations.push(
					{ kind: 'ratio', scope, items: [row.itemId], numerator: MEAN, denominator: SCORED, ratio: cell.mean, tolerance: 1e-9, from },
					{ kind: 'total', scope, items: [row.itemId], weights: SCORED, sense: '=', total: cell.n, from }
				);
			});
		}
	}
}

/** The landing page's numbers: the summary (its figures, and its mirror rows), the heatmap, the mirror view, the distributions. */
function readLandingPage(observations: Observation[], data: Awaited<ReturnType<typeof loadTrends>>, from: string) {
	const { summary, chosen } = data;
	if (!summary || !chosen) return;
	readFigures(observations, summary, `${from} summary`);
	const scope = { round: summary.round.id, program: summary.program };
	readMirror(observations, [...summary.gaps.widest, ...summary.gaps.alike], scope, `${from} summary`);
	readHeatmap(observations, data.heatmap, `${from} heatmap`);
	readMirror(observations, data.mirror, { round: chosen.round.id, program: data.filters.program }, `${from} mirror`);
	readDistributions(
		observations,
		data.distributions,
		{ round: chosen.round.id, program: data.filters.program, audience: data.focus },
		`${from} distributions`
	);
}

/** A question's page: the trend, distributions and gap read like the results pages'; programs and changes as figures. */
function readQuestionPage(observations: Observation[], page: Awaited<ReturnType<typeof loadQuestion>>, from: string) {
	readTrend(observations, page.trend.rows, 'all', [page.itemId], from);
	for (const { audience, rows } of page.distributions)
		readDistributions(observations, rows, { round: page.round.id, program: 'all', audience }, from);
	if (page.gap) readMirror(observations, [page.gap.row], { round: page.round.id, program: 'all' }, from);
	readFigures(observations, [page.programs, page.changes], from);
}

/** A CSV written by the app: quoted fields, a byte-order mark, CRLF lines. */
function csvRecords(text: string): Record<string, string>[] {
	const [header, ...rows] = text
		.slice(1, -2)
		.split('\r\n')
		.map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => match[1].replace(/""/g, '"')));
	return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index]])));
}

function readAggregates(observations: Observation[], csv: string) {
	const roundIds = new Map(listClosedRounds().map((round) => [round.name, round.id]));
	const programIds = new Map(listPrograms().map((program) => [program.name.replace(/^[=+\-@]/, "'$&"), program.id]));
	for (const row of csvRecords(csv)) {
		const from = `aggregates.csv ${row.round} ${row.audience} ${row.program} ${row.item}`;
		const program = row.program === 'All programs' ? 'all' : programIds.get(row.program);
		if (program === undefined) throw new Error(`unknown program in the CSV: ${row.program}`);
		const scope: Scope = { round: roundIds.get(row.round)!, audience: row.audience as Audience, program };
		const items = [row.item];
		const total = (weights: Weights, value: string) => {
			if (value !== '') observations.push({ kind: 'total', scope, items, weights, sense: '=', total: Number(value), from });
		};
		total(SCORED, row.n);
		([1, 2, 3, 4, 5] as const).forEach((value) => total({ [value]: 1 }, row[`count_${value}`]));
		total({ 0: 1 }, row.count_unsure);
		if (row.mean !== '') {
			observations.push({
				kind: 'ratio',
				scope,
				items,
				numerator: MEAN,
				denominator: SCORED,
				ratio: Number(row.mean),
				tolerance: 0.005 + 1e-9,
				from
			});
		}
		if (row.percent_favourable !== '') {
			observations.push({
				kind: 'ratio',
				scope,
				items,
				numerator: FAVOURABLE,
				denominator: SCORED,
				ratio: Number(row.percent_favourable) / 100,
				tolerance: 0.0005 + 1e-9,
				from
			});
		}
	}
}

/**
 * The admin's export: every row a response of a group. For each group and question, the answers
 * given are counted; where the question has any answer in the group, a blank is a skip.
 */
function readResponses(observations: Observation[], csv: string) {
	const roundIds = new Map(listClosedRounds().map((round) => [round.name, round.id]));
	const programIds = new Map(listPrograms().map((program) => [program.name.replace(/^[=+\-@]/, "'$&"), program.id]));
	const groups = new Map<string, Record<string, string>[]>();
	for (const row of csvRecords(csv)) {
		const key = `${row.round}|${row.audience}|${row.program}`;
		groups.set(key, [...(groups.get(key) ?? []), row]);
	}
	const itemIds = resultsInstrument().sections.flatMap((section) => section.items.map((item) => item.id));
	for (const [key, rows] of groups) {
		const [roundName, audience, programName] = key.split('|');
		const program = programName === '' ? 0 : programIds.get(programName)!;
		const scope: Scope = { round: roundIds.get(roundName)!, audience: audience as Audience, program };
		for (const item of itemIds) {
			const answers = rows.map((row) => row[item]);
			if (answers.every((answer) => answer === '')) continue;
			const count = (value: Value, text: string) =>
				observations.push({
					kind: 'total',
					scope,
					items: [item],
					weights: { [value]: 1 },
					sense: '=',
					total: answers.filter((answer) => answer === text).length,
					from: `responses.csv ${key} ${item}`
				});
			count('skip', '');
			count(0, 'unsure');
			for (const value of [1, 2, 3, 4, 5] as const) count(value, String(value));
		}
	}
}

export interface Finding {
	round: number;
	audience: Audience;
	program: number;
	item: string;
	value: Value;
	count: number;
	/** The least the count can be, given everything read: above 0 is a floor under a small group's answer. */
	lower: number;
	/** Pinned: the count's only possible value. */
	pinned: boolean;
}

export interface Attack {
	/** Hidden counts of a group with fewer than the minimum that the published numbers put a floor under (above 0). */
	floors: Finding[];
	/** Those of them pinned to one value, and (with `everyGroup`) counts of larger hidden groups pinned to one positive value. */
	pinned: Finding[];
	/** How many hidden cells (group and question) there were, and how many solves bounded the small groups' counts. */
	hiddenCells: number;
	solves: number;
}

/** What the attacker knows besides what it reads: by default, only how many responded in each group. */
export interface Knowledge {
	/** Numbers read from elsewhere (a test's own), used in the bounds but not in judging what the app hides. */
	extra?: Observation[];
	/** The rules themselves: what each set of hidden slices the union check turned down tells. */
	knowsTheRule?: boolean;
	/** Also look for a count pinned to one value in a hidden group of at least the minimum. */
	everyGroup?: boolean;
}

/**
 * Works out, for every hidden count of a group with fewer than the round's minimum, whether the
 * published numbers put a floor above 0 under it (at least one of them gave that answer), even
 * when every hidden group gave one answer, and whether they pin it to one value. Each
 * question's counts are solved together with every other question a published number ties them
 * to (a section's pooled mean), round by round and audience by audience.
 */
export async function attack(
	observations: Observation[],
	truth: Truth,
	roundIds?: readonly number[],
	{ extra = [], knowsTheRule = false, everyGroup = false }: Knowledge = {}
): Promise<Attack> {
	const highs = await highsLoader();
	const results = loadResults();
	const pinned: Finding[] = [];
	const floors: Finding[] = [];
	let hiddenCells = 0;
	let solves = 0;
	const groupsOf = (round: number, audience: Audience) =>
		[...truth.sizes.entries()]
			.filter(([key, size]) => key.startsWith(`${round}|${audience}|`) && size > 0)
			.map(([key]) => Number(key.split('|')[2]));
	const programsOf = (scope: Scope) => (scope.program === 'all' ? groupsOf(scope.round, scope.audience) : [scope.program]);
	const truthOf = (round: number, audience: Audience, program: number, item: string, value: Value) => {
		const counts = truth.counts.get(cellKey(round, audience, program, item)) ?? {};
		if (value !== 'skip') return counts[value] ?? 0;
		const answered = Object.values(counts).reduce((sum, n) => sum + n, 0);
		return (truth.sizes.get(groupKey(round, audience, program)) ?? 0) - answered;
	};

	for (const { id: round } of listClosedRounds().filter((candidate) => !roundIds || roundIds.includes(candidate.id))) {
		const minimum = results.minimumFor(round);
		for (const audience of audiences) {
			const groups = groupsOf(round, audience);
			if (groups.length === 0) continue;
			const size = (program: number) => truth.sizes.get(groupKey(round, audience, program))!;
			// What the round asked this audience: the deck's sections it chose and the agency's own questions.
			const items = roundSections(getRound(round)!, audience).sections.flatMap((section) => section.items.map((item) => item.id));
			const inRound = (observation: Observation) => observation.scope.round === round && observation.scope.audience === audience;
			const here = observations.filter(inRound);
			// Each observation must hold for the true answers: otherwise the attacker misread a page.
			for (const observation of here) {
				const value = (weights: Weights) =>
					programsOf(observation.scope).reduce(
						(sum, program) =>
							sum +
							observation.items.reduce(
								(inner, item) =>
									inner + VALUES.reduce<number>((acc, v) => acc + (weights[v] ?? 0) * truthOf(round, audience, program, item, v), 0),
								0
							),
						0
					);
				if (observation.kind === 'total') {
					const actual = value(observation.weights);
					if (observation.sense === '=') expect(actual, observation.from).toBe(observation.total);
					else if (observation.sense === '<=') expect(actual, observation.from).toBeLessThanOrEqual(observation.total);
					else expect(actual, observation.from).toBeGreaterThanOrEqual(observation.total);
				} else {
					const actual = value(observation.numerator) / value(observation.denominator);
					expect(Math.abs(actual - observation.ratio), observation.from).toBeLessThanOrEqual(observation.tolerance);
				}
			}
			// Published cells: some count read for exactly one group (among those with responses).
			const published = new Set<string>();
			for (const observation of here) {
				const programs = programsOf(observation.scope);
				if (observation.kind === 'total' && observation.sense === '=' && observation.items.length === 1 && programs.length === 1) {
					published.add(`${programs[0]}|${observation.items[0]}`);
				}
			}
			const reduced = exact([...here, ...extra.filter(inRound)]);
			// Cells read from elsewhere are known to the attacker, though the app hides them.
			const known = new Set(
				extra
					.filter((observation) => inRound(observation) && observation.kind === 'total' && observation.items.length === 1)
					.flatMap((observation) => programsOf(observation.scope).map((program) => `${program}|${observation.items[0]}`))
			);
			for (const component of connectedItems(items, reduced)) {
				const hidden = groups.flatMap((program) =>
					component
						.filter((item) => !published.has(`${program}|${item}`) && !known.has(`${program}|${item}`))
						.map((item) => ({ program, item }))
				);
				if (hidden.length === 0) continue;
				const model = new Model(groups, component, size);
				for (const observation of reduced.filter((candidate) => candidate.items.every((item) => component.includes(item)))) {
					model.add(observation, programsOf(observation.scope));
				}
				if (knowsTheRule) {
					for (const item of component) {
						const counts = groups.map((program) => VALUES.map((value) => truthOf(round, audience, program, item, value)));
						for (const { hidden: turnedDown, room } of questionRelease(counts, groups.map(size), minimum).after?.rejected ?? []) {
							model.addSomeValueOver(
								turnedDown.map((index) => groups[index]),
								item,
								room
							);
						}
					}
				}
				for (const { program, item } of hidden) {
					hiddenCells++;
					// A group of at least the minimum may be hidden beside a small one, but any count of its
					// own rests on enough people to be shown: only the small groups' counts are bounded.
					const large = size(program) >= minimum;
					if (large && !everyGroup) continue;
					for (const value of VALUES) {
						const actual = truthOf(round, audience, program, item, value);
						if (large) {
							if (actual === 0) continue;
							solves++;
							if (model.bound(highs, program, item, value, 'Maximize') !== actual) continue;
							solves++;
							if (model.bound(highs, program, item, value, 'Minimize') !== actual) continue;
							pinned.push({ round, audience, program, item, value, count: actual, lower: actual, pinned: true });
							continue;
						}
						// Only a positive true count can have a floor above 0.
						if (actual === 0) continue;
						solves++;
						const lower = model.bound(highs, program, item, value, 'Minimize');
						if (lower === 0) continue;
						solves++;
						const isPinned = model.bound(highs, program, item, value, 'Maximize') === actual;
						const finding = { round, audience, program, item, value, count: actual, lower, pinned: isPinned };
						floors.push(finding);
						if (isPinned) pinned.push(finding);
					}
				}
			}
		}
	}
	return { pinned, floors, hiddenCells, solves };
}

/**
 * One question's release decided from the true counts (`counts[g]`: slice g's count of each of
 * `VALUES`, skips first), as `Results` builds it: what the rest of the rules show without the union
 * check (`before`), and what the check then decided (`after`; null when the whole is hidden anyway).
 * An attacker who knows the rules learns from the sets it turned down (`after.rejected`).
 */
export function questionRelease(counts: number[][], sizes: number[], minimum: number) {
	const slices = counts.map((withSkips, g) => {
		const answers = withSkips.slice(1);
		const answered = answers.reduce((sum, n) => sum + n, 0);
		return { responses: sizes[g], measures: [answered - answers[0], answered], value: null, answers };
	});
	const whole = (m: number) => slices.reduce((sum, slice) => sum + slice.measures[m], 0);
	const rest = releaseFigure(
		{ value: () => null, measures: [whole(0), whole(1)] },
		slices.map(({ answers: _, ...slice }) => slice),
		minimum
	);
	const before = { whole: rest.whole.shown, slices: rest.slices.map((slice) => slice.shown) };
	if (!rest.whole.shown) return { before, after: null };
	const after = protectSmallGroups(
		slices.map((slice) => answersWithSkips(slice.answers, slice.responses)),
		sizes,
		before.slices,
		minimum
	);
	return { before, after };
}

/**
 * What a careful attacker does first: a mean or a share whose denominator is known from another
 * number read (how many scored, per question) becomes a whole-number range for its numerator, so
 * the program is solved in whole numbers; and each number read twice counts once.
 */
function exact(observations: Observation[]): Observation[] {
	const key = (scope: Scope, items: string[]) => `${scope.program}|${[...items].sort().join(',')}`;
	const scored = new Map<string, number>();
	for (const observation of observations) {
		if (observation.kind === 'total' && observation.sense === '=' && JSON.stringify(observation.weights) === JSON.stringify(SCORED)) {
			scored.set(key(observation.scope, observation.items), observation.total);
		}
	}
	const denominatorOf = (scope: Scope, items: string[]) => {
		const whole = scored.get(key(scope, items));
		if (whole !== undefined) return whole;
		const parts = items.map((item) => scored.get(key(scope, [item])));
		return parts.every((part) => part !== undefined) ? parts.reduce((sum, part) => sum! + part!, 0) : undefined;
	};
	// A question's counts read value by value, for one scope: anything else said of it follows from them.
	const counted = new Set<string>();
	for (const observation of observations) {
		if (observation.kind === 'total' && observation.sense === '=' && observation.items.length === 1) {
			const values = Object.keys(observation.weights);
			if (values.length === 1) counted.add(`${key(observation.scope, observation.items)}|${values[0]}`);
		}
	}
	const implied = (observation: Observation) =>
		observation.items.length > 1 &&
		observation.items.every((item) => [0, 1, 2, 3, 4, 5].every((value) => counted.has(`${key(observation.scope, [item])}|${value}`)));
	const seen = new Map<string, Observation>();
	for (const observation of observations.filter((candidate) => !implied(candidate))) {
		const denominator =
			observation.kind === 'ratio' && JSON.stringify(observation.denominator) === JSON.stringify(SCORED)
				? denominatorOf(observation.scope, observation.items)
				: undefined;
		const rewritten: Observation[] =
			observation.kind === 'ratio' && denominator !== undefined
				? [
						{
							...observation,
							kind: 'total',
							weights: observation.numerator,
							sense: '>=',
							total: Math.ceil((observation.ratio - observation.tolerance) * denominator - 1e-6)
						},
						{
							...observation,
							kind: 'total',
							weights: observation.numerator,
							sense: '<=',
							total: Math.floor((observation.ratio + observation.tolerance) * denominator + 1e-6)
						}
					]
				: [observation];
		for (const candidate of rewritten) {
			// Of two bounds on the same sum the same way, only the tighter one tells anything.
			if (candidate.kind === 'total' && candidate.sense !== '=') {
				const key = JSON.stringify({
					scope: candidate.scope,
					items: [...candidate.items].sort(),
					weights: candidate.weights,
					sense: candidate.sense
				});
				const known = seen.get(key);
				const tighter =
					!known || known.kind !== 'total' || (candidate.sense === '<=' ? candidate.total < known.total : candidate.total > known.total);
				if (tighter) seen.set(key, candidate);
				continue;
			}
			const { from, ...rest } = candidate;
			seen.set(JSON.stringify(rest), candidate);
		}
	}
	return [...seen.values()];
}

/** Questions tied together by some published number (a section's pooled figures), as groups. */
function connectedItems(items: string[], observations: Observation[]): string[][] {
	const parent = new Map(items.map((item) => [item, item]));
	const find = (item: string): string => (parent.get(item) === item ? item : find(parent.get(item)!));
	for (const observation of observations) {
		const known = observation.items.filter((item) => parent.has(item));
		for (const item of known.slice(1)) parent.set(find(item), find(known[0]));
	}
	const components = new Map<string, string[]>();
	for (const item of items) components.set(find(item), [...(components.get(find(item)) ?? []), item]);
	return [...components.values()];
}

/** The integer program: a count per group, question and answer; each group's answers add up to its size. */
class Model {
	private constraints: string[] = [];
	private readonly index = new Map<string, string>();
	/** Yes-or-no variables: which answer went over a turned-down set's room. */
	private readonly choices: string[] = [];

	constructor(
		private readonly groups: number[],
		private readonly items: string[],
		private readonly size: (program: number) => number
	) {
		groups.forEach((program, g) =>
			items.forEach((item, i) => {
				VALUES.forEach((value, v) => this.index.set(`${program}|${item}|${value}`, `x${g}_${i}_${v}`));
				this.constraints.push(`${VALUES.map((value) => this.name(program, item, value)).join(' + ')} = ${size(program)}`);
			})
		);
	}

	private name(program: number, item: string, value: Value): string {
		return this.index.get(`${program}|${item}|${value}`)!;
	}

	private terms(programs: number[], items: string[], weights: Weights): string {
		const terms: string[] = [];
		for (const program of programs) {
			for (const item of items) {
				for (const value of VALUES) {
					const weight = weights[value] ?? 0;
					if (weight !== 0 && this.index.has(`${program}|${item}|${value}`)) {
						terms.push(`${weight < 0 ? '-' : '+'} ${Math.abs(weight).toPrecision(15)} ${this.name(program, item, value)}`);
					}
				}
			}
		}
		return terms.length > 0 ? terms.join(' ') : '0 x0_0_0';
	}

	add(observation: Observation, programs: number[]): void {
		if (observation.kind === 'total') {
			this.constraints.push(`${this.terms(programs, observation.items, observation.weights)} ${observation.sense} ${observation.total}`);
			return;
		}
		// numerator / denominator within ratio ± tolerance, with the denominator positive.
		const { numerator, denominator, ratio, tolerance } = observation;
		const shifted = (by: number) =>
			Object.fromEntries(VALUES.map((value) => [value, (numerator[value] ?? 0) - by * (denominator[value] ?? 0)])) as Weights;
		this.constraints.push(`${this.terms(programs, observation.items, shifted(ratio + tolerance))} <= 0`);
		this.constraints.push(`${this.terms(programs, observation.items, shifted(ratio - tolerance))} >= 0`);
		this.constraints.push(`${this.terms(programs, observation.items, denominator)} >= 1`);
	}

	/**
	 * Some answer's count among these groups together is above `room` (a set the union check turned
	 * down): one yes-or-no variable per answer, at least one yes, and a yes answer's count above the room.
	 */
	addSomeValueOver(programs: number[], item: string, room: number): void {
		const chosen = VALUES.map((value) => {
			const choice = `y${this.choices.length}`;
			this.choices.push(choice);
			const counts = programs.map((program) => this.name(program, item, value));
			this.constraints.push(`${counts.join(' + ')} - ${room + 1} ${choice} >= 0`);
			return choice;
		});
		this.constraints.push(`${chosen.join(' + ')} >= 1`);
	}

	/** The least or greatest the count can be, given everything read. */
	bound(
		highs: Awaited<ReturnType<typeof highsLoader>>,
		program: number,
		item: string,
		value: Value,
		sense: 'Maximize' | 'Minimize'
	): number {
		const variables = [...this.index.values()];
		const bounds = [
			...this.groups.flatMap((group) =>
				this.items.flatMap((candidate) => VALUES.map((v) => ` 0 <= ${this.name(group, candidate, v)} <= ${this.size(group)}`))
			),
			...this.choices.map((choice) => ` 0 <= ${choice} <= 1`)
		];
		const lp = [
			sense,
			` obj: ${this.name(program, item, value)}`,
			'Subject To',
			...this.constraints.map((constraint, index) => ` c${index}: ${constraint}`),
			'Bounds',
			...bounds,
			'General',
			` ${[...variables, ...this.choices].join(' ')}`,
			'End'
		].join('\n');
		const solution = highs.solve(lp, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0 } as never);
		if (solution.Status !== 'Optimal') throw new Error(`the attacker's program is ${solution.Status}, though the true answers satisfy it`);
		return Math.round(solution.ObjectiveValue);
	}
}
