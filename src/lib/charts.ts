/**
 * Charts drawn with Chart.js through a Svelte attachment. The library is imported only when a
 * chart is attached, so only the results pages load it, and only the parts used are registered.
 * Every chart stands beside a table with the same numbers: the table is what screen readers,
 * printers and browsers without JavaScript get.
 */
import type { Chart, ChartConfiguration, Plugin } from 'chart.js';
import type { Attachment } from 'svelte/attachments';

/** Okabe–Ito colours, distinct for colour-blind readers, with shapes and dashes that survive print. */
export const audienceStyle = {
	staff: { color: '#0072B2', band: 'rgba(0, 114, 178, 0.18)', point: 'circle', dash: [] as number[] },
	consumer: { color: '#D55E00', band: 'rgba(213, 94, 0, 0.18)', point: 'rectRot', dash: [6, 3] }
} as const;

export const markerColor = '#006B4F';

/**
 * The five points of a scale, then "not sure": orange below the middle and purple above it
 * (ColorBrewer's PuOr, safe for colour-blind readers), darker the further from the middle, so the
 * bars also read in greyscale; "not sure" in dark grey, apart.
 */
export const likertColours = ['#b35806', '#f1a340', '#d9d9d9', '#998ec3', '#542788', '#4d4d4d'] as const;

interface MarkerOptions {
	color: string;
	/** Each action's label, and the index of the round it answers. */
	markers: { label: string; index: number }[];
}

/**
 * Marks each "You said, we did" action on a trend: a dashed line between the round it answers and
 * the next (where the change took effect), with the action's label at the top.
 */
export const actionMarkers: Plugin<'line', MarkerOptions> = {
	id: 'actionMarkers',
	afterDatasetsDraw(chart: Chart, _args, options) {
		const { ctx, chartArea, scales } = chart;
		const x = scales.x;
		const count = chart.data.labels?.length ?? 0;
		const stacked = new Map<number, number>();
		for (const marker of options.markers ?? []) {
			if (marker.index < 0) continue;
			const here = x.getPixelForValue(marker.index);
			const at = marker.index + 1 < count ? (here + x.getPixelForValue(marker.index + 1)) / 2 : Math.min(chartArea.right - 2, here + 12);
			const level = stacked.get(marker.index) ?? 0;
			stacked.set(marker.index, level + 1);
			ctx.save();
			ctx.strokeStyle = options.color;
			ctx.fillStyle = options.color;
			ctx.lineWidth = 1.5;
			ctx.setLineDash([4, 3]);
			ctx.beginPath();
			ctx.moveTo(at, chartArea.top);
			ctx.lineTo(at, chartArea.bottom);
			ctx.stroke();
			ctx.setLineDash([]);
			ctx.font = 'bold 12px system-ui, sans-serif';
			ctx.textAlign = 'center';
			ctx.textBaseline = 'top';
			ctx.fillText(marker.label, at, chartArea.top + 2 + level * 14);
			ctx.restore();
		}
	}
};

let registered: Promise<typeof import('chart.js')> | undefined;

function loadChartJs() {
	registered ??= import('chart.js').then((chartJs) => {
		chartJs.Chart.register(
			chartJs.LineController,
			chartJs.LineElement,
			chartJs.PointElement,
			chartJs.BarController,
			chartJs.BarElement,
			chartJs.LinearScale,
			chartJs.CategoryScale,
			chartJs.Filler,
			chartJs.Legend,
			chartJs.Tooltip
		);
		return chartJs;
	});
	return registered;
}

/**
 * Draws `config` on the canvas it is attached to, and destroys the chart when the canvas goes.
 * A chart's box takes the height its rows need (`data-height`), set here because the content
 * security policy refuses style attributes. The numbers drawn are left on the canvas
 * (`data-values`), so a test can hold them to the table.
 */
export function chart(config: ChartConfiguration, options: { printed?: boolean } = {}): Attachment<HTMLCanvasElement> {
	// A printed chart is drawn at twice the pixels, so it stays sharp on paper.
	if (options.printed) config = { ...config, options: { ...config.options, devicePixelRatio: 2 } } as ChartConfiguration;
	return (canvas) => {
		let instance: import('chart.js').Chart | undefined;
		let gone = false;
		const box = canvas.parentElement;
		if (box?.dataset.height) box.style.height = box.dataset.height;
		loadChartJs().then(({ Chart }) => {
			if (gone) return;
			instance = new Chart(canvas, config);
			canvas.dataset.values = JSON.stringify(config.data.datasets.map((dataset) => ({ label: dataset.label, data: dataset.data })));
		});
		return () => {
			gone = true;
			instance?.destroy();
		};
	};
}
