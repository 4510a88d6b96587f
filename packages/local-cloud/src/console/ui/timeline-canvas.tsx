import { useMemo, useRef } from 'preact/hooks';
import { useDragOrClick, useWheelZoom } from './canvas-pointer';
import { type TimeScale, xOf } from './time-scale';
import type { TimelineBar } from './timeline-lanes';
import { type BarMove, barAt, moveFocus, type TimelineLayout } from './timeline-layout';
import { useTimelineFrame } from './use-timeline-frame';

interface TimelineCanvasProps {
  readonly layout: TimelineLayout;
  readonly scale: TimeScale;
  readonly originMs: number;
  /** The focused bar's id. */
  readonly focusedId?: string;
  readonly onFocus: (bar: TimelineBar | undefined) => void;
  readonly onOpen: (bar: TimelineBar) => void;
  /** Zooms by a factor around a pixel: above 1 zooms in. */
  readonly onZoom: (factor: number, anchorPx: number) => void;
  /** Pans by pixels: positive shows later times. */
  readonly onPan: (deltaPx: number) => void;
  readonly onFit: () => void;
}

const KEY_MOVES: Readonly<Record<string, BarMove>> = {
  ArrowLeft: 'previous',
  ArrowRight: 'next',
  ArrowUp: 'lane-above',
  ArrowDown: 'lane-below',
  Home: 'first',
};

/**
 * The lanes, drawn on a canvas: wheel or + and − zoom, dragging or Shift with the arrows pans, the
 * arrows move the focus from bar to bar and Enter (or a click) opens the focused bar.
 */
export function TimelineCanvas(props: TimelineCanvasProps) {
  const { layout, scale, originMs, focusedId } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const focused = useMemo(() => findFocused(layout, focusedId), [layout, focusedId]);
  useTimelineFrame(canvas, { layout, scale, originMs, focused });
  useWheelZoom(canvas, props);
  const pointer = useDragOrClick(props.onPan, (x, y) => {
    const bar = barAt(layout, scale, x, y);
    props.onFocus(bar);
    if (bar) props.onOpen(bar);
  });
  const onKeyDown = (event: KeyboardEvent) => {
    if (handleKey(event, props, layout, focused?.bar, scale)) event.preventDefault();
  };
  return (
    <canvas
      ref={canvas}
      class="timeline-canvas"
      data-testid="timeline-canvas"
      tabIndex={0}
      aria-label="Invocations by instance. Arrows move between bars, Enter opens one, plus and minus zoom, Shift with arrows pans, 0 fits the run."
      style={{ width: `${scale.widthPx}px`, height: `${layout.height}px` }}
      {...pointer}
      onKeyDown={onKeyDown}
    />
  );
}

function handleKey(
  event: KeyboardEvent,
  props: TimelineCanvasProps,
  layout: TimelineLayout,
  focused: TimelineBar | undefined,
  scale: TimeScale,
): boolean {
  const middle = scale.widthPx / 2;
  if (event.key === '+' || event.key === '=')
    props.onZoom(1.5, focused ? xOf(scale, focused.startMs) : middle);
  else if (event.key === '-' || event.key === '_') props.onZoom(1 / 1.5, middle);
  else if (event.key === '0') props.onFit();
  else if (event.shiftKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
    props.onPan((event.key === 'ArrowLeft' ? -1 : 1) * scale.widthPx * 0.2);
  } else if (event.key === 'Enter' || event.key === ' ') {
    if (focused) props.onOpen(focused);
  } else if (KEY_MOVES[event.key]) {
    const next = moveFocus(layout, focused?.id, KEY_MOVES[event.key]);
    props.onFocus(next);
    if (next) keepInView(next, scale, props);
  } else return false;
  return true;
}

// A bar the keyboard moved to off screen is brought back into view.
function keepInView(bar: TimelineBar, scale: TimeScale, props: TimelineCanvasProps): void {
  const left = xOf(scale, bar.initStartMs);
  const right = xOf(scale, bar.endMs);
  if (left < 0) props.onPan(left - scale.widthPx * 0.1);
  else if (right > scale.widthPx) props.onPan(right - scale.widthPx * 0.9);
}

function findFocused(layout: TimelineLayout, id: string | undefined) {
  if (id === undefined) return undefined;
  for (const row of layout.rows) {
    const bar = row.lane.bars.find((candidate) => candidate.id === id);
    if (bar) return { bar, y: row.y };
  }
  return undefined;
}
