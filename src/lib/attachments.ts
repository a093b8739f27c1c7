import type { Attachment } from 'svelte/attachments';

/**
 * Moves keyboard and screen-reader focus to an element when it appears: an error summary, or the
 * thank-you heading that replaces the form.
 */
export const focusOnMount: Attachment<HTMLElement> = (element) => {
	element.focus();
};

/**
 * A table folded under its chart: open as the server sends it, so it shows without JavaScript;
 * folded once scripts run; opened again while the page prints, then put back as it was.
 */
export const foldedUntilPrinted: Attachment<HTMLDetailsElement> = (details) => {
	details.open = false;
	let before = false;
	const unfold = () => {
		before = details.open;
		details.open = true;
	};
	const restore = () => (details.open = before);
	window.addEventListener('beforeprint', unfold);
	window.addEventListener('afterprint', restore);
	return () => {
		window.removeEventListener('beforeprint', unfold);
		window.removeEventListener('afterprint', restore);
	};
};
