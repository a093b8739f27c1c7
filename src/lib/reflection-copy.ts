/**
 * A staff member's own copies of their answers, one per round, kept on their device or in a file
 * they download: what lets them see their own change across rounds while the server never links
 * two answers of theirs. Everything here runs in their browser; nothing of it is ever sent.
 *
 * A file holds every copy it was made from, under this agency's mark, with a checksum of its
 * contents. The checksum catches a damaged or hand-edited file; it is deliberately not a
 * signature. The server never sees a copy, so it can't sign one, and a copy that proved how
 * someone answered would be a receipt anyone could demand to see.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { UNSURE, type AnswerValue } from './instruments/types';
import { characterCount, NAME_MAX_LENGTH, REFLECTION_NOTE_MAX_LENGTH } from './limits';

/** What a file of copies says it is, so any other file is refused at once. */
export const COPY_FORMAT = 'any-positive-change reflections';
export const COPY_FORMAT_VERSION = 1;

/** The most copies one file or one device holds: a round a month for eight years. */
export const MOST_COPIES = 100;

/** The largest file of copies read: far above a hundred rounds of answers and notes. */
export const COPY_FILE_MAX_BYTES = 1_000_000;

/** One round's answers, as the staff member sent them, and their private note. */
export interface RoundCopy {
	round: { id: number; name: string; nameEs: string | null };
	/** The instrument version the round ran; answers are matched across versions by item id. */
	instrument: string;
	/** Scores 1–5 and 0 for "not sure", by item id; a skipped question is absent. */
	answers: Record<string, AnswerValue>;
	/** "What I want to work on": kept with the copy only. */
	note: string;
}

/** The copies of one agency, as a file or the device holds them. */
export interface CopyFile {
	agency: string;
	copies: RoundCopy[];
}

export type CopyProblem = 'too-large' | 'not-a-copy' | 'newer-format' | 'damaged' | 'other-agency' | 'unknown-round';

export type ReadCopies = { ok: true; file: CopyFile } | { ok: false; problem: CopyProblem };

/** The file's contents in one fixed order, which the checksum is taken over. */
function canonical(file: CopyFile) {
	return {
		format: COPY_FORMAT,
		version: COPY_FORMAT_VERSION,
		agency: file.agency,
		copies: file.copies.map((copy) => ({
			round: { id: copy.round.id, name: copy.round.name, nameEs: copy.round.nameEs },
			instrument: copy.instrument,
			answers: Object.fromEntries(Object.entries(copy.answers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
			note: copy.note
		}))
	};
}

function checksumOf(file: CopyFile): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(canonical(file)))));
}

/** A file of copies, as text: the copies in round order, and the checksum of them all. */
export function writeCopyFile(file: CopyFile): string {
	const ordered = { agency: file.agency, copies: [...file.copies].sort((a, b) => a.round.id - b.round.id) };
	return JSON.stringify({ ...canonical(ordered), checksum: checksumOf(ordered) }, null, 1);
}

const AGENCY_MARK = /^[0-9a-f]{32}$/;
const ITEM_ID = /^[a-z]+\.[a-z0-9-]+$/;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isName = (value: unknown): value is string =>
	typeof value === 'string' && value.trim() !== '' && characterCount(value) <= NAME_MAX_LENGTH;
const isAnswer = (value: unknown): value is AnswerValue => Number.isInteger(value) && (value as number) >= UNSURE && (value as number) <= 5;

/** One copy read from a file, or null when any part of it is not what a copy holds. */
function readCopy(value: unknown): RoundCopy | null {
	if (!isRecord(value) || !isRecord(value.round) || !isRecord(value.answers)) return null;
	const { round, instrument, answers, note } = value;
	if (!Number.isSafeInteger(round.id) || (round.id as number) < 1) return null;
	if (!isName(round.name) || !(round.nameEs === null || isName(round.nameEs))) return null;
	if (typeof instrument !== 'string' || instrument === '' || instrument.length > 20) return null;
	if (typeof note !== 'string' || characterCount(note) > REFLECTION_NOTE_MAX_LENGTH) return null;
	const entries = Object.entries(answers);
	if (!entries.every(([id, answer]) => ITEM_ID.test(id) && isAnswer(answer))) return null;
	return {
		round: { id: round.id as number, name: round.name, nameEs: round.nameEs as string | null },
		instrument,
		answers: Object.fromEntries(entries) as Record<string, AnswerValue>,
		note
	};
}

/**
 * Reads a file of copies (or what the device holds), refusing it whole unless every part of it is
 * a copy of this agency's, unchanged since it was written, and (when `knownRounds` is given) of
 * rounds it knows. What the device holds is read without that last check, so a copy of a round
 * the server no longer lists (after a restore from an older backup) is kept, only not shown.
 */
export function readCopyFile(text: string, agency: string, knownRounds?: ReadonlySet<number>): ReadCopies {
	if (new TextEncoder().encode(text).length > COPY_FILE_MAX_BYTES) return { ok: false, problem: 'too-large' };
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false, problem: 'not-a-copy' };
	}
	if (!isRecord(value) || value.format !== COPY_FORMAT) return { ok: false, problem: 'not-a-copy' };
	if (typeof value.version === 'number' && value.version > COPY_FORMAT_VERSION) return { ok: false, problem: 'newer-format' };
	if (value.version !== COPY_FORMAT_VERSION || typeof value.agency !== 'string' || !AGENCY_MARK.test(value.agency)) {
		return { ok: false, problem: 'damaged' };
	}
	if (!Array.isArray(value.copies) || value.copies.length === 0 || value.copies.length > MOST_COPIES) {
		return { ok: false, problem: 'damaged' };
	}
	const copies = value.copies.map(readCopy);
	if (copies.some((copy) => copy === null)) return { ok: false, problem: 'damaged' };
	const file: CopyFile = { agency: value.agency, copies: copies as RoundCopy[] };
	if (new Set(file.copies.map((copy) => copy.round.id)).size !== file.copies.length) return { ok: false, problem: 'damaged' };
	if (value.checksum !== checksumOf(file)) return { ok: false, problem: 'damaged' };
	// Only now: a damaged file says it is damaged, whichever agency it names.
	if (file.agency !== agency) return { ok: false, problem: 'other-agency' };
	if (knownRounds && !file.copies.every((copy) => knownRounds.has(copy.round.id))) return { ok: false, problem: 'unknown-round' };
	return { ok: true, file };
}

/**
 * Copies put together, one per round: a later copy of a round replaces an earlier one, so the
 * answers sent last in a round are the ones compared.
 */
export function mergeCopies(...groups: readonly RoundCopy[][]): RoundCopy[] {
	const byRound = new Map<number, RoundCopy>();
	for (const copy of groups.flat()) byRound.set(copy.round.id, copy);
	return [...byRound.values()].sort((a, b) => a.round.id - b.round.id).slice(-MOST_COPIES);
}
