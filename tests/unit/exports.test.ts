import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerValue, Audience } from '$lib/instruments';
import { currentInstrument } from '$lib/instruments';
import { csvField, toCsv } from '$lib/csv';
import { getAgency, updateAgency } from '$lib/server/agency';
import { roundComments } from '$lib/server/comments';
import { aggregatesCsv, responsesCsv } from '$lib/server/exports';
import { createProgram, type Program } from '$lib/server/programs';
import { saveResponse } from '$lib/server/responses';
import { listClosedRounds, loadResults } from '$lib/server/results';
import { closeRound, createRound, openRound, type Round } from '$lib/server/rounds';

const TOO_FEW = 'fewer than 5 responses';
const WOULD_REVEAL = 'hidden so that no group of fewer than 5 can be worked out';
const meta = { language: 'en' as const, channel: 'web' as const };

function answer(
	round: Round,
	audience: Audience,
	program: Program | null,
	answers: [string, AnswerValue][],
	comment: string | null = null
) {
	saveResponse({ roundId: round.id, audience, programId: program?.id ?? null }, meta, { answers: new Map(answers), comment });
}

function openedRound(name: string, programs: Program[] = []) {
	const round = createRound({ name, programIds: programs.map((program) => program.id) });
	openRound(round.id);
	return round;
}

/** A CSV as written by toCsv: a byte-order mark, then CRLF lines of quoted fields. */
function parseCsv(text: string): string[][] {
	expect(text.startsWith('\uFEFF')).toBe(true);
	expect(text.endsWith('\r\n')).toBe(true);
	const lines = text.slice(1, -2).split('\r\n');
	return lines.map((line) => {
		// Every field quoted, quotes inside doubled, fields joined by commas and nothing else.
		expect(line).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/);
		return [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => match[1].replace(/""/g, '"'));
	});
}

/** The rows of a CSV as objects keyed by its header. */
function records(text: string): Record<string, string>[] {
	const [header, ...rows] = parseCsv(text);
	return rows.map((row) => {
		expect(row).toHaveLength(header.length);
		return Object.fromEntries(header.map((name, index) => [name, row[index]]));
	});
}

const figures = ['mean', 'percent_favourable', 'count_1', 'count_2', 'count_3', 'count_4', 'count_5', 'count_unsure'];

describe('CSV fields', () => {
	it('are always quoted, with quotes doubled and commas and line breaks kept inside', () => {
		expect(csvField('plain')).toBe('"plain"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('a,b\nc')).toBe('"a,b\nc"');
		expect(csvField('')).toBe('""');
		expect(csvField(null)).toBe('""');
		expect(csvField(undefined)).toBe('""');
	});

	it('turn text a spreadsheet would run as a formula into text, with a leading apostrophe', () => {
		for (const text of ['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\r=x']) expect(csvField(text)).toBe(`"'${text}"`);
		expect(csvField('=HYPERLINK("http://example.com")')).toBe(`"'=HYPERLINK(""http://example.com"")"`);
		// Only a leading sign counts.
		expect(csvField('a=b')).toBe('"a=b"');
		expect(csvField('4.50')).toBe('"4.50"');
	});

	it('leave numbers as numbers, negative ones included', () => {
		expect(csvField(4.5)).toBe('"4.5"');
		expect(csvField(0)).toBe('"0"');
		expect(csvField(-3)).toBe('"-3"');
		expect(csvField(-0.25)).toBe('"-0.25"');
	});

	it('make a file with a byte-order mark, a header and CRLF lines', () => {
		expect(
			toCsv(
				['a', 'b'],
				[
					[1, 'x'],
					[null, '=y'],
					[-2, 'say "so"']
				]
			)
		).toBe('\uFEFF"a","b"\r\n"1","x"\r\n"","\'=y"\r\n"-2","say ""so"""\r\n');
		expect(toCsv(['only'], [])).toBe('\uFEFF"only"\r\n');
	});
});

describe('exports', () => {
	let dropIn: Program;
	let formula: Program;
	let spring: Round;
	let summer: Round;

	beforeAll(() => {
		dropIn = createProgram('Drop-in center');
		// A program name an attacker with an admin account might choose.
		formula = createProgram('=cmd()');
		spring = openedRound('Spring', [dropIn, formula]);
		// Consumers: 3 through the small program, 20 through the big one.
		for (let i = 0; i < 3; i++)
			answer(spring, 'consumer', formula, [
				['hr.trust', 2],
				['hr.listen', 3]
			]);
		for (let i = 0; i < 20; i++)
			answer(spring, 'consumer', dropIn, [
				['hr.trust', i < 10 ? 4 : 5],
				['hr.listen', i < 5 ? 0 : 3]
			]);
		// Staff: 6, all through the big program, so its slice is the whole.
		for (let i = 0; i < 6; i++)
			answer(spring, 'staff', dropIn, [
				['hr.trust', 4],
				['ex.each-other', i < 3 ? 0 : 2]
			]);
		closeRound(spring.id);
		// Still open: nothing of it may be shown or exported.
		summer = openedRound('Summer (open)', [dropIn, formula]);
		for (let i = 0; i < 30; i++) answer(summer, 'consumer', dropIn, [['hr.trust', 1]], 'still open');
		for (let i = 0; i < 30; i++) answer(summer, 'staff', formula, [['hr.trust', 1]]);
	});

	describe('the closed rounds behind them', () => {
		it('are the only rounds results are read from', () => {
			expect(listClosedRounds().map((round) => round.name)).toEqual(['Spring']);
			const results = loadResults();
			expect(results.responseCount(spring.id, 'consumer', 'all')).toEqual({ shown: true, value: 23, n: 23 });
			// How many responded in a small group is hidden like its answers.
			expect(results.responseCount(spring.id, 'consumer', formula.id)).toEqual({ shown: false, reason: 'too-few' });
			expect(results.responseCount(summer.id, 'consumer', 'all')).toEqual({ shown: false, reason: 'too-few' });
			// Even when asked for by id, an open round has no counts to read.
			expect(loadResults([summer.id]).item(summer.id, 'consumer', 'all', 'hr.trust')).toEqual({ shown: false, reason: 'too-few' });
		});

		it('hold the counts written when the round closed', () => {
			const results = loadResults([spring.id]);
			expect(results.item(spring.id, 'consumer', 'all', 'hr.trust')).toEqual({
				shown: true,
				n: 23,
				value: { n: 23, unsure: 0, mean: (6 + 40 + 50) / 23, favourable: 20 / 23, distribution: [0, 3, 0, 10, 10] }
			});
			expect(results.item(spring.id, 'consumer', 'all', 'hr.listen')).toMatchObject({ shown: true, n: 18, value: { unsure: 5, mean: 3 } });
			expect(results.minimumGroupSize).toBe(5);
		});
	});

	describe('the aggregates CSV', () => {
		it('is a quoted CSV with a byte-order mark and the documented header', () => {
			const [header] = parseCsv(aggregatesCsv());
			expect(header).toEqual(['round', 'audience', 'program', 'section', 'item', 'n', ...figures, 'hidden_because']);
		});

		it('gives the whole agency’s figures', () => {
			const rows = records(aggregatesCsv()).filter((row) => row.program === 'All programs' && row.audience === 'consumer');
			// A row for every question the round asked consumers; only the two answered have figures.
			expect(
				rows
					.filter((row) => row.hidden_because === '')
					.map((row) => row.item)
					.sort()
			).toEqual(['hr.listen', 'hr.trust']);
			expect(rows.length).toBeGreaterThan(2);
			expect(rows.find((row) => row.item === 'hr.trust')).toEqual({
				round: 'Spring',
				audience: 'consumer',
				program: 'All programs',
				section: 'hr',
				item: 'hr.trust',
				n: '23',
				mean: (96 / 23).toFixed(2),
				percent_favourable: '87',
				count_1: '0',
				count_2: '3',
				count_3: '0',
				count_4: '10',
				count_5: '10',
				count_unsure: '0',
				hidden_because: ''
			});
		});

		it('leaves the small program’s figures empty, how many they rest on included, saying there were too few', () => {
			const rows = records(aggregatesCsv()).filter((row) => row.program === "'=cmd()");
			expect(
				rows
					.filter((row) => ['hr.listen', 'hr.trust'].includes(row.item))
					.map((row) => [row.audience, row.item])
					.sort()
			).toEqual([
				['consumer', 'hr.listen'],
				['consumer', 'hr.trust'],
				['staff', 'hr.listen'],
				['staff', 'hr.trust']
			]);
			for (const row of rows) {
				expect(row.n).toBe('');
				for (const figure of figures) expect(row[figure]).toBe('');
				expect(row.hidden_because).toBe(TOO_FEW);
			}
		});

		it('hides the big program too, since the rest of the agency beside it is only 3', () => {
			const rows = records(aggregatesCsv()).filter(
				(row) => row.program === 'Drop-in center' && row.audience === 'consumer' && ['hr.listen', 'hr.trust'].includes(row.item)
			);
			expect(rows).toHaveLength(2);
			for (const row of rows) {
				for (const figure of figures) expect(row[figure]).toBe('');
				expect(row.hidden_because).toBe(WOULD_REVEAL);
			}
		});

		it('shows a program that is the whole group, and a group whose scores are too few though more answered', () => {
			const staff = records(aggregatesCsv()).filter((row) => row.audience === 'staff');
			const trust = staff.filter((row) => row.item === 'hr.trust');
			expect(trust.map((row) => [row.program, row.n, row.mean, row.hidden_because])).toEqual([
				['All programs', '6', '4.00', ''],
				['Drop-in center', '6', '4.00', ''],
				// The round's other program, where no staff answered: a row, with nothing in it.
				["'=cmd()", '', '', TOO_FEW]
			]);
			// Three answered "not sure", so the mean would rest on three. Six responded, which a manager
			// knows, so the reason says only that a small group is protected.
			const exchange = staff.filter((row) => row.item === 'ex.each-other');
			expect(exchange.map((row) => [row.program, row.n, row.mean, row.count_unsure, row.hidden_because])).toEqual([
				['All programs', '', '', '', WOULD_REVEAL],
				['Drop-in center', '', '', '', WOULD_REVEAL],
				["'=cmd()", '', '', '', TOO_FEW]
			]);
		});

		it('contains nothing from a round still open', () => {
			const csv = aggregatesCsv();
			expect(csv).not.toContain('Summer');
			expect(records(csv).every((row) => row.round === 'Spring')).toBe(true);
		});

		it('never lets a field start with a formula sign', () => {
			const csv = aggregatesCsv();
			expect(csv).toContain(`"'=cmd()"`);
			expect(csv).not.toMatch(/(^|,|\uFEFF)"[=+\-@\t\r]/m);
		});

		it('follows the minimum group size a round closed with, never a later one', () => {
			updateAgency({ ...getAgency(), minimumGroupSize: 7, minimumCommentGroupSize: 10 });
			try {
				// Spring closed under 5: its six staff stay shown, or a report printed before the change
				// and the pages after it could be subtracted one from the other.
				const spring = records(aggregatesCsv()).filter(
					(row) => row.round === 'Spring' && row.audience === 'staff' && row.item === 'hr.trust'
				);
				expect(spring.map((row) => [row.program, row.n, row.mean])).toEqual([
					['All programs', '6', '4.00'],
					['Drop-in center', '6', '4.00'],
					["'=cmd()", '', '']
				]);
				// A round closing now is released under 7.
				const autumn = openedRound('Autumn', [dropIn]);
				for (let i = 0; i < 6; i++) answer(autumn, 'staff', dropIn, [['hr.trust', 4]]);
				closeRound(autumn.id);
				const staff = records(aggregatesCsv()).filter(
					(row) => row.round === 'Autumn' && row.audience === 'staff' && row.item === 'hr.trust'
				);
				expect(staff.map((row) => [row.n, row.mean, row.hidden_because])).toEqual([
					['', '', 'fewer than 7 responses'],
					['', '', 'fewer than 7 responses']
				]);
			} finally {
				updateAgency({ ...getAgency(), minimumGroupSize: 5, minimumCommentGroupSize: 10 });
			}
		});
	});

	describe('the responses CSV', () => {
		const itemIds = currentInstrument.sections.flatMap((section) => section.items.map((item) => item.id));

		it('has no column that could tie a row to a person or a moment', () => {
			const [header] = parseCsv(responsesCsv());
			expect(header).toEqual(['round', 'audience', 'program', ...itemIds]);
			for (const column of ['id', 'language', 'channel', 'comment', 'created_at', 'time']) expect(header).not.toContain(column);
		});

		it('holds only closed rounds, and only answers whose figure the small-group rules show for their group', () => {
			const rows = records(responsesCsv()).filter((row) => row.round !== 'Order');
			// Consumers: 3 and 20, both slices hidden; staff: 6, all in one program, shown.
			expect(rows).toHaveLength(6);
			for (const row of rows) {
				expect(row).toMatchObject({ round: 'Spring', audience: 'staff', program: 'Drop-in center', 'hr.trust': '4' });
				// Three scores and three "not sure": its figure is hidden, so its answers are left out too.
				expect(row['ex.each-other']).toBe('');
			}
			expect(responsesCsv()).not.toContain('Summer');
		});

		it('gives each answer as 1–5, "unsure" or nothing', () => {
			for (const row of records(responsesCsv())) {
				for (const itemId of itemIds) expect(['', 'unsure', '1', '2', '3', '4', '5']).toContain(row[itemId]);
			}
		});

		it('lists responses in random order, not the order they came in', () => {
			const order = openedRound('Order');
			// Response i answers three items so that i can be read back: 1 + i % 5, 1 + ⌊i / 5⌋ % 5, 1 + ⌊i / 25⌋.
			const pattern = (i: number): [string, AnswerValue][] => [
				['hr.trust', (1 + (i % 5)) as AnswerValue],
				['hr.listen', (1 + (Math.floor(i / 5) % 5)) as AnswerValue],
				['hr.patience', (1 + Math.floor(i / 25)) as AnswerValue]
			];
			for (let i = 0; i < 60; i++) answer(order, 'staff', null, pattern(i));
			closeRound(order.id);
			const indices = () =>
				records(responsesCsv())
					.filter((row) => row.round === 'Order')
					.map((row) => Number(row['hr.trust']) - 1 + 5 * (Number(row['hr.listen']) - 1) + 25 * (Number(row['hr.patience']) - 1));
			const first = indices();
			const second = indices();
			const inOrder = Array.from({ length: 60 }, (_, i) => i);
			expect([...first].sort((a, b) => a - b)).toEqual(inOrder);
			// A uniformly random order of 60 rows is the insertion order (or its reverse) with a
			// chance of 2 in 60! (about 1 in 4·10^81), and two reads agree with 1 in 60!: if any of
			// these fails, the order is not random.
			expect(first).not.toEqual(inOrder);
			expect(first).not.toEqual([...inOrder].reverse());
			expect(second).not.toEqual(first);
		});
	});

	describe('comments', () => {
		function roundWithComments(name: string, groups: [Program | null, number][], audience: Audience = 'consumer') {
			const programs = groups.flatMap(([program]) => (program ? [program] : []));
			const round = openedRound(name, programs);
			for (const [program, count] of groups) {
				for (let i = 0; i < count; i++)
					answer(round, audience, program, [['hr.trust', 4]], `${program?.name ?? 'agency'} comment ${i + 1}`);
			}
			closeRound(round.id);
			return round;
		}

		it('are hidden below the comment minimum, however many figures are shown', () => {
			const round = roundWithComments('Nine comments', [[null, 9]]);
			expect(roundComments(loadResults(), round.id, 'consumer', 'all')).toEqual({ shown: false, minimum: 10 });
		});

		it('are shown from the comment minimum up, each of them, and only that round’s and audience’s', () => {
			const round = roundWithComments('Ten comments', [[null, 10]]);
			const view = roundComments(loadResults(), round.id, 'consumer', 'all');
			expect(view.shown && [...view.comments].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `agency comment ${i + 1}`).sort());
			expect(roundComments(loadResults(), round.id, 'staff', 'all')).toEqual({ shown: false, minimum: 10 });
		});

		it('follow the comment minimum their round closed with', () => {
			updateAgency({ ...getAgency(), minimumCommentGroupSize: 13 });
			try {
				const round = roundWithComments('Twelve comments', [[null, 12]]);
				expect(roundComments(loadResults(), round.id, 'consumer', 'all')).toEqual({ shown: false, minimum: 13 });
			} finally {
				updateAgency({ ...getAgency(), minimumCommentGroupSize: 10 });
			}
			// Lowering the minimum later shows nothing more of a round already closed.
			const twelve = listClosedRounds().find((round) => round.name === 'Twelve comments')!;
			expect(roundComments(loadResults(), twelve.id, 'consumer', 'all')).toEqual({ shown: false, minimum: 13 });
		});

		it('come in random order', () => {
			const round = roundWithComments('Thirty comments', [[null, 30]]);
			const results = loadResults();
			const reads = Array.from({ length: 5 }, () => {
				const view = roundComments(results, round.id, 'consumer', 'all');
				return view.shown ? view.comments : [];
			});
			expect(reads[0]).toHaveLength(30);
			// Two random orders of 30 agree with a chance of 1 in 30! (about 4·10^-33), so five
			// reads all alike means the order is fixed.
			expect(reads.every((read) => JSON.stringify(read) === JSON.stringify(reads[0]))).toBe(false);
		});

		it('of a program are hidden when it, or the rest of the agency beside it, is below the comment minimum', () => {
			const [vanA, vanB] = [createProgram('Van A'), createProgram('Van B')];
			// 12 and 8: B is too few, and A would give B away (20 − 12); the whole may be shown.
			const uneven = roundWithComments('Vans uneven', [
				[vanA, 12],
				[vanB, 8]
			]);
			const results = loadResults();
			expect(roundComments(results, uneven.id, 'consumer', vanA.id)).toEqual({ shown: false, minimum: 10 });
			expect(roundComments(results, uneven.id, 'consumer', vanB.id)).toEqual({ shown: false, minimum: 10 });
			const whole = roundComments(results, uneven.id, 'consumer', 'all');
			expect(whole.shown && whole.comments).toHaveLength(20);

			// 12 and 10: each side rests on enough, and each shows only its own comments.
			const even = roundWithComments('Vans even', [
				[vanA, 12],
				[vanB, 10]
			]);
			const after = loadResults();
			const a = roundComments(after, even.id, 'consumer', vanA.id);
			const b = roundComments(after, even.id, 'consumer', vanB.id);
			expect(a.shown && [...a.comments].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `Van A comment ${i + 1}`).sort());
			expect(b.shown && b.comments.every((comment) => comment.startsWith('Van B'))).toBe(true);
			expect(b.shown && b.comments).toHaveLength(10);
		});

		it('of a program stay hidden when only subtraction would reveal a small one', () => {
			const [one, two, three] = [createProgram('Site 1'), createProgram('Site 2'), createProgram('Site 3')];
			// 4 + 11 + 12: hiding 4 alone leaves 27 − 11 − 12 = 4 to be worked out, so 11 goes too.
			const round = roundWithComments('Three sites', [
				[one, 4],
				[two, 11],
				[three, 12]
			]);
			const results = loadResults();
			expect(roundComments(results, round.id, 'consumer', one.id).shown).toBe(false);
			expect(roundComments(results, round.id, 'consumer', two.id)).toEqual({ shown: false, minimum: 10 });
			expect(roundComments(results, round.id, 'consumer', three.id).shown).toBe(true);
		});

		it('of a round still open are never shown', () => {
			expect(roundComments(loadResults(), summer.id, 'consumer', 'all')).toEqual({ shown: false, minimum: 10 });
		});
	});
});
