import type { Attachment } from 'svelte/attachments';

/**
 * Moves keyboard and screen-reader focus to an element when it appears: an error summary, or the
 * thank-you heading that replaces the form.
 */
export const focusOnMount: Attachment<HTMLElement> = (element) => {
	element.focus();
};
