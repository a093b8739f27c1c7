import { characterCount, MINIMUM_GROUP_SIZE_CEILING, MINIMUM_GROUP_SIZE_FLOOR, NAME_MAX_LENGTH } from '$lib/limits';
import { sql } from './db';
import { Refusal } from './refusal';

export interface Agency {
	name: string;
	/** Fewest responses any shown figure may rest on. */
	minimumGroupSize: number;
	/** Fewest responses a group needs before its comments are shown. */
	minimumCommentGroupSize: number;
	/** Whether the public "You said, we did" page is on. */
	publicPage: boolean;
	/** Whether managers, like admins, must set up a second factor. */
	managersNeedSecondFactor: boolean;
}

interface AgencyRow {
	name: string;
	minimum_group_size: number;
	minimum_comment_group_size: number;
	public_page: number;
	managers_need_second_factor: number;
}

export function getAgency(): Agency {
	const row = sql<[], AgencyRow>(
		'SELECT name, minimum_group_size, minimum_comment_group_size, public_page, managers_need_second_factor FROM agency WHERE id = 1'
	).get()!;
	return {
		name: row.name,
		minimumGroupSize: row.minimum_group_size,
		minimumCommentGroupSize: row.minimum_comment_group_size,
		publicPage: row.public_page === 1,
		managersNeedSecondFactor: row.managers_need_second_factor === 1
	};
}

/** The mark a staff member's reflection copies carry, so a file from another agency's server is refused. */
export function getAgencyCopyMark(): string {
	return sql<[], string>('SELECT copy_mark FROM agency WHERE id = 1').pluck().get()!;
}

export function renameAgency(name: string): void {
	sql('UPDATE agency SET name = ? WHERE id = 1').run(name);
}

export function setPublicPage(on: boolean): void {
	sql('UPDATE agency SET public_page = ? WHERE id = 1').run(on ? 1 : 0);
}

export function setManagersNeedSecondFactor(on: boolean): void {
	sql('UPDATE agency SET managers_need_second_factor = ? WHERE id = 1').run(on ? 1 : 0);
}

/** Saves the agency's settings, or refuses them whole, saving nothing. */
export function updateAgency(agency: Omit<Agency, 'publicPage' | 'managersNeedSecondFactor'>): void {
	const name = agency.name.trim();
	if (name === '' || characterCount(name) > NAME_MAX_LENGTH) {
		throw new Refusal(`Give the agency a name of up to ${NAME_MAX_LENGTH} characters.`, { field: 'name' });
	}
	const { minimumGroupSize, minimumCommentGroupSize } = agency;
	if (!isGroupSize(minimumGroupSize, MINIMUM_GROUP_SIZE_FLOOR)) {
		throw new Refusal(`The minimum group size must be a whole number of at least ${MINIMUM_GROUP_SIZE_FLOOR}.`, {
			field: 'minimumGroupSize'
		});
	}
	if (!isGroupSize(minimumCommentGroupSize, minimumGroupSize)) {
		throw new Refusal('The minimum group for comments must be a whole number, at least the minimum group size.', {
			field: 'minimumCommentGroupSize'
		});
	}
	sql('UPDATE agency SET name = ?, minimum_group_size = ?, minimum_comment_group_size = ? WHERE id = 1').run(
		name,
		minimumGroupSize,
		minimumCommentGroupSize
	);
}

const isGroupSize = (size: number, least: number) => Number.isInteger(size) && size >= least && size <= MINIMUM_GROUP_SIZE_CEILING;
