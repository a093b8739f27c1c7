/**
 * A request refused for a reason the person can act on: the message says, in the product's
 * words, what to change. The server module that owns a rule throws it; a form action answers
 * it with `fail(status, { message, values })` (see `form.ts`), and the command line prints it.
 */
export class Refusal extends Error {
	/** The HTTP status: 400 for a form to mend, 409 for a change the round's state no longer allows. */
	readonly status: number;
	/** The form field the message is about, when it is about one: the page marks it. */
	readonly field: string | undefined;

	constructor(message: string, { status = 400, field }: { status?: number; field?: string } = {}) {
		super(message);
		this.name = 'Refusal';
		this.status = status;
		this.field = field;
	}
}
