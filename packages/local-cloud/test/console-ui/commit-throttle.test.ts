import { type CommitClock, commitThrottle } from '../../src/console/ui/commit-throttle';

/** A clock the test moves by hand: timers fire as it advances, frames when `frame()` is called. */
function manualClock() {
  let nowMs = 0;
  const timers: { atMs: number; run: () => void }[] = [];
  let frames: (() => void)[] = [];
  const clock: CommitClock = {
    now: () => nowMs,
    setTimeout: (run, ms) => {
      const timer = { atMs: nowMs + ms, run };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (handle) => timers.splice(timers.indexOf(handle as (typeof timers)[0]), 1),
    onFrame: (run) => {
      frames.push(run);
      return run;
    },
    cancelFrame: (handle) => {
      frames = frames.filter((run) => run !== handle);
    },
  };
  return {
    clock,
    advance(ms: number) {
      nowMs += ms;
      for (const timer of timers.filter((one) => one.atMs <= nowMs)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.run();
      }
    },
    frame() {
      const due = frames;
      frames = [];
      for (const run of due) run();
    },
  };
}

/** A throttle of 500 ms on a manual clock, and the commits it made. */
function throttled() {
  const time = manualClock();
  const commit = jest.fn();
  return { time, commit, throttle: commitThrottle(commit, 500, time.clock) };
}

describe('commitThrottle', () => {
  test('a first request commits on the next frame, once however many came before it', () => {
    const { time, commit, throttle } = throttled();

    throttle.request();
    throttle.request();
    expect(commit).not.toHaveBeenCalled();
    time.frame();

    expect(commit).toHaveBeenCalledTimes(1);
  });

  test('requests streaming in every 250 ms commit at most once per interval', () => {
    const time = manualClock();
    const commits: number[] = [];
    const throttle = commitThrottle(() => commits.push(time.clock.now()), 500, time.clock);

    for (let tick = 0; tick < 20; tick += 1) {
      throttle.request();
      time.frame();
      time.advance(250);
      time.frame();
    }

    // 20 requests over 5 s: a commit at 0 ms, then one every 500 ms up to the last request's.
    expect(commits).toStrictEqual([0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000]);
  });

  test('without frames (a hidden page) nothing commits; the pending commit runs on the next one', () => {
    const { time, commit, throttle } = throttled();
    throttle.request();
    time.frame();
    throttle.request();

    time.advance(10_000);
    throttle.request();
    expect(commit).toHaveBeenCalledTimes(1);
    time.frame();

    expect(commit).toHaveBeenCalledTimes(2);
  });

  test('cancel drops the pending commit', () => {
    const { time, commit, throttle } = throttled();
    throttle.request();

    throttle.cancel();
    time.frame();

    expect(commit).not.toHaveBeenCalled();
  });
});
