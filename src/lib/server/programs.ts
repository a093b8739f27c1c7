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
