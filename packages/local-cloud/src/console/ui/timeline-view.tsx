import { memo } from 'preact/compat';
import { useMemo, useState } from 'preact/hooks';
import type { InvocationSummary, MappingCap } from '../console-contract';
import { BUSY_CHART_GUTTER_PX, BusyChart } from './busy-chart';
import { busySeries } from './busy-series';
import { LaneIndex } from './lane-index';
import { OutcomeLegend } from './outcome-legend';
import { TimelineCanvas } from './timeline-canvas';
import { describeBar, timelineFacts } from './timeline-facts';
import { allLanes, type TimelineBar, timelineExtent } from './timeline-lanes';
import { layoutTimeline } from './timeline-layout';
import { useElementWidth } from './use-element-width';
import { type TimelineScale, useTimelineScale } from './use-timeline-scale';

interface TimelineViewProps {
  readonly invocations: readonly InvocationSummary[];
  readonly mappings: readonly MappingCap[];
  readonly nowMs: number;
  /** Opens an invocation's detail, by its id (an attempt of a retried request has its own). */
  readonly onOpen: (id: string) => void;
}

/**
 * The run as a picture: per mapping, the lanes busy at once against its cap; below, one lane per
 * instance with a bar per invocation. It follows the run until zoomed or panned; Fit follows again.
 */
export const TimelineView = memo(function TimelineView({
  invocations,
  mappings,
  nowMs,
  onOpen,
}: TimelineViewProps) {
  // The index places only what changed since the last update, as a run streams in.
  const index = useMemo(() => new LaneIndex(), []);
  const groups = useMemo(() => index.update(invocations, nowMs), [index, invocations, nowMs]);
  const layout = useMemo(() => layoutTimeline(groups), [groups]);
  const series = useMemo(() => busySeries(invocations, mappings, nowMs), [invocations, mappings, nowMs]);
  const extent = useMemo(() => timelineExtent(groups), [groups]);
  const laneCount = allLanes(groups).length;
  const facts = useMemo(
    () => timelineFacts(invocations, laneCount, series),
    [invocations, laneCount, series],
  );
  const body = useElementWidth();
  const view = useTimelineScale(extent, Math.max(body.width - BUSY_CHART_GUTTER_PX, 0));
  const [focused, setFocused] = useState<TimelineBar>();
  const { scale } = view;
  const originMs = extent?.startMs ?? 0;
  return (
    <section class="timeline" data-testid="timeline" aria-labelledby="timeline-heading" {...facts}>
      <TimelineToolbar
        view={view}
        summary={`${invocations.length.toLocaleString('en')} invocations on ${laneCount} instances`}
      />
      <OutcomeLegend />
      <div class="timeline-body" ref={body.ref}>
        {!scale && <p>No invocation yet. Bars appear here as the functions run.</p>}
        {scale &&
          series.map((one) => <BusyChart key={one.mapping} series={one} scale={scale} originMs={originMs} />)}
        {scale && (
          <div style={{ marginLeft: `${BUSY_CHART_GUTTER_PX}px` }}>
            <TimelineCanvas
              layout={layout}
              scale={scale}
              originMs={originMs}
              focusedId={focused?.id}
              onFocus={setFocused}
              onOpen={(bar) => onOpen(bar.id)}
              onZoom={view.zoom}
              onPan={view.pan}
              onFit={view.fit}
            />
          </div>
        )}
      </div>
      <p class="visually-hidden" aria-live="polite" data-testid="timeline-focus">
        {focused ? describeBar(focused, originMs) : ''}
      </p>
    </section>
  );
});

function TimelineToolbar({ view, summary }: { readonly view: TimelineScale; readonly summary: string }) {
  const middle = (view.scale?.widthPx ?? 0) / 2;
  return (
    <div class="toolbar">
      <h2 id="timeline-heading">Timeline</h2>
      <span class="muted">{summary}</span>
      <button type="button" onClick={() => view.zoom(1.5, middle)} disabled={!view.scale}>
        Zoom in <kbd>+</kbd>
      </button>
      <button type="button" onClick={() => view.zoom(1 / 1.5, middle)} disabled={!view.scale}>
        Zoom out <kbd>−</kbd>
      </button>
      <button type="button" onClick={view.fit} aria-pressed={view.following}>
        Fit and follow the run <kbd>0</kbd>
      </button>
    </div>
  );
}
