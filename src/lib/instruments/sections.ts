// The Spanish text is a careful translation that needs review by a native-speaking
// harm-reduction worker before an agency relies on it.

import type { Section } from './types';

// Staff wording is the slide deck's own (a truncated slide line is completed in place); consumer
// wording is the plain-language mirror. The slide questions in section 2 speak the agency's
// language ("consumers", "the intervention"), so they head staff items only.
export const sections: Section[] = [
	{
		id: 'hr',
		scale: 'practice',
		audiences: ['staff', 'consumer'],
		title: {
			staff: {
				en: "How do I know I'm using HR?",
				es: '¿Cómo sé que estoy practicando la reducción de daños?'
			},
			consumer: {
				en: 'How staff treat you',
				es: 'El trato que recibe del personal'
			}
		},
		intro: {
			staff: {
				en: 'Think about your own practice over the last few months. For each statement, choose how often it is true of you. This is self-reflection: be honest with yourself, and skip anything you would rather not answer.',
				es: 'Piense en su propia práctica durante los últimos meses. Para cada frase, elija con qué frecuencia es cierta para usted. Es una autorreflexión: sea honesto/a consigo mismo/a, y deje sin responder lo que prefiera.'
			},
			consumer: {
				en: 'Think about the staff here. How often is each of these true for you? Pick one answer. You can skip any question.',
				es: 'Piense en el personal de aquí. ¿Con qué frecuencia pasa cada una de estas cosas? Elija una respuesta. Puede saltar cualquier pregunta.'
			}
		},
		items: [
			{
				id: 'hr.human',
				staff: {
					en: 'I see consumers as human beings, not cases',
					es: 'Veo a las personas que atiendo como seres humanos, no como casos'
				},
				consumer: {
					en: 'Staff see me as a person, not a case.',
					es: 'El personal me ve como una persona, no como un caso.'
				}
			},
			{
				id: 'hr.not-personal',
				staff: {
					en: "I don't take consumers' behavior personally",
					es: 'No me tomo como algo personal el comportamiento de las personas que atiendo'
				},
				consumer: {
					en: 'Staff stay kind, even when I am having a hard day.',
					es: 'El personal sigue siendo amable, aun cuando estoy pasando un mal día.'
				}
			},
			{
				id: 'hr.question-self',
				staff: {
					en: 'I am willing to question myself (& the agency)',
					es: 'Estoy dispuesto/a a cuestionarme a mí mismo/a (y a la agencia)'
				},
				consumer: {
					en: 'Staff are open to hearing that they, or this place, got something wrong.',
					es: 'El personal está dispuesto a escuchar que ellos, o este lugar, hicieron algo mal.'
				}
			},
			{
				id: 'hr.not-my-pain',
				staff: {
					en: 'I am not in pain and conflict; the consumer is',
					es: 'No soy yo quien vive el dolor y el conflicto; es la persona que atiendo'
				},
				consumer: {
					en: 'Staff keep the focus on what I am going through.',
					es: 'El personal se enfoca en lo que yo estoy viviendo.'
				}
			},
			{
				id: 'hr.not-plumber',
				staff: {
					en: "I know I am not a plumber – so I don't try to fix people",
					es: 'Sé que no soy plomero/a – así que no trato de arreglar a las personas'
				},
				consumer: {
					en: 'Staff don\'t try to "fix" me.',
					es: 'El personal no trata de "arreglarme".'
				}
			},
			{
				id: 'hr.trust',
				staff: {
					en: 'I focus on building trusting relationships',
					es: 'Me enfoco en construir relaciones de confianza'
				},
				consumer: {
					en: 'Staff take time to build trust with me.',
					es: 'El personal se toma el tiempo para ganarse mi confianza.'
				}
			},
			{
				id: 'hr.know-needs',
				staff: {
					en: 'I realize that consumers know their own needs',
					es: 'Reconozco que las personas que atiendo conocen sus propias necesidades'
				},
				consumer: {
					en: 'Staff believe I know what I need.',
					es: 'El personal cree que yo sé lo que necesito.'
				}
			},
			{
				id: 'hr.listen',
				staff: {
					en: 'I listen, and listen, and listen some more',
					es: 'Escucho, y escucho, y escucho un poco más'
				},
				consumer: {
					en: 'Staff really listen to me.',
					es: 'El personal de verdad me escucha.'
				}
			},
			{
				id: 'hr.timetable',
				staff: {
					en: "I remember that the consumer's timetable won't always be mine or the agency's – but maybe!",
					es: 'Recuerdo que los tiempos de la persona no siempre serán los míos ni los de la agencia – ¡aunque a lo mejor sí!'
				},
				consumer: {
					en: 'Staff let me go at my own pace.',
					es: 'El personal me deja ir a mi propio ritmo.'
				}
			},
			{
				id: 'hr.explain',
				staff: {
					en: 'I am able to explain decisions and all consequences without sarcasm or attitude',
					es: 'Puedo explicar las decisiones y todas sus consecuencias sin sarcasmo ni mala actitud'
				},
				consumer: {
					en: 'Staff explain what they decide and what could happen, and they do not mock me or talk down to me.',
					es: 'El personal me explica lo que decide y lo que puede pasar, sin burlas ni malos modos.'
				}
			},
			{
				id: 'hr.patience',
				staff: {
					en: 'I have oodles of patience',
					es: 'Tengo paciencia a montones'
				},
				consumer: {
					en: 'Staff are patient with me.',
					es: 'El personal me tiene paciencia.'
				}
			},
			{
				id: 'hr.baby-steps',
				staff: {
					en: 'I think of ways I can support baby steps – "out of the box"',
					es: 'Pienso en maneras de apoyar los pasos pequeños – "fuera de la caja"'
				},
				consumer: {
					en: 'Staff help me take small steps, in ways that work for me.',
					es: 'El personal me ayuda a dar pasos pequeños, de maneras que me funcionan.'
				}
			},
			{
				id: 'hr.strengths',
				staff: {
					en: 'I see the strengths in each person, not just their problems',
					es: 'Veo las fortalezas de cada persona, no solo sus problemas'
				},
				consumer: {
					en: 'Staff see my strengths, not just my problems.',
					es: 'El personal ve mis fortalezas, no solo mis problemas.'
				}
			},
			{
				id: 'hr.advocate',
				staff: {
					en: 'I am an advocate and a guide, not a healer or a fixer',
					es: 'Soy defensor/a y guía, no sanador/a ni alguien que arregla a los demás'
				},
				consumer: {
					en: 'Staff stand up for me and guide me, instead of trying to fix me.',
					es: 'El personal me defiende y me guía, en vez de tratar de arreglarme.'
				}
			}
		]
	},
	{
		id: 'stc',
		scale: 'agreement',
		audiences: ['staff', 'consumer'],
		title: {
			staff: {
				en: 'Some things to consider',
				es: 'Algunas cosas para considerar'
			},
			consumer: {
				en: 'How this place works',
				es: 'Cómo funciona este lugar'
			}
		},
		intro: {
			staff: {
				en: 'These are questions an agency asks itself. Under each question, say how much you agree with the statement about our agency.',
				es: 'Estas son preguntas que una agencia se hace a sí misma. Debajo de cada pregunta, indique qué tan de acuerdo está con la frase sobre nuestra agencia.'
			},
			consumer: {
				en: 'Now think about this place as a whole. How much do you agree with each sentence? You can skip any question.',
				es: 'Ahora piense en este lugar en general. ¿Qué tan de acuerdo está con cada frase? Puede saltar cualquier pregunta.'
			}
		},
		items: [
			{
				id: 'stc.goals',
				question: { en: 'Who sets the goals?', es: '¿Quién fija las metas?' },
				staff: {
					en: 'Consumers set their own goals here.',
					es: 'Aquí, las personas que atendemos fijan sus propias metas.'
				},
				consumer: {
					en: 'I set my own goals here.',
					es: 'Aquí yo fijo mis propias metas.'
				}
			},
			{
				id: 'stc.priorities',
				question: {
					en: "Are consumers' priorities the agency's priorities?",
					es: '¿Las prioridades de las personas que atendemos son las prioridades de la agencia?'
				},
				staff: {
					en: "Consumers' priorities guide what we work on.",
					es: 'Las prioridades de las personas que atendemos guían aquello en lo que trabajamos.'
				},
				consumer: {
					en: 'We work on what matters most to me.',
					es: 'Trabajamos en lo que más me importa a mí.'
				}
			},
			{
				id: 'stc.power',
				question: {
					en: 'How & is power reasonably balanced?',
					es: '¿Está el poder razonablemente equilibrado? ¿Cómo?'
				},
				staff: {
					en: 'Power between staff and consumers is reasonably balanced.',
					es: 'El poder entre el personal y las personas que atendemos está razonablemente equilibrado.'
				},
				consumer: {
					en: 'I have a real say in what happens here.',
					es: 'Mi opinión de verdad cuenta en lo que pasa aquí.'
				}
			},
			{
				id: 'stc.menu',
				question: {
					en: 'What are the menu of options?',
					es: '¿Cuál es el menú de opciones?'
				},
				staff: {
					en: 'We offer a menu of options, including but not only abstinence.',
					es: 'Ofrecemos un menú de opciones, que incluye la abstinencia pero no se limita a ella.'
				},
				consumer: {
					en: 'I am offered choices, not just one way to do things.',
					es: 'Me ofrecen opciones, no una sola manera de hacer las cosas.'
				}
			},
			{
				id: 'stc.who-decides',
				question: {
					en: 'Who decides what change is needed? In what timeframe?',
					es: '¿Quién decide qué cambio hace falta? ¿En qué plazo?'
				},
				staff: {
					en: 'Consumers decide what change is needed, and when.',
					es: 'Las personas que atendemos deciden qué cambio hace falta, y cuándo.'
				},
				consumer: {
					en: 'I decide what I want to change, and when.',
					es: 'Yo decido qué quiero cambiar, y cuándo.'
				}
			},
			{
				id: 'stc.feedback',
				question: {
					en: 'Do you actively seek consumer feedback? Is it used?',
					es: '¿Buscan activamente la opinión de las personas que atienden? ¿Se usa?'
				},
				staff: {
					en: 'We actively ask consumers for feedback, and we use it.',
					es: 'Pedimos activamente la opinión de las personas que atendemos, y la usamos.'
				},
				consumer: {
					en: 'This place asks what I think, and makes changes because of it.',
					es: 'Este lugar me pregunta qué pienso, y hace cambios por eso.'
				}
			},
			{
				id: 'stc.rules',
				question: { en: 'Who makes the rules?', es: '¿Quién hace las reglas?' },
				staff: {
					en: 'Consumers help make the rules.',
					es: 'Las personas que atendemos ayudan a hacer las reglas.'
				},
				consumer: {
					en: 'People who come here help make the rules.',
					es: 'Las personas que vienen aquí ayudan a hacer las reglas.'
				}
			},
			{
				id: 'stc.expert',
				question: {
					en: 'Who is seen as the expert?',
					es: '¿A quién se ve como la persona experta?'
				},
				staff: {
					en: 'Consumers are seen as the experts on their own lives.',
					es: 'Se ve a las personas que atendemos como las expertas en su propia vida.'
				},
				consumer: {
					en: 'Staff treat me as the expert on my own life.',
					es: 'El personal me trata como la persona experta en mi propia vida.'
				}
			},
			{
				id: 'stc.work',
				question: {
					en: 'Who does the work of the intervention?',
					es: '¿Quién hace el trabajo de la intervención?'
				},
				staff: {
					en: 'Consumers lead the work of change; staff support it.',
					es: 'Las personas que atendemos dirigen el trabajo de cambio; el personal lo apoya.'
				},
				consumer: {
					en: 'I lead my own changes, and staff back me up.',
					es: 'Yo dirijo mis propios cambios, y el personal me respalda.'
				}
			},
			{
				id: 'stc.drug-use',
				question: {
					en: 'How is drug use viewed?',
					es: '¿Cómo se ve el uso de drogas?'
				},
				staff: {
					en: 'Drug use is seen as a range, from no problem to chaotic, without judgment.',
					es: 'El uso de drogas se ve como un rango, desde sin problemas hasta caótico, sin juzgar.'
				},
				consumer: {
					en: 'Staff do not judge me for using drugs.',
					es: 'El personal no me juzga por usar drogas.'
				}
			},
			{
				id: 'stc.board',
				question: {
					en: 'Who is on the governing board?',
					es: '¿Quiénes forman parte de la junta directiva?'
				},
				staff: {
					en: 'People who use or have used drugs sit on our governing board.',
					es: 'Personas que usan o han usado drogas forman parte de nuestra junta directiva.'
				}
			},
			{
				id: 'stc.design',
				question: { en: 'Who designed the program?', es: '¿Quién diseñó el programa?' },
				staff: {
					en: 'Consumers helped design this program.',
					es: 'Las personas que atendemos ayudaron a diseñar este programa.'
				},
				consumer: {
					en: 'People who use drugs helped design this program.',
					es: 'Gente que usa drogas ayudó a crear este programa.'
				}
			},
			{
				id: 'stc.representative',
				question: {
					en: 'Is the intervention and staff representative of the people served?',
					es: '¿La intervención y el personal representan a las personas que atienden?'
				},
				staff: {
					en: 'Our staff reflect the communities we serve.',
					es: 'Nuestro personal refleja a las comunidades que atendemos.'
				},
				consumer: {
					en: 'Staff here understand people like me.',
					es: 'El personal de aquí entiende a personas como yo.'
				}
			},
			{
				id: 'stc.complaints',
				question: {
					en: 'How are complaints handled?',
					es: '¿Cómo se manejan las quejas?'
				},
				staff: {
					en: 'Complaints are welcomed and handled fairly.',
					es: 'Las quejas son bienvenidas y se manejan de forma justa.'
				},
				consumer: {
					en: 'If I complain, staff listen and act on it.',
					es: 'Si me quejo, el personal me escucha y hace algo.'
				}
			},
			{
				id: 'stc.funders',
				question: {
					en: 'Who meets with funders? Presents at conferences?',
					es: '¿Quién se reúne con los financiadores? ¿Quién presenta en conferencias?'
				},
				staff: {
					en: 'Consumers meet with funders and present at conferences.',
					es: 'Las personas que atendemos se reúnen con los financiadores y presentan en conferencias.'
				}
			},
			{
				id: 'stc.friendly',
				question: {
					en: 'Is the intervention consumer-friendly?',
					es: '¿La intervención es fácil y amigable para las personas que atendemos?'
				},
				staff: {
					en: 'Our services are easy for consumers to use.',
					es: 'Nuestros servicios son fáciles de usar para las personas que atendemos.'
				},
				consumer: {
					en: 'This place is easy for me to use.',
					es: 'Este lugar es fácil de usar para mí.'
				}
			},
			{
				id: 'stc.treated',
				question: {
					en: 'How are consumers treated?',
					es: '¿Cómo se trata a las personas que atendemos?'
				},
				staff: {
					en: 'Consumers are treated with respect here.',
					es: 'Aquí se trata con respeto a las personas que atendemos.'
				},
				consumer: {
					en: 'I am treated with respect here.',
					es: 'Aquí me tratan con respeto.'
				}
			},
			{
				id: 'stc.evaluations',
				question: {
					en: 'Do consumers participate in evaluations (not just as subjects)?',
					es: '¿Participan las personas que atendemos en las evaluaciones (no solo como sujetos de estudio)?'
				},
				staff: {
					en: 'Consumers help plan and run our evaluations, not just answer them.',
					es: 'Las personas que atendemos ayudan a planear y llevar a cabo nuestras evaluaciones, no solo a responderlas.'
				},
				consumer: {
					en: 'People like me help decide how this program is judged.',
					es: 'Gente como yo ayuda a decidir cómo se juzga este programa.'
				}
			},
			{
				id: 'stc.peers',
				question: {
					en: 'Who provides services in the program?',
					es: '¿Quién brinda los servicios en el programa?'
				},
				staff: {
					en: 'People with lived experience provide services here.',
					es: 'Aquí brindan servicios personas con experiencia vivida.'
				},
				consumer: {
					en: 'Some staff here have lived experience like mine.',
					es: 'Parte del personal de aquí ha vivido experiencias como las mías.'
				}
			}
		]
	},
	{
		id: 'ex',
		scale: 'agreement',
		audiences: ['staff'],
		// Staff only: the consumer title and intro exist to satisfy the shape and are never shown.
		title: {
			staff: {
				en: 'As Harm Reductionists, we examine',
				es: 'Como trabajadores de reducción de daños, examinamos'
			},
			consumer: {
				en: 'As Harm Reductionists, we examine',
				es: 'Como trabajadores de reducción de daños, examinamos'
			}
		},
		intro: {
			staff: {
				en: 'An optional look at our team culture: how we treat each other, how our agency treats us, and how we treat ourselves. Say how much you agree with each statement.',
				es: 'Una mirada opcional a la cultura de nuestro equipo: cómo nos tratamos entre nosotros, cómo nos trata nuestra agencia y cómo nos tratamos a nosotros mismos. Indique qué tan de acuerdo está con cada frase.'
			},
			consumer: {
				en: 'An optional look at our team culture: how we treat each other, how our agency treats us, and how we treat ourselves. Say how much you agree with each statement.',
				es: 'Una mirada opcional a la cultura de nuestro equipo: cómo nos tratamos entre nosotros, cómo nos trata nuestra agencia y cómo nos tratamos a nosotros mismos. Indique qué tan de acuerdo está con cada frase.'
			}
		},
		items: [
			{
				id: 'ex.each-other',
				staff: { en: 'We treat each other well.', es: 'Nos tratamos bien entre nosotros.' }
			},
			{
				id: 'ex.agency-treats',
				staff: {
					en: 'Our agency treats its staff well.',
					es: 'Nuestra agencia trata bien a su personal.'
				}
			},
			{
				id: 'ex.others',
				staff: {
					en: 'We treat other agencies and providers well.',
					es: 'Tratamos bien a otras agencias y proveedores de servicios.'
				}
			},
			{
				id: 'ex.coalition',
				staff: {
					en: 'We build coalitions instead of competing.',
					es: 'Formamos alianzas en lugar de competir.'
				}
			},
			{
				id: 'ex.workers-use',
				staff: {
					en: 'We deal fairly with coworkers who use drugs.',
					es: 'Tratamos con justicia a los colegas que usan drogas.'
				}
			},
			{
				id: 'ex.workers-dont',
				staff: {
					en: "We deal fairly with coworkers who don't use drugs.",
					es: 'Tratamos con justicia a los colegas que no usan drogas.'
				}
			},
			{
				id: 'ex.pc',
				staff: {
					en: 'We can speak honestly without fear of saying the wrong thing.',
					es: 'Podemos hablar con honestidad sin miedo a decir algo indebido.'
				}
			},
			{
				id: 'ex.mistakes',
				staff: {
					en: 'We admit mistakes, apologize, and stay open to feedback.',
					es: 'Admitimos nuestros errores, pedimos disculpas y seguimos abiertos a los comentarios.'
				}
			},
			{
				id: 'ex.honesty',
				staff: {
					en: 'We are honest with each other.',
					es: 'Somos honestos entre nosotros.'
				}
			},
			{
				id: 'ex.love',
				staff: {
					en: 'We work in a spirit of love and oneness, not ego.',
					es: 'Trabajamos con un espíritu de amor y unidad, no de ego.'
				}
			},
			{
				id: 'ex.self-compassion',
				staff: {
					en: 'We have compassion for ourselves.',
					es: 'Tenemos compasión por nosotros mismos.'
				}
			},
			{
				id: 'ex.compassion-others',
				staff: {
					en: "We have compassion for others, even those who don't understand harm reduction.",
					es: 'Tenemos compasión por los demás, incluso por quienes no entienden la reducción de daños.'
				}
			}
		]
	}
];
