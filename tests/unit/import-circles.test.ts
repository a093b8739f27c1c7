import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'src');

function filesUnder(folder: string): string[] {
	return readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		if (statSync(path).isDirectory()) return filesUnder(path);
		return /\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
	});
}

/** The file a specifier names, in the project's own code; null for a package or a generated module. */
function resolveSpecifier(from: string, specifier: string): string | null {
	const base =
		specifier.startsWith('$lib/') || specifier === '$lib'
			? join(src, 'lib', specifier.slice('$lib'.length))
			: specifier.startsWith('.')
				? resolve(dirname(from), specifier)
				: null;
	if (!base) return null;
	const candidates = [base, `${base}.ts`, `${base}.svelte`, join(base, 'index.ts')];
	return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

/** Every module a file imports or re-exports from, type-only imports included: a circle of types still ties modules together. */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const specifiers = [
		...text.matchAll(/(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)
	].map((match) => match[1] ?? match[2] ?? match[3]);
	return specifiers.map((specifier) => resolveSpecifier(file, specifier)).filter((path): path is string => path !== null);
}

/** The first import circle found by a depth-first walk, as the files in it; null when there is none. */
export function findCircle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
	const state = new Map<string, 'visiting' | 'done'>();
	const path: string[] = [];
	function visit(file: string): string[] | null {
		if (state.get(file) === 'done') return null;
		if (state.get(file) === 'visiting') return [...path.slice(path.indexOf(file)), file];
		state.set(file, 'visiting');
		path.push(file);
		for (const next of graph.get(file) ?? []) {
			const circle = visit(next);
			if (circle) return circle;
		}
		path.pop();
		state.set(file, 'done');
		return null;
	}
	for (const file of graph.keys()) {
		const circle = visit(file);
		if (circle) return circle;
	}
	return null;
}

describe('imports', () => {
	it('finds a circle when there is one, so the check below can fail', () => {
		expect(
			findCircle(
				new Map([
					['a', ['b']],
					['b', ['c']],
					['c', ['a']]
				])
			)
		).toEqual(['a', 'b', 'c', 'a']);
		expect(
			findCircle(
				new Map([
					['a', ['b']],
					['b', ['c']],
					['c', []]
				])
			)
		).toBeNull();
	});

	it('form no circle anywhere in the app: arrows point from pages to the domain', () => {
		const graph = new Map(filesUnder(src).map((file) => [file, importsOf(file)]));
		// The walk reads every module the app has, so a parser that read nothing would not pass unnoticed.
		expect([...graph.values()].flat().length).toBeGreaterThan(200);
		expect(graph.get(join(src, 'lib/server/responses.ts'))).toContain(join(src, 'lib/server/paper-entries.ts'));
		const circle = findCircle(graph);
		expect(circle?.map((file) => relative(root, file)) ?? null).toBeNull();
	});
});
