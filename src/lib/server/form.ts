import { fail, type ActionFailure } from '@sveltejs/kit';
import { postedForm } from './form-body';
import { Refusal } from './refusal';

/**
 * What every refused form action answers, and every page reads alike: the message, the field it
 * is about (when it is about one), and the safe part of what was sent, to fill the form in again.
 */
export interface Refused<Values> {
	message: string;
	field?: string;
	values: Values;
}

/**
 * The fields of a posted form, read as the types an action needs. A name sent twice counts once,
 * by its first value, as `FormData.get` reads it; a file where text belongs reads as nothing.
 */
export class PostedForm {
	constructor(private readonly fields: FormData) {}

	/** Exactly as sent: a password, where every space counts, or a choice that must match an option. */
	asSent(name: string): string {
		const value = this.fields.get(name);
		return typeof value === 'string' ? value : '';
	}

	/** Text as typed, without the spaces around it. */
	text(name: string): string {
		return this.asSent(name).trim();
	}

	/** A number written in digits (an id, a count, a size); NaN when the field holds anything else, or nothing. */
	number(name: string): number {
		const text = this.text(name);
		return /^[+-]?\d{1,15}(\.\d{1,15})?$/.test(text) ? Number(text) : Number.NaN;
	}

	/** Every value sent under a name, as sent: the ticked boxes of a group, the choices of a list. */
	all(name: string): string[] {
		return this.fields.getAll(name).filter((value): value is string => typeof value === 'string');
	}

	/** Whether a box was ticked (or a hidden field set) with this value. */
	checked(name: string, value = 'on'): boolean {
		return this.fields.get(name) === value;
	}
}

/** The form posted to a sign-in or manage action; an unreadable body is refused before any rule runs. */
export async function readPostedForm(request: Request): Promise<PostedForm> {
	return new PostedForm(await postedForm(request));
}

/**
 * Runs an action's work. A `Refusal` it throws comes back as `fail(status, { message, field,
 * values })`, with `values` to fill the form in again; anything else (a redirect, a failure of
 * the server's own) goes on as thrown.
 */
export async function refusing<Values, Result>(
	values: Values,
	work: () => Result | Promise<Result>
): Promise<Result | ActionFailure<Refused<Values>>> {
	try {
		return await work();
	} catch (problem) {
		if (!(problem instanceof Refusal)) throw problem;
		const refused: Refused<Values> = { message: problem.message, values };
		if (problem.field) refused.field = problem.field;
		return fail(problem.status, refused);
	}
}

/** A real calendar date as YYYY-MM-DD: 2027-02-30 is refused, as the database would refuse it. */
export function isCalendarDate(text: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
