import { sql } from './db';

export interface Agency {
	name: string;
	/** Fewest responses any shown figure may rest on. */
	minimumGroupSize: number;
	/** Fewest responses a group needs before its comments are shown. */
	minimumCommentGroupSize: number;
}

interface AgencyRow {
	name: string;
	minimum_group_size: number;
	minimum_comment_group_size: number;
}

export function getAgency(): Agency {
	const row = sql<[], AgencyRow>(
		'SELECT name, minimum_group_size, minimum_comment_group_size FROM agency WHERE id = 1'
	).get()!;
	return {
		name: row.name,
		minimumGroupSize: row.minimum_group_size,
		minimumCommentGroupSize: row.minimum_comment_group_size
	};
}

export function renameAgency(name: string): void {
	sql('UPDATE agency SET name = ? WHERE id = 1').run(name);
}
