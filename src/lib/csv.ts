/** CSV that opens correctly in a spreadsheet: UTF-8 with a byte-order mark, every field quoted. */

const BOM = '\uFEFF';

/**
 * A field as text a spreadsheet shows and never runs: text starting with = + - @ (or a tab or
 * return) would be read as a formula, so it gets a leading apostrophe. Numbers stay numbers.
 */
export function csvField(value: string | number | null | undefined): string {
	if (value === null || value === undefined) return '""';
	let text = String(value);
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
	return BOM + [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function csvResponse(filename: string, body: string): Response {
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'no-store'
		}
	});
}
