/**
 * The app's routes, read from the source under src/routes with the TypeScript parser: pages,
 * form actions and endpoint methods, named as SvelteKit names them. Tests that must cover every
 * route find them here, so a route added later is covered (or fails them) without a new line.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const routesFolder = fileURLToPath(new URL('../../src/routes', import.meta.url));

const pageFiles = ['+page.svelte', '+page.ts', '+page.js', '+page.server.ts', '+page.server.js'];
const httpMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface RouteFolder {
	/** SvelteKit's route id: the folder's path under src/routes, `(group)` segments kept. */
	route: string;
	/** Whether the folder holds a page. */
	page: boolean;
	/** The form actions its `+page.server` module names (`default` for the page's own). */
	actions: string[];
	/** The HTTP methods its `+server` module exports. */
	methods: string[];
}

/** Every folder under src/routes, with what it serves. */
export function routeFolders(): RouteFolder[] {
	return folders(routesFolder).map((folder) => {
		const has = (file: string) => existsSync(join(folder, file));
		return {
			route: `/${relative(routesFolder, folder).split(sep).join('/')}`,
			page: pageFiles.some(has),
			actions: ['+page.server.ts', '+page.server.js'].filter(has).flatMap((file) => formActions(join(folder, file))),
			methods: ['+server.ts', '+server.js']
				.filter(has)
				.flatMap((file) => exportedNames(parseSource(join(folder, file))).filter((name) => httpMethods.has(name)))
		};
	});
}

/** Every folder under `folder`, itself included. */
function folders(folder: string): string[] {
	const inside = readdirSync(folder)
		.map((entry) => join(folder, entry))
		.filter((path) => statSync(path).isDirectory());
	return [folder, ...inside.flatMap(folders)];
}

function parseSource(file: string): ts.SourceFile {
	return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

const isExported = (node: ts.Node) =>
	ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false);

/** The names a module exports: `export const`, `export function` and `export { … }`. */
function exportedNames(source: ts.SourceFile): string[] {
	return source.statements.flatMap((statement) => {
		if (ts.isVariableStatement(statement) && isExported(statement)) {
			return statement.declarationList.declarations.map((declaration) => declaration.name.getText(source));
		}
		if (ts.isFunctionDeclaration(statement) && isExported(statement) && statement.name) return [statement.name.text];
		if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
			return statement.exportClause.elements.map((element) => element.name.text);
		}
		return [];
	});
}

/** The value a top-level `const name = …` starts with, past any `satisfies`, `as` or brackets. */
function topLevelValue(source: ts.SourceFile, name: string): ts.Expression | undefined {
	for (const statement of source.statements) {
		if (!ts.isVariableStatement(statement)) continue;
		for (const declaration of statement.declarationList.declarations) {
			if (declaration.name.getText(source) !== name || !declaration.initializer) continue;
			let value: ts.Expression = declaration.initializer;
			while (ts.isSatisfiesExpression(value) || ts.isAsExpression(value) || ts.isParenthesizedExpression(value)) {
				value = value.expression;
			}
			return value;
		}
	}
	return undefined;
}

/** The form actions a `+page.server` module names in `export const actions = { … }`. */
function formActions(file: string): string[] {
	const source = parseSource(file);
	if (!exportedNames(source).includes('actions')) return [];
	const value = topLevelValue(source, 'actions');
	if (!value || !ts.isObjectLiteralExpression(value)) {
		throw new Error(`${relative(routesFolder, file)} exports actions that are not a plain object; name them one by one`);
	}
	return value.properties.map((property) => {
		if (ts.isSpreadAssignment(property) || !property.name) {
			throw new Error(`${relative(routesFolder, file)} has an action without a plain name: ${property.getText(source)}`);
		}
		return ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : property.name.getText(source);
	});
}
