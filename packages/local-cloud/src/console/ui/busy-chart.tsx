import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { busyColumns } from './busy-columns';
import type { BusySeries } from './busy-series';
import type { TimeScale } from './time-scale';

/** The chart's y axis, left of the plot: the timeline below leaves the same gutter. */
export const BUSY_CHART_GUTTER_PX = 44;
const CHART_HEIGHT_PX = 90;

interface BusyChartProps {
  readonly series: BusySeries;
  readonly scale: TimeScale;
  /** Time 0 of the axis, as on the timeline. */
  readonly originMs: number;
}

/**
 * One mapping's invocations running at once (lanes busy) as steps over the timeline's span, with
 * its `MaximumConcurrency` as a dashed line: the steps never go above it.
 */
export function BusyChart({ series, scale, originMs }: BusyChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot>();

  useEffect(() => {
    if (!container.current) return undefined;
    const plot = new uPlot(
      chartOptions(series, scale),
      chartData(series, scale, originMs),
      container.current,
    );
    chart.current = plot;
    return () => {
      plot.destroy();
      chart.current = undefined;
    };
  }, [series.mapping, series.cap]);

  // The data is reduced to the visible range's pixel columns, so it is computed again whenever
  // the scale or the series changes; one batch makes it one redraw.
  useEffect(() => {
    const plot = chart.current;
    if (!plot) return;
    plot.batch(() => {
      if (plot.width !== scale.widthPx + BUSY_CHART_GUTTER_PX) {
        plot.setSize({ width: scale.widthPx + BUSY_CHART_GUTTER_PX, height: CHART_HEIGHT_PX });
      }
      plot.setData(chartData(series, scale, originMs), false);
      plot.setScale('x', { min: (scale.startMs - originMs) / 1000, max: (scale.endMs - originMs) / 1000 });
    });
  }, [series, scale, originMs]);

  const label = `${series.functionName} (${series.mapping}): at most ${series.maxBusy} of ${series.cap} busy at once`;
  return (
    <figure class="busy-chart">
      <figcaption>
        <strong>{series.functionName}</strong>: lanes busy at once, at most <strong>{series.maxBusy}</strong>{' '}
        (cap {series.cap}, dashed)
      </figcaption>
      <div ref={container} role="img" aria-label={label} />
    </figure>
  );
}

/**
 * The busy counts of the visible range, at most one point per pixel column with the column's
 * highest count (the chart never shows less than ran), and the cap from its two ends.
 */
function chartData(series: BusySeries, scale: TimeScale, originMs: number): uPlot.AlignedData {
  const columns = busyColumns(series, scale.startMs, scale.endMs, scale.widthPx);
  const seconds = columns.times.map((ms) => (ms - originMs) / 1000);
  const cap: (number | null)[] = columns.times.map(() => null);
  if (cap.length > 0) {
    cap[0] = series.cap;
    cap[cap.length - 1] = series.cap;
  }
  return [seconds, columns.busy, cap];
}

function chartOptions(series: BusySeries, scale: TimeScale): uPlot.Options {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim() || '#888';
  return {
    width: scale.widthPx + BUSY_CHART_GUTTER_PX,
    height: CHART_HEIGHT_PX,
    padding: [6, 0, 8, 0],
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false }, y: { range: (_plot, _min, max) => [0, Math.max(max, series.cap) + 1] } },
    axes: [
      { show: false },
      {
        size: BUSY_CHART_GUTTER_PX,
        stroke: read('--muted'),
        grid: { stroke: read('--grid'), width: 1 },
        ticks: { show: false },
        incrs: [1, 2, 5, 10, 20, 50, 100],
        values: (_plot, ticks) => ticks.map((tick) => String(tick)),
      },
    ],
    series: [
      {},
      {
        label: 'busy',
        stroke: read('--outcome-success'),
        fill: read('--busy-fill'),
        width: 1.5,
        points: { show: false },
        paths: uPlot.paths.stepped?.({ align: 1 }),
      },
      {
        label: 'cap',
        stroke: read('--outcome-error'),
        width: 1.5,
        dash: [6, 4],
        points: { show: false },
        spanGaps: true,
      },
    ],
  };
}
