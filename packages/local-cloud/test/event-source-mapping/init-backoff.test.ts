import { setTimeout as sleep } from 'node:timers/promises';
import { InitFailureBackoff, isInitFailure } from '../../src/event-source-mapping/init-backoff';
import type { InvocationOutcome } from '../../src/event-source-mapping/sqs-poller';
import { FakeQueue } from './fake-queue';
import { fastClock, pollerOn, settingsFor } from './poller-fixtures';

describe('InitFailureBackoff', () => {
  test('pauses 1 s after a failed init, twice as long after each one in a row, at most 60 s', () => {
    const backoff = new InitFailureBackoff();
    const pauses = Array.from({ length: 8 }, () => {
      backoff.record({ failedInit: true }, 0);
      return backoff.waitAt(0);
    });

    expect(pauses).toStrictEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
  });

  test('says a backoff started only on the first failed init in a row', () => {
    const backoff = new InitFailureBackoff();

    const started = [true, true, false, true].map((failedInit) => backoff.record({ failedInit }, 0).started);

    expect(started).toStrictEqual([true, false, false, true]);
  });

  test('a successful invocation ends the backoff', () => {
    const backoff = new InitFailureBackoff();
    backoff.record({ failedInit: true }, 0);

    backoff.record({ failedInit: false }, 10);

    expect([backoff.waitAt(10), backoff.consecutiveFailures]).toStrictEqual([0, 0]);
  });

  test.each([
    ["Runtime.ImportModuleError: Error: Cannot find module 'handler'", true],
    ['Runtime.HandlerNotFound: handler.main is undefined or not exported', true],
    ['Runtime.UserCodeSyntaxError: SyntaxError: Unexpected token', true],
    ['Runtime.MalformedHandlerName: Bad handler index', true],
    ['Error: the table is down', false],
    ['Sandbox.Timedout: RequestId: 1 Error: Task timed out after 10.00 seconds', false],
  ])('isInitFailure(%j) is %s', (error, expected) => {
    expect(isInitFailure(error)).toBe(expected);
  });
});

describe('SqsEventSourcePoller when the function cannot start', () => {
  const IMPORT_ERROR: InvocationOutcome = {
    status: 'failed',
    error: "Runtime.ImportModuleError: Error: Cannot find module 'handler'",
  };

  test('backs off instead of invoking in a tight loop, reports it once, and deletes nothing', async () => {
    const queue = new FakeQueue();
    queue.send(...Array.from({ length: 20 }, (_, i) => `order ${i}`));
    const problems: string[] = [];
    let invocations = 0;
    // 20 times real time: 12 cloud seconds in 600 ms, in which pauses of 1, 2, 4 and 8 s fit.
    const poller = pollerOn(queue, settingsFor({ batchSize: 1, maximumConcurrency: 2 }), {
      invoke: async () => {
        invocations += 1;
        return IMPORT_ERROR;
      },
      onProblem: (problem) => problems.push(problem),
      clock: fastClock(20),
    });

    poller.start();
    await sleep(600);
    await poller.stop();

    expect(invocations).toBeGreaterThanOrEqual(2);
    expect(invocations).toBeLessThanOrEqual(8);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/init failed \(Runtime\.ImportModuleError: .*\); backing off/);
    expect(queue.deletedIds).toStrictEqual([]);
  });

  test('a function that fails in its handler is not backed off', async () => {
    const queue = new FakeQueue();
    queue.send(...Array.from({ length: 20 }, (_, i) => `order ${i}`));
    let invocations = 0;
    const poller = pollerOn(queue, settingsFor({ batchSize: 1, maximumConcurrency: 2 }), {
      invoke: async () => {
        invocations += 1;
        return { status: 'failed', error: 'Error: the table is down' };
      },
      clock: fastClock(20),
    });

    poller.start();
    await sleep(600);
    await poller.stop();

    expect(invocations).toBe(20);
  });
});
