/** A cancellable timer returned by {@link Clock.setTimer}. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * The one source of time for the SQS model: visibility deadlines, delays, retention, long polls,
 * purge windows and deduplication windows all read it, so tests and a time-scaled local cloud can
 * drive time without touching the model.
 */
export interface Clock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number;
  /** Calls `callback` once `delayMs` milliseconds of this clock's time have passed. */
  setTimer(callback: () => void, delayMs: number): TimerHandle;
}

/** Wall-clock time. Timers are unref'ed: a pending visibility deadline never keeps a process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, delayMs) {
    const timer = setTimeout(callback, Math.max(0, delayMs));
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

/** The error of a time scale that is not a positive finite number. */
export class InvalidTimeScaleError extends Error {
  constructor(public readonly scale: number) {
    super(`time scale must be a positive finite number, such as 1 or 10 (given ${scale})`);
    this.name = 'InvalidTimeScaleError';
  }
}

/**
 * A clock that runs `scale` times faster than the wall clock (a scale of 60 turns a 30 s visibility
 * timeout into half a real second), starting from the current wall-clock time.
 */
export function scaledClock(scale: number): Clock {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new InvalidTimeScaleError(scale);
  const origin = Date.now();
  return {
    now: () => origin + (Date.now() - origin) * scale,
    setTimer: (callback, delayMs) => systemClock.setTimer(callback, delayMs / scale),
  };
}

interface ManualTimer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/**
 * A clock that only moves when told to, for deterministic tests.
 *
 * @example
 * const clock = new ManualClock();
 * const server = await startSqsServer({ port: 0, clock });
 * clock.advance(31_000); // every visibility timeout of 30 s has now expired
 */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: ManualTimer[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const timer: ManualTimer = {
      at: this.current + Math.max(0, delayMs),
      seq: this.seq++,
      callback,
      cancelled: false,
    };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in deadline order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      this.timers = this.timers.filter((timer) => !timer.cancelled);
      const due = this.timers
        .filter((timer) => timer.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.current = Math.max(this.current, due.at);
      due.cancelled = true;
      due.callback();
    }
    this.current = target;
  }
}
