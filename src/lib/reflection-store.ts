/**
 * Where a staff member's copies live in their browser: this site's own local storage, which only
 * pages of this site can read, which survives a restart, and which no request ever carries. Runs
 * in the browser only.
 */
import { readCopyFile, writeCopyFile, type CopyFile, type ReadCopies } from './reflection-copy';

const COPIES_KEY = 'any-positive-change.reflections';
const KIOSK_KEY = 'any-positive-change.kiosk';

/** Whether this browser keeps any staff member's copies, without reading them. */
export function keepsCopies(): boolean {
	try {
		return localStorage.getItem(COPIES_KEY) !== null;
	} catch {
		return false;
	}
}

/**
 * Marks this device as a kiosk, so no staff member's copy is ever offered on it, and forgets any
 * copy kept on it before: a shared tablet holds nobody's answers. The kiosk asks first when
 * there are copies to forget (see `keepsCopies`).
 */
export function markKioskDevice(): void {
	try {
		localStorage.setItem(KIOSK_KEY, 'yes');
		localStorage.removeItem(COPIES_KEY);
	} catch {
		// Storage turned off: nothing could be kept here anyway.
	}
}

/** For a device that was a kiosk and now belongs to someone: copies may be kept on it again. */
export function unmarkKioskDevice(): void {
	try {
		localStorage.removeItem(KIOSK_KEY);
	} catch {
		// Storage turned off: there is no mark.
	}
}

export function isKioskDevice(): boolean {
	try {
		return localStorage.getItem(KIOSK_KEY) !== null;
	} catch {
		return false;
	}
}

/**
 * The copies kept on this device: none, these, or why they can't be read. Copies of rounds the
 * server no longer lists are kept as they are; the journey leaves them out.
 */
export function readKeptCopies(agency: string): ReadCopies {
	let text: string | null;
	try {
		text = localStorage.getItem(COPIES_KEY);
	} catch {
		text = null;
	}
	return text === null ? { ok: true, file: { agency, copies: [] } } : readCopyFile(text, agency);
}

/** Keeps these copies on this device in place of any kept before; false when the browser refuses. */
export function keepCopies(file: CopyFile): boolean {
	try {
		localStorage.setItem(COPIES_KEY, writeCopyFile(file));
		return true;
	} catch {
		return false;
	}
}

/** Forgets every copy and note kept on this device. */
export function forgetKeptCopies(): void {
	try {
		localStorage.removeItem(COPIES_KEY);
	} catch {
		// Storage turned off: nothing was kept.
	}
}

/** Hands the copies to the person as a file, made in the browser: no request carries them. */
export function downloadCopies(file: CopyFile, fileName: string): void {
	const address = URL.createObjectURL(new Blob([writeCopyFile(file)], { type: 'application/json' }));
	const link = document.createElement('a');
	link.href = address;
	link.download = fileName;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(address), 1000);
}
