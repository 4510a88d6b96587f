import { type RefObject, useEffect, useMemo, useState } from 'preact/hooks';
import { outcomeFills, timelineColours } from './outcome-styles';
import { drawTimeline, type TimelineFrame } from './timeline-drawing';

/** What a frame needs beyond the colours, which come from the stylesheet. */
export type FrameInputs = Omit<TimelineFrame, 'colours' | 'fills'>;

/**
 * Draws the timeline on the canvas whenever its inputs or the system's colour scheme change, at the
 * screen's pixel ratio, and writes the time the drawing took to the canvas's `data-frame-ms`.
 */
export function useTimelineFrame(canvas: RefObject<HTMLCanvasElement>, inputs: FrameInputs): void {
  const scheme = useColourScheme();
  const { layout, scale, originMs, focused } = inputs;
  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    const ratio = window.devicePixelRatio || 1;
    // Setting a canvas's size reallocates its bitmap, even to the size it has: only on a change.
    const width = Math.round(scale.widthPx * ratio);
    const height = Math.round(layout.height * ratio);
    if (element.width !== width) element.width = width;
    if (element.height !== height) element.height = height;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const colours = timelineColours(element);
    const started = performance.now();
    drawTimeline(context, {
      layout,
      scale,
      originMs,
      focused,
      colours,
      fills: outcomeFills(context, colours),
    });
    element.dataset.frameMs = (performance.now() - started).toFixed(1);
  }, [canvas, layout, scale, originMs, focused, scheme]);
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
