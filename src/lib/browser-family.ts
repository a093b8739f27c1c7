/**
 * The browser's family and the kind of system it runs on, read from its User-Agent header, so a
 * person can tell their sessions apart ("Firefox on Windows"). Nothing finer is kept: no version,
 * no device model, and never the address.
 */
export function browserFamily(userAgent: string | null): string {
	if (!userAgent) return 'Unknown browser';
	const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1] ?? 'Another browser';
	const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
	return system ? `${browser} on ${system}` : browser;
}

// Order matters: Edge and Opera also call themselves Chrome, and Chrome also calls itself Safari.
const browsers: [RegExp, string][] = [
	[/Edg(e|A|iOS)?\//, 'Edge'],
	[/OPR\/|Opera/, 'Opera'],
	[/SamsungBrowser\//, 'Samsung Internet'],
	[/Firefox\/|FxiOS\//, 'Firefox'],
	[/Chrome\/|Chromium\/|CriOS\//, 'Chrome'],
	[/Safari\//, 'Safari']
];

const systems: [RegExp, string][] = [
	[/Android/, 'Android'],
	[/iPhone|iPad|iPod/, 'iOS'],
	[/Windows/, 'Windows'],
	[/CrOS/, 'ChromeOS'],
	[/Mac OS X|Macintosh/, 'macOS'],
	[/Linux/, 'Linux']
];
