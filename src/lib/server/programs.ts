import { characterCount, NAME_MAX_LENGTH } from '$lib/limits';
import { sql, writeTransaction } from './db';
import { Refusal } from './refusal';

export interface Program {
	id: number;
	name: string;
	retired: boolean;
}

/** Adds a program; checked and added in one transaction, so two admins can't add the same name at once. */
export function createProgram(name: string): Program {
	return writeTransaction(() => {
		checkProgramName(name);
		const id = Number(sql('INSERT INTO programs (name) VALUES (?)').run(name).lastInsertRowid);
		return { id, name, retired: false };
	});
}

export function listPrograms(): Program[] {
	return sql<[], { id: number; name: string; retired: number }>(
		'SELECT id, name, retired FROM programs ORDER BY name'
	)
		.all()
		.map((row) => ({ id: row.id, name: row.name, retired: row.retired === 1 }));
}

/** A program's name: not empty, within the limit for names, and no other program's. */
export function checkProgramName(name: string, exceptId?: number): void {
	if (name === '' || characterCount(name) > NAME_MAX_LENGTH) {
		throw new Refusal(`Give the program a name of up to ${NAME_MAX_LENGTH} characters.`, { field: 'name' });
	}
	const taken = sql<[string, number], number>('SELECT count(*) FROM programs WHERE name = ? AND id <> ?')
		.pluck()
		.get(name, exceptId ?? 0)!;
	if (taken > 0) throw new Refusal(`There is already a program called ${name}.`, { field: 'name' });
}

/** Renames a program; its past results keep their place under the new name. */
export function renameProgram(id: number, name: string): void {
	writeTransaction(() => {
		checkProgramName(name, id);
		if (sql('UPDATE programs SET name = ? WHERE id = ?').run(name, id).changes !== 1) throw new Refusal('There is no such program.');
	});
}

/** A retired program takes part in no new round, and keeps every result it already has. */
export function setProgramRetired(id: number, retired: boolean): void {
	if (sql('UPDATE programs SET retired = ? WHERE id = ?').run(retired ? 1 : 0, id).changes !== 1) throw new Refusal('There is no such program.');
}
