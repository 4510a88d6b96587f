import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { InvocationSummary, MappingCap } from '../console-contract';
import { BUSY_CHART_GUTTER_PX, BusyChart } from './busy-chart';
import { busySeries, maxBusyByFunction } from './busy-series';
import { OutcomeLegend } from './outcome-legend';
import { fitScale, panScale, resizeScale, type TimeScale, zoomScale } from './time-scale';
import { TimelineCanvas } from './timeline-canvas';
import { allLanes, buildLanes, type TimelineBar, timelineExtent } from './timeline-lanes';
import { layoutTimeline } from './timeline-layout';

interface TimelineViewProps {
  readonly invocations: readonly InvocationSummary[];
  readonly mappings: readonly MappingCap[];
  readonly nowMs: number;
  /** Opens an invocation's detail. */
  readonly onOpen: (requestId: string) => void;
}

/**
 * The run as a picture: per mapping, the lanes busy at once against its cap; below, one lane per
 * instance with a bar per invocation. It follows the run until zoomed or panned; Fit follows again.
 */
export function TimelineView({ invocations, mappings, nowMs, onOpen }: TimelineViewProps) {
  const groups = useMemo(() => buildLanes(invocations, nowMs), [invocations, nowMs]);
  const layout = useMemo(() => layoutTimeline(groups), [groups]);
  const series = useMemo(() => busySeries(invocations, mappings, nowMs), [invocations, mappings, nowMs]);
  const extent = useMemo(() => timelineExtent(groups), [groups]);
  const facts = useMemo(
    () => timelineFacts(invocations, allLanes(groups).length, series),
    [invocations, groups, series],
  );
  const body = useElementWidth();
  const width = Math.max(body.width - BUSY_CHART_GUTTER_PX, 0);
  const [zoomed, setZoomed] = useState<TimeScale>();
  const [focused, setFocused] = useState<TimelineBar>();
  const fitted = extent && width > 0 ? fitScale(extent, width) : undefined;
  const scale = zoomed && fitted ? resizeScale(zoomed, width) : fitted;
  const originMs = extent?.startMs ?? 0;

  const change = (next: (current: TimeScale) => TimeScale) => {
    if (scale && fitted) setZoomed(next(scale));
  };
  const zoom = (factor: number, anchorPx: number) =>
    change((current) => zoomScale(current, factor, anchorPx, fitted));
  const pan = (deltaPx: number) => change((current) => panScale(current, deltaPx, fitted));

  return (
    <section class="timeline" data-testid="timeline" aria-labelledby="timeline-heading" {...facts}>
      <div class="toolbar">
        <h2 id="timeline-heading">Timeline</h2>
        <span class="muted">
          {invocations.length.toLocaleString('en')} invocations on {allLanes(groups).length} instances
        </span>
        <button type="button" onClick={() => zoom(1.5, (scale?.widthPx ?? 0) / 2)} disabled={!scale}>
          Zoom in <kbd>+</kbd>
        </button>
        <button type="button" onClick={() => zoom(1 / 1.5, (scale?.widthPx ?? 0) / 2)} disabled={!scale}>
          Zoom out <kbd>−</kbd>
        </button>
        <button type="button" onClick={() => setZoomed(undefined)} aria-pressed={zoomed === undefined}>
          Fit and follow the run <kbd>0</kbd>
        </button>
      </div>
      <OutcomeLegend />
      <div class="timeline-body" ref={body.ref}>
        {scale &&
          series.map((one) => <BusyChart key={one.mapping} series={one} scale={scale} originMs={originMs} />)}
        {!scale && <p>No invocation yet. Bars appear here as the functions run.</p>}
        {scale && (
          <div style={{ marginLeft: `${BUSY_CHART_GUTTER_PX}px` }}>
            <TimelineCanvas
              layout={layout}
              scale={scale}
              originMs={originMs}
              focusedRequestId={focused?.requestId}
              onFocus={setFocused}
              onOpen={(bar) => onOpen(bar.requestId)}
              onZoom={zoom}
              onPan={pan}
              onFit={() => setZoomed(undefined)}
            />
          </div>
        )}
      </div>
      <p class="visually-hidden" aria-live="polite" data-testid="timeline-focus">
        {focused ? describeBar(focused, originMs) : ''}
      </p>
    </section>
  );
}

/**
 * What the browser tests read off the timeline's root: `data-lanes`, `data-invocations`,
 * `data-batches` (invocations with a batch), `data-records` (their records), per function with
 * a mapping `data-max-busy-<functionName>` (HTML lower-cases the name; `getAttribute` does too),
 * and all of those in `data-max-busy` as JSON, the names as they are.
 */
function timelineFacts(
  invocations: readonly InvocationSummary[],
  laneCount: number,
  series: ReturnType<typeof busySeries>,
): Record<string, number | string> {
  const batches = invocations.filter((invocation) => invocation.batchSize !== undefined);
  const maxBusy = maxBusyByFunction(series);
  const facts: Record<string, number | string> = {
    'data-lanes': laneCount,
    'data-invocations': invocations.length,
    'data-batches': batches.length,
    'data-records': batches.reduce((sum, invocation) => sum + (invocation.batchSize ?? 0), 0),
    'data-max-busy': JSON.stringify(Object.fromEntries(maxBusy)),
  };
  for (const [functionName, most] of maxBusy) facts[`data-max-busy-${functionName}`] = most;
  return facts;
}

function describeBar(bar: TimelineBar, originMs: number): string {
  const batch = bar.batchSize === undefined ? 'direct invoke' : `batch of ${bar.batchSize}`;
  const cold =
    bar.initStartMs < bar.startMs ? `, cold start ${(bar.startMs - bar.initStartMs).toFixed(0)} ms` : '';
  const start = ((bar.startMs - originMs) / 1000).toFixed(3);
  return `${bar.summary.functionName}, ${batch}, ${bar.outcome}, ${(bar.endMs - bar.startMs).toFixed(0)} ms${cold}, started at +${start} s on ${bar.summary.logStreamName}. Enter opens it.`;
}

/** The width of an element, followed as the window resizes. */
function useElementWidth(): { ref: (element: HTMLElement | null) => void; width: number } {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver>();
  useEffect(() => {
    if (!element) return undefined;
    observer.current = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.current.observe(element);
    return () => observer.current?.disconnect();
  }, [element]);
  return { ref: setElement, width };
}
