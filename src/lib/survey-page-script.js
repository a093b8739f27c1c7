// @ts-check
/**
 * The survey page's one script, under 2 KB compressed where SvelteKit's client would be 45 KB.
 * The page is complete without it: the form posts as a plain form. With it, as the kiosk's
 * survey does through SvelteKit:
 * - each part counts the questions answered so far;
 * - the form is sent in place: "Sending…" on the button while it goes, a refusal shown above the
 *   form with every answer kept, and a lost connection told without losing a thing;
 * - an accepted form goes on to its page (thank-you or reflection) as without the script.
 * It is served as it is, not bundled, so it imports nothing. The words come from the page
 * (`data-` attributes of `#survey-words`), in the page's language.
 */
const words = /** @type {HTMLElement} */ (document.getElementById('survey-words')).dataset;
const form = /** @type {HTMLFormElement} */ (document.querySelector('main form'));
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
 * Shows why the answers were not sent, above the form, and moves focus there so a screen reader
 * reads it at once. The answers stay as the person left them.
 * @param {string} message
 */
function showProblem(message) {
	document.querySelector('main .problem')?.remove();
	const problem = document.createElement('div');
	problem.className = 'problem';
	problem.setAttribute('role', 'alert');
	problem.tabIndex = -1;
	const title = document.createElement('h2');
	title.textContent = words.problemTitle ?? '';
	const reason = document.createElement('p');
	reason.textContent = message;
	problem.append(title, reason);
	form.before(problem);
	problem.focus();
}

/**
 * The reason of a refused form, from the action's answer. SvelteKit writes a refusal's data
 * with devalue: a list whose first entry names, for each field, where its value sits.
 * @param {string} data
 */
function refusalMessage(data) {
	const values = JSON.parse(data);
	const message = values[values[0]?.message];
	return typeof message === 'string' ? message : (words.sendFailed ?? '');
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
		showProblem(result.type === 'failure' ? refusalMessage(result.data) : (words.sendFailed ?? ''));
	} catch {
		// A lost connection: the page and every answer stay, to send again.
		showProblem(words.sendFailed ?? '');
	}
	submit.disabled = false;
	submit.textContent = label;
});

countAnswers();
