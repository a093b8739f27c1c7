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

export type LinkProblem = 'unknown' | 'not-open' | 'closed';

/** Texts every respondent may see, consumers included: kept plain (grade 6 or below). */
interface SharedMessages {
	languageName: string;
	switchTo: string;
	anonymousNote: string;
	aboutLink: string;
	skipNote: string;
	codeLabel: string;
	codeHint: string;
	commentLabel: string;
	commentHint: string;
	submit: string;
	sending: string;
	problemTitle: string;
	problems: Record<SubmissionProblem, string>;
	sendFailed: string;
	linkProblems: Record<LinkProblem, { title: string; body: string }>;
	thanksTitle: string;
	kioskNext: string;
	kioskIdle: (seconds: number) => string;
	kioskStillHere: string;
	yourAnswer: string;
	skipped: string;
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
	consumersSaid: (mean: string, n: number, round: string) => string;
	consumersHidden: (minimum: number) => string;
	consumersNotAsked: string;
	noClosedRound: string;
	promptsTitle: string;
	generalPromptsTitle: string;
	printCopy: string;
}

/** The public "You said, we did" page: read by consumers, so plain like the survey. */
interface PublicPageMessages {
	title: string;
	intro: string;
	changesTitle: string;
	noChanges: string;
	resultsTitle: (round: string) => string;
	resultsIntro: string;
	saidYes: (percent: number) => string;
	hidden: string;
	print: string;
	/** "Did what we changed work?": each change's questions before and after it. */
	workedTitle: string;
	workedIntro: string;
	roundColumn: string;
	saidColumn: string;
	meaningColumn: string;
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
		anonymousNote:
			'This survey is anonymous. We do not ask your name. We do not keep anything that could show who you are.',
		aboutLink: 'How we keep it anonymous',
		skipNote: 'You can skip any question.',
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
			'comment-too-long': 'Your note is too long. Please make it shorter, then send it again.',
			empty: 'You have not answered anything yet. Pick at least one answer, or write a note.',
			'round-closed': 'This survey has closed, so we could not take your answers. Thank you for trying.',
			'too-many': 'Too many answers came from here just now. Please wait a few minutes, then send again.',
			'too-large': 'The form was too large to send. Please make your note shorter.',
			'code-needed': 'Please type the code from your slip at the top of the form.',
			'code-not-accepted': 'That code does not work. It may have been used already. Check it, or ask staff for a new slip.',
			'not-saved': 'We could not save your answers just now, so nothing was kept. Your answers are still here. Please try again later.'
		},
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
		kioskNext: 'Start a new survey',
		kioskIdle: (seconds) => `Are you still there? This form will clear in ${seconds} seconds to keep your answers private.`,
		kioskStillHere: 'I am still here',
		yourAnswer: 'Your answer',
		skipped: 'Skipped',
		audience: {
			consumer: {
				title: 'Tell us how we are doing',
				intro: 'Tell us how staff treat you and how this place works for you. There are no right or wrong answers.',
				thanksBody: 'We got your answers. They are added to everyone else’s.',
				whatNext:
					'When this survey ends, staff see the totals, never one person’s answers. They use them to choose what to change. Look for “You said, we did” to see what changed.'
			},
			staff: {
				title: 'Harm-reduction practice: a self-reflection',
				intro:
					'A self-reflection on harm-reduction practice. Answer for yourself, honestly: nobody can see what one person answered.',
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
			resultsTitle: (round) => `What people said in ${round}`,
			resultsIntro: 'The share of people who said “often” or “always”, or who agreed. We only show a number when enough people answered, so no one can be picked out.',
			saidYes: (percent) => `${percent} out of 100 people`,
			hidden: 'Not enough answers to show',
			print: 'Print this page',
			workedTitle: 'Did our changes help?',
			workedIntro:
				'For each change, here is what people said before it and after it. We only say a number went up or down when the change is too big to be chance.',
			roundColumn: 'When',
			saidColumn: 'What people said',
			meaningColumn: 'What it means',
			beforeChange: (round) => `${round}, before the change`,
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
			consumersSaid: (mean, n, round) => `Consumers in ${round}: ${mean} out of 5 (${n} answers)`,
			consumersHidden: (minimum) =>
				`Consumers’ answers to this are not shown: fewer than ${minimum} answered in the last closed round.`,
			consumersNotAsked: 'Consumers were not asked this in the last closed round.',
			noClosedRound: 'Once a round has closed, you will see here how consumers rated the matching items.',
			promptsTitle: 'To think about',
			generalPromptsTitle: 'How do you practice harm reduction?',
			printCopy: 'Print or save this page'
		}
	},
	es: {
		languageName: 'Español',
		switchTo: 'English',
		anonymousNote:
			'Esta encuesta es anónima. No le pedimos su nombre. No guardamos nada que pueda mostrar quién es usted.',
		aboutLink: 'Cómo la mantenemos anónima',
		skipNote: 'Puede saltar cualquier pregunta.',
		codeLabel: 'Su código',
		codeHint: 'Está en el papelito que le dieron. Cada código sirve una vez. No se une a sus respuestas.',
		commentLabel: '¿Hay algo más que quiera decirnos? (opcional)',
		commentHint: 'Por favor, no escriba nombres, ni el suyo ni el de otras personas.',
		submit: 'Enviar mis respuestas',
		sending: 'Enviando…',
		problemTitle: 'Sus respuestas no se enviaron',
		problems: {
			'unknown-field':
				'El formulario tenía una pregunta que no conocemos. Revise sus respuestas y envíelas otra vez.',
			'repeated-field': 'Una pregunta se contestó dos veces. Revise sus respuestas y envíelas otra vez.',
			'off-scale': 'Una respuesta no era una de las opciones. Revise sus respuestas y envíelas otra vez.',
			'not-text': 'El formulario envió algo que no pudimos leer. Envíe sus respuestas otra vez.',
			'comment-too-long': 'Su nota es muy larga. Hágala más corta y envíela otra vez.',
			empty: 'Todavía no ha contestado nada. Elija al menos una respuesta o escriba una nota.',
			'round-closed': 'Esta encuesta ya cerró, así que no pudimos recibir sus respuestas. Gracias por intentarlo.',
			'too-many':
				'Llegaron demasiadas respuestas desde aquí hace un momento. Espere unos minutos y envíe otra vez.',
			'too-large': 'El formulario era demasiado grande para enviarlo. Haga su nota más corta.',
			'code-needed': 'Por favor, escriba arriba el código de su papelito.',
			'code-not-accepted': 'Ese código no funciona. Tal vez ya se usó. Revíselo o pida otro papelito al personal.',
			'not-saved': 'No pudimos guardar sus respuestas ahora, así que no se guardó nada. Sus respuestas siguen aquí. Intente otra vez más tarde.'
		},
		sendFailed:
			'No pudimos comunicarnos con el servidor. Sus respuestas siguen aquí. Intente otra vez en un momento.',
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
		kioskNext: 'Empezar una encuesta nueva',
		kioskIdle: (seconds) =>
			`¿Sigue ahí? Este formulario se borrará en ${seconds} segundos para proteger sus respuestas.`,
		kioskStillHere: 'Sigo aquí',
		yourAnswer: 'Su respuesta',
		skipped: 'Sin responder',
		audience: {
			consumer: {
				title: 'Díganos cómo lo estamos haciendo',
				intro:
					'Cuéntenos cómo le trata el personal y cómo le funciona este lugar. No hay respuestas buenas ni malas.',
				thanksBody: 'Recibimos sus respuestas. Se suman a las de todas las demás personas.',
				whatNext:
					'Cuando termine esta encuesta, el personal verá los totales, nunca las respuestas de una sola persona. Los usarán para decidir qué cambiar. Busque “Ustedes dijeron, nosotros hicimos” para ver qué cambió.'
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
			resultsTitle: (round) => `Lo que dijeron las personas en ${round}`,
			resultsIntro: 'La parte de las personas que dijeron “casi siempre” o “siempre”, o que estuvieron de acuerdo. Solo mostramos un número cuando contestaron suficientes personas, para que nadie pueda ser identificado.',
			saidYes: (percent) => `${percent} de cada 100 personas`,
			hidden: 'No hay suficientes respuestas para mostrar',
			print: 'Imprimir esta página',
			workedTitle: '¿Sirvieron nuestros cambios?',
			workedIntro:
				'Para cada cambio, esto es lo que dijeron las personas antes y después. Solo decimos que un número subió o bajó cuando el cambio es demasiado grande para ser casualidad.',
			roundColumn: 'Cuándo',
			saidColumn: 'Lo que dijeron las personas',
			meaningColumn: 'Lo que significa',
			beforeChange: (round) => `${round}, antes del cambio`,
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
			consumersSaid: (mean, n, round) =>
				`Participantes en ${round}: ${mean} de 5 (${n} respuestas)`,
			consumersHidden: (minimum) =>
				`No se muestran las respuestas de participantes: menos de ${minimum} contestaron en la última ronda cerrada.`,
			consumersNotAsked: 'En la última ronda cerrada no se les preguntó esto a los participantes.',
			noClosedRound:
				'Cuando se cierre una ronda, verá aquí cómo calificaron los participantes los puntos correspondientes.',
			promptsTitle: 'Para reflexionar',
			generalPromptsTitle: '¿Cómo practica usted la reducción de daños?',
			printCopy: 'Imprimir o guardar esta página'
		}
	}
};

/** Every page text a consumer may read, in both languages: what the plain-language check reads. */
export function consumerFacingMessages(): { where: string; text: Record<Language, string> }[] {
	const pick = (read: (m: Messages) => string, where: string) => ({
		where,
		text: { en: read(messages.en), es: read(messages.es) }
	});
	const shared = (['anonymousNote', 'aboutLink', 'skipNote', 'codeLabel', 'codeHint', 'commentLabel', 'commentHint', 'submit', 'problemTitle', 'sendFailed', 'thanksTitle', 'kioskNext', 'kioskStillHere'] as const).map(
		(key) => pick((m) => m[key], key)
	);
	const problems = (Object.keys(messages.en.problems) as SubmissionProblem[]).map((key) =>
		pick((m) => m.problems[key], `problems.${key}`)
	);
	const linkProblems = (Object.keys(messages.en.linkProblems) as LinkProblem[]).flatMap((key) => [
		pick((m) => m.linkProblems[key].title, `linkProblems.${key}.title`),
		pick((m) => m.linkProblems[key].body, `linkProblems.${key}.body`)
	]);
	const consumer = (Object.keys(messages.en.audience.consumer) as (keyof AudienceMessages)[]).map((key) =>
		pick((m) => m.audience.consumer[key], `audience.consumer.${key}`)
	);
	const kioskIdle = pick((m) => m.kioskIdle(20), 'kioskIdle');
	const publicPage = (
		['title', 'intro', 'changesTitle', 'noChanges', 'resultsIntro', 'hidden', 'workedTitle', 'workedIntro', 'roundColumn', 'saidColumn', 'meaningColumn'] as const
	).map((key) => pick((m) => m.publicPage[key], `publicPage.${key}`));
	const compared = (Object.keys(messages.en.publicPage.compared) as Verdict[]).map((verdict) =>
		pick((m) => m.publicPage.compared[verdict]('Spring'), `publicPage.compared.${verdict}`)
	);
	const before = pick((m) => m.publicPage.beforeChange('Spring'), 'publicPage.beforeChange');
	return [...shared, kioskIdle, ...problems, ...linkProblems, ...consumer, ...publicPage, ...compared, before];
}
