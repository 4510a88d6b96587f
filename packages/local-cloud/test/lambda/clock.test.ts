import { InvalidTimeScaleError, ManualClock, scaledClock, timeScaleNotice } from '../../src/clock';

describe('scaledClock', () => {
  test('fires a timer after the cloud delay divided by the scale', async () => {
    const clock = scaledClock(20);
    const started = Date.now();

    await new Promise<void>((resolve) => clock.setTimer(resolve, 2_000));

    const realMs = Date.now() - started;
    expect(realMs).toBeGreaterThanOrEqual(90);
    expect(realMs).toBeLessThan(1_000);
  });

  test('advances cloud time scale times faster than the wall clock', async () => {
    const clock = scaledClock(50);
    const before = clock.now();

    await new Promise((resolve) => setTimeout(resolve, 40));

    expect(clock.now() - before).toBeGreaterThanOrEqual(50 * 35);
  });

  test('sleep resolves after the scaled delay, and a cancelled timer never fires', async () => {
    const clock = scaledClock(100);
    let fired = false;
    clock
      .setTimer(() => {
        fired = true;
      }, 1_000)
      .cancel();

    await clock.sleep(3_000);

    expect(fired).toBe(false);
  });

  test('sleep never ends before its cloud delay has passed on the clock, at a high scale', async () => {
    const clock = scaledClock(1_200);
    const shortfalls: number[] = [];

    for (let index = 0; index < 20; index++) {
      const before = clock.now();
      await clock.sleep(60_000);
      shortfalls.push(Math.max(0, 60_000 - (clock.now() - before)));
    }

    expect(shortfalls).toStrictEqual(Array(20).fill(0));
  });

  test('a timer never fires before its cloud delay has passed on the clock, at a high scale', async () => {
    const clock = scaledClock(1_200);
    const shortfalls: number[] = [];

    for (let index = 0; index < 20; index++) {
      const before = clock.now();
      await new Promise<void>((resolve) => clock.setTimer(resolve, 60_000));
      shortfalls.push(Math.max(0, 60_000 - (clock.now() - before)));
    }

    expect(shortfalls).toStrictEqual(Array(20).fill(0));
  });

  test.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('fails if the scale is %p', (scale) => {
    expect(() => scaledClock(scale)).toThrow(InvalidTimeScaleError);
    expect(() => scaledClock(scale)).toThrow(/time scale must be a positive finite number/);
  });
});

describe('ManualClock', () => {
  test('fires due timers in deadline order when advanced, and only those', () => {
    const clock = new ManualClock(1_000);
    const fired: string[] = [];
    clock.setTimer(() => fired.push('late'), 300);
    clock.setTimer(() => fired.push('early'), 100);
    clock.setTimer(() => fired.push('never'), 1_000);

    clock.advance(500);

    expect(fired).toStrictEqual(['early', 'late']);
    expect(clock.now()).toBe(1_500);
  });

  test('sleep resolves when the clock is advanced past it', async () => {
    const clock = new ManualClock(0);
    let woke = false;
    const slept = clock.sleep(5_000).then(() => {
      woke = true;
    });

    clock.advance(4_999);
    await Promise.resolve();
    expect(woke).toBe(false);
    clock.advance(1);
    await slept;

    expect(woke).toBe(true);
  });

  test('a timer set by a firing timer fires in the same advance when it falls due', () => {
    const clock = new ManualClock(0);
    const fired: number[] = [];
    clock.setTimer(() => {
      fired.push(clock.now());
      clock.setTimer(() => fired.push(clock.now()), 50);
    }, 100);

    clock.advance(200);

    expect(fired).toStrictEqual([100, 150]);
  });
});

describe('timeScaleNotice', () => {
  test('states the scale, what it does to a 30 s wait, and that function code is not scaled', () => {
    expect(timeScaleNotice(10)).toBe(
      'time scale 10: every visibility timeout, batching window, delay and retry runs 10 times faster (30 s last 3 s); function code runs in real time',
    );
    expect(timeScaleNotice(1)).toMatch(/^time scale 1: .* last as long as in AWS$/);
  });
});
