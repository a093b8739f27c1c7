import QRCode from 'qrcode';

/**
 * A QR code as inline SVG, drawn on the server: nothing is loaded from elsewhere, and it prints
 * sharply at any size. The markup comes from the qrcode library alone, never from user input.
 */
export function qrSvg(url: string, label: string): Promise<string> {
	return QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) =>
		svg.replace('<svg ', `<svg role="img" aria-label="${label.replace(/[<>&"]/g, '')}" `)
	);
}

/** A QR code drawn with characters, small enough for a terminal window (the demo prints one). */
export function qrTerminal(url: string): Promise<string> {
	return QRCode.toString(url, { type: 'terminal', small: true });
}
