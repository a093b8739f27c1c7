/**
 * The demo agency: two programs, six closed quarterly rounds of synthetic answers (most questions
 * flat, a few that clearly moved), four recorded changes (two done, one under way, one overdue),
 * one open round and one draft. Made only when the server starts with DEMO=1 (as `npm run demo`
 * does) and the database has no rounds yet; otherwise the data is reused.
 */
import { type Audience, type Item, type Language } from '$lib/instruments';
import type { AnswerValue } from '$lib/instruments';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { recordAction } from './actions';
import { db, sql } from './db';
import { renameAgency } from './agency';
import { createProgram, listPrograms } from './programs';
import { qrTerminal } from './qr';
import { saveResponse, type Channel, type ResponseMeta } from './responses';
import { closeRound, createRound, getRound, openRound } from './rounds';
import { addAgencyQuestion, roundSections, type QuestionDraft } from './agency-questions';
import { listSurveyLinks } from './survey-links';
import { createUser, getUserByUsername } from './user';

export const DEMO_AGENCY = 'Eastside Harm Reduction Collective';

const closedRounds = [
	{ name: 'Summer 2025', nameEs: 'Verano 2025', opened: '2025-07-01', closed: '2025-07-31' },
	{ name: 'Autumn 2025', nameEs: 'Otoño 2025', opened: '2025-10-01', closed: '2025-10-31' },
	{ name: 'Winter 2026', nameEs: 'Invierno 2026', opened: '2026-01-05', closed: '2026-02-04' },
	{ name: 'Spring 2026', nameEs: 'Primavera 2026', opened: '2026-04-01', closed: '2026-05-01' },
	{ name: 'Summer 2026', nameEs: 'Verano 2026', opened: '2026-07-01', closed: '2026-07-31' },
	{ name: 'Autumn 2026', nameEs: 'Otoño 2026', opened: '2026-09-28', closed: '2026-10-28' }
];

/** The counseling program's consumers in this round fall below the minimum group size. */
export const SMALL_GROUP = { round: 'Winter 2026', program: 'Counseling program', audience: 'consumer' as const };

/** Staff rate themselves higher than consumers rate staff on these mirrored items. */
const staffOverrate: Record<string, number> = {
	'hr.listen': 1.1,
	'hr.patience': 0.9,
	'hr.explain': 1.0,
	'stc.power': 1.2,
	'stc.who-decides': 0.9,
	'stc.complaints': 1.0
};

/**
 * The few questions whose answers moved, from which round on (its index among the closed rounds)
 * and by how much, for staff and consumers alike; every other question stays flat. Two moved after
 * changes the agency recorded (the demo's "You said, we did"), one for the worse when the drop-in
 * center moved across town. The demo's summary names exactly these.
 */
export const DEMO_MOVES: Record<string, { start: number; from: number; by: number }> = {
	'hr.timetable': { start: 3.2, from: 3, by: 0.9 },
	'stc.rules': { start: 3.0, from: 5, by: 1.1 },
	'stc.feedback': { start: 3.1, from: 5, by: 1.0 },
	'stc.friendly': { start: 3.9, from: 5, by: -1.0 }
};

/**
 * The changes the demo agency recorded, each after a closed round, as a plan: the two that worked
 * are done; the answer to the fall in "Easy to use" is under way, due by the round now open; and a
 * promise to call people back is still only planned although the round it was due by has closed,
 * so it is overdue. The open ones are not published: the agency publishes what it has done.
 */
const demoActions = [
	{
		round: 'Winter 2026',
		happenedOn: '2026-02-16',
		description: 'Staff trained in working at each person’s own pace, with no deadlines set for them.',
		descriptionEs: 'El personal se capacitó para trabajar al ritmo de cada persona, sin fijarle plazos.',
		itemIds: ['hr.timetable'],
		lead: 'Training coordinator',
		due: 'Spring 2026',
		status: 'done',
		published: true
	},
	{
		round: 'Spring 2026',
		happenedOn: '2026-05-18',
		description: 'Everyone who leaves a message or a complaint gets a call back within two working days.',
		descriptionEs: null,
		itemIds: ['stc.complaints'],
		lead: 'Front desk lead',
		due: 'Autumn 2026',
		status: 'planned',
		published: false
	},
	{
		round: 'Summer 2026',
		happenedOn: '2026-08-17',
		description: 'Consumers now sit on the rules committee, and every change to the rules is posted with the reason for it.',
		descriptionEs: 'Ahora hay participantes en el comité de reglas, y cada cambio de reglas se publica con su razón.',
		itemIds: ['stc.rules', 'stc.feedback'],
		lead: 'Program director',
		due: 'Autumn 2026',
		status: 'done',
		published: true
	},
	{
		round: 'Autumn 2026',
		happenedOn: '2026-11-09',
		description: 'Signs from the bus stop to the new drop-in center, and a map on every flyer.',
		descriptionEs: null,
		itemIds: ['stc.friendly'],
		lead: 'Drop-in center coordinator',
		due: 'Winter 2027',
		status: 'under-way',
		published: false
	}
];

/**
 * The demo agency's own questions, added after Spring 2026 and so asked from Summer 2026 on: one
 * mirrored pair in both languages, and one for consumers only, written in English alone (Spanish
 * pages show it in English, marked so).
 */
const demoQuestions: (QuestionDraft & { mean: number })[] = [
	{
		name: 'Naloxone when needed',
		audience: 'both',
		scale: 'agreement',
		staffEn: 'People who come here can get naloxone from us whenever they need it.',
		staffEs: 'Las personas que vienen aquí pueden conseguir naloxona con nosotros cuando la necesitan.',
		consumerEn: 'I can get naloxone here when I need it.',
		consumerEs: 'Aquí puedo conseguir naloxona cuando la necesito.',
		mean: 3.9
	},
	{
		name: 'Evening hours',
		audience: 'consumer',
		scale: 'practice',
		staffEn: '',
		staffEs: '',
		consumerEn: 'The evening hours work for me.',
		consumerEs: '',
		mean: 3.4
	}
];
const DEMO_QUESTIONS_FROM = 'Summer 2026';

const comments: Record<Language, string[]> = {
	en: [
		'The front desk is always kind to me, even on bad days.',
		'I wish the hours were longer on weekends.',
		'Staff never make me feel judged. That matters.',
		'Sometimes it takes a long time to get a call back.',
		'I would like more say in the groups we have.',
		'The new supply pickup is much easier.',
		'People here listen. Thank you.'
	],
	es: ['El personal siempre me trata con respeto.', 'Me gustaría que hubiera más horas los fines de semana.', 'Aquí me escuchan de verdad.']
};

/** The demo's sign-in: an admin, so every page of the manage area can be tried. */
export const DEMO_SIGN_IN = { username: 'demo', password: 'any positive change' };

/**
 * The demo's own account, on a server started as the demo: the one admin that may skip the second
 * factor, so the demo can be tried with a password alone. The demo says so where it prints it.
 */
export const isDemoAccount = (username: string) => process.env.DEMO === '1' && username === DEMO_SIGN_IN.username;

export async function seedDemoIfAsked(): Promise<void> {
	if (process.env.DEMO !== '1') return;
	const hasRounds = sql<[], number>('SELECT count(*) FROM rounds').pluck().get()! > 0;
	const admin = getUserByUsername(DEMO_SIGN_IN.username) ?? (await createUser(DEMO_SIGN_IN.username, DEMO_SIGN_IN.password, 'admin'));
	if (!hasRounds) seedDemo(mulberry32(2026), admin.id);
	await printWelcome();
}

/**
 * Builds the demo data through the same functions the app itself uses to store answers: all of
 * it in one transaction, then the past rounds are closed (closing rewrites the file, which can't
 * happen inside a transaction). The demo's paper forms are counted as typed in by `paperTypist`.
 */
export function seedDemo(random: () => number, paperTypist: number): void {
	ownRandom = mulberry32(2026);
	const toClose = db().transaction(() => addDemoData(random, paperTypist))();
	for (const { id, closedAt } of toClose) closeRound(id, closedAt);
}

function addDemoData(random: () => number, paperTypist: number): { id: number; closedAt: number }[] {
	renameAgency(DEMO_AGENCY);
	const programs = [createProgram('Drop-in center', 'Centro de acogida'), createProgram('Counseling program', 'Programa de consejería')];
	const programIds = programs.map((program) => program.id);

	const pastRounds = closedRounds.map((planned, index) => {
		if (planned.name === DEMO_QUESTIONS_FROM) for (const { mean, ...draft } of demoQuestions) addAgencyQuestion(draft);
		const round = createRound({
			name: planned.name,
			nameEs: planned.nameEs,
			programIds,
			plannedStart: planned.opened,
			plannedEnd: planned.closed
		});
		openRound(round.id, unixTime(planned.opened));
		for (const program of programs) {
			for (const audience of ['staff', 'consumer'] as const) {
				const small = planned.name === SMALL_GROUP.round && program.name === SMALL_GROUP.program && audience === SMALL_GROUP.audience;
				const count = small ? 3 : groupSize(audience, program.name, random);
				for (let i = 0; i < count; i++) submitSynthetic(round.id, audience, program.id, index, random, paperTypist);
			}
		}
		return { id: round.id, closedAt: unixTime(planned.closed) };
	});

	const open = createRound({
		name: 'Winter 2027',
		nameEs: 'Invierno 2027',
		programIds,
		plannedStart: '2026-11-16',
		plannedEnd: '2026-12-18'
	});
	openRound(open.id, unixTime('2026-11-16'));
	for (const program of programs) {
		for (const audience of ['staff', 'consumer'] as const) {
			for (let i = 0; i < (audience === 'staff' ? 4 : 9); i++) {
				submitSynthetic(open.id, audience, program.id, closedRounds.length, random, paperTypist);
			}
		}
	}

	const next = createRound({
		name: 'Spring 2027',
		nameEs: 'Primavera 2027',
		programIds,
		plannedStart: '2027-02-01',
		plannedEnd: '2027-03-01'
	});

	const roundIds = new Map([
		...closedRounds.map((planned, index) => [planned.name, pastRounds[index].id] as const),
		[open.name, open.id],
		[next.name, next.id]
	]);
	for (const { round, due, ...action } of demoActions) {
		recordAction({ ...action, roundId: roundIds.get(round)!, dueRoundId: roundIds.get(due)! });
	}
	return pastRounds;
}

function groupSize(audience: Audience, program: string, random: () => number): number {
	const base = audience === 'staff' ? (program === 'Drop-in center' ? 9 : 6) : program === 'Drop-in center' ? 26 : 12;
	return base + Math.floor(random() * 6);
}

function submitSynthetic(
	roundId: number,
	audience: Audience,
	programId: number,
	roundIndex: number,
	random: () => number,
	paperTypist: number
) {
	const { sections } = roundSections(getRound(roundId)!, audience);
	const answers = new Map<string, AnswerValue>();
	for (const item of sections.flatMap((section) => section.items)) {
		// The agency's own questions draw from a stream of their own, so the deck's answers (and the
		// demo's designed figures) are the same as before they were added.
		const own = demoQuestions.find((question) => question.name === item.name);
		const value = own ? ownAnswer(own.mean + (audience === 'staff' ? 0.5 : 0)) : syntheticAnswer(item, audience, roundIndex, random);
		if (value !== undefined) answers.set(item.id, value);
	}
	const language: Language = audience === 'consumer' && random() < 0.25 ? 'es' : 'en';
	const channel: Channel = audience === 'staff' ? 'web' : (['web', 'web', 'kiosk', 'paper'] as const)[Math.floor(random() * 4)];
	const pool = comments[language];
	const comment = audience === 'consumer' && random() < 0.3 ? pool[Math.floor(random() * pool.length)] : null;
	const meta: ResponseMeta = channel === 'paper' ? { language, channel, enteredBy: paperTypist } : { language, channel };
	saveResponse({ roundId, audience, programId }, meta, { answers, comment });
}

/** The own questions' stream, started afresh with each demo. */
let ownRandom = mulberry32(2026);

/** An answer to one of the demo agency's own questions, near its mean, from their own stream. */
function ownAnswer(mean: number): AnswerValue | undefined {
	const roll = ownRandom();
	if (roll < 0.04) return undefined;
	if (roll < 0.1) return 0;
	const noise = (ownRandom() + ownRandom() + ownRandom() - 1.5) * 1.6;
	return Math.min(5, Math.max(1, Math.round(mean + noise))) as AnswerValue;
}

/** A believable answer: skipped now and then, sometimes "not sure", otherwise near the item's mean. */
function syntheticAnswer(item: Item, audience: Audience, roundIndex: number, random: () => number): AnswerValue | undefined {
	const roll = random();
	if (roll < 0.04) return undefined;
	if (roll < 0.1) return 0;
	const move = DEMO_MOVES[item.id];
	let mean = move ? move.start + (roundIndex >= move.from ? move.by : 0) : 3.3 + (hash(item.id) % 10) / 10;
	if (audience === 'staff') mean += staffOverrate[item.id] ?? 0.3;
	const noise = (random() + random() + random() - 1.5) * 1.6;
	return Math.min(5, Math.max(1, Math.round(mean + noise))) as AnswerValue;
}

async function printWelcome(): Promise<void> {
	const origin = process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
	const addresses = demoAddresses(origin, process.env.PORT ?? '3000', process.env.HOST, networkInterfaces());
	const open = sql<[], { id: number; name: string }>("SELECT id, name FROM rounds WHERE status = 'open' ORDER BY id DESC LIMIT 1").get();
	const programNames = new Map(listPrograms().map((program) => [program.id, program.name]));
	const links = open
		? listSurveyLinks(open.id).map((link) => ({ ...link, group: link.programId ? programNames.get(link.programId) : 'All programs' }))
		: [];
	console.log(await demoWelcome(addresses, open?.name ?? null, links));
}

/**
 * The addresses the demo can be reached at: its ORIGIN (localhost, as `npm run demo` sets it)
 * and, when the server listens on every interface, each of this machine's network (IPv4)
 * addresses, which a phone or tablet on the same Wi-Fi can open.
 */
export function demoAddresses(
	origin: string,
	port: string,
	host: string | undefined,
	interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>
): string[] {
	const listening = host === undefined || host === '' || host === '0.0.0.0' || host === '::' ? null : host;
	const network = listening
		? /^(127\.|::1$|localhost$)/.test(listening)
			? []
			: [listening.includes(':') ? `[${listening}]` : listening]
		: Object.values(interfaces)
				.flat()
				.filter((info) => info !== undefined && info.family === 'IPv4' && !info.internal)
				.map((info) => info!.address);
	return [...new Set([origin, ...network.map((address) => `http://${address}:${port}`)])];
}

/**
 * What `npm run demo` prints: where to open it, the open round's links (on the network address,
 * for other devices), a QR code a tablet can scan to answer as a consumer, and the sign-in.
 */
export async function demoWelcome(
	addresses: string[],
	roundName: string | null,
	links: { audience: Audience; group: string | undefined; token: string }[]
): Promise<string> {
	const [origin, network] = [addresses[0], addresses[1] ?? addresses[0]];
	const lines = ['Any Positive Change demo, open at:', `  ${origin}`];
	for (const address of addresses.slice(1)) lines.push(`  ${address}   (from a phone or tablet on the same network)`);
	if (roundName) {
		lines.push(`Open round "${roundName}": survey links`);
		for (const link of links) lines.push(`  ${link.audience.padEnd(8)} ${link.group}: ${network}/s/${link.token}`);
	}
	const consumer = links.find((link) => link.audience === 'consumer');
	if (consumer && addresses.length > 1) {
		lines.push(`Scan this on a phone or tablet on the same network to answer as a consumer (${consumer.group}):`);
		lines.push(await qrTerminal(`${network}/s/${consumer.token}`));
	} else if (consumer) {
		lines.push('No network address was found, so other devices can’t reach this demo (HOST may limit it to this machine).');
	}
	lines.push(`Manager sign-in: ${origin}/login  username "${DEMO_SIGN_IN.username}", password "${DEMO_SIGN_IN.password}"`);
	lines.push('This demo account may skip the second factor; every other admin must set one up at their first sign-in.');
	return lines.join('\n');
}

const unixTime = (date: string) => Math.floor(Date.parse(`${date}T12:00:00Z`) / 1000);

function hash(text: string): number {
	let value = 0;
	for (const character of text) value = (value * 31 + character.charCodeAt(0)) >>> 0;
	return value;
}

/** A small seeded random number generator, so the demo data is the same every time. */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
