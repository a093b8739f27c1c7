/**
 * Hostile and broken bodies, sent to every form action the app has: each is refused with a 4xx
 * and a message a person can act on, and nothing at all is stored.
 *
 * Every body sent here is invalid by construction. A body is built from a "poison" (fields that
 * make it invalid for that action, whatever else it holds) followed by arbitrary other fields.
 * Manage actions read each field with `form.get`, which takes the first value of a name, so the
 * poison goes first and a later field of the same name can't cure it. The survey refuses a whole
 * response for any one bad field, so its poison can go anywhere; its "nothing answered" poison
 * is sent alone, since any other field might be an answer. Each action's poison is explained
 * where it is defined, next to the rule in the action that refuses it.
 */
import { expect, request as requests, test, type APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { messages } from '../../src/lib/i18n';
import { PROGRAM_STAFF_MAX } from '../../src/lib/limits';
import {
	findActions,
	findBodyEndpoints,
	multipart,
	surveyItems,
	unreadable,
	unreadableKinds,
	urlencoded,
	withInvalidUtf8,
	type Body,
	type Field,
	type Upload
} from './form-bodies';
import { DatabaseWatch, expectClearMessage, readAnswer, type Answer } from './refusals';
import { startServer, type ServerProcess } from './server-process';

/** Runs per property, per action: about 25 actions, so the whole file stays near a minute. */
const RUNS = { readable: 40, unreadable: 8, notForm: 8 };
const DEMO = { username: 'demo', password: 'any positive change' };
/** Far past every limit: adapter-node reads at most 512 KB of a body, the survey 64 KB. */
const TEN_MEGABYTES = 10 * 1024 * 1024;

/** What the demo database holds that an action's poison must avoid (or aim at). */
interface Demo {
	openRound: number;
	closedRounds: number[];
	nonDraftRounds: Set<number>;
	draftRounds: Set<number>;
	/** The open round's survey links, with the item ids their pages ask about. */
	links: { token: string; audience: string; items: string[] }[];
	userIds: Set<number>;
	actionIds: Set<number>;
	programIds: Set<number>;
	programNames: string[];
}

/** A body invalid for one action: the poison fields, where to post them, and what they mean. */
interface Invalid {
	path: string;
	fields: Field[];
	/** Send the poison with nothing else: any other field could make it valid. */
	alone?: boolean;
	/** The field names the action reads, for the other fields to collide with. */
	names: string[];
	/** The survey's language, for its messages. */
	language?: 'en' | 'es';
}

interface Handling {
	/** Where to post a body that is invalid whatever it holds (too large, not a form). */
	path: (demo: Demo) => string;
	/** Bodies invalid for this action; null when every readable form is a valid request for it. */
	invalid: ((demo: Demo) => fc.Arbitrary<Invalid>) | null;
	/** A survey form: its refusals carry a reason from the survey's own list. */
	survey?: boolean;
	/** The answer this action gives every request it can't refuse, which stores nothing. */
	alwaysRedirectsTo?: string;
}

// ---- Values -------------------------------------------------------------------------------

/** Text of every kind: printable, any Unicode (control characters, lone surrogates), long. */
const text = fc.oneof(
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.constantFrom(
		'',
		' ',
		'\u0000',
		'\ud800',
		'null',
		'undefined',
		'true',
		'[]',
		'{}',
		'<script>alert(1)</script>',
		"' OR 1=1 --",
		'%00',
		'../../etc/passwd',
		'\r\n'
	),
	fc.integer({ min: 1000, max: 30_000 }).map((length) => 'x'.repeat(length))
);

/** Numbers as a form sends them, right and wrong: negative, floats, NaN, huge, in odd notations. */
const numberish = fc.oneof(
	fc.integer({ min: -5, max: 40 }).map(String),
	fc.integer().map(String),
	fc.double().map(String),
	fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
	fc.integer({ min: 20, max: 400 }).map((digits) => '9'.repeat(digits)),
	fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e309', '0x1', '0b1', '1e0', ' 1 ', '1.0', '01', '+1', '1,000', '١', '１', 'one', ''),
	text
);

/** Text that is empty once trimmed. */
const blank = fc
	.array(fc.constantFrom(' ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\ufeff'), { maxLength: 5 })
	.map((parts) => parts.join(''));

/** Text longer than `limit` characters even once trimmed (in UTF-16 units and in code points). */
const longerThan = (limit: number) =>
	fc
		.tuple(fc.integer({ min: limit + 1, max: limit + 300 }), fc.constantFrom('a', 'é', '字', '😀', 'ab '))
		.map(([count, unit]) => unit.repeat(count));

const upload: fc.Arbitrary<Upload> = fc.record({
	filename: fc.oneof(fc.constantFrom('answers.csv', '../../etc/passwd', 'a"b.txt', ''), fc.string({ maxLength: 20 })),
	type: fc.constantFrom('application/octet-stream', 'text/plain', 'image/png', 'text/html'),
	content: fc.uint8Array({ maxLength: 2000 })
});

/** Byte runs that are not UTF-8: stray continuation, overlong, surrogate, past U+10FFFF, cut short. */
const notUtf8 = fc.constantFrom([0xff], [0xfe], [0x80], [0xc0, 0xaf], [0xc3], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]);

// ---- Poisons ------------------------------------------------------------------------------

/** A poison field `name` whose value is any of `values`; alone as well when a missing `name` is invalid too. */
function poison(path: string, names: string[], name: string, values: fc.Arbitrary<string>, missingIsInvalid = true): fc.Arbitrary<Invalid> {
	const one = values.map((value): Invalid => ({ path, names, fields: [[name, value]] }));
	return missingIsInvalid ? fc.oneof(one, fc.constant<Invalid>({ path, names, fields: [], alone: true })) : one;
}

const notIn = (ids: Set<number>) => numberish.filter((value) => !ids.has(Number(value)));

/**
 * A survey form invalid for the link it is posted to: a field no survey has, an answer off the
 * scale, a question (or the note) twice, a note over 2,000 characters, or, alone, nothing
 * answered. `parseResponse` refuses each of them whatever else the form holds. The code field
 * is left out of every poison: the server sets it aside before reading the rest.
 */
function surveyInvalid(demo: Demo, pathOf: (token: string) => string): fc.Arbitrary<Invalid> {
	return fc.tuple(fc.constantFrom(...demo.links), fc.constantFrom<'en' | 'es'>('en', 'es')).chain(([link, language]) => {
		const path = pathOf(link.token) + (language === 'es' ? '?lang=es' : '');
		const names = [...link.items, 'comment', 'code'];
		const known = new Set(names);
		const scale = ['1', '2', '3', '4', '5', 'unsure'];
		const item = fc.constantFrom(...link.items);
		const make = (fields: Field[], alone = false): Invalid => ({ path, names, fields, alone, language });
		return fc.oneof(
			fc
				.tuple(fc.oneof(text, fc.constantFrom('comments', 'Comment', 'hr.listen ', 'answers[hr.listen]')), text)
				.filter(([name]) => !known.has(name))
				.map(([name, value]) => make([[name, value]])),
			fc
				.tuple(item, fc.oneof(numberish, fc.constantFrom('0', '6', 'Unsure', 'UNSURE', 'unsure ', '５', '3.5')))
				.filter(([, value]) => !scale.includes(value) && value !== '')
				.map(([name, value]) => make([[name, value]])),
			fc
				.tuple(fc.constantFrom(...link.items, 'comment'), fc.constantFrom(...scale, ''), fc.constantFrom(...scale, ''))
				.map(([name, first, second]) =>
					make([
						[name, first],
						[name, second]
					])
				),
			longerThan(2000).map((note) => make([['comment', note]])),
			fc
				.array(
					fc.oneof(
						item.map((name): Field => [name, '']),
						blank.map((note): Field => ['comment', note])
					),
					{ maxLength: 6 }
				)
				.map((fields) => make(fields, true))
		);
	});
}

/** A survey link's token that is not one of `tokens`: made up, or another round's. */
const otherToken = (tokens: Set<string>) =>
	fc
		.oneof(text, fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz234567'), minLength: 32, maxLength: 32 }))
		.filter((token) => !tokens.has(token));

const openTokens = (demo: Demo) => new Set(demo.links.map((link) => link.token));

/**
 * How to make a body invalid for each action, keyed by route and action name. A new action
 * without an entry here fails the first test below.
 */
const handlings: Record<string, Handling> = {
	'/(survey)/s/[token] default': {
		path: (demo) => `/s/${demo.links[0].token}`,
		invalid: (demo) => surveyInvalid(demo, (token) => `/s/${token}`),
		survey: true
	},
	'/(survey)/kiosk/[token] default': {
		path: (demo) => `/kiosk/${demo.links[0].token}`,
		invalid: (demo) => surveyInvalid(demo, (token) => `/kiosk/${token}`),
		survey: true
	},
	'/(manage)/manage/rounds/[id=round]/paper-entry/[token] default': {
		path: (demo) => `/manage/rounds/${demo.openRound}/paper-entry/${demo.links[0].token}`,
		invalid: (demo) => surveyInvalid(demo, (token) => `/manage/rounds/${demo.openRound}/paper-entry/${token}`),
		survey: true
	},
	// Any password but the one right one: the demo admin is the only account.
	'/(auth)/login default': {
		path: () => '/login',
		invalid: () =>
			poison(
				'/login',
				['username', 'password'],
				'password',
				text.filter((password) => password !== DEMO.password)
			)
	},
	// The demo has an admin, so setup is closed for good: every body is refused.
	'/(auth)/setup default': {
		path: () => '/setup',
		invalid: () =>
			fc.constantFrom('/setup', '/setup?token=', '/setup?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa').map((path) => ({
				path,
				names: ['username', 'password', 'confirm', 'token'],
				fields: []
			}))
	},
	// Signing out reads no body; with no session it changes nothing and always leads to sign-in.
	// Someone signed out has no second factor to pass: sent to sign in, whatever the form.
	...Object.fromEntries(
		['totp', 'passkeyChallenge', 'passkey', 'recovery'].map((action) => [
			`/(auth)/login/second-factor ${action}`,
			{
				path: () => `/login/second-factor?/${action}`,
				invalid: () =>
					fc.constant({
						path: `/login/second-factor?/${action}`,
						names: ['code', 'recoveryCode', 'credentialId', 'authenticatorData', 'clientDataJSON', 'signature'],
						fields: []
					}),
				alwaysRedirectsTo: '/login'
			} satisfies Handling
		])
	),
	'/(auth)/logout default': {
		path: () => '/logout',
		invalid: () => fc.constant({ path: '/logout', names: ['session'], fields: [] }),
		alwaysRedirectsTo: '/login'
	},
	// A role that is neither admin nor manager (compared as sent, untrimmed).
	'/(manage)/manage/accounts add': {
		path: () => '/manage/accounts?/add',
		invalid: () =>
			poison(
				'/manage/accounts?/add',
				['username', 'role', 'password'],
				'role',
				fc
					.oneof(text, fc.constantFrom('Admin', 'ADMIN', ' admin', 'manager ', 'root'))
					.filter((role) => role !== 'admin' && role !== 'manager')
			)
	},
	...Object.fromEntries(
		['disable', 'enable', 'reset', 'endSessions'].map((action) => [
			`/(manage)/manage/accounts ${action}`,
			{
				path: () => `/manage/accounts?/${action}`,
				// A user id that, read as the action reads it (`Number`), is no user.
				invalid: (demo: Demo) => poison(`/manage/accounts?/${action}`, ['userId', 'password'], 'userId', notIn(demo.userIds))
			} satisfies Handling
		])
	),
	'/(manage)/manage/accounts resetSecondFactor': {
		path: () => '/manage/accounts?/resetSecondFactor',
		invalid: (demo: Demo) => poison('/manage/accounts?/resetSecondFactor', ['userId'], 'userId', notIn(demo.userIds))
	},
	// A set-up key that is not the 32 base32 characters the page gives out; a code can't match without one.
	'/(manage)/manage/security setUpTotp': {
		path: () => '/manage/security?/setUpTotp',
		invalid: () =>
			poison(
				'/manage/security?/setUpTotp',
				['key', 'code'],
				'key',
				text.filter((key) => key.replace(/\s/g, '').length !== 32)
			)
	},
	// The demo's admin has no authenticator app to remove, and no second factor to renew a recovery code for.
	...Object.fromEntries(
		['removeTotp', 'recoveryCode'].map((action) => [
			`/(manage)/manage/security ${action}`,
			{
				path: () => `/manage/security?/${action}`,
				invalid: () => fc.constant({ path: `/manage/security?/${action}`, names: ['which'], fields: [] })
			} satisfies Handling
		])
	),
	// A challenge is held in memory, never stored: every readable form is a fair request for one.
	...Object.fromEntries(
		['security', 'confirm'].map((page) => [
			`/(manage)/manage/${page} passkeyChallenge`,
			{ path: () => `/manage/${page}?/passkeyChallenge`, invalid: null } satisfies Handling
		])
	),
	// Nothing the browser sends can pass without a challenge this server gave the session, and
	// these bodies never ask for one; the demo's admin has no passkeys to sign with or remove.
	'/(manage)/manage/security addPasskey': {
		path: () => '/manage/security?/addPasskey',
		invalid: () =>
			fc.constant({ path: '/manage/security?/addPasskey', names: ['passkeyName', 'attestationObject', 'clientDataJSON'], fields: [] })
	},
	'/(manage)/manage/security removePasskey': {
		path: () => '/manage/security?/removePasskey',
		invalid: () => fc.constant({ path: '/manage/security?/removePasskey', names: ['passkeyId'], fields: [] })
	},
	'/(manage)/manage/confirm passkey': {
		path: () => '/manage/confirm?/passkey',
		invalid: () =>
			fc.constant({
				path: '/manage/confirm?/passkey',
				names: ['credentialId', 'authenticatorData', 'clientDataJSON', 'signature'],
				fields: []
			})
	},
	// Anything that is neither "others" nor another of the admin's sessions (it has none).
	'/(manage)/manage/security endSessions': {
		path: () => '/manage/security?/endSessions',
		invalid: () =>
			poison(
				'/manage/security?/endSessions',
				['which'],
				'which',
				text.filter((which) => which.trim() !== 'others')
			)
	},
	// Anything but the password; the demo's admin has no authenticator app, so no code is right.
	'/(manage)/manage/confirm password': {
		path: () => '/manage/confirm?/password',
		invalid: () =>
			poison(
				'/manage/confirm?/password',
				['password', 'code'],
				'password',
				text.filter((password) => password !== DEMO.password)
			)
	},
	'/(manage)/manage/confirm code': {
		path: () => '/manage/confirm?/code',
		invalid: () => poison('/manage/confirm?/code', ['password', 'code'], 'code', text)
	},
	// A round id that is no round but a draft or none: the form offers only open and closed rounds.
	'/(manage)/manage/actions record': {
		path: () => '/manage/actions?/record',
		invalid: (demo) =>
			poison(
				'/manage/actions?/record',
				['roundId', 'happenedOn', 'description', 'descriptionEs', 'itemIds', 'published', 'lead', 'dueRoundId', 'status'],
				'roundId',
				notIn(demo.nonDraftRounds)
			)
	},
	...Object.fromEntries(
		['publish', 'remove'].map((action) => [
			`/(manage)/manage/actions ${action}`,
			{
				path: () => `/manage/actions?/${action}`,
				invalid: (demo: Demo) => poison(`/manage/actions?/${action}`, ['actionId', 'published'], 'actionId', notIn(demo.actionIds))
			} satisfies Handling
		])
	),
	// A change's plan for no change: whatever lead, due round and status come with it.
	'/(manage)/manage/actions plan': {
		path: () => '/manage/actions?/plan',
		invalid: (demo) => poison('/manage/actions?/plan', ['actionId', 'lead', 'dueRoundId', 'status'], 'actionId', notIn(demo.actionIds))
	},
	// Anything but the current password; after a few wrong tries the throttle's 429 answers first.
	'/(manage)/manage/password default': {
		path: () => '/manage/password',
		invalid: () =>
			poison(
				'/manage/password',
				['current', 'password', 'confirm'],
				'current',
				text.filter((current) => current !== DEMO.password)
			)
	},
	// Opening reads no body: posted to a round that is open or closed already, or to no round.
	'/(manage)/manage/rounds/[id=round] open': {
		path: (demo) => `/manage/rounds/${demo.openRound}?/open`,
		invalid: (demo) =>
			fc
				.constantFrom(...[demo.openRound, ...demo.closedRounds].map(String), '0', '999999', 'abc', '-1', '1.5')
				.filter((id) => !demo.draftRounds.has(Number(id)))
				.map((id) => ({ path: `/manage/rounds/${id}?/open`, names: ['confirm', 'token'], fields: [] }))
	},
	// Anything but the box's value `final`.
	'/(manage)/manage/rounds/[id=round] close': {
		path: (demo) => `/manage/rounds/${demo.openRound}?/close`,
		invalid: (demo) =>
			poison(
				`/manage/rounds/${demo.openRound}?/close`,
				['confirm'],
				'confirm',
				text.filter((confirm) => confirm !== 'final')
			)
	},
	// A link that is not this round's, or one of its links with a mode that is neither open nor code.
	'/(manage)/manage/rounds/[id=round] mode': {
		path: (demo) => `/manage/rounds/${demo.openRound}?/mode`,
		invalid: (demo) => {
			const path = `/manage/rounds/${demo.openRound}?/mode`;
			const names = ['token', 'mode'];
			return fc.oneof(
				poison(path, names, 'token', otherToken(openTokens(demo))),
				fc
					.tuple(
						fc.constantFrom(...openTokens(demo)),
						text.filter((mode) => mode !== 'open' && mode !== 'code')
					)
					.map(([token, mode]): Invalid => ({
						path,
						names,
						fields: [
							['token', token],
							['mode', mode]
						]
					}))
			);
		}
	},
	// Making codes, on one of the round's links: a count that is not a whole 1 to 500, or none.
	'/(manage)/manage/rounds/[id=round]/slips/[token] default': {
		path: (demo) => `/manage/rounds/${demo.openRound}/slips/${demo.links[0].token}`,
		invalid: (demo) => {
			const badCount = numberish.filter((count) => {
				const number = Number(count);
				return !(Number.isInteger(number) && number >= 1 && number <= 500);
			});
			return fc
				.constantFrom(...openTokens(demo))
				.chain((token) => poison(`/manage/rounds/${demo.openRound}/slips/${token}`, ['count'], 'count', badCount));
		}
	},
	// A link that is not this round's (a right one would sign this test's admin out).
	'/(manage)/manage/rounds/[id=round] kiosk': {
		path: (demo) => `/manage/rounds/${demo.openRound}?/kiosk`,
		invalid: (demo) => poison(`/manage/rounds/${demo.openRound}?/kiosk`, ['token'], 'token', otherToken(openTokens(demo)))
	},
	// No name or one over 200 characters; or, after a good name, a start date that is not a real
	// date, or an end before the start. (The good name only lets the body reach the later checks.)
	'/(manage)/manage/rounds/new default': {
		path: () => '/manage/rounds/new',
		invalid: () => {
			const path = '/manage/rounds/new';
			const names = ['name', 'plannedStart', 'plannedEnd', 'sections.staff', 'sections.consumer', 'program'];
			const notADate = fc.oneof(
				text.filter((date) => date.trim() !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(date.trim())),
				fc.constantFrom('2027-02-30', '2027-02-29', '2027-04-31', '2027-13-01', '2027-00-10', '2027-01-00', '2027-01-32', '0000-00-00')
			);
			const named = (fields: Field[]): Invalid => ({ path, names, fields: [['name', 'Spring 2028'], ...fields] });
			return fc.oneof(
				poison(path, names, 'name', fc.oneof(blank, longerThan(200))),
				notADate.map((date) => named([['plannedStart', date]])),
				fc.constant(
					named([
						['plannedStart', '2027-03-02'],
						['plannedEnd', '2027-03-01']
					])
				)
			);
		}
	},
	// No agency name (or one over 200 characters); or, after a good name, a minimum group size that
	// is not a whole number from 3 to 1,000, or a good one and a comment minimum below it or over 1,000.
	'/(manage)/manage/settings agency': {
		path: () => '/manage/settings?/agency',
		invalid: () => {
			const path = '/manage/settings?/agency';
			const names = ['name', 'minimumGroupSize', 'minimumCommentGroupSize'];
			const outside = (low: number) =>
				numberish.filter((size) => {
					const number = Number(size.trim());
					return !(Number.isInteger(number) && number >= low && number <= 1000);
				});
			const named = (fields: Field[]): Invalid => ({ path, names, fields: [['name', 'Eastside'], ...fields] });
			return fc.oneof(
				poison(path, names, 'name', fc.oneof(blank, longerThan(200))),
				outside(3).map((size) => named([['minimumGroupSize', size]])),
				outside(5).map((size) =>
					named([
						['minimumGroupSize', '5'],
						['minimumCommentGroupSize', size]
					])
				)
			);
		}
	},
	// Turning the public page on or off takes any form at all (a missing `on` means off).
	'/(manage)/manage/settings publicPage': {
		path: () => '/manage/settings?/publicPage',
		invalid: null
	},
	'/(manage)/manage/settings secondFactor': {
		path: () => '/manage/settings?/secondFactor',
		invalid: null
	},
	// No name, one over 200 characters, or the name of a program there is already.
	'/(manage)/manage/settings addProgram': {
		path: () => '/manage/settings?/addProgram',
		invalid: (demo) =>
			poison(
				'/manage/settings?/addProgram',
				['name'],
				'name',
				fc.oneof(
					blank,
					longerThan(200),
					fc.tuple(blank, fc.constantFrom(...demo.programNames), blank).map(([before, name, after]) => before + name + after)
				)
			)
	},
	// A program id that is no program, or no name (or one over 200 characters).
	'/(manage)/manage/settings renameProgram': {
		path: () => '/manage/settings?/renameProgram',
		invalid: (demo) => {
			const path = '/manage/settings?/renameProgram';
			const names = ['programId', 'name'];
			// A good new name before the bad id, so the body gets past the name's check to the id's.
			return fc.oneof(
				notIn(demo.programIds).map((id): Invalid => ({
					path,
					names,
					fields: [
						['name', 'Outreach van'],
						['programId', id]
					]
				})),
				poison(path, names, 'programId', notIn(demo.programIds)),
				poison(path, names, 'name', fc.oneof(blank, longerThan(200)))
			);
		}
	},
	// A program id that is no program, or a headcount that is no whole number from 1 to the limit (empty clears it).
	'/(manage)/manage/settings programStaff': {
		path: () => '/manage/settings?/programStaff',
		invalid: (demo) => {
			const path = '/manage/settings?/programStaff';
			const names = ['programId', 'staffCount'];
			const program = String([...demo.programIds][0]);
			const notAHeadcount = (value: string) => {
				const typed = value.trim();
				const count = /^[+-]?\d{1,15}(\.\d{1,15})?$/.test(typed) ? Number(typed) : Number.NaN;
				return typed !== '' && !(Number.isInteger(count) && count >= 1 && count <= PROGRAM_STAFF_MAX);
			};
			return fc.oneof(
				poison(path, names, 'programId', notIn(demo.programIds)),
				numberish.filter(notAHeadcount).map((count): Invalid => ({
					path,
					names,
					fields: [
						['programId', program],
						['staffCount', count]
					]
				}))
			);
		}
	},
	'/(manage)/manage/settings retireProgram': {
		path: () => '/manage/settings?/retireProgram',
		invalid: (demo) => poison('/manage/settings?/retireProgram', ['programId', 'retired'], 'programId', notIn(demo.programIds))
	}
};

const found = [...findActions(), ...findBodyEndpoints()].map(({ route, action }) => `${route} ${action}`);
const handled = found.filter((key) => key in handlings);

// ---- The server ---------------------------------------------------------------------------

let server: ServerProcess;
let anonymous: APIRequestContext;
let admin: APIRequestContext;
let watch: DatabaseWatch;
let demo: Demo;

/**
 * The server reads the client's address from X-Forwarded-For, and each request here sends a
 * new one: sign-in failures are throttled per client address, and without this every body
 * after the tenth wrong password would get the throttle's 429 before reaching the action's own
 * checks. (The survey's rate limit counts only answers about to be stored, so it never applies.)
 */
let nextClient = 1;
const clientAddress = () => {
	const n = nextClient++;
	return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

test.beforeAll(async () => {
	server = await startServer({ port: 4176, demo: true, env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });
	anonymous = await requests.newContext({ baseURL: server.origin });
	admin = await requests.newContext({ baseURL: server.origin });
	const signIn = await admin.post('/login', {
		form: DEMO,
		headers: { origin: server.origin, accept: 'text/html', 'x-forwarded-for': clientAddress() },
		maxRedirects: 0
	});
	expect(signIn.status()).toBe(303);
	demo = await readDemo();
	watch = new DatabaseWatch(server.databaseFile);
});

test.afterAll(async () => {
	watch?.close();
	await anonymous?.dispose();
	await admin?.dispose();
	await server?.stop();
	if (server) rmSync(dirname(server.databaseFile), { recursive: true, force: true });
});

/** The rounds, links, users, actions and programs of the demo, and each open link's items. */
async function readDemo(): Promise<Demo> {
	const database = new Database(server.databaseFile, { readonly: true });
	try {
		const rounds = database.prepare('SELECT id, status FROM rounds').all() as { id: number; status: string }[];
		const openRound = rounds.find((round) => round.status === 'open')!.id;
		const ids = (query: string) => new Set(database.prepare(query).pluck().all() as number[]);
		const links = database
			.prepare('SELECT token, audience FROM survey_links WHERE round_id = ? ORDER BY audience, token')
			.all(openRound) as { token: string; audience: string }[];
		return {
			openRound,
			closedRounds: rounds.filter((round) => round.status === 'closed').map((round) => round.id),
			nonDraftRounds: new Set(rounds.filter((round) => round.status !== 'draft').map((round) => round.id)),
			draftRounds: new Set(rounds.filter((round) => round.status === 'draft').map((round) => round.id)),
			links: await Promise.all(links.map(async (link) => ({ ...link, items: await itemsOf(link.token) }))),
			userIds: ids('SELECT id FROM users'),
			actionIds: ids('SELECT id FROM actions'),
			programIds: ids('SELECT id FROM programs'),
			programNames: database.prepare('SELECT name FROM programs').pluck().all() as string[]
		};
	} finally {
		database.close();
	}
}

/** The item ids a survey page asks about: the names of its radio buttons. */
async function itemsOf(token: string): Promise<string[]> {
	const items = surveyItems(await (await anonymous.get(`/s/${token}`)).text());
	expect(items.length, token).toBeGreaterThan(3);
	return items;
}

// ---- Sending and checking -----------------------------------------------------------------

const isManage = (key: string) => key.startsWith('/(manage)/');

/** Posts a body as a browser would (a plain form post, or the enhanced form's request). */
async function send(key: string, path: string, body: Body, enhanced = false): Promise<Answer> {
	const response = await (isManage(key) ? admin : anonymous).post(path, {
		data: body.bytes,
		headers: {
			origin: server.origin,
			'content-type': body.type,
			'x-forwarded-for': clientAddress(),
			...(enhanced ? { accept: 'application/json', 'x-sveltekit-action': 'true' } : { accept: 'text/html' })
		},
		maxRedirects: 0,
		timeout: 15_000
	});
	return readAnswer(response);
}

/**
 * The answer refuses the body: a 4xx (or, for signing out, its one redirect), and for a manage
 * action a refusal by the action itself, not by the sign-in check.
 */
function expectRefused(key: string, answer: Answer): void {
	const handling = handlings[key];
	if (handling.alwaysRedirectsTo && answer.status === 303) {
		expect(answer.location).toBe(handling.alwaysRedirectsTo);
		return;
	}
	expect(answer.status, `${answer.message}\n${answer.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
	expect(answer.status, `${answer.message}\n${answer.body.slice(0, 300)}`).toBeLessThan(500);
	if (isManage(key)) expect([401, 403], 'the admin was signed out').not.toContain(answer.status);
}

/** A survey's refusal names one of its own reasons, in the page's language. */
function expectSurveyReason(answer: Answer, language: 'en' | 'es'): void {
	const text = messages[language];
	const reasons: string[] = Object.values(text.problems);
	if (answer.problem !== undefined) {
		expect(Object.keys(text.problems)).toContain(answer.problem);
	} else if (answer.message.startsWith(text.problemTitle)) {
		// One of the catalogue's reasons, or an answer off the scale named by its question's number and words.
		const said = answer.message.slice(text.problemTitle.length).trim();
		const escape = (part: string) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		// A mark stands in for the question's number, so the sentence splits at it.
		const [before, rest] = text.offScaleAt('\u0000' as unknown as number, '\u0001').split('\u0000');
		const [between, after] = rest.split('\u0001');
		const offScaleAt = new RegExp(`^${escape(before)}\\d+${escape(between)}.+${escape(after)}$`, 's');
		expect(reasons.includes(said) || offScaleAt.test(said), said).toBe(true);
	} else {
		expectClearMessage(answer);
	}
}

function expectClearRefusal(key: string, answer: Answer, language: 'en' | 'es' = 'en'): void {
	if (answer.status < 400) return;
	if (handlings[key].survey) expectSurveyReason(answer, language);
	else expectClearMessage(answer);
}

/** A field name: mostly one the action reads, so that it collides with the real ones. */
const fieldName = (names: string[]) =>
	fc.oneof(
		{ arbitrary: fc.constantFrom(...names), weight: 4 },
		{ arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
		{ arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 1 }
	);

/** The other fields, with every kind of value. */
const otherFields = (names: string[]) => fc.array(fc.tuple(fieldName(names), text), { maxLength: 6 });

interface Case {
	invalid: Invalid;
	others: Field[];
	files: [string, Upload][];
	encoding: 'urlencoded' | 'multipart' | 'not UTF-8';
	enhanced: boolean;
	breakage: { field: number; inName: boolean; offset: number; bytes: readonly number[] };
}

const cases = (invalid: fc.Arbitrary<Invalid>): fc.Arbitrary<Case> =>
	invalid.chain((poisoned) =>
		fc.record({
			invalid: fc.constant(poisoned),
			others: poisoned.alone ? fc.constant([]) : otherFields(poisoned.names),
			files: poisoned.alone ? fc.constant([]) : fc.array(fc.tuple(fieldName(poisoned.names), upload), { maxLength: 2 }),
			encoding: fc.constantFrom('urlencoded', 'multipart', 'not UTF-8'),
			enhanced: fc.boolean(),
			breakage: fc.record({ field: fc.nat(), inName: fc.boolean(), offset: fc.nat(), bytes: notUtf8 })
		})
	);

/**
 * The body a case describes. Bytes that are not UTF-8 go only into one of the other fields
 * (a new `extra` field when there is none), never into the poison: a blank name with a stray
 * byte would be a name.
 */
function bodyOf(sample: Case): Body {
	const fields: Field[] = [...sample.invalid.fields, ...sample.others];
	if (sample.encoding === 'multipart') return multipart([...fields, ...sample.files]);
	if (sample.encoding === 'urlencoded') return urlencoded(fields);
	const others = sample.others.length > 0 ? sample.others : [['extra', ''] as Field];
	const field = sample.invalid.fields.length + (sample.breakage.field % others.length);
	return withInvalidUtf8([...sample.invalid.fields, ...others], { ...sample.breakage, field });
}

/** Random bytes and documents in content types that are not forms. */
const notAForm = fc.record({
	type: fc.constantFrom(
		'application/json',
		'application/xml',
		'text/xml',
		'application/octet-stream',
		'image/png',
		'text/html',
		'application/x-www-form-urlencodedx',
		'multipart/mixed; boundary=x'
	),
	bytes: fc.oneof(
		fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes)),
		fc.json().map((json) => Buffer.from(json)),
		fc.constant(Buffer.from('<?xml version="1.0"?><answers><hr.listen>5</hr.listen></answers>'))
	)
});

/** A form of one note, `size` bytes long. */
const formOfSize = (size: number): Body => ({
	type: 'application/x-www-form-urlencoded',
	bytes: Buffer.concat([Buffer.from('comment='), Buffer.alloc(size - 'comment='.length, 'a')])
});

// ---- Tests --------------------------------------------------------------------------------

test('every form action and endpoint that takes a body has bodies to try here', () => {
	expect(found.length, 'no actions found: has the source moved?').toBeGreaterThanOrEqual(20);
	expect(
		found.filter((key) => !(key in handlings)),
		'actions with no invalid bodies defined'
	).toEqual([]);
	expect(
		Object.keys(handlings).filter((key) => !found.includes(key)),
		'bodies for actions that no longer exist'
	).toEqual([]);
});

for (const key of handled) {
	test.describe(key, () => {
		const handling = handlings[key];

		if (handling.invalid) {
			test('refuses invalid forms, however sent, and stores nothing', async () => {
				watch.expectUnchangedFully('before this test');
				await fc.assert(
					fc.asyncProperty(cases(handling.invalid!(demo)), async (sample) => {
						const answer = await send(key, sample.invalid.path, bodyOf(sample), sample.enhanced);
						// Checked first, so a body that stores is caught by its own run, not by the next.
						watch.expectUnchanged();
						expectRefused(key, answer);
						expectClearRefusal(key, answer, sample.invalid.language);
					}),
					{ numRuns: RUNS.readable }
				);
				watch.expectUnchangedFully();
			});
		}

		test('refuses a form no parser can read, with a clear message, and stores nothing', async () => {
			const contents = handling.invalid
				? handling.invalid(demo)
				: fc.constant<Invalid>({ path: handling.path(demo), names: [], fields: [] });
			await fc.assert(
				fc.asyncProperty(
					contents,
					otherFields(['a', 'b']),
					fc.constantFrom(...unreadableKinds),
					fc.nat(),
					fc.boolean(),
					async (invalid, others, kind, cut, enhanced) => {
						const fields = invalid.alone ? invalid.fields : [...invalid.fields, ...others];
						const answer = await send(key, invalid.path, unreadable(kind, fields, cut), enhanced);
						watch.expectUnchanged();
						expectRefused(key, answer);
						expectClearRefusal(key, answer, invalid.language);
					}
				),
				{ numRuns: RUNS.unreadable }
			);
			watch.expectUnchangedFully();
		});

		test('refuses a body that is not a form with 415 and stores nothing', async () => {
			await fc.assert(
				fc.asyncProperty(notAForm, fc.boolean(), async (body, enhanced) => {
					const answer = await send(key, handling.path(demo), body, enhanced);
					watch.expectUnchanged();
					expect(answer.status).toBe(415);
				}),
				{ numRuns: RUNS.notForm }
			);
			watch.expectUnchangedFully();
		});

		test('refuses a 10 MB body at once and stores nothing', async () => {
			// A note far past every limit: for the survey an overlong note, for the rest a form
			// without the fields they need. Turning the public page off is valid but for its size.
			// Opening a round and signing out read no body: they answer as they would to any.
			const body = formOfSize(TEN_MEGABYTES);
			const started = Date.now();
			const answer = await send(key, handling.path(demo), body);
			expect(Date.now() - started, 'took too long to refuse').toBeLessThan(10_000);
			expectRefused(key, answer);
			if (answer.status !== 303) expect([409, 413]).toContain(answer.status);
			watch.expectUnchangedFully();
		});
	});
}

/**
 * A body that is not a form is refused by SvelteKit before any action runs (415), and one over
 * adapter-node's size limit fails as the action reads it (413): each must still say plainly
 * what was wrong, not that the server failed.
 */
test('a body refused before the action can check it (wrong type, too large) says what was wrong', async () => {
	const bodies = [
		['not a form', { type: 'application/json', bytes: Buffer.from('{}') }],
		['1 MB', formOfSize(1024 * 1024)]
	] as const;
	const unclear: string[] = [];
	for (const key of handled) {
		for (const [what, body] of bodies) {
			const answer = await send(key, handlings[key].path(demo), body);
			if (answer.status < 400) continue;
			try {
				expectClearMessage(answer);
			} catch {
				unclear.push(`${key}, ${what}: ${answer.status} "${answer.message}"`);
			}
		}
	}
	watch.expectUnchangedFully();
	expect(unclear).toEqual([]);
});
