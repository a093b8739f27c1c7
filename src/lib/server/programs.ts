import { sql } from './db';

export interface Program {
	id: number;
	name: string;
	retired: boolean;
}

export function createProgram(name: string): Program {
	const id = Number(sql('INSERT INTO programs (name) VALUES (?)').run(name).lastInsertRowid);
	return { id, name, retired: false };
}

export function listPrograms(): Program[] {
	return sql<[], { id: number; name: string; retired: number }>(
		'SELECT id, name, retired FROM programs ORDER BY name'
	)
		.all()
		.map((row) => ({ id: row.id, name: row.name, retired: row.retired === 1 }));
}

/** Checks a program name against the others; returns what is wrong, or null. */
export function checkProgramName(name: string, exceptId?: number): string | null {
	if (name.length === 0 || name.length > 200) return 'Give the program a name of up to 200 characters.';
	const taken = sql<[string, number], number>('SELECT count(*) FROM programs WHERE name = ? AND id <> ?')
		.pluck()
		.get(name, exceptId ?? 0)!;
	return taken > 0 ? `There is already a program called ${name}.` : null;
}

export function renameProgram(id: number, name: string): boolean {
	return sql('UPDATE programs SET name = ? WHERE id = ?').run(name, id).changes === 1;
}

/** A retired program takes part in no new round, and keeps every result it already has. */
export function setProgramRetired(id: number, retired: boolean): boolean {
	return sql('UPDATE programs SET retired = ? WHERE id = ?').run(retired ? 1 : 0, id).changes === 1;
}
