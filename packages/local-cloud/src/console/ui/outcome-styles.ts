import type { InvocationOutcomeKind } from '../console-contract';

/** How each outcome is told apart without colour: a label and a fill pattern. */
export const OUTCOME_LEGEND: readonly {
  readonly outcome: InvocationOutcomeKind;
  readonly label: string;
  readonly pattern: string;
}[] = [
  { outcome: 'success', label: 'success', pattern: 'solid' },
  { outcome: 'partial', label: 'partial batch failure', pattern: 'diagonal stripes' },
  { outcome: 'error', label: 'error', pattern: 'cross-hatched' },
  { outcome: 'timeout', label: 'timeout', pattern: 'vertical stripes' },
  { outcome: 'running', label: 'running', pattern: 'outlined' },
];

/** The fills of the timeline, from the page's CSS custom properties (light or dark). */
export interface TimelineColours {
  readonly outcome: Readonly<Record<InvocationOutcomeKind, string>>;
  readonly init: string;
  readonly text: string;
  readonly textOnBar: string;
  readonly muted: string;
  readonly grid: string;
  readonly laneBackground: string;
  readonly focus: string;
  readonly background: string;
}

/** Reads the colours the stylesheet gives for the current colour scheme. */
export function timelineColours(element: Element): TimelineColours {
  const style = getComputedStyle(element);
  const read = (name: string) => style.getPropertyValue(name).trim() || '#888';
  return {
    outcome: {
      success: read('--outcome-success'),
      partial: read('--outcome-partial'),
      error: read('--outcome-error'),
      timeout: read('--outcome-timeout'),
      running: read('--outcome-running'),
    },
    init: read('--outcome-init'),
    text: read('--text'),
    textOnBar: read('--text-on-bar'),
    muted: read('--muted'),
    grid: read('--grid'),
    laneBackground: read('--lane-background'),
    focus: read('--focus'),
    background: read('--background'),
  };
}

/** Fill styles for each outcome: its colour, with its pattern drawn over in the bar-text colour. */
export type OutcomeFills = Readonly<Record<InvocationOutcomeKind, string | CanvasPattern>>;

/** Makes the patterned fills once per colour scheme. */
export function outcomeFills(context: CanvasRenderingContext2D, colours: TimelineColours): OutcomeFills {
  const tile = (outcome: InvocationOutcomeKind, draw: (tile: CanvasRenderingContext2D) => void) => {
    const canvas = document.createElement('canvas');
    canvas.width = 8;
    canvas.height = 8;
    const tileContext = canvas.getContext('2d');
    if (!tileContext) return colours.outcome[outcome];
    tileContext.fillStyle = colours.outcome[outcome];
    tileContext.fillRect(0, 0, 8, 8);
    tileContext.strokeStyle = colours.textOnBar;
    tileContext.globalAlpha = 0.55;
    tileContext.lineWidth = 1.5;
    tileContext.beginPath();
    draw(tileContext);
    tileContext.stroke();
    return context.createPattern(canvas, 'repeat') ?? colours.outcome[outcome];
  };
  return {
    success: colours.outcome.success,
    running: colours.outcome.running,
    partial: tile('partial', (t) => {
      t.moveTo(0, 8);
      t.lineTo(8, 0);
      t.moveTo(-2, 2);
      t.lineTo(2, -2);
      t.moveTo(6, 10);
      t.lineTo(10, 6);
    }),
    error: tile('error', (t) => {
      t.moveTo(0, 0);
      t.lineTo(8, 8);
      t.moveTo(0, 8);
      t.lineTo(8, 0);
    }),
    timeout: tile('timeout', (t) => {
      t.moveTo(2, 0);
      t.lineTo(2, 8);
      t.moveTo(6, 0);
      t.lineTo(6, 8);
    }),
  };
}
