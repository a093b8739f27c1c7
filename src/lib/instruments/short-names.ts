// The Spanish is a careful translation that needs review by a native-speaking
// harm-reduction worker before an agency relies on it.

import type { Localized } from './types';

/**
 * A few words per question, for chart labels and summaries, where a whole statement would not fit
 * and an id (`hr.listen`) says nothing to a reader. They name what the question is about, so they
 * fit both the staff and the consumer wording. Respondents never see them.
 */
export const shortNames: Record<string, Localized> = {
	'hr.human': { en: 'A person, not a case', es: 'Una persona, no un caso' },
	'hr.not-personal': { en: 'Not taking it personally', es: 'No tomarlo como algo personal' },
	'hr.question-self': { en: 'Open to being wrong', es: 'Abiertos a equivocarse' },
	'hr.not-my-pain': { en: 'Focus on what the person lives', es: 'Enfoque en lo que vive la persona' },
	'hr.not-plumber': { en: 'Not trying to fix people', es: 'No intentar arreglar a nadie' },
	'hr.trust': { en: 'Building trust', es: 'Construir confianza' },
	'hr.know-needs': { en: 'People know their own needs', es: 'Cada quien sabe lo que necesita' },
	'hr.listen': { en: 'Really listening', es: 'Escuchar de verdad' },
	'hr.timetable': { en: 'Going at the person’s pace', es: 'Al ritmo de la persona' },
	'hr.explain': { en: 'Explaining decisions, no attitude', es: 'Explicar decisiones sin sarcasmo' },
	'hr.patience': { en: 'Patience', es: 'Paciencia' },
	'hr.baby-steps': { en: 'Supporting small steps', es: 'Apoyar pasos pequeños' },
	'hr.strengths': { en: 'Seeing strengths', es: 'Ver las fortalezas' },
	'hr.advocate': { en: 'Advocate and guide, not fixer', es: 'Defender y guiar, no arreglar' },
	'stc.goals': { en: 'Setting one’s own goals', es: 'Fijar las propias metas' },
	'stc.priorities': { en: 'Consumers’ priorities first', es: 'Primero las prioridades de las personas' },
	'stc.power': { en: 'Balance of power', es: 'Equilibrio de poder' },
	'stc.menu': { en: 'A menu of options', es: 'Variedad de opciones' },
	'stc.who-decides': { en: 'Deciding what to change', es: 'Decidir qué cambiar' },
	'stc.feedback': { en: 'Feedback asked for and used', es: 'Se pide la opinión y se usa' },
	'stc.rules': { en: 'A say in the rules', es: 'Voz en las reglas' },
	'stc.expert': { en: 'Expert on one’s own life', es: 'Experto en la propia vida' },
	'stc.work': { en: 'Leading one’s own change', es: 'Liderar el propio cambio' },
	'stc.drug-use': { en: 'No judgment of drug use', es: 'Sin juzgar el uso de drogas' },
	'stc.board': { en: 'People who use drugs on the board', es: 'Personas que usan drogas en la junta' },
	'stc.design': { en: 'Helped design the program', es: 'Ayudaron a diseñar el programa' },
	'stc.representative': { en: 'Staff reflect the community', es: 'El personal refleja la comunidad' },
	'stc.complaints': { en: 'Complaints taken seriously', es: 'Las quejas se toman en serio' },
	'stc.funders': { en: 'Consumers meet funders', es: 'Las personas ante los financiadores' },
	'stc.friendly': { en: 'Easy to use', es: 'Fácil de usar' },
	'stc.treated': { en: 'Treated with respect', es: 'Trato con respeto' },
	'stc.evaluations': { en: 'A say in evaluations', es: 'Voz en las evaluaciones' },
	'stc.peers': { en: 'Staff with lived experience', es: 'Personal con experiencia vivida' },
	'ex.each-other': { en: 'How we treat each other', es: 'Cómo nos tratamos' },
	'ex.agency-treats': { en: 'How the agency treats staff', es: 'Cómo la agencia trata al personal' },
	'ex.others': { en: 'How we treat other agencies', es: 'Cómo tratamos a otras agencias' },
	'ex.coalition': { en: 'Coalitions, not competition', es: 'Coaliciones, no competencia' },
	'ex.workers-use': { en: 'Fair to coworkers who use', es: 'Justos con colegas que usan' },
	'ex.workers-dont': { en: 'Fair to coworkers who don’t use', es: 'Justos con colegas que no usan' },
	'ex.pc': { en: 'Speaking without fear', es: 'Hablar sin miedo' },
	'ex.mistakes': { en: 'Admitting mistakes', es: 'Reconocer los errores' },
	'ex.honesty': { en: 'Honest with each other', es: 'Honestos entre nosotros' },
	'ex.love': { en: 'Love, not ego', es: 'Amor, no ego' },
	'ex.self-compassion': { en: 'Compassion for ourselves', es: 'Compasión por nosotros mismos' },
	'ex.compassion-others': { en: 'Compassion for others', es: 'Compasión por los demás' }
};

/** A question's short name; its id when it has none, so a new question still shows. */
export function shortName(itemId: string, language: 'en' | 'es' = 'en'): string {
	return shortNames[itemId]?.[language] ?? itemId;
}
