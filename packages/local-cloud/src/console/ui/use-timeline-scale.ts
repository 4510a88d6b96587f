import { useMemo, useState } from 'preact/hooks';
import { fitScale, panScale, resizeScale, type TimeExtent, type TimeScale, zoomScale } from './time-scale';

/** The timeline's scale and how it moves. */
export interface TimelineScale {
  /** Undefined while there is nothing to show or no width yet. */
  readonly scale?: TimeScale;
  /** Whether it fits the whole run and grows with it (not zoomed or panned). */
  readonly following: boolean;
  readonly zoom: (factor: number, anchorPx: number) => void;
  readonly pan: (deltaPx: number) => void;
  /** Fits the whole run again, and follows it. */
  readonly fit: () => void;
}

/**
 * Fits the run (`extent`) into `widthPx` and follows it as it grows, until zoomed or panned; never
 * zooms out or pans past the run.
 */
export function useTimelineScale(extent: TimeExtent | undefined, widthPx: number): TimelineScale {
  const [zoomed, setZoomed] = useState<TimeScale>();
  // The same numbers keep the same scale object: the canvas and the charts redraw when it changes,
  // so a render that changed nothing on the time axis draws nothing again. A key press sets a new
  // zoomed scale and always redraws.
  const startMs = extent?.startMs;
  const endMs = extent?.endMs;
  const fitted = useMemo(
    () =>
      startMs !== undefined && endMs !== undefined && widthPx > 0
        ? fitScale({ startMs, endMs }, widthPx)
        : undefined,
    [startMs, endMs, widthPx],
  );
  const scale = useMemo(
    () => (zoomed && fitted ? resizeScale(zoomed, widthPx) : fitted),
    [zoomed, fitted, widthPx],
  );
  const change = (next: (current: TimeScale) => TimeScale) => {
    if (scale) setZoomed(next(scale));
  };
  return {
    scale,
    following: zoomed === undefined,
    zoom: (factor, anchorPx) => change((current) => zoomScale(current, factor, anchorPx, fitted)),
    pan: (deltaPx) => change((current) => panScale(current, deltaPx, fitted)),
    fit: () => setZoomed(undefined),
  };
}
