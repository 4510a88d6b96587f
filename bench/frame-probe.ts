/** What one phase of timeline interaction measured in the page, all in ms. */
export interface PhaseFrames {
  /** Intervals between consecutive animation frames while the phase ran: the time per frame. */
  readonly frameIntervals: number[];
  /** The canvas's own draw time per step, as the page writes it to `data-frame-ms`. */
  readonly drawTimes: number[];
  /** From the key press to the frame after the canvas redrew, per step. */
  readonly stepTimes: number[];
  /** Steps after which the canvas did not redraw within the wait. */
  readonly missedDraws: number;
}

/** One phase: a key pressed on the timeline's canvas `steps` times, one press per redraw. */
export interface PhaseSteps {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly steps: number;
}

/** How long a step may wait for the canvas to redraw before it counts as missed. */
const REDRAW_WAIT_MS = 5_000;

/**
 * The script the page runs for one phase (a string: the bench's TypeScript has no DOM types, and
 * a string cannot pick up a transpiler's helpers). It records every animation frame's timestamp,
 * presses the key on the canvas, waits until the canvas sets `data-frame-ms` again (its draw
 * hook), then for the next frame, and presses again.
 */
const PROBE_SOURCE = `async ({ key, shiftKey, steps, redrawWaitMs }) => {
  const canvas = document.querySelector('[data-testid="timeline-canvas"]');
  if (!canvas) throw new Error('no timeline canvas on the page');
  const frameIntervals = [], drawTimes = [], stepTimes = [];
  let missedDraws = 0, last, running = true;
  const onFrame = (time) => {
    if (last !== undefined) frameIntervals.push(time - last);
    last = time;
    if (running) requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  await nextFrame();
  for (let step = 0; step < steps; step += 1) {
    let observer;
    const drawn = new Promise((resolve) => {
      observer = new MutationObserver(() => resolve(true));
      observer.observe(canvas, { attributes: true, attributeFilter: ['data-frame-ms'] });
      setTimeout(() => resolve(false), redrawWaitMs);
    });
    const pressed = performance.now();
    canvas.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true }));
    const redrew = await drawn;
    observer.disconnect();
    await nextFrame();
    if (!redrew) { missedDraws += 1; continue; }
    stepTimes.push(performance.now() - pressed);
    drawTimes.push(Number(canvas.dataset.frameMs));
  }
  running = false;
  return { frameIntervals, drawTimes, stepTimes, missedDraws };
}`;

/** The expression `page.evaluate` runs for one phase. */
export function phaseScript(phase: PhaseSteps): string {
  return `(${PROBE_SOURCE})(${JSON.stringify({ ...phase, redrawWaitMs: REDRAW_WAIT_MS })})`;
}
