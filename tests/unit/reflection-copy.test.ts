import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerValue } from '$lib/instruments';
import { NAME_MAX_LENGTH, REFLECTION_NOTE_MAX_LENGTH } from '$lib/limits';
import {
	COPY_FILE_MAX_BYTES,
	COPY_FORMAT,
	MOST_COPIES,
	mergeCopies,
	readCopyFile,
	writeCopyFile,
	type CopyFile,
	type RoundCopy
} from '$lib/reflection-copy';

/** This agency's mark, and another agency's: as `copy_mark` holds them. */
const ours = '0123456789abcdef0123456789abcdef';
const theirs = 'fedcba9876543210fedcba9876543210';
const knownRounds = new Set([1, 2, 3, 4]);

const copyOf = (id: number, answers: Record<string, AnswerValue> = {}, note = ''): RoundCopy => ({
	round: { id, name: `Round ${id}`, nameEs: id % 2 === 0 ? `Ronda ${id}` : null },
	instrument: '2026.2',
	answers,
	note
});
const spring = copyOf(1, { 'hr.listen': 4, 'hr.trust': 0, 'stc.goals': 2 }, 'Slow down with new people.');
const summer = copyOf(2, { 'hr.listen': 5, 'ex.love': 3 }, '');

const read = (text: string, agency = ours, rounds: ReadonlySet<number> = knownRounds) => readCopyFile(text, agency, rounds);
/** A file as written, its contents changed by hand afterwards and the checksum left as it was. */
const handEdited = (file: CopyFile, edit: (written: { version: number; copies: RoundCopy[] }) => void) => {
	const written = JSON.parse(writeCopyFile(file));
	edit(written);
	return JSON.stringify(written);
};

describe('a file of reflection copies', () => {
	it('reads back what was written, copies in round order', () => {
		const text = writeCopyFile({ agency: ours, copies: [summer, spring] });
		expect(JSON.parse(text)).toMatchObject({ format: COPY_FORMAT, version: 1, agency: ours });
		expect(read(text)).toEqual({ ok: true, file: { agency: ours, copies: [spring, summer] } });
	});

	it('reads a copy whose answers were written in another order, since the checksum is over their sorted form', () => {
		const text = handEdited({ agency: ours, copies: [spring] }, (written) => {
			written.copies[0].answers = Object.fromEntries(Object.entries(written.copies[0].answers).reverse());
		});
		expect(Object.keys(JSON.parse(text).copies[0].answers)).toEqual(['stc.goals', 'hr.trust', 'hr.listen']);
		expect(read(text)).toEqual({ ok: true, file: { agency: ours, copies: [spring] } });
	});

	it('counts a note’s length in characters, not in UTF-16 units or bytes', () => {
		const longest = copyOf(1, { 'hr.listen': 3 }, '😀'.repeat(REFLECTION_NOTE_MAX_LENGTH));
		expect(read(writeCopyFile({ agency: ours, copies: [longest] })).ok).toBe(true);
	});

	it('reads the most copies a file holds, each with the longest names and note, under the size limit', () => {
		const everything = Object.fromEntries(
			['hr.listen', 'hr.trust', 'hr.not-personal', 'stc.representative', 'ex.self-compassion'].map((id) => [id, 5 as const])
		);
		const copies = Array.from({ length: MOST_COPIES }, (_, index) => ({
			round: { id: index + 1, name: 'ñ'.repeat(NAME_MAX_LENGTH), nameEs: '😀'.repeat(NAME_MAX_LENGTH) },
			instrument: '2026.2',
			answers: everything,
			note: '😀'.repeat(REFLECTION_NOTE_MAX_LENGTH)
		}));
		const text = writeCopyFile({ agency: ours, copies });
		expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(COPY_FILE_MAX_BYTES);
		const result = read(text, ours, new Set(copies.map((copy) => copy.round.id)));
		expect(result.ok && result.file.copies).toHaveLength(MOST_COPIES);
	});
});

describe('a file of reflection copies is refused whole', () => {
	it.each([
		['text that is not JSON', 'my answers: 4, 5, 3'],
		['JSON that is not an object', '[1, 2, 3]'],
		['an object that does not say what it is', JSON.stringify({ agency: ours, copies: [] })],
		['another format', writeCopyFile({ agency: ours, copies: [spring] }).replace(COPY_FORMAT, 'some other app')]
	])('when it is %s, as not a copy', (_, text) => {
		expect(read(text)).toEqual({ ok: false, problem: 'not-a-copy' });
	});

	it('when a newer version of the app wrote it', () => {
		const text = handEdited({ agency: ours, copies: [spring] }, (written) => (written.version = 2));
		expect(read(text)).toEqual({ ok: false, problem: 'newer-format' });
	});

	it.each([
		['an agency mark of the wrong shape', { agency: 'OUR-AGENCY', copies: [spring] }],
		['an agency mark in capitals', { agency: ours.toUpperCase(), copies: [spring] }],
		['two copies of one round', { agency: ours, copies: [spring, { ...summer, round: spring.round }] }],
		['an answer above the scale', { agency: ours, copies: [copyOf(1, { 'hr.listen': 6 as AnswerValue })] }],
		['an answer below the scale', { agency: ours, copies: [copyOf(1, { 'hr.listen': -1 as AnswerValue })] }],
		['an answer between points', { agency: ours, copies: [copyOf(1, { 'hr.listen': 2.5 as AnswerValue })] }],
		['an answer written as text', { agency: ours, copies: [copyOf(1, { 'hr.listen': '4' as unknown as AnswerValue })] }],
		['an answer to an item id in capitals', { agency: ours, copies: [copyOf(1, { 'HR.listen': 4 })] }],
		['an answer to “__proto__”', { agency: ours, copies: [copyOf(1, Object.fromEntries([['__proto__', 4]]))] }],
		['a note too long', { agency: ours, copies: [copyOf(1, {}, 'x'.repeat(REFLECTION_NOTE_MAX_LENGTH + 1))] }],
		['a round with no name', { agency: ours, copies: [{ ...spring, round: { id: 1, name: '  ', nameEs: null } }] }],
		['a round id that is no round’s', { agency: ours, copies: [copyOf(0)] }],
		['more copies than a file holds', { agency: ours, copies: Array.from({ length: MOST_COPIES + 1 }, (_, index) => copyOf(index + 1)) }],
		['no copies at all', { agency: ours, copies: [] }]
	])('when it holds %s, as damaged, though its checksum is right', (_, file) => {
		const text = writeCopyFile(file);
		expect(JSON.parse(text).copies).toHaveLength(file.copies.length);
		expect(read(text, ours, new Set(file.copies.map((copy) => copy.round.id)))).toEqual({ ok: false, problem: 'damaged' });
	});

	it('when an answer was changed by hand after it was written, as damaged', () => {
		const text = handEdited({ agency: ours, copies: [spring, summer] }, (written) => (written.copies[0].answers['hr.listen'] = 5));
		expect(read(text)).toEqual({ ok: false, problem: 'damaged' });
	});

	it('when a note was changed by hand after it was written, as damaged', () => {
		const text = handEdited({ agency: ours, copies: [spring] }, (written) => (written.copies[0].note += '!'));
		expect(read(text)).toEqual({ ok: false, problem: 'damaged' });
	});

	it('when it is another agency’s, as such, once its checksum shows it is whole', () => {
		const text = writeCopyFile({ agency: theirs, copies: [spring] });
		expect(read(text)).toEqual({ ok: false, problem: 'other-agency' });
		expect(read(text, theirs).ok).toBe(true);
	});

	it('when it is another agency’s and damaged too, as damaged', () => {
		const text = handEdited({ agency: theirs, copies: [spring] }, (written) => (written.copies[0].answers['hr.listen'] = 1));
		expect(read(text)).toEqual({ ok: false, problem: 'damaged' });
	});

	it('when any of its rounds is not one this agency knows', () => {
		const text = writeCopyFile({ agency: ours, copies: [spring, copyOf(99)] });
		expect(read(text)).toEqual({ ok: false, problem: 'unknown-round' });
		expect(read(text, ours, new Set([...knownRounds, 99])).ok).toBe(true);
	});

	it('but not, as the device holds them, for a round the server no longer lists: that copy is kept whole', () => {
		const text = writeCopyFile({ agency: ours, copies: [spring, copyOf(99)] });
		const kept = readCopyFile(text, ours);
		expect(kept.ok && kept.file.copies.map((copy) => copy.round.id)).toEqual([spring.round.id, 99]);
		expect(readCopyFile(text, 'f'.repeat(32))).toEqual({ ok: false, problem: 'other-agency' });
	});

	it('when it is larger than any file of copies, counted in bytes', () => {
		expect(read('x'.repeat(COPY_FILE_MAX_BYTES + 1))).toEqual({ ok: false, problem: 'too-large' });
		// Two bytes a character: fewer characters than the limit, more bytes.
		expect(read('é'.repeat(COPY_FILE_MAX_BYTES / 2 + 1))).toEqual({ ok: false, problem: 'too-large' });
		expect(read(' '.repeat(COPY_FILE_MAX_BYTES))).toEqual({ ok: false, problem: 'not-a-copy' });
	});
});

describe('putting copies together', () => {
	it('keeps the later copy of a round, and orders them by round', () => {
		const springAgain = copyOf(1, { 'hr.listen': 2 }, 'Second thoughts.');
		expect(mergeCopies([summer, spring], [copyOf(3)], [springAgain])).toEqual([springAgain, summer, copyOf(3)]);
		expect(mergeCopies([springAgain, spring])).toEqual([spring]);
		expect(mergeCopies()).toEqual([]);
	});

	it('keeps the latest rounds when there are more than a file holds', () => {
		const copies = Array.from({ length: MOST_COPIES + 5 }, (_, index) => copyOf(index + 1));
		const merged = mergeCopies(copies.toReversed());
		expect(merged).toHaveLength(MOST_COPIES);
		expect(merged[0].round.id).toBe(6);
		expect(merged.at(-1)!.round.id).toBe(MOST_COPIES + 5);
	});
});

const itemId = fc.stringMatching(/^[a-z]{1,5}\.[a-z-]{1,12}$/);
const name = fc.string({ unit: 'binary', minLength: 1, maxLength: NAME_MAX_LENGTH }).filter((text) => text.trim() !== '');
const copy = (id: number) =>
	fc.record({
		round: fc.record({ id: fc.constant(id), name, nameEs: fc.option(name, { nil: null }) }),
		instrument: fc.oneof(fc.constantFrom('2025.1', '2026.2'), fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 20 })),
		answers: fc.dictionary(itemId, fc.constantFrom<AnswerValue>(0, 1, 2, 3, 4, 5), { maxKeys: 8 }),
		// Control characters and characters beyond the BMP, so escapes and surrogate pairs are written.
		note: fc.string({ unit: 'binary', maxLength: 60 })
	});
const copies = fc
	.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 6 })
	.chain((ids) => fc.tuple(...ids.map(copy)));

describe('any file of copies', () => {
	it('reads back exactly what was written', () => {
		fc.assert(
			fc.property(copies, (written) => {
				const rounds = new Set(written.map((copy) => copy.round.id));
				const result = read(writeCopyFile({ agency: ours, copies: written }), ours, rounds);
				expect(result).toEqual({ ok: true, file: { agency: ours, copies: written.toSorted((a, b) => a.round.id - b.round.id) } });
			})
		);
	});

	it('is refused when one character of an answer or a note is changed', () => {
		/** Where each copy's answers (less the spaces between them) and note stand in the written text. */
		const changeable = (text: string) => {
			const places: number[] = [];
			for (const match of text.matchAll(/"answers": (\{[^}]*\}),\n\s*"note": ("(?:[^"\\]|\\.)*")/g)) {
				const answersAt = match.index + match[0].indexOf(match[1]);
				for (let at = answersAt; at < answersAt + match[1].length; at++) if (!/\s/.test(text[at])) places.push(at);
				const noteAt = match.index + match[0].lastIndexOf(match[2]);
				for (let at = noteAt; at < noteAt + match[2].length; at++) places.push(at);
			}
			return places;
		};
		// Often a character a hand edit would type (another score, another letter of an item id), else any character.
		const by = fc.oneof(fc.constantFrom(...'012345az-. '), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
		const change = fc.record({ place: fc.nat(), by });
		fc.assert(
			fc.property(copies, change, (written, { place, by }) => {
				const text = writeCopyFile({ agency: ours, copies: written });
				const places = changeable(text);
				expect(places.length).toBeGreaterThanOrEqual(written.length * 2);
				const at = places[place % places.length];
				fc.pre(by !== text[at]);
				const changed = text.slice(0, at) + by + text.slice(at + 1);
				const rounds = new Set(written.map((copy) => copy.round.id));
				let parsed: { copies: RoundCopy[] } | undefined;
				try {
					parsed = JSON.parse(changed);
				} catch {
					expect(read(changed, ours, rounds)).toEqual({ ok: false, problem: 'not-a-copy' });
					return;
				}
				// "\u001f" and "\u001F" are one character: a change in how it is written, not in what it says.
				const said = (file: { copies: RoundCopy[] }) => file.copies.map((copy) => [copy.answers, copy.note]);
				fc.pre(JSON.stringify(said(parsed!)) !== JSON.stringify(said(JSON.parse(text))));
				expect(read(changed, ours, rounds)).toEqual({ ok: false, problem: 'damaged' });
			})
		);
	});
});
