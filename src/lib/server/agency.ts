import { sql } from './db';

export interface Agency {
	name: string;
	/** Fewest responses any shown figure may rest on. */
	minimumGroupSize: number;
	/** Fewest responses a group needs before its comments are shown. */
	minimumCommentGroupSize: number;
	/** Whether the public "You said, we did" page is on. */
	publicPage: boolean;
}

interface AgencyRow {
	name: string;
	minimum_group_size: number;
	minimum_comment_group_size: number;
	public_page: number;
}

export function getAgency(): Agency {
	const row = sql<[], AgencyRow>(
		'SELECT name, minimum_group_size, minimum_comment_group_size, public_page FROM agency WHERE id = 1'
	).get()!;
	return {
		name: row.name,
		minimumGroupSize: row.minimum_group_size,
		minimumCommentGroupSize: row.minimum_comment_group_size,
		publicPage: row.public_page === 1
	};
}

export function renameAgency(name: string): void {
	sql('UPDATE agency SET name = ? WHERE id = 1').run(name);
}

/** The smallest minimum group size an admin may set: below 3, people can work out each other's answers. */
export const MINIMUM_GROUP_SIZE_FLOOR = 3;

export function setPublicPage(on: boolean): void {
	sql('UPDATE agency SET public_page = ? WHERE id = 1').run(on ? 1 : 0);
}

/** Checks and saves the agency's settings; returns what is wrong, or null when saved. */
export function updateAgency(agency: Omit<Agency, 'publicPage'>): string | null {
	const name = agency.name.trim();
	if (name.length === 0 || name.length > 200) return 'Give the agency a name of up to 200 characters.';
	const { minimumGroupSize, minimumCommentGroupSize } = agency;
	if (!Number.isInteger(minimumGroupSize) || minimumGroupSize < MINIMUM_GROUP_SIZE_FLOOR || minimumGroupSize > 1000) {
		return `The minimum group size must be a whole number of at least ${MINIMUM_GROUP_SIZE_FLOOR}.`;
	}
	if (!Number.isInteger(minimumCommentGroupSize) || minimumCommentGroupSize < minimumGroupSize || minimumCommentGroupSize > 1000) {
		return 'The minimum group for comments must be a whole number, at least the minimum group size.';
	}
	sql('UPDATE agency SET name = ?, minimum_group_size = ?, minimum_comment_group_size = ? WHERE id = 1').run(
		name,
		minimumGroupSize,
		minimumCommentGroupSize
	);
	return null;
}
