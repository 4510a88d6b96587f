/** How a burst of changes becomes a few redraws. */
export interface CommitThrottle {
  /** Asks for a commit: it runs once, at least `intervalMs` after the previous one, on a frame. */
  readonly request: () => void;
  /** Drops a pending commit. */
  readonly cancel: () => void;
}

/** What the throttle waits with: the browser's timers and frames, or a test's. */
export interface CommitClock {
  readonly now: () => number;
  readonly setTimeout: (run: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
  /** Runs on the next frame; a hidden page gets no frames, so nothing runs until it is shown. */
  readonly onFrame: (run: () => void) => unknown;
  readonly cancelFrame: (handle: unknown) => void;
}

/**
 * Coalesces requests into commits: the first after a quiet spell runs on the next frame, and while
 * requests keep coming (a run streaming in, an event batch every 250 ms) at most one commit runs
 * per `intervalMs`. Each commit takes whatever changed since the one before.
 */
export function commitThrottle(commit: () => void, intervalMs: number, clock: CommitClock): CommitThrottle {
  let lastMs = Number.NEGATIVE_INFINITY;
  let timer: unknown;
  let frame: unknown;
  const run = () => {
    frame = undefined;
    lastMs = clock.now();
    commit();
  };
  return {
    request: () => {
      if (timer !== undefined || frame !== undefined) return;
      const waitMs = lastMs + intervalMs - clock.now();
      if (waitMs <= 0) {
        frame = clock.onFrame(run);
        return;
      }
      timer = clock.setTimeout(() => {
        timer = undefined;
        frame = clock.onFrame(run);
      }, waitMs);
    },
    cancel: () => {
      if (timer !== undefined) clock.clearTimeout(timer);
      if (frame !== undefined) clock.cancelFrame(frame);
      timer = undefined;
      frame = undefined;
    },
  };
}
