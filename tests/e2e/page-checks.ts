/**
 * Checks a respondent page beside axe: two more accessibility engines (HTML_CodeSniffer and IBM
 * Equal Access, each run inside the page), and, for a Spanish page, a search for English a
 * respondent would read.
 */
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { messages } from '../../src/lib/i18n';
import { currentInstrument, getInstrument, type Instrument } from '../../src/lib/instruments';
import { expectAccessible, readDatabase } from './fixtures';

const require = createRequire(import.meta.url);
const htmlCodeSniffer = readFileSync(require.resolve('html_codesniffer/build/HTMLCS.js'), 'utf8');
const equalAccess = readFileSync(require.resolve('accessibility-checker-engine/ace.js'), 'utf8');

/**
 * Errors HTML_CodeSniffer finds against WCAG 2 AA (its warnings and notices ask for a person's
 * judgement), in the whole page or in the part a selector names.
 */
export async function htmlCodeSnifferErrors(page: Page, within?: string): Promise<string[]> {
	// Evaluated by the browser's debugger, so the page's content security policy doesn't apply to it.
	await page.evaluate(htmlCodeSniffer);
	return page.evaluate(
		(selector) =>
			new Promise<string[]>((resolve, reject) => {
				const sniffer = (window as unknown as { HTMLCS: HtmlCodeSniffer }).HTMLCS;
				const content = selector ? document.querySelector(selector) : document;
				if (!content) return reject(new Error(`Nothing on the page matches ${selector}`));
				sniffer.process(
					'WCAG2AA',
					content,
					() =>
						resolve(
							sniffer
								.getMessages()
								.filter((message) => message.type === 1)
								.map((message) => `${message.code}: ${message.msg} (${message.element.outerHTML.slice(0, 120)})`)
						),
					() => reject(new Error('HTML_CodeSniffer could not run')),
					'en'
				);
			}),
		within
	);
}

interface HtmlCodeSniffer {
	process(standard: string, content: Document | Element, done: () => void, failed: () => void, language: string): void;
	getMessages(): { type: number; code: string; msg: string; element: Element }[];
}

export async function expectNoHtmlCodeSnifferErrors(page: Page, within?: string): Promise<void> {
	expect(await htmlCodeSnifferErrors(page, within)).toEqual([]);
}

/**
 * Violations IBM Equal Access finds with its IBM_Accessibility rule set (WCAG 2 AA and more), in
 * the whole page, each as its rule, its message, and the element's path and markup. Its potential
 * violations, recommendations and manual checks ask for a person's judgement, as HTML_CodeSniffer's
 * warnings do, so only a certain failure counts.
 */
export async function ibmEqualAccessViolations(page: Page): Promise<string[]> {
	// Evaluated by the browser's debugger, as HTML_CodeSniffer is, so the page's content security
	// policy stays the real one for every other check on the same page.
	await page.evaluate(equalAccess);
	return page.evaluate(async () => {
		const engine = (window as unknown as { ace: { Checker: new () => EqualAccessChecker } }).ace;
		const report = await new engine.Checker().check(document, ['IBM_Accessibility']);
		return report.results
			.filter((result) => result.value[0] === 'VIOLATION' && result.value[1] === 'FAIL')
			.map((result) => `${result.ruleId}: ${result.message} (${result.path.dom} ${result.snippet.slice(0, 120)})`);
	});
}

interface EqualAccessChecker {
	check(
		content: Document,
		rulesets: string[]
	): Promise<{
		results: { ruleId: string; value: [string, string]; message: string; path: { dom: string }; snippet: string }[];
	}>;
}

export async function expectNoIbmViolations(page: Page): Promise<void> {
	expect(await ibmEqualAccessViolations(page)).toEqual([]);
}

/** Both checkers, axe and HTML_CodeSniffer, at a phone's width and a laptop's. */
export async function expectPageChecks(page: Page): Promise<void> {
	for (const width of [390, 1366]) {
		await page.setViewportSize({ width, height: 900 });
		await expectAccessible(page);
		await expectNoHtmlCodeSnifferErrors(page);
	}
}

/** Words every English sentence leans on and Spanish never uses. */
const englishWords = /(?<![\p{L}])(the|and|you|your|with|this|that|what|of|is|are|we|our|for|to|please|not|here)(?![\p{L}])/iu;

const wordBoundary = (fragment: string) => new RegExp(`(?<![\\p{L}])${fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u');

/**
 * Every piece of English a respondent might meet: the catalogue's English (a sentence with a
 * number or a name in it gives its fixed parts), every English text of every instrument version,
 * and the English names of programs and rounds that have a Spanish one.
 */
export function englishFragments(): string[] {
	const found = new Set<string>();
	const slot = '\u0000';
	const add = (text: string) => {
		for (const part of text.split(slot).flatMap((piece) => piece.split(/(?<=[.!?:])\s+/))) {
			const fragment = part.trim().replace(/^[\s,.:;·“”"()]+|[\s,.:;·“”"()]+$/g, '');
			if ((fragment.match(/\p{L}/gu) ?? []).length >= 4) found.add(fragment);
		}
	};
	const walk = (key: string, value: unknown): void => {
		// The names of the languages themselves are meant to be read in their own language.
		if (key === 'languageName' || key === 'switchTo') return;
		if (typeof value === 'function') return walk(key, value(slot, slot, slot));
		if (typeof value === 'string') return add(value);
		if (value && typeof value === 'object') for (const [inner, item] of Object.entries(value)) walk(inner, item);
	};
	walk('', messages.en);
	const instruments = [currentInstrument, getInstrument('2026.1')].filter((instrument): instrument is Instrument => !!instrument);
	for (const instrument of instruments) {
		for (const scale of Object.values(instrument.scales)) {
			for (const point of scale.points) add(point.label.en);
			add(scale.unsure.en);
		}
		for (const section of instrument.sections) {
			for (const text of [...Object.values(section.title), ...Object.values(section.intro)]) add(text.en);
			for (const item of section.items) for (const text of [item.staff, item.consumer, item.question]) if (text) add(text.en);
		}
		for (const prompt of instrument.reflectionPrompts) add(prompt.text.en);
	}
	const names = readDatabase(
		(database) =>
			database
				.prepare('SELECT name FROM programs WHERE name_es IS NOT NULL UNION SELECT name FROM rounds WHERE name_es IS NOT NULL')
				.pluck()
				.all() as string[]
	);
	for (const name of names) add(name);
	return [...found];
}

/**
 * What a reader meets on the page, in the page's language: the title, the visible text (screen
 * reader-only text included) and the accessible names given in attributes. Words marked as
 * English (a name with no Spanish given, the link to the English page) are left out.
 */
export async function textsToRead(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const markedEnglish = (element: Element) => (element.closest('[lang]')?.getAttribute('lang') ?? '').toLowerCase().startsWith('en');
		const texts: string[] = [];
		const titleElement = document.querySelector('title');
		if (titleElement && !titleElement.hasAttribute('lang')) texts.push(document.title);
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			if (!parent || parent.closest('script, style, template, noscript') || !parent.checkVisibility() || markedEnglish(parent)) continue;
			const text = node.textContent?.trim();
			if (text) texts.push(text);
		}
		for (const element of document.body.querySelectorAll('[aria-label], [aria-description], [title], [alt], [placeholder], input')) {
			if (markedEnglish(element)) continue;
			for (const name of ['aria-label', 'aria-description', 'title', 'alt', 'placeholder']) {
				const value = element.getAttribute(name);
				if (value) texts.push(value);
			}
			if (element.matches('input[type=submit], input[type=button], input[type=reset]')) texts.push((element as HTMLInputElement).value);
		}
		return texts;
	});
}

/** The English a reader of this page meets, each with the text it was found in; none on a Spanish page. */
export async function englishOnPage(page: Page): Promise<string[]> {
	const patterns = englishFragments().map((fragment) => ({ fragment, pattern: wordBoundary(fragment) }));
	const found = new Set<string>();
	for (const text of new Set(await textsToRead(page))) {
		const word = englishWords.exec(text);
		if (word) found.add(`“${word[0]}” in “${text}”`);
		for (const { fragment, pattern } of patterns) if (pattern.test(text)) found.add(`“${fragment}” in “${text}”`);
	}
	return [...found];
}
