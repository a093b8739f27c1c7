import { characterCount, NAME_MAX_LENGTH, PROGRAM_STAFF_MAX } from '$lib/limits';
import { sql, writeTransaction } from './db';
import { Refusal } from './refusal';

export interface Program {
	id: number;
	name: string;
	/** What Spanish-speaking respondents read; without it they read the English name. */
	nameEs: string | null;
	retired: boolean;
	/** How many staff work there, as entered; null until it is. */
	staffCount: number | null;
}

/** Adds a program; checked and added in one transaction, so two admins can't add the same name at once. */
export function createProgram(name: string, nameEs: string | null = null): Program {
	return writeTransaction(() => {
		checkProgramName(name, undefined, nameEs);
		const id = Number(sql('INSERT INTO programs (name, name_es) VALUES (?, ?)').run(name, nameEs || null).lastInsertRowid);
		return { id, name, nameEs: nameEs || null, retired: false, staffCount: null };
	});
}

export function listPrograms(): Program[] {
	return sql<[], { id: number; name: string; name_es: string | null; retired: number; staff_count: number | null }>(
		'SELECT id, name, name_es, retired, staff_count FROM programs ORDER BY name'
	)
		.all()
		.map((row) => ({ id: row.id, name: row.name, nameEs: row.name_es, retired: row.retired === 1, staffCount: row.staff_count }));
}

/** A program's name: not empty, within the limit for names, and no other program's; its Spanish name, if any, within the limit too. */
export function checkProgramName(name: string, exceptId?: number, nameEs: string | null = null): void {
	if (name === '' || characterCount(name) > NAME_MAX_LENGTH) {
		throw new Refusal(`Give the program a name of up to ${NAME_MAX_LENGTH} characters.`, { field: 'name' });
	}
	if (nameEs && characterCount(nameEs) > NAME_MAX_LENGTH) {
		throw new Refusal(`Keep the Spanish name to ${NAME_MAX_LENGTH} characters.`, { field: 'nameEs' });
	}
	const taken = sql<[string, number], number>('SELECT count(*) FROM programs WHERE name = ? AND id <> ?')
		.pluck()
		.get(name, exceptId ?? 0)!;
	if (taken > 0) throw new Refusal(`There is already a program called ${name}.`, { field: 'name' });
}

/** Renames a program; its past results keep their place under the new name. Its Spanish name is set too, or cleared when not given. */
export function renameProgram(id: number, name: string, nameEs: string | null = null): void {
	writeTransaction(() => {
		checkProgramName(name, id, nameEs);
		if (sql('UPDATE programs SET name = ?, name_es = ? WHERE id = ?').run(name, nameEs || null, id).changes !== 1) {
			throw new Refusal('There is no such program.');
		}
	});
}

/** A retired program takes part in no new round, and keeps every result it already has. */
export function setProgramRetired(id: number, retired: boolean): void {
	if (sql('UPDATE programs SET retired = ? WHERE id = ?').run(retired ? 1 : 0, id).changes !== 1)
		throw new Refusal('There is no such program.');
}

/**
 * Sets how many staff work in a program (null clears it), so results can say what share of them
 * answered. A whole number from 1 to the limit, or nothing.
 */
export function setProgramStaffCount(id: number, staffCount: number | null): void {
	if (staffCount !== null && !(Number.isInteger(staffCount) && staffCount >= 1 && staffCount <= PROGRAM_STAFF_MAX)) {
		throw new Refusal(`Give how many staff work there as a whole number from 1 to ${PROGRAM_STAFF_MAX}, or leave it empty.`, {
			field: 'staffCount'
		});
	}
	if (sql('UPDATE programs SET staff_count = ? WHERE id = ?').run(staffCount, id).changes !== 1)
		throw new Refusal('There is no such program.');
}
