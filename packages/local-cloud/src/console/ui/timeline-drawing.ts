import { type LaneDrawItem, laneDrawItems } from './bar-aggregation';
import type { OutcomeFills, TimelineColours } from './outcome-styles';
import { type TimeScale, timeTicks, xOf } from './time-scale';
import type { TimelineBar } from './timeline-lanes';
import type { TimelineLayout } from './timeline-layout';

/** What one frame of the timeline shows. */
export interface TimelineFrame {
  readonly layout: TimelineLayout;
  readonly scale: TimeScale;
  /** Time 0 of the axis: the run's first invocation. */
  readonly originMs: number;
  readonly colours: TimelineColours;
  readonly fills: OutcomeFills;
  /** The bar the keyboard is on, and its lane's top, ringed even when it is part of a column. */
  readonly focused?: { readonly bar: TimelineBar; readonly y: number };
}

/** The mark above a column that holds a worse outcome than its most common one. */
const COLUMN_MARK_PX = 5;
const LABEL_FONT = '11px system-ui, sans-serif';
const HEADING_FONT = '600 12px system-ui, sans-serif';

/** Draws a frame on a canvas whose context is already scaled to CSS pixels. */
export function drawTimeline(context: CanvasRenderingContext2D, frame: TimelineFrame): void {
  const { layout, scale, colours } = frame;
  context.fillStyle = colours.background;
  context.fillRect(0, 0, scale.widthPx, layout.height);
  drawAxis(context, frame);
  context.font = HEADING_FONT;
  context.textBaseline = 'middle';
  for (const heading of layout.headings) {
    context.fillStyle = colours.text;
    const lanes = `${heading.laneCount} instance${heading.laneCount === 1 ? '' : 's'}`;
    context.fillText(`${heading.functionName} · ${lanes}`, 4, heading.y + 11);
  }
  context.font = LABEL_FONT;
  for (const row of layout.rows) {
    context.fillStyle = colours.laneBackground;
    context.fillRect(0, row.y, scale.widthPx, row.height);
    for (const item of laneDrawItems(row.lane, scale)) drawItem(context, frame, item, row.y, row.height);
  }
  if (frame.focused)
    drawFocusRing(context, frame, frame.focused.bar, frame.focused.y, layout.rows[0]?.height ?? 20);
}

function drawFocusRing(
  context: CanvasRenderingContext2D,
  frame: TimelineFrame,
  bar: TimelineBar,
  y: number,
  height: number,
): void {
  const left = xOf(frame.scale, bar.initStartMs);
  const width = Math.max(xOf(frame.scale, bar.endMs) - left, 3);
  context.strokeStyle = frame.colours.focus;
  context.lineWidth = 2;
  context.strokeRect(left - 2, y, width + 4, height);
}

function drawAxis(context: CanvasRenderingContext2D, frame: TimelineFrame): void {
  const { layout, scale, colours, originMs } = frame;
  context.font = LABEL_FONT;
  context.textBaseline = 'top';
  for (const tick of timeTicks(scale, originMs)) {
    context.fillStyle = colours.grid;
    context.fillRect(Math.round(tick.x), 16, 1, layout.height - 16);
    // A label that would run off the right edge is left out; its grid line stays.
    if (tick.x + 3 + context.measureText(tick.label).width > scale.widthPx) continue;
    context.fillStyle = colours.muted;
    context.fillText(tick.label, Math.round(tick.x) + 3, 4);
  }
}

function drawItem(
  context: CanvasRenderingContext2D,
  frame: TimelineFrame,
  item: LaneDrawItem,
  y: number,
  height: number,
): void {
  const { colours, fills } = frame;
  if (item.kind === 'column') {
    context.fillStyle = colours.outcome[item.common];
    context.fillRect(item.x, y + 2, item.width, height - 4);
    if (item.worst !== item.common) {
      context.fillStyle = colours.outcome[item.worst];
      context.fillRect(item.x, y, item.width, COLUMN_MARK_PX);
    }
    return;
  }
  if (item.initX !== undefined && item.initWidth !== undefined) {
    context.fillStyle = colours.init;
    context.fillRect(item.initX, y + 5, item.initWidth, height - 10);
  }
  const width = Math.max(item.width, 1);
  if (item.bar.outcome === 'running') {
    context.strokeStyle = colours.outcome.running;
    context.lineWidth = 1.5;
    context.strokeRect(item.x + 0.75, y + 2.75, Math.max(width - 1.5, 0.5), height - 5.5);
  } else {
    context.fillStyle = fills[item.bar.outcome];
    context.fillRect(item.x, y + 2, width, height - 4);
  }
  drawBatchSize(context, frame, item, y, height, width);
}

function drawBatchSize(
  context: CanvasRenderingContext2D,
  frame: TimelineFrame,
  item: Extract<LaneDrawItem, { kind: 'bar' }>,
  y: number,
  height: number,
  width: number,
): void {
  if (item.bar.batchSize === undefined) return;
  const label = String(item.bar.batchSize);
  const textWidth = context.measureText(label).width;
  if (textWidth + 6 > width) return;
  const textX = item.x + (width - textWidth) / 2;
  context.textBaseline = 'middle';
  // A plate under the digits keeps them readable over any pattern.
  context.fillStyle = frame.colours.background;
  context.globalAlpha = 0.8;
  context.fillRect(textX - 2, y + height / 2 - 6, textWidth + 4, 12);
  context.globalAlpha = 1;
  context.fillStyle = frame.colours.text;
  context.fillText(label, textX, y + height / 2 + 0.5);
}
