import { randomBytes } from 'node:crypto';
import { routeFolders } from './routes';

/** A file in a multipart form. */
export interface Upload {
	filename: string;
	type: string;
	content: Uint8Array;
}

export type Field = [name: string, value: string | Upload];

/** A request body and the content type it is sent with. */
export interface Body {
	type: string;
	bytes: Buffer;
}

/** Percent-encodes text's UTF-8 bytes as a form does (a lone surrogate becomes U+FFFD first, as in a browser). */
export function percentEncode(text: string): string {
	return encodeURIComponent(text.toWellFormed()).replace(/%20/g, '+');
}

/** `application/x-www-form-urlencoded`; a file is sent as its name, as a browser would. */
export function urlencoded(fields: Field[]): Body {
	const text = fields
		.map(([name, value]) => `${percentEncode(name)}=${percentEncode(typeof value === 'string' ? value : value.filename)}`)
		.join('&');
	return { type: 'application/x-www-form-urlencoded', bytes: Buffer.from(text, 'latin1') };
}

/**
 * The same form with raw bytes that are not UTF-8 dropped into the name or the value of field
 * number `at.field`, at `at.offset`. The server reads each such byte as U+FFFD.
 */
export function withInvalidUtf8(fields: Field[], at: { field: number; inName: boolean; offset: number; bytes: readonly number[] }): Body {
	const chunks = fields.map(([name, value], index) => {
		const [encodedName, encodedValue] = [percentEncode(name), percentEncode(typeof value === 'string' ? value : value.filename)];
		if (index !== at.field) return Buffer.from(`${encodedName}=${encodedValue}`, 'latin1');
		const text = at.inName ? encodedName : encodedValue;
		const offset = at.offset % (text.length + 1);
		const broken = Buffer.concat([
			Buffer.from(text.slice(0, offset), 'latin1'),
			Buffer.from(at.bytes),
			Buffer.from(text.slice(offset), 'latin1')
		]);
		return at.inName
			? Buffer.concat([broken, Buffer.from(`=${encodedValue}`, 'latin1')])
			: Buffer.concat([Buffer.from(`${encodedName}=`, 'latin1'), broken]);
	});
	const bytes = Buffer.concat(chunks.flatMap((chunk, index) => (index === 0 ? [chunk] : [Buffer.from('&'), chunk])));
	return { type: 'application/x-www-form-urlencoded', bytes };
}

/** A name or file name inside a multipart header, escaped as the HTML standard says. */
const headerWord = (text: string) => text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** `multipart/form-data`, built by hand so that a field can appear more than once. */
export function multipart(fields: Field[], boundary = `apc${randomBytes(12).toString('hex')}`): Body & { boundary: string } {
	const parts = fields.map(([name, value]) => {
		const head =
			typeof value === 'string'
				? `--${boundary}\r\nContent-Disposition: form-data; name="${headerWord(name)}"\r\n\r\n`
				: `--${boundary}\r\nContent-Disposition: form-data; name="${headerWord(name)}"; filename="${headerWord(value.filename)}"\r\nContent-Type: ${value.type}\r\n\r\n`;
		return Buffer.concat([
			Buffer.from(head),
			typeof value === 'string' ? Buffer.from(value) : Buffer.from(value.content),
			Buffer.from('\r\n')
		]);
	});
	const bytes = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
	return { type: `multipart/form-data; boundary=${boundary}`, bytes, boundary };
}

/** The ways a form body can be broken so that no form parser can read it. */
export const unreadableKinds = [
	'text/plain',
	'no boundary',
	'wrong boundary',
	'cut short',
	'bare line feeds',
	'part without a disposition'
] as const;
export type UnreadableKind = (typeof unreadableKinds)[number];

/**
 * A form the server can't parse, made from `fields` so that, were it read after all, it would
 * say what `fields` say. `cut` picks where a cut-short body ends.
 */
export function unreadable(kind: UnreadableKind, fields: Field[], cut: number): Body {
	const form = multipart(fields);
	switch (kind) {
		case 'text/plain': {
			const text = fields.map(([name, value]) => `${name}=${typeof value === 'string' ? value : value.filename}\r\n`).join('');
			return { type: 'text/plain;charset=UTF-8', bytes: Buffer.from(text) };
		}
		case 'no boundary':
			return { type: 'multipart/form-data', bytes: form.bytes };
		case 'wrong boundary':
			return { type: 'multipart/form-data; boundary=not-the-one-used', bytes: form.bytes };
		case 'cut short':
			// Anywhere before the closing delimiter's final dashes.
			return { type: form.type, bytes: form.bytes.subarray(0, cut % (form.bytes.length - 3)) };
		case 'bare line feeds':
			return { type: form.type, bytes: Buffer.from(form.bytes.toString('latin1').replaceAll('\r\n', '\n'), 'latin1') };
		case 'part without a disposition':
			return {
				type: form.type,
				bytes: Buffer.concat([Buffer.from(`--${form.boundary}\r\nX-Note: no disposition\r\n\r\nvalue\r\n`), form.bytes])
			};
	}
}

/** A form action found in the source: its route (as SvelteKit names it) and its name. */
export interface FoundAction {
	route: string;
	action: string;
}

/** Every form action in the app. */
export function findActions(): FoundAction[] {
	return routeFolders().flatMap(({ route, actions }) => actions.map((action) => ({ route, action })));
}

/** Every `+server` handler that takes a body (POST, PUT, PATCH or DELETE). */
export function findBodyEndpoints(): FoundAction[] {
	return routeFolders().flatMap(({ route, methods }) =>
		methods.filter((method) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)).map((action) => ({ route, action }))
	);
}

/** The item ids a survey page asks about: the names of its radio buttons. */
export function surveyItems(page: string): string[] {
	return [...new Set([...page.matchAll(/<input type="radio" name="([^"]+)"/g)].map((match) => match[1]))];
}
