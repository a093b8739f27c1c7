/**
 * The Chart.js configurations of the results pages, each drawn from the rows a table beside it
 * shows (built in `results-view.ts`), so a chart and its table can't disagree.
 */
import type { ChartConfiguration } from 'chart.js';
import { actionMarkers, audienceStyle, likertColours, markerColor } from './charts';
import { formatScore } from './format';
import type { Audience } from './instruments';
import { audienceName, type Cell, type DistributionRow, type MirrorRow, type TrendPanel } from './results-view';
import type { Interval } from './statistics';

const rounded = (value: number) => Number(formatScore(value));

/** A chart label on lines of at most `width` characters, so a phone's narrow axis never cuts it. */
export function wrapLabel(text: string, width = 16): string[] {
	const lines: string[] = [];
	for (const word of text.split(' ')) {
		const last = lines.at(-1);
		if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
		else lines.push(word);
	}
	return lines;
}

/**
 * One small multiple of the trends: a line per audience (gaps where hidden), with its 95% band
 * when the panel is a question's (a section's has no interval), on the axis all the small
 * multiples share, and each action marked between the round it answers and the next, with its label.
 */
export function trendChart(panel: TrendPanel, audiences: readonly Audience[], axis: Interval = { low: 1, high: 5 }): ChartConfiguration {
	const labels = panel.rows.map((row) => row.round.name);
	const series = (audience: Audience, pick: (cell: Extract<Cell, { shown: true }>) => number | undefined) =>
		panel.rows.map((row) => {
			const cell = row.cells[audience];
			const value = cell?.shown ? pick(cell) : undefined;
			return value === undefined ? null : rounded(value);
		});
	const band = (audience: Audience) => [
		{
			label: `${audienceName[audience]}: low end of the 95% interval`,
			data: series(audience, (cell) => cell.meanInterval?.low),
			borderWidth: 0,
			pointRadius: 0,
			fill: false,
			spanGaps: false
		},
		{
			label: `${audienceName[audience]}: 95% interval`,
			data: series(audience, (cell) => cell.meanInterval?.high),
			borderWidth: 0,
			pointRadius: 0,
			backgroundColor: audienceStyle[audience].band,
			fill: '-1',
			spanGaps: false
		}
	];
	return {
		type: 'line',
		data: {
			labels,
			datasets: audiences.flatMap((audience) => {
				const style = audienceStyle[audience];
				return [
					...(panel.intervals ? band(audience) : []),
					{
						label: audienceName[audience],
						data: series(audience, (cell) => cell.mean),
						borderColor: style.color,
						backgroundColor: style.color,
						pointStyle: style.point,
						pointRadius: 4,
						borderDash: style.dash,
						spanGaps: false
					}
				];
			})
		},
		options: {
			animation: false,
			responsive: true,
			maintainAspectRatio: false,
			scales: { y: { min: axis.low, max: axis.high, title: { display: true, text: 'Mean (1–5)' } } },
			plugins: {
				legend: {
					position: 'bottom',
					labels: { usePointStyle: true, filter: (item: { text: string }) => !item.text.includes('interval') }
				},
				actionMarkers: {
					color: markerColor,
					markers: panel.markers.map((marker) => ({
						label: marker.label,
						index: panel.rows.findIndex((row) => row.round.id === marker.roundId)
					}))
				}
			}
		},
		plugins: [actionMarkers]
	} as ChartConfiguration;
}

/**
 * The mirror view as a dot plot: per question, a staff dot and a consumer dot joined by a line,
 * in the table's order (biggest gap first), every question labelled by its short name.
 */
export function mirrorChart(rows: readonly MirrorRow[], labelWidth = 16): ChartConfiguration {
	const mean = (cell: Cell) => (cell.shown ? rounded(cell.mean) : null);
	const shownMeans = rows.flatMap((row) => [row.staff, row.consumer]).flatMap((cell) => (cell.shown ? [cell.mean] : []));
	const low = shownMeans.length ? Math.max(1, Math.floor(Math.min(...shownMeans) * 2) / 2 - 0.5) : 1;
	const high = shownMeans.length ? Math.min(5, Math.ceil(Math.max(...shownMeans) * 2) / 2 + 0.5) : 5;
	return {
		type: 'bar',
		data: {
			labels: rows.map((row) => wrapLabel(row.name, labelWidth)),
			datasets: [
				{
					type: 'bar',
					label: 'Gap',
					data: rows.map((row) => (row.staff.shown && row.consumer.shown ? [mean(row.consumer), mean(row.staff)] : null)),
					backgroundColor: '#8a969f',
					barThickness: 3
				},
				...(['staff', 'consumer'] as const).map((audience) => ({
					type: 'line' as const,
					label: audienceName[audience],
					data: rows.map((row) => mean(row[audience])),
					showLine: false,
					borderColor: audienceStyle[audience].color,
					backgroundColor: audienceStyle[audience].color,
					pointStyle: audienceStyle[audience].point,
					pointRadius: 6,
					pointHoverRadius: 7
				}))
			]
		},
		options: {
			animation: false,
			indexAxis: 'y',
			responsive: true,
			maintainAspectRatio: false,
			scales: {
				x: { min: low, max: high, title: { display: true, text: 'Mean (1–5)' } },
				y: { ticks: { autoSkip: false } }
			},
			plugins: { legend: { position: 'bottom', labels: { usePointStyle: true, filter: (item: { text: string }) => item.text !== 'Gap' } } }
		}
	} as ChartConfiguration;
}

/**
 * Distributions as diverging stacked bars: the low answers to the left of the middle of the scale,
 * the high ones to the right, the middle answer split across it; "not sure" on an axis of its own
 * to the right, apart from the scale. Counts of answers, as the table gives them.
 */
export function distributionChart(rows: readonly DistributionRow[], labels: readonly string[], labelWidth = 16): ChartConfiguration {
	const count = (row: DistributionRow, index: number) => row.counts?.[index] ?? null;
	const half = (row: DistributionRow) => (row.counts ? row.counts[2] / 2 : null);
	const negative = (value: number | null) => (value === null ? null : -value);
	// Not grouped: the scale's stack and "not sure" sit on the same line, each on its own axis.
	const segment = (label: string, colour: string, data: (number | null)[], extra: object = {}) => ({
		label,
		data,
		backgroundColor: colour,
		stack: 'scale',
		grouped: false,
		barPercentage: 0.75,
		...extra
	});
	// The legend in the scale's order, "not sure" last, whatever order the bars are stacked in.
	const legendOrder = [2, 1, 0, 2, 3, 4, 5];
	// The same reach either side of the middle, so the middle sits at the centre of the chart.
	const sides = rows.flatMap((row) =>
		row.counts ? [row.counts[0] + row.counts[1] + row.counts[2] / 2, row.counts[3] + row.counts[4] + row.counts[2] / 2] : []
	);
	const reach = Math.max(5, Math.ceil(Math.max(0, ...sides) / 5) * 5);
	return {
		type: 'bar',
		data: {
			labels: rows.map((row) => wrapLabel(row.name, labelWidth)),
			datasets: [
				// Stacked from the middle outwards on each side.
				segment(
					labels[2],
					likertColours[2],
					rows.map((row) => negative(half(row)))
				),
				segment(
					labels[1],
					likertColours[1],
					rows.map((row) => negative(count(row, 1)))
				),
				segment(
					labels[0],
					likertColours[0],
					rows.map((row) => negative(count(row, 0)))
				),
				segment(`${labels[2]} (other half)`, likertColours[2], rows.map(half)),
				segment(
					labels[3],
					likertColours[3],
					rows.map((row) => count(row, 3))
				),
				segment(
					labels[4],
					likertColours[4],
					rows.map((row) => count(row, 4))
				),
				segment(
					labels[5],
					likertColours[5],
					rows.map((row) => count(row, 5)),
					{ xAxisID: 'unsure', stack: 'unsure' }
				)
			]
		},
		options: {
			animation: false,
			indexAxis: 'y',
			responsive: true,
			maintainAspectRatio: false,
			scales: {
				x: {
					min: -reach,
					max: reach,
					stacked: true,
					stack: 'answers',
					stackWeight: 4,
					title: { display: true, text: '← lower · answers · higher →' },
					ticks: { callback: (value: number | string) => Math.abs(Number(value)) }
				},
				unsure: {
					type: 'linear',
					axis: 'x',
					stacked: true,
					stack: 'answers',
					stackWeight: 1,
					position: 'bottom',
					offset: true,
					title: { display: true, text: labels[5] }
				},
				y: { stacked: true, ticks: { autoSkip: false } }
			},
			plugins: {
				legend: {
					position: 'bottom',
					labels: {
						filter: (item: { text: string }) => !item.text.endsWith('(other half)'),
						sort: (a: { datasetIndex?: number }, b: { datasetIndex?: number }) =>
							legendOrder[a.datasetIndex ?? 0] - legendOrder[b.datasetIndex ?? 0]
					}
				}
			}
		}
	} as ChartConfiguration;
}
