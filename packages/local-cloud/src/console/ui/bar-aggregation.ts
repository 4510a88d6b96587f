import type { InvocationOutcomeKind } from '../console-contract';
import { type TimeScale, xOf } from './time-scale';
import { firstBarEndingAfter, type Lane, type TimelineBar } from './timeline-lanes';

/** A bar wide enough to draw on its own, in pixels of the canvas. */
export interface DrawnBar {
  readonly kind: 'bar';
  readonly x: number;
  readonly width: number;
  /** The INIT segment before START, on a cold start. */
  readonly initX?: number;
  readonly initWidth?: number;
  readonly bar: TimelineBar;
}

/** Bars too narrow to tell apart, starting in one pixel column: drawn as one, with the worst outcome among them. */
export interface DrawnColumn {
  readonly kind: 'column';
  readonly x: number;
  readonly width: number;
  readonly count: number;
  readonly outcome: InvocationOutcomeKind;
}

export type LaneDrawItem = DrawnBar | DrawnColumn;

/** Below this many pixels, a bar joins the column of the bars around it. */
export const MIN_BAR_PX = 3;

/** Worse outcomes win a column, so a failure stays visible when zoomed out. */
const OUTCOME_SEVERITY: Readonly<Record<InvocationOutcomeKind, number>> = {
  success: 0,
  running: 1,
  partial: 2,
  timeout: 3,
  error: 4,
};

/** The worse of two outcomes, for a column that holds both. */
export function worseOutcome(
  left: InvocationOutcomeKind,
  right: InvocationOutcomeKind,
): InvocationOutcomeKind {
  return OUTCOME_SEVERITY[right] > OUTCOME_SEVERITY[left] ? right : left;
}

interface OpenColumn {
  x: number;
  end: number;
  count: number;
  outcome: InvocationOutcomeKind;
}

/**
 * What to draw of `lane` in the visible span of `scale`: bars at least {@link MIN_BAR_PX} wide as
 * they are, and narrower bars that start in the same pixel column as one column, at most one per
 * pixel. Work grows with the visible bars, never with the whole run.
 */
export function laneDrawItems(lane: Lane, scale: TimeScale, minBarPx = MIN_BAR_PX): LaneDrawItem[] {
  const items: LaneDrawItem[] = [];
  let column: OpenColumn | undefined;
  const flush = () => {
    if (column) items.push({ kind: 'column', x: column.x, width: column.end - column.x, ...countOf(column) });
    column = undefined;
  };
  for (let index = firstBarEndingAfter(lane, scale.startMs); index < lane.bars.length; index += 1) {
    const bar = lane.bars[index];
    if (bar.initStartMs > scale.endMs) break;
    const x0 = xOf(scale, bar.initStartMs);
    const x1 = xOf(scale, bar.endMs);
    if (x1 - x0 >= minBarPx) {
      flush();
      items.push(drawnBar(bar, scale, x0, x1));
      continue;
    }
    const left = Math.floor(x0);
    const right = Math.max(Math.ceil(x1), left + 1);
    if (column && left === column.x) {
      column.end = Math.max(column.end, right);
      column.count += 1;
      column.outcome = worseOutcome(column.outcome, bar.outcome);
    } else {
      if (column) column.end = Math.min(column.end, left);
      flush();
      column = { x: left, end: right, count: 1, outcome: bar.outcome };
    }
  }
  flush();
  return items;
}

function countOf(column: OpenColumn): { count: number; outcome: InvocationOutcomeKind } {
  return { count: column.count, outcome: column.outcome };
}

function drawnBar(bar: TimelineBar, scale: TimeScale, x0: number, x1: number): DrawnBar {
  if (bar.initStartMs === bar.startMs) return { kind: 'bar', x: x0, width: x1 - x0, bar };
  const startX = xOf(scale, bar.startMs);
  return { kind: 'bar', x: startX, width: x1 - startX, initX: x0, initWidth: startX - x0, bar };
}
