// @ts-check
/**
 * The survey page's one script, under 2 KB compressed where SvelteKit's client would be 45 KB.
 * The page is complete without it: the form posts as a plain form. With it, as the kiosk's
 * survey does through SvelteKit:
 * - each part counts the questions answered so far;
 * - the form is sent in place: "Sending…" on the button while it goes, a refusal shown first in
 *   the page and named in its title, the form filled in again with what the server took (so an
 *   answer it refused is no longer checked), and a lost connection told without losing a thing;
 *   a round closed meanwhile takes the form away, as the page without the script does;
 * - an accepted form goes on to its page (thank-you or reflection) as without the script.
 * It is served as it is, not bundled, so it imports nothing. The words come from the page
 * (`data-` attributes of `#survey-words`), in the page's language.
 */
const words = /** @type {HTMLElement} */ (document.getElementById('survey-words')).dataset;
const main = /** @type {HTMLElement} */ (document.querySelector('main'));
const form = /** @type {HTMLFormElement} */ (main.querySelector('form'));
const pageTitle = document.title;
const submit = /** @type {HTMLButtonElement} */ (form.querySelector('button.primary[type=submit]'));
/** @type {string[]} */
const answeredSentences = JSON.parse(words.answered ?? '[]');
const itemIds = new Set(
	[...form.querySelectorAll('fieldset input[type=radio]')].map((input) => /** @type {HTMLInputElement} */ (input).name)
);

const counts = [...form.querySelectorAll('section.survey-section')].map((section) => {
	const count = document.createElement('p');
	count.className = 'answered-count';
	section.append(count);
	return count;
});

function countAnswers() {
	const answered = new Set([...new FormData(form).keys()].filter((name) => itemIds.has(name))).size;
	for (const count of counts) count.textContent = answeredSentences[answered] ?? '';
}

/**
 * Shows why the answers were not sent, first in the page and in its title, as the page without the
 * script does, and moves focus there so a screen reader reads it at once.
 * @param {string} message
 * @param {'h1' | 'h2'} heading the page's own heading once the form and its intro have gone
 */
function showProblem(message, heading = 'h2') {
	main.querySelector('.problem')?.remove();
	document.title = `${words.problemTitle} · ${pageTitle}`;
	const problem = document.createElement('div');
	problem.className = 'problem';
	problem.setAttribute('role', 'alert');
	problem.tabIndex = -1;
	const title = document.createElement(heading);
	title.textContent = words.problemTitle ?? '';
	const reason = document.createElement('p');
	reason.textContent = message;
	problem.append(title, reason);
	main.prepend(problem);
	problem.focus();
}

/**
 * A refused form's data, from the action's answer. SvelteKit writes it with devalue: a list whose
 * first entry names, for each field, where its value sits; an object's fields name theirs alike.
 * @param {string} data
 * @returns {{ message?: unknown, problem?: unknown, values?: { answers?: Record<string, unknown> } }}
 */
function refusalOf(data) {
	const list = JSON.parse(data);
	/** @param {number} index @returns {any} */
	const revive = (index) => {
		const value = list[index];
		if (index < 0 || value === null || typeof value !== 'object') return index < 0 ? undefined : value;
		return Object.fromEntries(Object.entries(value).map(([name, at]) => [name, revive(at)]));
	};
	return revive(0) ?? {};
}

/**
 * Shows a refusal: the answers go back to what the server took, so an answer it refused is not
 * left checked; a round that has closed takes no answers, so its form goes, and the language
 * switch, which posted the form, becomes a plain link.
 * @param {string} data
 */
function showRefusal(data) {
	const refusal = refusalOf(data);
	const closed = refusal.problem === 'round-closed';
	showProblem(typeof refusal.message === 'string' ? refusal.message : (words.sendFailed ?? ''), closed ? 'h1' : 'h2');
	// An answer off the scale is no longer checked: the refusal holds every other answer the server
	// took. Any other refusal (a note too long, a body it could not read) leaves every answer as it is.
	if (refusal.problem === 'off-scale') {
		const answers = refusal.values?.answers ?? {};
		for (const input of form.querySelectorAll('fieldset input[type=radio]')) {
			const radio = /** @type {HTMLInputElement} */ (input);
			radio.checked = answers[radio.name] === radio.value;
		}
	}
	countAnswers();
	if (!closed) return;
	for (const button of document.querySelectorAll(`button[form="${form.id}"]`)) {
		const language = /** @type {HTMLButtonElement} */ (button);
		const link = document.createElement('a');
		link.className = language.className;
		link.href = language.getAttribute('formaction') ?? language.formAction;
		link.lang = language.lang;
		link.hreflang = language.lang;
		link.textContent = language.textContent;
		language.replaceWith(link);
	}
	main.querySelector('.survey-intro')?.remove();
	form.remove();
}

form.addEventListener('change', countAnswers);
form.addEventListener('reset', () => setTimeout(countAnswers));
// Back to this page from the next one shows a blank form, never the answers just sent.
window.addEventListener('pageshow', (event) => {
	if (event.persisted) form.reset();
});

form.addEventListener('submit', async (event) => {
	const submitter = /** @type {HTMLButtonElement | null} */ (event.submitter);
	// Any other button of the form (a language switch) sends it as a plain form.
	if (submitter !== null && submitter !== submit) return;
	event.preventDefault();
	const label = submit.textContent;
	submit.disabled = true;
	submit.textContent = words.sending ?? label;
	try {
		const response = await fetch(form.action, {
			method: 'POST',
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
			cache: 'no-store',
			body: new URLSearchParams(/** @type {any} */ (new FormData(form)))
		});
		const result = await response.json();
		if (result.type === 'redirect') {
			window.location.assign(result.location);
			return;
		}
		// The survey's action answers a redirect or a refusal; anything else is a failure to send.
		if (result.type === 'failure') showRefusal(result.data);
		else showProblem(words.sendFailed ?? '');
	} catch {
		// A lost connection: the page and every answer stay, to send again.
		showProblem(words.sendFailed ?? '');
	}
	submit.disabled = false;
	submit.textContent = label;
});

countAnswers();
