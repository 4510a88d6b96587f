/** A cancellable timer returned by {@link Clock.setTimer}. */
export interface TimerHandle {
  cancel(): void;
}

/** The error of a time scale that is not a positive finite number. */
export class InvalidTimeScaleError extends Error {
  constructor(public readonly scale: number) {
    super(`time scale must be a positive finite number, such as 1 or 10 (given ${scale})`);
    this.name = 'InvalidTimeScaleError';
  }
}

/**
 * The one time source of the local cloud's waits: visibility deadlines, delays, batching windows,
 * retries, alarm periods and retention all read it, so a time scale applies to every one of them
 * alike and tests can drive time. Every duration given to a clock is in *cloud* milliseconds (what
 * the template says); the clock turns it into real ones. Function code is not a wait: it runs at real
 * speed, so its timeout and init limit are timed in real time (`LambdaService`'s `executionClock`).
 */
export interface Clock {
  /** Cloud milliseconds since the epoch: `Date.now()` at scale 1. */
  now(): number;
  /** Calls `callback` once `delayMs` cloud milliseconds have passed; timers never keep the process alive. */
  setTimer(callback: () => void, delayMs: number): TimerHandle;
  /** Cloud milliseconds per real millisecond: 10 turns a 30 s timeout into 3 real seconds. */
  readonly scale: number;
  /** Resolves once `delayMs` milliseconds of cloud time have passed. */
  sleep(delayMs: number): Promise<void>;
}

/**
 * A clock that runs `scale` times faster than the wall clock, from the moment it is created. Its
 * timers are unref'ed (a pending deadline never keeps the process alive); `sleep` is not, since a
 * sleeping caller waits on purpose.
 *
 * @param startAt the cloud time it starts at, in epoch ms: a restart on kept state resumes from the
 *   cloud time the last run reached, so deadlines stored in cloud time keep their meaning.
 *   @default - the wall clock's now
 * @example
 * const clock = scaledClock(10);
 * clock.setTimer(expire, 30_000); // fires after 3 real seconds
 */
export function scaledClock(scale = 1, startAt?: number): Clock {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new InvalidTimeScaleError(scale);
  const realOrigin = Date.now();
  const cloudOrigin = startAt ?? realOrigin;
  const now =
    scale === 1 && startAt === undefined
      ? () => Date.now()
      : () => cloudOrigin + (Date.now() - realOrigin) * scale;
  return {
    scale,
    now,
    setTimer: (callback, delayMs) => {
      let timer: NodeJS.Timeout | undefined;
      whenReached(
        now,
        delayMs,
        (cloudMs, check) => {
          timer = setTimeout(check, cloudMs / scale);
          timer.unref();
        },
        callback,
      );
      return { cancel: () => clearTimeout(timer) };
    },
    sleep: (delayMs) =>
      new Promise((resolve) =>
        whenReached(now, delayMs, (cloudMs, check) => setTimeout(check, cloudMs / scale), resolve),
      ),
  };
}

/**
 * Runs `done` once `now()` has advanced by `delayMs` cloud milliseconds, waiting with `schedule`.
 * Node's timers run on a monotonic clock and may fire a millisecond before `Date.now()` says the
 * time has come, which a scale multiplies (1,200 cloud ms at scale 1,200): a timer that fires early
 * waits again for what is left, so no timeout, deadline or retry ever ends before its cloud time.
 */
function whenReached(
  now: () => number,
  delayMs: number,
  schedule: (cloudMs: number, check: () => void) => void,
  done: () => void,
): void {
  const until = now() + Math.max(0, delayMs);
  const check = () => {
    const left = until - now();
    if (left > 0) schedule(left, check);
    else done();
  };
  schedule(Math.max(0, delayMs), check);
}

/**
 * The line a local run states at startup, so nobody mistakes compressed time for real time.
 *
 * @example
 * timeScaleNotice(10);
 * // 'time scale 10: every visibility timeout, batching window, delay and retry runs 10 times faster (30 s last 3 s); function code runs in real time'
 */
export function timeScaleNotice(scale: number): string {
  if (scale === 1)
    return 'time scale 1: visibility timeouts, batching windows, delays and retries last as long as in AWS';
  const seconds = Number((30 / scale).toPrecision(3));
  return `time scale ${scale}: every visibility timeout, batching window, delay and retry runs ${scale} times faster (30 s last ${seconds} s); function code runs in real time`;
}

/** Wall-clock time, unscaled. */
export const systemClock: Clock = scaledClock(1);

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
 * const slept = clock.sleep(5_000);
 * clock.advance(5_000); // `slept` resolves now
 */
export class ManualClock implements Clock {
  public readonly scale = 1;
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

  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(resolve, delayMs));
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
