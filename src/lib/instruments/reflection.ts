// The Spanish text is a careful translation that needs review by a native-speaking
// harm-reduction worker before an agency relies on it.

import type { ReflectionPrompt } from './types';

// The deck's own lines, completed only where a slide line was cut off. Staff see these after
// they submit, each beside the items it speaks to.
export const reflectionPrompts: ReflectionPrompt[] = [
	// "Worker Stances for CD Clients", with thanks to Edith Springer.
	{
		id: 'stance.regard',
		source: 'stance',
		text: {
			en: 'Show unconditional regard & caring to the client',
			es: 'Muestre aprecio y cuidado incondicionales hacia la persona que atiende'
		},
		items: ['hr.human', 'stc.treated']
	},
	{
		id: 'stance.real-person',
		source: 'stance',
		text: {
			en: 'Be a real person: blank screens are for films!',
			es: 'Sea una persona de verdad: ¡las pantallas en blanco son para el cine!'
		},
		items: ['hr.trust']
	},
	{
		id: 'stance.urgency',
		source: 'stance',
		text: {
			en: "Don't get caught in a client's urgency",
			es: 'No se deje atrapar por la urgencia de la persona que atiende'
		},
		items: ['hr.timetable']
	},
	{
		id: 'stance.constant',
		source: 'stance',
		text: {
			en: 'Be a constant',
			es: 'Sea una presencia constante'
		},
		items: ['hr.trust', 'hr.patience']
	},
	{
		id: 'stance.non-judgmental',
		source: 'stance',
		text: {
			en: "Be non-judgmental re: the client's behaviors",
			es: 'No juzgue los comportamientos de la persona que atiende'
		},
		items: ['hr.not-personal', 'stc.drug-use']
	},
	{
		id: 'stance.empower',
		source: 'stance',
		text: {
			en: 'Empower! Work through your definition of enabling',
			es: '¡Empodere! Revise qué entiende usted por "facilitar" la conducta de alguien (enabling)'
		},
		items: ['hr.advocate', 'stc.work']
	},
	{
		id: 'stance.not-rescuer',
		source: 'stance',
		text: {
			en: "You're not responsible to rescue a client; you're responsible for a process of intervention – the outcome is theirs",
			es: 'Usted no es responsable de rescatar a la persona; es responsable de un proceso de intervención – el resultado le pertenece a ella'
		},
		items: ['hr.not-plumber', 'hr.not-my-pain', 'stc.work']
	},
	{
		id: 'stance.limits',
		source: 'stance',
		text: {
			en: 'Set limits firmly but not sadistically',
			es: 'Ponga límites con firmeza, pero sin crueldad'
		},
		items: ['hr.explain', 'stc.rules']
	},
	{
		id: 'stance.same-limits',
		source: 'stance',
		text: {
			en: 'Set the same limits with the client consistently',
			es: 'Ponga los mismos límites a la persona, de manera constante'
		},
		items: ['stc.rules']
	},
	{
		id: 'stance.fewer-nos',
		source: 'stance',
		text: {
			en: 'Reduce "No\'s" to essentials',
			es: 'Reduzca los "no" a lo esencial'
		},
		items: ['stc.rules', 'stc.menu']
	},
	{
		id: 'stance.control-yourself',
		source: 'stance',
		text: {
			en: "Don't try to control clients – try to control yourself instead",
			es: 'No intente controlar a las personas que atiende – mejor intente controlarse a sí mismo/a'
		},
		items: ['stc.power', 'hr.not-personal']
	},
	{
		id: 'stance.defenses',
		source: 'stance',
		text: {
			en: "Don't take away defenses until the client has replacements (esp. with trauma/PTSD)",
			es: 'No le quite sus defensas a la persona hasta que tenga con qué reemplazarlas (sobre todo si hay trauma o TEPT)'
		},
		items: ['hr.baby-steps', 'hr.timetable']
	},
	{
		id: 'stance.drug-expert',
		source: 'stance',
		text: {
			en: "Don't be a drug expert if you're not – ask your client",
			es: 'No se haga pasar por experto/a en drogas si no lo es – pregúntele a la persona que atiende'
		},
		items: ['hr.know-needs', 'stc.expert']
	},
	{
		id: 'stance.biases',
		source: 'stance',
		text: {
			en: "Explore your own biases about drug use – don't believe everything your head says",
			es: 'Explore sus propios prejuicios sobre el uso de drogas – no crea todo lo que le dice su cabeza'
		},
		items: ['hr.question-self', 'stc.drug-use']
	},
	{
		id: 'stance.abstinence',
		source: 'stance',
		text: {
			en: 'Avoid pushing abstinence – let the client be the guide',
			es: 'Evite presionar por la abstinencia – deje que la persona sea quien guíe'
		},
		items: ['stc.menu', 'stc.who-decides']
	},
	{
		id: 'stance.reward',
		source: 'stance',
		text: {
			en: 'Positive reinforcement is more successful than negative: reward works better than punishment; use incentives (contingency management)',
			es: 'El refuerzo positivo da mejores resultados que el negativo: la recompensa funciona mejor que el castigo; use incentivos (manejo de contingencias)'
		},
		items: ['hr.strengths', 'hr.baby-steps']
	},
	{
		id: 'stance.supervision',
		source: 'stance',
		text: {
			en: 'Get supervision or consultation: counter-transference happens; work with it not against it.',
			es: 'Busque supervisión o consulta: la contratransferencia ocurre; trabaje con ella, no en su contra.'
		},
		items: ['hr.question-self', 'hr.not-my-pain']
	},
	{
		id: 'stance.expert',
		source: 'stance',
		text: {
			en: 'Your client is the expert not you; you are a service provider to them. Be humble.',
			es: 'La persona que atiende es la experta, no usted; usted le presta un servicio. Sea humilde.'
		},
		items: ['hr.know-needs', 'stc.expert']
	},
	{
		id: 'stance.not-parental',
		source: 'stance',
		text: {
			en: "Don't be parental; don't nag – we all have someone to do that already!",
			es: 'No actúe como padre o madre; no regañe – ¡todos ya tenemos a alguien que lo haga!'
		},
		items: ['hr.explain', 'hr.not-plumber']
	},

	// "How do you practice HR?"
	{
		id: 'practice.start-where',
		source: 'practice',
		text: {
			en: 'Start where the client "is"',
			es: 'Empiece donde la persona "está"'
		},
		items: ['stc.priorities', 'hr.know-needs']
	},
	{
		id: 'practice.meaning',
		source: 'practice',
		text: {
			en: 'Assess the extent & meaning of drug use for the client',
			es: 'Evalúe el alcance y el significado que tiene el uso de drogas para la persona'
		},
		items: ['stc.drug-use']
	},
	{
		id: 'practice.desired-goals',
		source: 'practice',
		text: {
			en: "Assess the client's desired goals",
			es: 'Conozca las metas que la persona desea alcanzar'
		},
		items: ['stc.goals']
	},
	{
		id: 'practice.ambivalence',
		source: 'practice',
		text: {
			en: "Assess the client's level of ambivalence re: change(s)",
			es: 'Evalúe el nivel de ambivalencia de la persona frente al cambio o los cambios'
		},
		items: ['hr.timetable', 'stc.who-decides']
	},
	{
		id: 'practice.share-expertise',
		source: 'practice',
		text: {
			en: 'Share expertise with the client in this process ONLY with permission',
			es: 'Comparta sus conocimientos con la persona en este proceso SOLO con su permiso'
		},
		items: ['stc.expert', 'hr.explain']
	},
	{
		id: 'practice.best-choice',
		source: 'practice',
		text: {
			en: 'Help the client decide the best choice for her drug use/behavior change',
			es: 'Ayude a la persona a decidir la mejor opción para su cambio en el uso de drogas o en su conducta'
		},
		items: ['stc.who-decides']
	},
	{
		id: 'practice.flexible',
		source: 'practice',
		text: {
			en: 'Be flexible with goals and method of achieving them',
			es: 'Sea flexible con las metas y con la manera de alcanzarlas'
		},
		items: ['stc.menu', 'stc.goals']
	},
	{
		id: 'practice.change-plan',
		source: 'practice',
		text: {
			en: 'Assist the client to implement their Change Plan',
			es: 'Ayude a la persona a poner en marcha su Plan de Cambio'
		},
		items: ['hr.advocate', 'stc.work']
	},
	{
		id: 'practice.relapse',
		source: 'practice',
		text: {
			en: 'Realize relapse is an expected part of the change process',
			es: 'Tenga presente que la recaída es una parte esperada del proceso de cambio'
		},
		items: ['hr.patience', 'hr.baby-steps']
	},
	{
		id: 'practice.resistance',
		source: 'practice',
		text: {
			en: 'Appreciate & understand – not overcome – resistance',
			es: 'Valore y comprenda la resistencia – no intente vencerla'
		},
		items: ['hr.listen', 'hr.not-personal']
	}
];
