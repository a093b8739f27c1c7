/**
 * Charts drawn with Chart.js through a Svelte attachment. The library is imported only when a
 * chart is attached, so only the results pages load it, and only the parts used are registered.
 * Every chart stands beside a table with the same numbers: the table is what screen readers,
 * printers and browsers without JavaScript get.
 */
import type { ChartConfiguration } from 'chart.js';
import type { Attachment } from 'svelte/attachments';

/** Okabe–Ito colours, distinct for colour-blind readers, with shapes and dashes that survive print. */
export const audienceStyle = {
	staff: { color: '#0072B2', point: 'circle', dash: [] as number[] },
	consumer: { color: '#D55E00', point: 'rectRot', dash: [6, 3] }
} as const;

export const markerColor = '#009E73';

let registered: Promise<typeof import('chart.js')> | undefined;

function loadChartJs() {
	registered ??= import('chart.js').then((chartJs) => {
		chartJs.Chart.register(
			chartJs.LineController,
			chartJs.LineElement,
			chartJs.PointElement,
			chartJs.BarController,
			chartJs.BarElement,
			chartJs.ScatterController,
			chartJs.LinearScale,
			chartJs.CategoryScale,
			chartJs.Legend,
			chartJs.Tooltip
		);
		return chartJs;
	});
	return registered;
}

/** Draws `config` on the canvas it is attached to, and destroys the chart when the canvas goes. */
export function chart(config: ChartConfiguration): Attachment<HTMLCanvasElement> {
	return (canvas) => {
		let instance: import('chart.js').Chart | undefined;
		let gone = false;
		loadChartJs().then(({ Chart }) => {
			if (!gone) instance = new Chart(canvas, config);
		});
		return () => {
			gone = true;
			instance?.destroy();
		};
	};
}
