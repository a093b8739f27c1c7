import { sveltekit } from '@sveltejs/kit/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig(({ mode }) =>
	mode === 'cli'
		? {
				// The command-line tools (`npm run admin`, `npm run backup`, `npm run restore`, `npm run bench`): server modules
				// bundled for Node beside the app, so a production install can run them without the build tools.
				resolve: { alias: { $lib: fileURLToPath(new URL('src/lib', import.meta.url)) } },
				build: {
					ssr: true,
					outDir: 'build/cli',
					emptyOutDir: true,
					rollupOptions: {
						input: {
							admin: 'src/lib/server/cli/admin.ts',
							backup: 'src/lib/server/cli/backup.ts',
							restore: 'src/lib/server/cli/restore.ts',
							bench: 'tests/bench/bench.ts'
						}
					}
				}
			}
		: {
				plugins: [sveltekit()],
				test: {
					include: ['tests/unit/**/*.test.ts'],
					// Some tests start a command or hash passwords: on a busy machine they take seconds.
					testTimeout: 30_000,
					// Each test file gets its own module graph, so its own fresh in-memory database.
					env: { DATABASE_PATH: ':memory:', RATE_LIMIT: 'on' }
				}
			}
);
