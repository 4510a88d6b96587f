import { msPerPixel, type TimeScale, xOf } from './time-scale';
import { firstBarEndingAfter, type Lane, type LaneGroup, type TimelineBar } from './timeline-lanes';

/** A lane's place on the canvas, in CSS pixels from the top. */
export interface LaneRow {
  readonly lane: Lane;
  readonly y: number;
  readonly height: number;
}

/** A function's heading above its lanes. */
export interface GroupHeading {
  readonly functionName: string;
  readonly y: number;
  readonly laneCount: number;
}

export interface TimelineLayout {
  readonly rows: readonly LaneRow[];
  readonly headings: readonly GroupHeading[];
  /** The canvas's height. */
  readonly height: number;
}

/** Sizes of the timeline's rows, in CSS pixels. */
export interface RowSizes {
  readonly axisHeight: number;
  readonly headingHeight: number;
  readonly laneHeight: number;
  readonly laneGap: number;
}

export const DEFAULT_ROW_SIZES: RowSizes = { axisHeight: 24, headingHeight: 22, laneHeight: 20, laneGap: 4 };

/** Places the time axis on top, then each function's heading and its lanes. */
export function layoutTimeline(
  groups: readonly LaneGroup[],
  sizes: RowSizes = DEFAULT_ROW_SIZES,
): TimelineLayout {
  const rows: LaneRow[] = [];
  const headings: GroupHeading[] = [];
  let y = sizes.axisHeight;
  for (const group of groups) {
    headings.push({ functionName: group.functionName, y, laneCount: group.lanes.length });
    y += sizes.headingHeight;
    for (const lane of group.lanes) {
      rows.push({ lane, y, height: sizes.laneHeight });
      y += sizes.laneHeight + sizes.laneGap;
    }
  }
  return { rows, headings, height: y + sizes.laneGap };
}

/** The row under `y`, if any. */
export function rowAt(layout: TimelineLayout, y: number): LaneRow | undefined {
  return layout.rows.find((row) => y >= row.y && y < row.y + row.height);
}

/**
 * The bar under the pointer at (`x`, `y`): the one drawn there, or the nearest within
 * `tolerancePx`, so a bar one pixel wide can still be clicked.
 */
export function barAt(
  layout: TimelineLayout,
  scale: TimeScale,
  x: number,
  y: number,
  tolerancePx = 4,
): TimelineBar | undefined {
  const row = rowAt(layout, y);
  if (!row) return undefined;
  const slackMs = tolerancePx * msPerPixel(scale);
  const fromMs = scale.startMs + (x / scale.widthPx) * (scale.endMs - scale.startMs) - slackMs;
  let best: TimelineBar | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let index = firstBarEndingAfter(row.lane, fromMs); index < row.lane.bars.length; index += 1) {
    const bar = row.lane.bars[index];
    const left = xOf(scale, bar.initStartMs);
    if (left > x + tolerancePx) break;
    const distance = Math.max(0, left - x, x - xOf(scale, bar.endMs));
    if (distance <= tolerancePx && distance < bestDistance) {
      best = bar;
      bestDistance = distance;
    }
  }
  return best;
}

/** Where a keyboard move goes from the focused bar. */
export type BarMove = 'previous' | 'next' | 'lane-above' | 'lane-below' | 'first';

/**
 * The bar a key press moves the focus to from the bar of id `focusedId`: the previous or next
 * bar of the same lane, or the bar of the lane above or below nearest in time. `first` (and any
 * move with nothing focused) gives the first bar of the first lane.
 */
export function moveFocus(
  layout: TimelineLayout,
  focusedId: string | undefined,
  move: BarMove,
): TimelineBar | undefined {
  const first = layout.rows.find((row) => row.lane.bars.length > 0)?.lane.bars[0];
  if (focusedId === undefined || move === 'first') return first;
  for (let rowIndex = 0; rowIndex < layout.rows.length; rowIndex += 1) {
    const bars = layout.rows[rowIndex].lane.bars;
    const index = bars.findIndex((bar) => bar.id === focusedId);
    if (index < 0) continue;
    if (move === 'previous') return bars[Math.max(index - 1, 0)];
    if (move === 'next') return bars[Math.min(index + 1, bars.length - 1)];
    const target = layout.rows[rowIndex + (move === 'lane-above' ? -1 : 1)];
    return target ? nearestInTime(target.lane, bars[index].startMs) : bars[index];
  }
  return first;
}

function nearestInTime(lane: Lane, ms: number): TimelineBar | undefined {
  let best: TimelineBar | undefined;
  for (const bar of lane.bars) {
    if (!best || Math.abs(bar.startMs - ms) < Math.abs(best.startMs - ms)) best = bar;
  }
  return best;
}
