import { sql } from './db';

export interface Program {
	id: number;
	name: string;
	/** What Spanish-speaking respondents read; without it they read the English name. */
	nameEs: string | null;
	retired: boolean;
}

export function createProgram(name: string, nameEs: string | null = null): Program {
	const id = Number(sql('INSERT INTO programs (name, name_es) VALUES (?, ?)').run(name, nameEs).lastInsertRowid);
	return { id, name, nameEs, retired: false };
}

export function listPrograms(): Program[] {
	return sql<[], { id: number; name: string; name_es: string | null; retired: number }>(
		'SELECT id, name, name_es, retired FROM programs ORDER BY name'
	)
		.all()
		.map((row) => ({ id: row.id, name: row.name, nameEs: row.name_es, retired: row.retired === 1 }));
}

/** The longest name a program or a round may have, in either language. */
export const NAME_MAX_LENGTH = 200;

/** Checks an optional Spanish name; returns what is wrong, or null. */
export function checkSpanishName(nameEs: string | null): string | null {
	return nameEs !== null && nameEs.length > NAME_MAX_LENGTH ? `Keep the Spanish name to ${NAME_MAX_LENGTH} characters.` : null;
}

/** Checks a program name (and its Spanish name) against the others; returns what is wrong, or null. */
export function checkProgramName(name: string, exceptId?: number, nameEs: string | null = null): string | null {
	if (name.length === 0 || name.length > NAME_MAX_LENGTH) return `Give the program a name of up to ${NAME_MAX_LENGTH} characters.`;
	const spanish = checkSpanishName(nameEs);
	if (spanish) return spanish;
	const taken = sql<[string, number], number>('SELECT count(*) FROM programs WHERE name = ? AND id <> ?')
		.pluck()
		.get(name, exceptId ?? 0)!;
	return taken > 0 ? `There is already a program called ${name}.` : null;
}

/** Renames a program; its Spanish name is set too, or cleared when not given. */
export function renameProgram(id: number, name: string, nameEs: string | null = null): boolean {
	return sql('UPDATE programs SET name = ?, name_es = ? WHERE id = ?').run(name, nameEs, id).changes === 1;
}

/** A retired program takes part in no new round, and keeps every result it already has. */
export function setProgramRetired(id: number, retired: boolean): boolean {
	return sql('UPDATE programs SET retired = ? WHERE id = ?').run(retired ? 1 : 0, id).changes === 1;
}
