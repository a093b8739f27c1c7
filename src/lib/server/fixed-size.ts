/**
 * A body sent at a size that says nothing about what it holds. How well a page compresses, and
 * how long it is, both move with its words; a page that carries a person's answers must not, or
 * someone watching the network could read the answers from its size alone.
 */
import { gzipSync } from 'node:zlib';

/**
 * The size a reflection is sent at, compressed or not: far above what any set of answers makes
 * of the page (about a third of the compressed block, under half the plain one), so every set
 * comes out the same.
 */
export const REFLECTION_GZIP_BLOCK = 24 * 1024;
export const REFLECTION_PLAIN_BLOCK = 128 * 1024;

/** The gzip header's flag saying an extra field follows it (RFC 1952, 2.3.1). */
const FEXTRA = 0x04;
/** The extra field: its own length (2 bytes), then one subfield's id (2) and length (2). */
const EXTRA_OVERHEAD = 6;
/** The longest extra field gzip allows. */
const MOST_EXTRA = 0xffff;
/** gzip's fixed header, before the extra field. */
const HEADER_BYTES = 10;

/** The size a body of `length` bytes is sent at: `block`, or the smallest multiple of it that holds the body. */
export const sizeFor = (length: number, block: number): number => Math.max(1, Math.ceil(length / block)) * block;

/** The body followed by spaces up to `size` bytes: HTML and JSON both read trailing spaces as nothing. */
export function paddedTo(body: Uint8Array, size: number): Buffer {
	if (body.length > size) throw new RangeError(`A body of ${body.length} bytes can't be padded to ${size}.`);
	const padded = Buffer.alloc(size, ' ');
	padded.set(body);
	return padded;
}

/**
 * The body gzipped to exactly `size` bytes: the padding sits in the gzip header's extra field,
 * which every decoder skips, so what the browser reads is the body itself.
 */
export const gzippedTo = (body: Uint8Array, size: number): Buffer => padGzip(gzipSync(body), size);

/**
 * The body gzipped at a fixed size: `block` bytes, or the smallest multiple of it that holds the
 * compressed body. Each answer a page can carry is a few bytes; the block is far larger than the
 * page compresses to, so every such page comes out at the same size.
 */
export function gzippedInBlocks(body: Uint8Array, block: number): Buffer {
	if (block > MOST_EXTRA) throw new RangeError(`A block of ${block} bytes is more than gzip's extra field can pad.`);
	const compressed = gzipSync(body);
	return padGzip(compressed, sizeFor(compressed.length + EXTRA_OVERHEAD, block));
}

function padGzip(compressed: Buffer, size: number): Buffer {
	const padding = size - compressed.length - EXTRA_OVERHEAD;
	if (padding < 0 || padding + 4 > MOST_EXTRA) {
		throw new RangeError(`A body that compresses to ${compressed.length} bytes can't be sent at ${size}.`);
	}
	const extra = Buffer.alloc(EXTRA_OVERHEAD + padding);
	extra.writeUInt16LE(4 + padding, 0);
	// The subfield's id, "AP"; its data is zeros.
	extra.write('AP', 2, 'latin1');
	extra.writeUInt16LE(padding, 4);
	const header = Buffer.from(compressed.subarray(0, HEADER_BYTES));
	header[3] |= FEXTRA;
	return Buffer.concat([header, extra, compressed.subarray(HEADER_BYTES)]);
}
