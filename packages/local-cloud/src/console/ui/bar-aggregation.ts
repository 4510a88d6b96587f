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

/**
 * Bars too narrow to tell apart that start in one pixel column, drawn as one: in the most common
 * outcome among them, marked with the worst when that differs, so a rare failure stays visible
 * without painting a mostly successful run as failing.
 */
export interface DrawnColumn {
  readonly kind: 'column';
  readonly x: number;
  readonly width: number;
  readonly count: number;
  /** The most common outcome; the worse one on a tie. */
  readonly common: InvocationOutcomeKind;
  /** The worst outcome. */
  readonly worst: InvocationOutcomeKind;
}

export type LaneDrawItem = DrawnBar | DrawnColumn;

/** Below this many pixels, a bar joins the column of the bars around it. */
export const MIN_BAR_PX = 3;

/** How bad each outcome is: a column marks its worst, and a tie for the most common goes to the worse. */
const OUTCOME_SEVERITY: Readonly<Record<InvocationOutcomeKind, number>> = {
  success: 0,
  running: 1,
  partial: 2,
  timeout: 3,
  error: 4,
};

interface OpenColumn {
  x: number;
  end: number;
  count: number;
  readonly counts: Record<InvocationOutcomeKind, number>;
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
    if (column) items.push(drawnColumn(column));
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
      column.counts[bar.outcome] += 1;
    } else {
      if (column) column.end = Math.min(column.end, left);
      flush();
      column = {
        x: left,
        end: right,
        count: 1,
        counts: { success: 0, running: 0, partial: 0, timeout: 0, error: 0 },
      };
      column.counts[bar.outcome] = 1;
    }
  }
  flush();
  return items;
}

const OUTCOMES_BY_SEVERITY = (Object.keys(OUTCOME_SEVERITY) as InvocationOutcomeKind[]).sort(
  (left, right) => OUTCOME_SEVERITY[left] - OUTCOME_SEVERITY[right],
);

function drawnColumn(column: OpenColumn): DrawnColumn {
  let common: InvocationOutcomeKind = 'success';
  let worst: InvocationOutcomeKind = 'success';
  for (const outcome of OUTCOMES_BY_SEVERITY) {
    const count = column.counts[outcome];
    if (count === 0) continue;
    worst = outcome;
    if (count >= column.counts[common]) common = outcome;
  }
  return { kind: 'column', x: column.x, width: column.end - column.x, count: column.count, common, worst };
}

function drawnBar(bar: TimelineBar, scale: TimeScale, x0: number, x1: number): DrawnBar {
  if (bar.initStartMs === bar.startMs) return { kind: 'bar', x: x0, width: x1 - x0, bar };
  const startX = xOf(scale, bar.startMs);
  return { kind: 'bar', x: startX, width: x1 - startX, initX: x0, initWidth: startX - x0, bar };
}
