/**
 * Lighthouse on one survey page: its default mobile run (a mid-range phone on slow 4G, simulated),
 * performance and accessibility only, in a Chromium it launches and closes itself. Nothing in the
 * run leaves the machine: Lighthouse loads only the page, and Chromium's own background traffic
 * is switched off.
 */
import { launch } from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';

const chromiumFlags = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export interface LighthouseScores {
	/** 0–100, as Lighthouse shows it. */
	performance: number;
	/** 0–100, as Lighthouse shows it. */
	accessibility: number;
	/** Largest contentful paint under the simulated throttling, in milliseconds. */
	lcpMs: number;
}

/**
 * Lighthouse's own advice, when a run fails to record the page load, is to run it again: up to
 * three tries, each in a fresh Chromium.
 */
export async function lighthouseSurvey(url: string, chromiumPath: string, tries = 3): Promise<LighthouseScores> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await lighthouseOnce(url, chromiumPath);
		} catch (problem) {
			if (attempt >= tries) throw problem;
		}
	}
}

async function lighthouseOnce(url: string, chromiumPath: string): Promise<LighthouseScores> {
	const chromium = await launch({ chromePath: chromiumPath, chromeFlags: chromiumFlags, logLevel: 'silent' });
	try {
		const result = await lighthouse(url, {
			port: chromium.port,
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility']
		});
		if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
		const report = result.lhr;
		if (report.runtimeError) throw new Error(`Lighthouse could not test ${url}: ${report.runtimeError.message}`);
		const lcp = report.audits['largest-contentful-paint']?.numericValue;
		if (lcp === undefined) throw new Error(`Lighthouse measured no largest contentful paint on ${url}`);
		return {
			performance: score(report, 'performance'),
			accessibility: score(report, 'accessibility'),
			lcpMs: Math.round(lcp)
		};
	} finally {
		chromium.kill();
	}
}

/** A category's score out of 100; a category Lighthouse could not score is an error, not a zero. */
function score(report: Result, category: string): number {
	const value = report.categories[category]?.score;
	if (value === null || value === undefined) throw new Error(`Lighthouse gave no ${category} score`);
	return Math.round(value * 100);
}
