import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { outcomeFills, timelineColours } from './outcome-styles';
import { type TimeScale, xOf } from './time-scale';
import { drawTimeline } from './timeline-drawing';
import type { TimelineBar } from './timeline-lanes';
import { type BarMove, barAt, moveFocus, type TimelineLayout } from './timeline-layout';

interface TimelineCanvasProps {
  readonly layout: TimelineLayout;
  readonly scale: TimeScale;
  readonly originMs: number;
  readonly focusedRequestId?: string;
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
  const { layout, scale, originMs, focusedRequestId } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const drag = useRef<{ x: number; moved: boolean }>();
  const scheme = useColourScheme();
  const focused = useMemo(() => findFocused(layout, focusedRequestId), [layout, focusedRequestId]);

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(scale.widthPx * ratio);
    element.height = Math.round(layout.height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const colours = timelineColours(element);
    const started = performance.now();
    drawTimeline(context, {
      layout,
      scale,
      originMs,
      colours,
      fills: outcomeFills(context, colours),
      focused,
    });
    element.dataset.frameMs = (performance.now() - started).toFixed(1);
  }, [layout, scale, originMs, focused, scheme]);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return undefined;
    // Not a Preact handler: wheel must be non-passive to keep the page from scrolling while zooming.
    const onWheel = (event: WheelEvent) => {
      if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        event.preventDefault();
        props.onPan(event.deltaX || event.deltaY);
      } else if (event.deltaY !== 0) {
        event.preventDefault();
        props.onZoom(Math.exp(-event.deltaY / 300), event.offsetX);
      }
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  });

  const onKeyDown = (event: KeyboardEvent) => {
    const handled = handleKey(event, props, layout, focused?.bar, scale);
    if (handled) event.preventDefault();
  };

  return (
    <canvas
      ref={canvas}
      class="timeline-canvas"
      data-testid="timeline-canvas"
      tabIndex={0}
      aria-label="Invocations by instance. Arrows move between bars, Enter opens one, plus and minus zoom, Shift with arrows pans, 0 fits the run."
      style={{ width: `${scale.widthPx}px`, height: `${layout.height}px` }}
      onPointerDown={(event) => {
        drag.current = { x: event.clientX, moved: false };
        (event.currentTarget as HTMLCanvasElement).setPointerCapture(event.pointerId);
      }}
      onPointerMove={(event) => {
        if (!drag.current) return;
        const delta = drag.current.x - event.clientX;
        if (Math.abs(delta) < 3 && !drag.current.moved) return;
        drag.current = { x: event.clientX, moved: true };
        props.onPan(delta);
      }}
      onPointerUp={(event) => {
        const wasDrag = drag.current?.moved;
        drag.current = undefined;
        if (wasDrag) return;
        const bar = barAt(layout, scale, event.offsetX, event.offsetY);
        props.onFocus(bar);
        if (bar) props.onOpen(bar);
      }}
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
    const next = moveFocus(layout, focused?.requestId, KEY_MOVES[event.key]);
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

function findFocused(layout: TimelineLayout, requestId: string | undefined) {
  if (requestId === undefined) return undefined;
  for (const row of layout.rows) {
    const bar = row.lane.bars.find((candidate) => candidate.requestId === requestId);
    if (bar) return { bar, y: row.y };
  }
  return undefined;
}

/** `dark` or `light`, following the system setting, so the canvas redraws when it changes. */
function useColourScheme(): string {
  const query = useMemo(() => window.matchMedia('(prefers-color-scheme: dark)'), []);
  const [scheme, setScheme] = useState(query.matches ? 'dark' : 'light');
  useEffect(() => {
    const onChange = () => setScheme(query.matches ? 'dark' : 'light');
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [query]);
  return scheme;
}
