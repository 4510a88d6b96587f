import { ManualClock } from '../../src/clock';
import {
  type HeldMessage,
  holdWhileInvoking,
  type VisibilityChange,
} from '../../src/event-source-mapping/visibility-hold';

/** Real time that a test moves, and a cloud clock running `scale` times faster than it. */
function clocksAt(scale: number) {
  const real = new ManualClock(1_000_000);
  const realOrigin = real.now();
  const cloudOrigin = Date.UTC(2026, 11, 3);
  const cloud = { now: () => cloudOrigin + (real.now() - realOrigin) * scale, scale };
  return { real, cloud };
}

function recorder() {
  const changes: VisibilityChange[][] = [];
  const changeVisibility = async (batch: readonly VisibilityChange[]) => {
    changes.push([...batch]);
  };
  return { changes, changeVisibility };
}

function message(receiptHandle: string, receivedAt: number): HeldMessage {
  return { receiptHandle, receivedAt };
}

describe('holdWhileInvoking', () => {
  test('sends nothing when the invocation settles before half the real time left on the visibility timeout', async () => {
    const clocks = clocksAt(10);
    const { changes, changeVisibility } = recorder();
    const received = message('a', clocks.cloud.now());

    const hold = holdWhileInvoking([received], 60, clocks, changeVisibility);
    clocks.real.advance(2_999);
    await hold.release([received]);

    expect(hold.held).toBe(false);
    expect(changes).toStrictEqual([]);
  });

  test('keeps messages invisible until the cloud time before the invocation plus its real running time reach the visibility timeout', () => {
    const clocks = clocksAt(10);
    const { changes, changeVisibility } = recorder();
    // received 5 cloud seconds before the invocation started (a batching window)
    const first = message('a', clocks.cloud.now() - 5_000);
    const second = message('b', clocks.cloud.now());

    const hold = holdWhileInvoking([first, second], 60, clocks, changeVisibility);
    // half of the 55 cloud seconds left on the first, in real time at scale 10
    clocks.real.advance(2_749);
    expect(changes).toStrictEqual([]);
    clocks.real.advance(1);

    expect(hold.held).toBe(true);
    // 55 s - 2.75 real s = 52.25 s of real time left, 522.5 cloud s at scale 10
    expect(changes).toStrictEqual([
      [
        { receiptHandle: 'a', visibilityTimeoutSeconds: 523 },
        { receiptHandle: 'b', visibilityTimeoutSeconds: 573 },
      ],
    ]);
  });

  test('a deadline less than two real seconds away is held a second before it, or at once: a busy machine runs timers late', () => {
    const clocks = clocksAt(10);
    const { changes, changeVisibility } = recorder();
    // 15 cloud seconds at scale 10: 1.5 real seconds, so held 0.5 s in, not 0.75 s
    const first = message('a', clocks.cloud.now());
    holdWhileInvoking([first], 15, clocks, changeVisibility);
    clocks.real.advance(499);
    expect(changes).toStrictEqual([]);
    clocks.real.advance(1);
    // the 14.5 real seconds left of its 15, as cloud seconds at scale 10
    expect(changes).toStrictEqual([[{ receiptHandle: 'a', visibilityTimeoutSeconds: 145 }]]);

    // 10 cloud seconds: 1 real second, held at once
    const second = message('b', clocks.cloud.now());
    holdWhileInvoking([second], 10, clocks, changeVisibility);
    clocks.real.advance(0);
    expect(changes).toHaveLength(2);
  });

  test('a held message that fails after its cloud deadline passed becomes visible at once', async () => {
    const clocks = clocksAt(10);
    const { changes, changeVisibility } = recorder();
    const received = message('a', clocks.cloud.now());
    const hold = holdWhileInvoking([received], 65, clocks, changeVisibility);

    // a 10 s timeout: 100 cloud seconds
    clocks.real.advance(10_000);
    await hold.release([received]);

    expect(changes.at(-1)).toStrictEqual([{ receiptHandle: 'a', visibilityTimeoutSeconds: 0 }]);
  });

  test('a held message that fails before its cloud deadline keeps what is left of it', async () => {
    const clocks = clocksAt(10);
    const { changes, changeVisibility } = recorder();
    const received = message('a', clocks.cloud.now());
    const hold = holdWhileInvoking([received], 65, clocks, changeVisibility);

    clocks.real.advance(4_000);
    await hold.release([received]);

    expect(changes).toHaveLength(2);
    expect(changes[1]).toStrictEqual([{ receiptHandle: 'a', visibilityTimeoutSeconds: 25 }]);
  });

  test('deleted messages are left alone on release', async () => {
    const clocks = clocksAt(10);
    const { changes, changeVisibility } = recorder();
    const received = message('a', clocks.cloud.now());
    const hold = holdWhileInvoking([received], 65, clocks, changeVisibility);

    clocks.real.advance(4_000);
    await hold.release([]);

    expect(changes).toHaveLength(1);
  });

  test('a visibility timeout shorter than the processing still lets the message come back while the invocation runs, as on AWS', async () => {
    const clocks = clocksAt(5);
    const { changes, changeVisibility } = recorder();
    const received = message('a', clocks.cloud.now());
    const hold = holdWhileInvoking([received], 1, clocks, changeVisibility);

    clocks.real.advance(100);
    // 900 real ms left of the 1 s: 4.5 cloud s, rounded up to SQS's whole seconds
    expect(changes).toStrictEqual([[{ receiptHandle: 'a', visibilityTimeoutSeconds: 5 }]]);
    // the invocation runs on past the real second: nothing more is held, nothing is released
    clocks.real.advance(1_500);
    await hold.release([received]);
    expect(changes).toHaveLength(1);
  });

  test('holds nothing at time scale 1, where cloud and real time agree', async () => {
    const clocks = clocksAt(1);
    const { changes, changeVisibility } = recorder();
    const received = message('a', clocks.cloud.now());
    const hold = holdWhileInvoking([received], 30, clocks, changeVisibility);

    clocks.real.advance(29_000);
    await hold.release([received]);

    expect(changes).toStrictEqual([]);
  });

  test("renews a hold that SQS's 12-hour cap on a visibility timeout cuts short", async () => {
    const clocks = clocksAt(1_200);
    const { changes, changeVisibility } = recorder();
    holdWhileInvoking([message('a', clocks.cloud.now())], 60, clocks, changeVisibility);

    clocks.real.advance(25);
    expect(changes).toStrictEqual([[{ receiptHandle: 'a', visibilityTimeoutSeconds: 43_200 }]]);
    // half of 12 cloud hours at scale 1,200
    clocks.real.advance(18_000);
    await new Promise(setImmediate);
    // 41,975 real ms still left: 50,370 cloud s, capped again
    expect(changes).toStrictEqual([
      [{ receiptHandle: 'a', visibilityTimeoutSeconds: 43_200 }],
      [{ receiptHandle: 'a', visibilityTimeoutSeconds: 43_200 }],
    ]);
  });
});
