/**
 * The timeline's horizontal scale: which span of cloud time (epoch ms) the canvas shows across its
 * width in CSS pixels. Pure, so zoom, pan and ticks are tested without a browser.
 */
export interface TimeScale {
  readonly startMs: number;
  readonly endMs: number;
  readonly widthPx: number;
}

/** A span of cloud time. */
export interface TimeExtent {
  readonly startMs: number;
  readonly endMs: number;
}

/** The narrowest span the timeline zooms to: a millisecond over the whole width. */
export const MIN_SPAN_MS = 1;

/** The pixel at which `ms` is drawn. */
export function xOf(scale: TimeScale, ms: number): number {
  return ((ms - scale.startMs) / span(scale)) * scale.widthPx;
}

/** The cloud time under pixel `x`. */
export function msAt(scale: TimeScale, x: number): number {
  return scale.startMs + (x / scale.widthPx) * span(scale);
}

/** How many ms one pixel covers. */
export function msPerPixel(scale: TimeScale): number {
  return span(scale) / scale.widthPx;
}

function span(scale: TimeExtent): number {
  return Math.max(scale.endMs - scale.startMs, MIN_SPAN_MS);
}

/** A scale that shows all of `extent` with a margin of `marginFraction` of it on each side. */
export function fitScale(extent: TimeExtent, widthPx: number, marginFraction = 0.02): TimeScale {
  const margin = span(extent) * marginFraction;
  return { startMs: extent.startMs - margin, endMs: extent.endMs + margin, widthPx };
}

/**
 * Zooms in by `factor` (above 1) or out (below 1), keeping the time under `anchorPx` where it is.
 * It never zooms out past `limit` (the fitted scale) nor in past {@link MIN_SPAN_MS}.
 */
export function zoomScale(scale: TimeScale, factor: number, anchorPx: number, limit?: TimeExtent): TimeScale {
  const anchorMs = msAt(scale, anchorPx);
  const widest = limit ? span(limit) : Number.POSITIVE_INFINITY;
  const newSpan = Math.min(Math.max(span(scale) / factor, MIN_SPAN_MS), widest);
  const startMs = anchorMs - (anchorPx / scale.widthPx) * newSpan;
  return clampToLimit({ startMs, endMs: startMs + newSpan, widthPx: scale.widthPx }, limit);
}

/** Moves the view by `deltaPx` pixels: positive shows later times. */
export function panScale(scale: TimeScale, deltaPx: number, limit?: TimeExtent): TimeScale {
  const deltaMs = deltaPx * msPerPixel(scale);
  return clampToLimit(
    { startMs: scale.startMs + deltaMs, endMs: scale.endMs + deltaMs, widthPx: scale.widthPx },
    limit,
  );
}

/** The same span of time over a new width (the canvas was resized). */
export function resizeScale(scale: TimeScale, widthPx: number): TimeScale {
  return { ...scale, widthPx };
}

// Keeps the view inside the run, so panning never leaves an empty canvas.
function clampToLimit(scale: TimeScale, limit: TimeExtent | undefined): TimeScale {
  if (!limit) return scale;
  const viewSpan = span(scale);
  if (viewSpan >= span(limit)) return { ...scale, startMs: limit.startMs, endMs: limit.startMs + viewSpan };
  const startMs = Math.min(Math.max(scale.startMs, limit.startMs), limit.endMs - viewSpan);
  return { startMs, endMs: startMs + viewSpan, widthPx: scale.widthPx };
}

/** A tick of the time axis: where it is and what it says (time since `originMs`). */
export interface TimeTick {
  readonly ms: number;
  readonly x: number;
  readonly label: string;
}

const TICK_STEPS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000];

/**
 * Ticks about `minSpacingPx` apart or more, on round steps (1, 2, 5 × 10ⁿ ms up to minutes),
 * labelled as time since `originMs` (the run's first invocation).
 */
export function timeTicks(scale: TimeScale, originMs: number, minSpacingPx = 90): TimeTick[] {
  const wanted = msPerPixel(scale) * minSpacingPx;
  const step = TICK_STEPS_MS.find((candidate) => candidate >= wanted) ?? Math.ceil(wanted / 60_000) * 60_000;
  const ticks: TimeTick[] = [];
  const first = originMs + Math.ceil((scale.startMs - originMs) / step) * step;
  for (let ms = first; ms <= scale.endMs && ticks.length < 1000; ms += step) {
    ticks.push({ ms, x: xOf(scale, ms), label: formatOffset(ms - originMs, step) });
  }
  return ticks;
}

/** `+1.25 s`, `+350 ms` or `+2 min 5 s`: a time since the run's start, as precise as `stepMs` needs. */
export function formatOffset(offsetMs: number, stepMs: number): string {
  const sign = offsetMs < 0 ? '−' : '+';
  const magnitude = Math.abs(offsetMs);
  if (stepMs < 1000 && magnitude < 1000) return `${sign}${Math.round(magnitude)} ms`;
  if (magnitude < 60_000) {
    const decimals = stepMs >= 1000 ? 0 : stepMs >= 100 ? 1 : stepMs >= 10 ? 2 : 3;
    return `${sign}${(magnitude / 1000).toFixed(decimals)} s`;
  }
  const minutes = Math.floor(magnitude / 60_000);
  const seconds = (magnitude - minutes * 60_000) / 1000;
  return `${sign}${minutes} min ${seconds.toFixed(stepMs >= 1000 ? 0 : 1)} s`;
}
