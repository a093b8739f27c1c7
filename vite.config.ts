import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['tests/unit/**/*.test.ts'],
		// Each test file gets its own module graph, so its own fresh in-memory database.
		env: { DATABASE_PATH: ':memory:', RATE_LIMIT: 'on' }
	}
});
