import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/guard';
import { questionPage } from '$lib/server/results-page';
import type { PageServerLoad } from './$types';

export const load = (({ locals, params }) => {
	requireUser(locals);
	const page = questionPage(params.item);
	if (page === 'unknown') error(404, { message: 'There is no such question.' });
	if (page === 'no-closed-round')
		error(404, { message: 'No round has closed yet: a question’s results appear when the first one closes.' });
	return page;
}) satisfies PageServerLoad;
