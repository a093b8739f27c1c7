/**
 * The words of the survey pages around the questions, in English and Spanish. A typed table is
 * all this needs: a missing Spanish text fails the type check, and nothing is compiled or
 * loaded at run time.
 *
 * The Spanish is a careful translation ("usted" throughout) that needs review by a
 * native-speaking harm-reduction worker before an agency relies on it.
 */
import { languages, type Audience, type Language } from './instruments/types';
import type { SubmissionProblem } from './answers';
import type { Verdict } from './statistics';
import type { CopyProblem } from './reflection-copy';
import { COMMENT_MAX_LENGTH, REFLECTION_NOTE_MAX_LENGTH } from './limits';

/** The language is carried in the URL (`?lang=es`), never in a cookie. */
export function languageFrom(url: URL): Language {
	const asked = url.searchParams.get('lang');
	return languages.find((language) => language === asked) ?? 'en';
}

/** The same address in another language. */
export function withLanguage(url: URL, language: Language): string {
	const params = new URLSearchParams(url.searchParams);
	if (language === 'en') params.delete('lang');
	else params.set('lang', language);
	const query = params.toString();
	return url.pathname + (query ? `?${query}` : '');
}

/** Words in a language other than the page's say which, so a screen reader speaks them rightly. */
export interface Shown {
	text: string;
	lang?: Language;
}

/** A name the agency gave (a program's, a round's): in English, and in Spanish when it gave one. */
export interface GivenName {
	en: string;
	es: string | null;
}

/** A given name in the reader's language, or else the English one, marked as English. */
export function nameIn(name: GivenName, language: Language): Shown {
	const translated = language === 'en' ? name.en : name.es;
	return translated ? { text: translated } : { text: name.en, lang: 'en' };
}

/** A catalogue sentence with a name in it, in pieces, so the name keeps its own language. */
export function withName(sentence: (name: string) => string, name: Shown): Shown[] {
	if (!name.lang) return [{ text: sentence(name.text) }];
	const slot = '\u0000';
	const [before, after = ''] = sentence(slot).split(slot);
	return [{ text: before }, name, { text: after }].filter((piece) => piece.text !== '');
}

/** The product's own name, the same in every language. */
export const PRODUCT_NAME: Shown = { text: 'Any Positive Change', lang: 'en' };

export type LinkProblem = 'unknown' | 'not-open' | 'closed';

/** What an error page says: a title, then what to do next. */
interface PageError {
	message: string;
	detail: string;
}

/** Texts every respondent may see, consumers included: kept plain (grade 6 or below). */
interface SharedMessages {
	languageName: string;
	switchTo: string;
	skipLink: string;
	anonymousNote: string;
	aboutLink: string;
	skipNote: string;
	/** Beside a question of the agency's own that it wrote in English only. */
	questionInEnglish: string;
	codeLabel: string;
	codeHint: string;
	commentLabel: string;
	commentHint: string;
	submit: string;
	sending: string;
	problemTitle: string;
	problems: Record<SubmissionProblem, string>;
	/** An answer off the scale, naming the question it was sent for, as the form numbers it. */
	offScaleAt: (question: number, statement: string) => string;
	sendFailed: string;
	linkProblems: Record<LinkProblem, { title: string; body: string }>;
	thanksTitle: string;
	/** The thank-you opened again, or by someone else: it can't say whose answers arrived. */
	thanksLater: string;
	/** Where a person is in a long survey: part headings, question numbers, and (with JavaScript) a count. */
	progress: {
		part: (part: number, parts: number) => string;
		question: (question: number, questions: number) => string;
		answered: (answered: number, questions: number) => string;
	};
	/** A shared tablet: the warning before an abandoned form clears, and the way back to a blank form. */
	kiosk: {
		idleTitle: string;
		/** Beside a number counting down, so it names none itself. */
		idleBody: string;
		stillHere: string;
		next: string;
		/** Asked before a kiosk starts in a browser that keeps a staff member's copies, which it would delete. */
		startTitle: string;
		startBody: string;
		startYes: string;
		startNo: string;
		started: string;
		notStarted: string;
	};
	yourAnswer: string;
	skipped: string;
	/** The home page, for someone who reached the site without a survey link. */
	home: { title: string; lead: string; howTo: string; aboutLink: string };
	/** The about page: the anonymity promise in plain words, and where the questions come from. */
	about: {
		title: string;
		lead: string;
		promises: (minimumGroupSize: number, minimumCommentGroupSize: number) => string[];
		questionsTitle: string;
		questionsFrom: (slides: string) => string;
		stances: string;
		translationNote: string;
	};
	/** Error pages, including the server's own refusals. */
	pageErrors: {
		notFound: PageError;
		tooLarge: PageError;
		unreadable: PageError;
		storageFailure: PageError;
		unexpected: PageError;
		/** The whole service is down: its database can't be opened or updated. */
		unavailable: string;
		/** A title for an error that brought no words of its own. */
		fallback: string;
	};
}

interface AudienceMessages {
	title: string;
	intro: string;
	thanksBody: string;
	whatNext: string;
}

interface StaffOnlyMessages {
	reflectionTitle: string;
	reflectionIntro: string;
	reflectionPrivate: string;
	/** The page a reflection's address shows once the reflection has been shown. */
	reflectionGone: { title: string; body: string; saved: string; surveyStart: string };
	/** A staff link to a round not open yet or closed: staff words, not the consumers'. */
	linkProblems: Record<Exclude<LinkProblem, 'unknown'>, { title: string; body: string }>;
	consumersSaid: (mean: string, n: number, round: string) => string;
	consumersHidden: (minimum: number) => string;
	consumersNotAsked: string;
	noClosedRound: string;
	promptsTitle: string;
	generalPromptsTitle: string;
	printCopy: string;
	journey: JourneyMessages;
}

/** A staff member's own answers across rounds, from copies kept on their device or in a file. */
interface JourneyMessages {
	title: string;
	intro: string;
	needsScript: string;
	mineNeedsScript: string;
	/** On the reflection page, before the copies this device keeps are shown: they may be someone else's. */
	showKeptHint: string;
	showKept: string;
	replaceKept: string;
	replaceYes: string;
	replaceNo: string;
	notKiosk: string;
	notKioskDone: string;
	/** A link to "my reflections", on the staff survey and reflection pages. */
	mineLink: string;
	mineTitle: string;
	mineIntro: string;
	keepTitle: string;
	keepExplain: string;
	noteLabel: string;
	noteHint: string;
	/** A note longer than a copy can hold: refused, and left in the box to be shortened. */
	noteTooLong: string;
	keep: string;
	keepAgain: string;
	kept: string;
	keepFailed: string;
	kioskDevice: string;
	download: string;
	print: string;
	openFile: string;
	openFileHint: string;
	opened: (rounds: number) => string;
	problems: Record<CopyProblem, string>;
	storedUnreadable: string;
	noneKept: string;
	noEarlier: string;
	keptRounds: string;
	apartTitle: string;
	apartNone: string;
	allItemsTitle: string;
	roundColumn: string;
	answerColumn: string;
	consumersColumn: string;
	/** An answer and its point on the five-point scale, which consumers' figure is given on. */
	answerPoint: (label: string, point: number) => string;
	now: (round: string) => string;
	skipped: string;
	consumersShown: (mean: string, n: number) => string;
	consumersHidden: string;
	consumersNotAsked: string;
	consumersOpen: string;
	moved: (steps: number, round: string) => string;
	apart: (round: string) => string;
	closer: (round: string) => string;
	noteFrom: (round: string) => string;
	forget: string;
	forgetWarning: string;
	forgetYes: string;
	forgetNo: string;
	forgotten: string;
}

/** The public "You said, we did" page: read by consumers, so plain like the survey. */
interface PublicPageMessages {
	title: string;
	intro: string;
	changesTitle: string;
	noChanges: string;
	/** Before a change the agency wrote in English only. */
	onlyInEnglish: string;
	resultsTitle: (round: string) => string;
	resultsIntro: string;
	tableCaption: string;
	/** "20 of the 37 people who answered (54%) said", before the answers counted: a count only where the rules show it. */
	said: (favourable: number, answered: number, percent: number) => string;
	/** The two answers counted, from the question's own scale: "“often” or “always”". */
	answerPair: (first: string, second: string) => string;
	hidden: string;
	print: string;
	/** On the consumer's thank-you, before a link to this page, when it is on. */
	seeChanges: string;
	/** "Did what we changed work?": each change's questions before and after it. */
	workedTitle: string;
	workedIntro: string;
	roundColumn: string;
	saidColumn: string;
	meaningColumn: string;
	/** In the "what it means" column of the round before a change: what that row is for. */
	startingPoint: string;
	/** The same, for a change no round has closed after yet. */
	notYetAfter: string;
	beforeChange: (round: string) => string;
	/** How a later round compares with the round before the change, as the figures allow. */
	compared: Record<Verdict, (round: string) => string>;
}

export type Messages = SharedMessages & { audience: Record<Audience, AudienceMessages> } & {
	staff: StaffOnlyMessages;
	publicPage: PublicPageMessages;
};

export const messages: Record<Language, Messages> = {
	en: {
		languageName: 'English',
		switchTo: 'Español',
		skipLink: 'Skip to content',
		anonymousNote: 'No one can tell which answers are yours. We do not ask your name. We do not keep anything that could show who you are.',
		aboutLink: 'How we keep it anonymous',
		skipNote: 'You can skip any question.',
		questionInEnglish: 'Only in English',
		codeLabel: 'Your code',
		codeHint: 'It is on the slip you were given. Each code works once. It is not linked to your answers.',
		commentLabel: 'Anything else you want to tell us? (optional)',
		commentHint: 'Please do not write names, yours or anyone else’s.',
		submit: 'Send my answers',
		sending: 'Sending…',
		problemTitle: 'Your answers were not sent',
		problems: {
			'unknown-field': 'The form had a question we do not know. Please check your answers and send them again.',
			'repeated-field': 'A question was answered twice. Please check your answers and send them again.',
			'off-scale': 'One answer was not one of the choices. Please check your answers and send them again.',
			'not-text': 'The form sent something we could not read. Please send your answers again.',
			'comment-too-long': `Your note is too long. It can have up to ${COMMENT_MAX_LENGTH.toLocaleString('en')} letters and spaces. It is still here: please make it shorter, then send it again.`,
			empty: 'You have not answered anything yet. Pick at least one answer, or write a note.',
			'round-closed': 'This survey has closed, so we could not take your answers. Thank you for trying.',
			'too-many': 'Too many answers came from here just now. Please wait a few minutes, then send again.',
			'too-large': 'The form was too large to send. Please make your note shorter.',
			'code-needed': 'Please type the code from your slip at the top of the form.',
			'code-not-accepted': 'That code does not work. It may have been used already. Check it, or ask staff for a new slip.',
			'not-saved': 'We could not save your answers just now, so nothing was kept. Your answers are still here. Please try again later.',
			'foreign-origin':
				'Your answers were not saved. This form was sent from a different web address than this survey uses. Your answers are still here. Please tell staff.'
		},
		offScaleAt: (question, statement) =>
			`Your answer to question ${question}, “${statement}”, was not one of the choices. Please pick an answer again, then send.`,
		sendFailed: 'We could not reach the server. Your answers are still here. Please try again in a moment.',
		linkProblems: {
			unknown: {
				title: 'We could not find this survey',
				body: 'Please check the link, or ask staff for a new one.'
			},
			'not-open': {
				title: 'This survey is not open yet',
				body: 'Please come back later. Staff can tell you when it opens.'
			},
			closed: {
				title: 'This survey has closed',
				body: 'Thank you for coming. Staff will share what they learned.'
			}
		},
		thanksTitle: 'Thank you',
		thanksLater: 'If you sent your answers, we have them. You do not need to send them again.',
		progress: {
			part: (part, parts) => `Part ${part} of ${parts}`,
			question: (question, questions) => `Question ${question} of ${questions}`,
			answered: (answered, questions) => `You have answered ${answered} of ${questions} questions.`
		},
		kiosk: {
			idleTitle: 'Are you still there?',
			idleBody: 'To keep your answers private, this form will clear when the count below gets to 0.',
			stillHere: 'I’m still here',
			next: 'Start a new survey',
			startTitle: 'Make this device a kiosk?',
			startBody: 'This browser keeps copies of someone’s answers. A kiosk keeps no one’s answers, so starting it here will delete them.',
			startYes: 'Yes, delete them and start',
			startNo: 'No, keep them',
			started: 'The copies kept in this browser were deleted. This device is now a kiosk.',
			notStarted: 'The copies are still here. The kiosk did not start on this device. You can close this page.'
		},
		yourAnswer: 'Your answer',
		skipped: 'Skipped',
		home: {
			title: 'Surveys with no names',
			lead: 'Surveys with no names, to help harm reduction places see how they treat people.',
			howTo: 'To answer a survey, use the link or QR code you got from the place you go to.',
			aboutLink: 'How we keep your answers safe, and where the questions come from'
		},
		about: {
			title: 'How we protect your answers',
			lead: 'People only speak freely if no one can tell who they are. So this is how the survey works:',
			promises: (minimumGroupSize, minimumCommentGroupSize) => [
				'We do not keep your name, your phone, or your internet address. We do not keep the time you answered. Survey pages set no cookies.',
				'We keep answers in a mixed-up order. When a survey closes, we write our records out again. Then no one can tell who answered first or last.',
				'What you write is kept apart from your answers, with nothing that joins them.',
				`We never show results for a small group. A number needs at least ${minimumGroupSize} answers behind it. Written notes need ${minimumCommentGroupSize}. If one number taken from another would show a small group, we hide that too.`,
				'We also check each total. No total may show that someone in a small group gave a certain answer. This is true even if they all gave the same answer.',
				'Because of this, a very small place may see fewer totals. Say a place has staff of 4, 1 and 1 in three programs. Then it will not see some staff totals, so that no one can work out what the team of 4 said.',
				'One thing a total still shows. If no one at all gave an answer, then no small group gave it either.',
				'While a survey is open, no one sees what people said. The people who run it only see how many answered.',
				'To stop fake answers, we count how many come from one place for a short time. We keep that count in memory only. It is never saved.'
			],
			questionsTitle: 'About these questions',
			questionsFrom: (slides) => `The questions come from the slides ${slides} by Dee-Dee Stout, MA, CADC II.`,
			stances:
				'Staff see worker stances after the survey. We thank Edith Springer for them. She was one of the first to do harm reduction in New York.',
			translationNote: 'We took care with the Spanish. A Spanish speaker who works in harm reduction still needs to check it.'
		},
		pageErrors: {
			notFound: { message: 'We could not find this page', detail: 'Please check the address.' },
			tooLarge: { message: 'The form was too large to send.', detail: 'Nothing was saved. Please make it shorter and try again.' },
			unreadable: {
				message: 'The form could not be read.',
				detail: 'Nothing was saved. Please go back, load the page again, and try again.'
			},
			storageFailure: {
				message: 'Nothing was saved: we can’t store anything right now.',
				detail: 'The disk may be full or locked. Please tell the person who runs this site.'
			},
			unexpected: { message: 'Something went wrong on our side.', detail: 'Nothing was saved. Please try again in a moment.' },
			unavailable: 'Sorry, this service can’t take or show answers right now, and nothing was saved. Please try again later.',
			fallback: 'Something went wrong'
		},
		audience: {
			consumer: {
				title: 'Tell us how we are doing',
				intro: 'Tell us how staff treat you and how this place works for you. There are no right or wrong answers.',
				thanksBody: 'We got your answers. We add them to everyone else’s answers.',
				whatNext: 'When this survey ends, staff see the totals, never one person’s answers. They use them to choose what to change.'
			},
			staff: {
				title: 'Harm-reduction practice: a self-reflection',
				intro: 'A self-reflection on harm-reduction practice. Answer for yourself, honestly: nobody can see what one person answered.',
				thanksBody: 'Your answers are saved, anonymously, with everyone else’s.',
				whatNext:
					'When the round closes, managers see totals for groups large enough to keep everyone anonymous, never one person’s answers.'
			}
		},
		publicPage: {
			title: 'You said, we did',
			intro: 'You told us how we are doing. Here is what we changed, and what people said.',
			changesTitle: 'What we changed',
			noChanges: 'Nothing is listed yet. Check back soon.',
			onlyInEnglish: 'Only in English',
			resultsTitle: (round) => `What people said in ${round}`,
			resultsIntro:
				'Here is how many people said “often” or “always”, or agreed. We count them out of all who answered. We only show numbers when there are enough answers. That way no one can be picked out.',
			tableCaption: 'How many said “often” or “always”, or agreed',
			said: (favourable, answered, percent) => `${favourable} of the ${answered} people who answered (${percent}%) said`,
			answerPair: (first, second) => `“${first}” or “${second}”`,
			hidden: 'Not shown: too few answers, or it could show a small group',
			print: 'Print this page',
			seeChanges: 'See what we changed:',
			workedTitle: 'Did our changes help?',
			workedIntro:
				'For each change, here is what people said before it and after it. We only say a number went up or down when the change is too big to be chance.',
			roundColumn: 'When',
			saidColumn: 'What people said',
			meaningColumn: 'What it means',
			beforeChange: (round) => `${round}, before the change`,
			startingPoint: 'What we compare with.',
			notYetAfter: 'We will know after the next round.',
			compared: {
				higher: (round) => `More people said this than in ${round}.`,
				lower: (round) => `Fewer people said this than in ${round}.`,
				'no-clear-change': (round) => `No clear change from ${round}.`,
				'too-few': () => 'Too few answers to tell.'
			}
		},
		staff: {
			reflectionTitle: 'Your reflection',
			reflectionIntro:
				'Here are your own answers beside prompts to think with, from the worker stances of Edith Springer and the “How do you practice HR?” slides.',
			reflectionPrivate:
				'This page is yours alone: the server keeps no link between you and these answers, and it will be gone when you leave or reload it. Print it or save it if you want to keep it.',
			reflectionGone: {
				title: 'Your reflection is gone',
				body: 'Your reflection was shown once, and now it is gone. This way, no one else on this device can see your answers.',
				saved: 'Your answers were saved when you sent them. There is no need to send them again.',
				surveyStart: 'Go to the start of the survey'
			},
			linkProblems: {
				'not-open': { title: 'This round is not open yet', body: 'Your managers will tell you when it opens.' },
				closed: { title: 'This round has closed', body: 'Thank you for taking part. Your managers will share what the team said.' }
			},
			consumersSaid: (mean, n, round) => `Consumers in ${round}: ${mean} out of 5 (${n} answers)`,
			consumersHidden: (minimum) =>
				`Consumers’ answers to this are not shown. Fewer than ${minimum} answered in the last closed round, or the total could show what a small group said.`,
			consumersNotAsked: 'Consumers were not asked this in the last closed round.',
			noClosedRound: 'Once a round has closed, you will see here how consumers rated the matching items.',
			promptsTitle: 'To think about',
			generalPromptsTitle: 'How do you practice harm reduction?',
			printCopy: 'Print or save this page',
			journey: {
				title: 'Your answers across rounds',
				intro:
					'See how your own answers change from one round to the next. This works only in your browser: nothing of it is sent to the server.',
				needsScript: 'To keep a copy and compare rounds, turn on JavaScript. You can still print this page.',
				mineNeedsScript: 'Your copies are read by JavaScript, here in your browser. Turn it on to see them.',
				showKeptHint: 'Answers from earlier rounds are kept in this browser. Show them only if they are yours.',
				showKept: 'Show my answers kept on this device',
				replaceKept:
					'A copy of this round is already kept on this device. If someone else uses this browser, it may be theirs. Keep yours in its place?',
				replaceYes: 'Yes, keep mine in its place',
				replaceNo: 'No, leave it',
				notKiosk: 'This device is no longer a kiosk',
				notKioskDone: 'Done. Copies can be kept on this device again.',
				mineLink: 'My reflections: your answers from earlier rounds',
				mineTitle: 'My reflections',
				mineIntro:
					'Your own answers from earlier rounds, from copies kept on this device or from a file you open. Nothing on this page is sent to the server.',
				keepTitle: 'Keep a private copy',
				keepExplain:
					'Keep this round’s answers to compare with your next round. The copy stays in this browser. Others who use this browser can see it. On a shared computer, do not keep it here or in Downloads. Print this page, or save the file on your own USB stick.',
				noteLabel: 'What I want to work on (private)',
				noteHint: 'Kept only with your copy, never sent. You will see it again next round.',
				noteTooLong: `Your note is too long. It can have up to ${REFLECTION_NOTE_MAX_LENGTH.toLocaleString('en')} letters and spaces. It is still here: please make it shorter, then keep or download it again.`,
				keep: 'Keep on this device',
				keepAgain: 'Save changes on this device',
				kept: 'Kept on this device. To see it again, use “My reflections” on your survey link.',
				keepFailed: 'This browser would not keep the copy. Download the file instead.',
				kioskDevice: 'This device is used as a kiosk, so no copy can be kept on it.',
				download: 'Download as a file',
				print: 'Print',
				openFile: 'Open a file of your earlier answers',
				openFileHint: 'A file you downloaded from this survey before. It is read here, in your browser, and not sent.',
				opened: (rounds) => `Opened your answers from ${rounds} ${rounds === 1 ? 'round' : 'rounds'}.`,
				problems: {
					'too-large': 'That file is too large to be a copy of your answers. Nothing was changed.',
					'not-a-copy': 'That file is not a copy of your answers. Nothing was changed.',
					'newer-format': 'That file was made by a newer version of this survey. Nothing was changed.',
					damaged: 'That file is damaged or was changed by hand, so it can’t be read. Nothing was changed.',
					'other-agency': 'That file comes from another agency’s survey. Nothing was changed.',
					'unknown-round': 'That file names a round this agency never ran. Nothing was changed.'
				},
				storedUnreadable:
					'The copies kept on this device can’t be read, so nothing more can be kept here. To start again, forget them on “My reflections”.',
				noneKept: 'No copies are kept on this device.',
				noEarlier: 'No earlier round to compare with yet. Keep a copy now, and next round you will see how your answers moved.',
				keptRounds: 'Rounds you have answers from',
				apartTitle: 'Where you and consumers moved apart',
				apartNone: 'Your answers did not move away from consumers’ by half a point or more anywhere.',
				allItemsTitle: 'Every question, round by round',
				roundColumn: 'Round',
				answerColumn: 'Your answer',
				consumersColumn: 'Consumers (out of 5)',
				answerPoint: (label, point) => `${label} (${point} of 5)`,
				now: (round) => `${round} (now)`,
				skipped: 'Skipped',
				consumersShown: (mean, n) => `${mean} (${n} answers)`,
				consumersHidden: 'Not shown: too few answered, or it could show a small group',
				consumersNotAsked: 'Not asked',
				consumersOpen: 'Shown after the round closes',
				moved: (steps, round) =>
					steps === 0
						? `Same answer as in ${round}.`
						: `You moved ${steps > 0 ? 'up' : 'down'} ${Math.abs(steps)} ${Math.abs(steps) === 1 ? 'step' : 'steps'} since ${round}.`,
				apart: (round) => `Your answer moved away from what consumers said in ${round}.`,
				closer: (round) => `Your answer moved closer to what consumers said in ${round}.`,
				noteFrom: (round) => `Your note from ${round}`,
				forget: 'Forget all copies on this device',
				forgetWarning: 'This deletes every copy and note kept in this browser. It can’t be undone.',
				forgetYes: 'Yes, forget them all',
				forgetNo: 'No, keep them',
				forgotten: 'Done. No copies are kept on this device now.'
			}
		}
	},
	es: {
		languageName: 'Español',
		switchTo: 'English',
		skipLink: 'Saltar al contenido',
		anonymousNote: 'Esta encuesta es anónima. No le pedimos su nombre. No guardamos nada que pueda mostrar quién es usted.',
		aboutLink: 'Cómo la mantenemos anónima',
		skipNote: 'Puede saltar cualquier pregunta.',
		questionInEnglish: 'Solo en inglés',
		codeLabel: 'Su código',
		codeHint: 'Está en el papelito que le dieron. Cada código sirve una vez. No se une a sus respuestas.',
		commentLabel: '¿Hay algo más que quiera decirnos? (opcional)',
		commentHint: 'Por favor, no escriba nombres, ni el suyo ni el de otras personas.',
		submit: 'Enviar mis respuestas',
		sending: 'Enviando…',
		problemTitle: 'Sus respuestas no se enviaron',
		problems: {
			'unknown-field': 'Hay una pregunta que no conocemos. Revise sus respuestas y envíelas otra vez.',
			'repeated-field': 'Una pregunta se contestó dos veces. Revise sus respuestas y envíelas otra vez.',
			'off-scale': 'Una respuesta no era una de las opciones. Revise sus respuestas y envíelas otra vez.',
			'not-text': 'El formulario envió algo que no pudimos leer. Envíe sus respuestas otra vez.',
			'comment-too-long': `Su nota es muy larga. Puede tener hasta ${COMMENT_MAX_LENGTH.toLocaleString('es')} letras y espacios. Sigue aquí: hágala más corta y envíela otra vez.`,
			empty: 'Todavía no ha contestado nada. Elija al menos una respuesta o escriba una nota.',
			'round-closed': 'Esta encuesta ya cerró, así que no pudimos recibir sus respuestas. Gracias por intentarlo.',
			'too-many': 'Hace un rato nos llegaron muchas respuestas de aquí. Espere unos minutos y envíe otra vez.',
			'too-large': 'El formulario era demasiado grande para enviarlo. Haga su nota más corta.',
			'code-needed': 'Por favor, escriba arriba el código de su papelito.',
			'code-not-accepted': 'Ese código no funciona. Tal vez ya se usó. Revíselo o pida otro papelito al personal.',
			'not-saved':
				'No pudimos guardar sus respuestas ahora, así que no se guardó nada. Sus respuestas siguen aquí. Intente otra vez más tarde.',
			'foreign-origin':
				'Sus respuestas no se guardaron. Este formulario se envió desde una dirección web distinta de la de esta encuesta. Sus respuestas siguen aquí. Por favor, avise al personal.'
		},
		offScaleAt: (question, statement) =>
			`Su respuesta a la pregunta ${question}, “${statement}”, no era una de las opciones. Elija otra vez y envíe.`,
		sendFailed: 'No pudimos comunicarnos con el servidor. Sus respuestas siguen aquí. Intente otra vez en un momento.',
		linkProblems: {
			unknown: {
				title: 'No encontramos esta encuesta',
				body: 'Revise el enlace o pida uno nuevo al personal.'
			},
			'not-open': {
				title: 'Esta encuesta todavía no está abierta',
				body: 'Por favor, vuelva más tarde. El personal le puede decir cuándo abre.'
			},
			closed: {
				title: 'Esta encuesta ya cerró',
				body: 'Gracias por venir. El personal compartirá lo que aprendió.'
			}
		},
		thanksTitle: 'Gracias',
		thanksLater: 'Si envió sus respuestas, ya las tenemos. No hace falta enviarlas otra vez.',
		progress: {
			part: (part, parts) => `Parte ${part} de ${parts}`,
			question: (question, questions) => `Pregunta ${question} de ${questions}`,
			answered: (answered, questions) => `Ha contestado ${answered} de ${questions} preguntas.`
		},
		kiosk: {
			idleTitle: '¿Sigue ahí?',
			idleBody: 'Todo se borra cuando la cuenta de abajo llegue a 0. Así nadie ve sus respuestas.',
			stillHere: 'Sigo aquí',
			next: 'Empezar una encuesta nueva',
			startTitle: '¿Usar este dispositivo como quiosco?',
			startBody: 'Este navegador guarda copias de las respuestas de alguien. Un quiosco no guarda las de nadie, así que se van a borrar.',
			startYes: 'Sí, borrarlas y empezar',
			startNo: 'No, guardarlas',
			started: 'Se borraron las copias de este navegador. Este dispositivo ahora es un quiosco.',
			notStarted: 'Las copias siguen aquí. El quiosco no empezó en este dispositivo. Puede cerrar esta página.'
		},
		yourAnswer: 'Su respuesta',
		skipped: 'Sin responder',
		home: {
			title: 'Encuestas sin nombres',
			lead: 'Encuestas sin nombres, para que los lugares de reducción de daños vean cómo tratan a la gente.',
			howTo: 'Para contestar una encuesta, use el enlace o el código QR que le dio el lugar al que va.',
			aboutLink: 'Cómo cuidamos sus respuestas y de dónde vienen las preguntas'
		},
		about: {
			title: 'Cómo protegemos sus respuestas',
			lead: 'La gente solo habla con libertad si nadie sabe quién es. Por eso la encuesta funciona así:',
			promises: (minimumGroupSize, minimumCommentGroupSize) => [
				'No guardamos su nombre, su teléfono ni su dirección de internet. No guardamos la hora en que contesta. Las páginas de la encuesta no usan cookies.',
				'Guardamos las respuestas en desorden. Cuando la encuesta cierra, copiamos otra vez todos los datos. Así nadie sabe quién contestó primero o al final.',
				'Lo que usted escribe se guarda aparte de sus respuestas, sin nada que las una.',
				`Nunca mostramos los datos de un grupo chico. Un número necesita por lo menos ${minimumGroupSize} respuestas. Las notas escritas necesitan ${minimumCommentGroupSize}. También ocultamos un número si al restarlo de otro se ve un grupo chico.`,
				'También revisamos cada total. Ningún total puede mostrar que alguien de un grupo chico dio cierta respuesta. Esto vale aunque todos den la misma respuesta.',
				'Por eso un lugar muy chico puede ver menos totales. Por ejemplo, un lugar con 4, 1 y 1 personas de personal en tres programas. Ese lugar no verá algunos totales del personal, para que nadie sepa lo que dijo el grupo de 4.',
				'Hay algo que un total sí muestra. Si nadie dio una respuesta, ningún grupo chico la dio.',
				'Mientras la encuesta está abierta, nadie ve lo que dijo la gente. Los jefes solo ven cuántos contestaron.',
				'Para frenar respuestas falsas, contamos por un rato cuántas llegan de un mismo lugar. Esa cuenta está solo en la memoria y nunca se guarda.'
			],
			questionsTitle: 'De dónde vienen las preguntas',
			questionsFrom: (slides) => `Las preguntas vienen de la presentación ${slides} de Dee-Dee Stout, MA, CADC II.`,
			stances:
				'Después de la encuesta, el personal ve unas posturas de trabajo. Se las debemos a Edith Springer. Ella fue de las primeras en hacer reducción de daños en Nueva York.',
			translationNote:
				'El texto en español es una traducción cuidadosa. Aún falta que lo revise alguien que hable español y trabaje en reducción de daños.'
		},
		pageErrors: {
			notFound: { message: 'No encontramos esta página', detail: 'Revise la dirección, por favor.' },
			tooLarge: {
				message: 'El formulario era demasiado grande para enviarlo.',
				detail: 'No se guardó nada. Hágalo más corto y pruebe otra vez.'
			},
			unreadable: {
				message: 'No pudimos leer el formulario.',
				detail: 'No se guardó nada. Vuelva atrás, cargue la página otra vez y pruebe de nuevo.'
			},
			storageFailure: {
				message: 'No se guardó nada: ahora no podemos guardar datos.',
				detail: 'Puede que el disco esté lleno o bloqueado. Avise a quien cuida este sitio.'
			},
			unexpected: { message: 'Algo falló de nuestro lado.', detail: 'No se guardó nada. Pruebe otra vez en un momento.' },
			unavailable: 'Lo sentimos: ahora este servicio no puede recibir ni mostrar respuestas, y no se guardó nada. Pruebe más tarde.',
			fallback: 'Algo falló'
		},
		audience: {
			consumer: {
				title: 'Díganos cómo lo estamos haciendo',
				intro: 'Cuéntenos cómo le trata el personal y cómo le funciona este lugar. No hay respuestas buenas ni malas.',
				thanksBody: 'Recibimos sus respuestas. Se suman a las de todas las demás personas.',
				whatNext:
					'Al final de la encuesta, el personal verá los totales. Nunca verá lo que dijo una sola persona. Con eso decidirán qué cambiar.'
			},
			staff: {
				title: 'Práctica de reducción de daños: una reflexión personal',
				intro:
					'Una reflexión personal sobre su práctica de reducción de daños. Conteste con honestidad: nadie puede ver lo que contestó una sola persona.',
				thanksBody: 'Sus respuestas se guardaron de forma anónima, junto con las de todas las demás personas.',
				whatNext:
					'Cuando cierre la ronda, la gerencia verá los totales de grupos lo bastante grandes para que nadie sea identificable, nunca las respuestas de una sola persona.'
			}
		},
		publicPage: {
			title: 'Ustedes dijeron, nosotros hicimos',
			intro: 'Ustedes nos dijeron cómo lo estamos haciendo. Aquí está lo que cambiamos y lo que dijeron las personas.',
			changesTitle: 'Lo que cambiamos',
			noChanges: 'Todavía no hay nada en la lista. Vuelva pronto.',
			onlyInEnglish: 'Solo en inglés',
			resultsTitle: (round) => `Lo que dijo la gente en ${round}`,
			resultsIntro:
				'Aquí está cuántas personas dijeron “casi siempre” o “siempre”, o que estaban de acuerdo. Las contamos entre todas las que contestaron. Solo damos números si contestó bastante gente. Así nadie sabe quién dijo qué.',
			tableCaption: 'Cuántas dijeron “casi siempre” o “siempre”, o que estaban de acuerdo',
			said: (favourable, answered, percent) =>
				`${favourable} de las ${answered} personas que contestaron (${percent} %) ${favourable === 1 ? 'dijo' : 'dijeron'}`,
			answerPair: (first, second) => `“${first}” o “${second}”`,
			hidden: 'No se muestra: hay pocas respuestas, o se vería un grupo chico',
			print: 'Imprimir esta página',
			seeChanges: 'Vea aquí lo que hicimos con lo que nos dijo la gente:',
			workedTitle: '¿Sirvieron nuestros cambios?',
			workedIntro:
				'Para cada cambio, esto es lo que dijeron las personas antes y después. Solo decimos que un número subió o bajó cuando el cambio es demasiado grande para ser casualidad.',
			roundColumn: 'Cuándo',
			saidColumn: 'Lo que dijeron las personas',
			meaningColumn: 'Lo que significa',
			beforeChange: (round) => `${round}, antes del cambio`,
			startingPoint: 'Con esto comparamos.',
			notYetAfter: 'Lo sabremos después de la próxima ronda.',
			compared: {
				higher: (round) => `Más personas dijeron esto que en ${round}.`,
				lower: (round) => `Menos personas dijeron esto que en ${round}.`,
				'no-clear-change': (round) => `Ningún cambio claro desde ${round}.`,
				'too-few': () => 'Muy pocas respuestas para saberlo.'
			}
		},
		staff: {
			reflectionTitle: 'Su reflexión',
			reflectionIntro:
				'Aquí están sus propias respuestas junto a ideas para reflexionar, de las posturas de trabajo de Edith Springer y de las diapositivas “¿Cómo practica usted la reducción de daños?”.',
			reflectionPrivate:
				'Esta página es solo suya: el servidor no guarda ningún vínculo entre usted y estas respuestas, y desaparecerá cuando salga o la vuelva a cargar. Imprímala o guárdela si quiere conservarla.',
			reflectionGone: {
				title: 'Su reflexión ya no está',
				body: 'Su reflexión se mostró una vez y ya no está. Así nadie más en este dispositivo puede ver sus respuestas.',
				saved: 'Sus respuestas se guardaron cuando las envió. No hace falta enviarlas otra vez.',
				surveyStart: 'Ir al inicio de la encuesta'
			},
			linkProblems: {
				'not-open': { title: 'Esta ronda todavía no está abierta', body: 'La gerencia le dirá cuándo abre.' },
				closed: { title: 'Esta ronda ya cerró', body: 'Gracias por participar. La gerencia compartirá lo que dijo el equipo.' }
			},
			consumersSaid: (mean, n, round) => `Participantes en ${round}: ${mean} de 5 (${n} respuestas)`,
			consumersHidden: (minimum) =>
				`No se muestran las respuestas de participantes. Contestaron menos de ${minimum} en la última ronda cerrada, o el total podría mostrar lo que dijo un grupo chico.`,
			consumersNotAsked: 'En la última ronda cerrada no se les preguntó esto a los participantes.',
			noClosedRound: 'Cuando se cierre una ronda, verá aquí cómo calificaron los participantes los puntos correspondientes.',
			promptsTitle: 'Para reflexionar',
			generalPromptsTitle: '¿Cómo practica usted la reducción de daños?',
			printCopy: 'Imprimir o guardar esta página',
			journey: {
				title: 'Sus respuestas ronda tras ronda',
				intro:
					'Vea cómo cambian sus propias respuestas de una ronda a otra. Esto funciona solo en su navegador: no se envía nada al servidor.',
				needsScript: 'Para guardar una copia y comparar rondas, active JavaScript. Igual puede imprimir esta página.',
				mineNeedsScript: 'Sus copias se leen con JavaScript, aquí en su navegador. Actívelo para verlas.',
				showKeptHint: 'Hay respuestas de rondas anteriores guardadas en este navegador. Muéstrelas solo si son suyas.',
				showKept: 'Mostrar mis respuestas guardadas en este dispositivo',
				replaceKept:
					'Ya hay una copia de esta ronda guardada en este dispositivo. Si otra persona usa este navegador, puede que sea de ella. ¿Quiere reemplazarla con sus respuestas?',
				replaceYes: 'Sí, reemplazarla',
				replaceNo: 'No, dejarla como está',
				notKiosk: 'Este dispositivo ya no es un quiosco',
				notKioskDone: 'Listo. Ya se pueden guardar copias en este dispositivo.',
				mineLink: 'Mis reflexiones: sus respuestas de rondas anteriores',
				mineTitle: 'Mis reflexiones',
				mineIntro:
					'Sus propias respuestas de rondas anteriores, de copias guardadas en este dispositivo o de un archivo que usted abra. Nada de esta página se envía al servidor.',
				keepTitle: 'Guardar una copia privada',
				keepExplain:
					'Guarde las respuestas de esta ronda para compararlas con la próxima. La copia queda en este navegador. Otros que usen este navegador la pueden ver. En una computadora compartida, no la guarde aquí ni en Descargas. Imprima esta página o guarde el archivo en su propia memoria USB.',
				noteLabel: 'Lo que quiero mejorar (privado)',
				noteHint: 'Se guarda solo con su copia y nunca se envía. La verá otra vez en la próxima ronda.',
				noteTooLong: `Su nota es muy larga. Puede tener hasta ${REFLECTION_NOTE_MAX_LENGTH.toLocaleString('es')} letras y espacios. Sigue aquí: hágala más corta y vuelva a guardarla o descargarla.`,
				keep: 'Guardar en este dispositivo',
				keepAgain: 'Guardar los cambios en este dispositivo',
				kept: 'Se guardó la copia en este dispositivo. Para verla otra vez, use “Mis reflexiones” en el enlace de su encuesta.',
				keepFailed: 'Este navegador no guardó la copia. Mejor descargue el archivo.',
				kioskDevice: 'Este dispositivo se usa como quiosco, así que no se puede guardar ninguna copia en él.',
				download: 'Descargar como archivo',
				print: 'Imprimir',
				openFile: 'Abrir un archivo con sus respuestas anteriores',
				openFileHint: 'Un archivo que usted descargó antes desde esta encuesta. Se lee aquí, en su navegador, y no se envía.',
				opened: (rounds) => `Se abrieron sus respuestas de ${rounds} ${rounds === 1 ? 'ronda' : 'rondas'}.`,
				problems: {
					'too-large': 'Ese archivo es demasiado grande para ser una copia de sus respuestas. No se cambió nada.',
					'not-a-copy': 'Ese archivo no es una copia de sus respuestas. No se cambió nada.',
					'newer-format': 'Ese archivo se hizo con una versión más nueva de esta encuesta. No se cambió nada.',
					damaged: 'Ese archivo está dañado o se cambió a mano, así que no se puede leer. No se cambió nada.',
					'other-agency': 'Ese archivo es de la encuesta de otra agencia. No se cambió nada.',
					'unknown-round': 'Ese archivo nombra una ronda que esta agencia nunca hizo. No se cambió nada.'
				},
				storedUnreadable:
					'No se pueden leer las copias guardadas en este dispositivo, así que no se puede guardar nada más aquí. Para empezar de nuevo, bórrelas en “Mis reflexiones”.',
				noneKept: 'No hay copias guardadas en este dispositivo.',
				noEarlier:
					'Todavía no hay una ronda anterior para comparar. Guarde una copia ahora y en la próxima ronda verá cómo cambiaron sus respuestas.',
				keptRounds: 'Rondas de las que tiene respuestas',
				apartTitle: 'Preguntas en las que usted y los participantes se alejaron',
				apartNone: 'Sus respuestas no se alejaron de las de los participantes medio punto o más en ninguna pregunta.',
				allItemsTitle: 'Cada pregunta, ronda por ronda',
				roundColumn: 'Ronda',
				// Soft hyphens: on a narrow phone a heading breaks there, with a hyphen shown.
				answerColumn: 'Su res\u00ADpuesta',
				consumersColumn: 'Partici\u00ADpantes (de 5)',
				answerPoint: (label, point) => `${label} (${point} de 5)`,
				now: (round) => `${round} (ahora)`,
				skipped: 'Sin responder',
				consumersShown: (mean, n) => `${mean} (${n} respuestas)`,
				consumersHidden: 'No se muestra: contestaron muy pocas personas, o se vería un grupo chico',
				consumersNotAsked: 'No se preguntó',
				consumersOpen: 'Se verá cuando se cierre la ronda',
				moved: (steps, round) =>
					steps === 0
						? `La misma respuesta que en ${round}.`
						: `Usted ${steps > 0 ? 'subió' : 'bajó'} ${Math.abs(steps)} ${Math.abs(steps) === 1 ? 'paso' : 'pasos'} desde ${round}.`,
				apart: (round) => `Su respuesta se alejó de lo que dijeron los participantes en ${round}.`,
				closer: (round) => `Su respuesta se acercó a lo que dijeron los participantes en ${round}.`,
				noteFrom: (round) => `Su nota de ${round}`,
				forget: 'Borrar todas las copias de este dispositivo',
				forgetWarning: 'Esto borra todas las copias y notas guardadas en este navegador. No se puede deshacer.',
				forgetYes: 'Sí, borrarlas todas',
				forgetNo: 'No, conservarlas',
				forgotten: 'Listo. Ya no hay copias guardadas en este dispositivo.'
			}
		}
	}
};

/** Names of another language (the switch to it) and texts only staff read. */
const notConsumerFacing = new Set(['languageName', 'switchTo', 'staff', 'audience.staff']);

/**
 * Every text a consumer may read on a page, in both languages: what the plain-language check
 * reads. A sentence with a number or a name in it is read with 20 in its place.
 */
export function consumerFacingMessages(): { where: string; text: Record<Language, string> }[] {
	const found: { where: string; text: Record<Language, string> }[] = [];
	const walk = (where: string, en: unknown, es: unknown): void => {
		if (notConsumerFacing.has(where)) return;
		if (typeof en === 'function' && typeof es === 'function') return walk(where, en(20, 20), es(20, 20));
		if (typeof en === 'string' && typeof es === 'string') {
			found.push({ where, text: { en, es } });
			return;
		}
		for (const key of Object.keys(en as object)) {
			walk(where ? `${where}.${key}` : key, (en as Record<string, unknown>)[key], (es as Record<string, unknown>)[key]);
		}
	};
	walk('', messages.en, messages.es);
	return found;
}
