import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Clock, ManualClock, scaledClock } from '../../src/clock';
import {
  type AsyncAttempt,
  type AsyncInvocationOutcome,
  AsyncInvocationQueue,
  type AsyncInvocationQueueOptions,
  type InvocationResult,
  TooManyRequestsException,
} from '../../src/lambda';

const FUNCTION_NAME = 'OrderPipeline-GenerateOrders';

/** A result as LambdaService gives it, failed or not. */
function resultFactory(requestId: string, failed: boolean, attempt: number): InvocationResult {
  return {
    requestId,
    functionName: FUNCTION_NAME,
    logStreamName: `2026/01/01/[$LATEST]stream${attempt}`,
    payload: failed ? { errorType: 'OrderRejectedError', errorMessage: 'no orders today' } : 'done',
    ...(failed
      ? {
          functionError: 'Unhandled' as const,
          error: { errorType: 'OrderRejectedError', errorMessage: 'no orders today', stack: [] },
        }
      : {}),
    coldStart: attempt === 1,
    durationMs: 1,
    billedDurationMs: 1,
    maxMemoryUsedMb: 64,
    timedOut: false,
  };
}

interface Recorder {
  readonly invocations: { readonly at: number; readonly requestId: string }[];
  readonly lines: { readonly logStreamName?: string; readonly message: string }[];
  readonly attempts: AsyncAttempt[];
  readonly outcomes: AsyncInvocationOutcome[];
}

/** A queue over a fake function whose n-th run fails when `fails(n)` says so; everything is recorded. */
function queueOver(
  clock: Clock,
  fails: (run: number) => boolean | 'throttle',
  settings: Pick<
    AsyncInvocationQueueOptions,
    'maximumRetryAttempts' | 'maximumEventAgeSeconds' | 'journalFile'
  > = {},
): { queue: AsyncInvocationQueue; recorder: Recorder } {
  const recorder: Recorder = { invocations: [], lines: [], attempts: [], outcomes: [] };
  const queue = new AsyncInvocationQueue({
    ...settings,
    clock,
    invoke: async (functionName, _payload, requestId) => {
      recorder.invocations.push({ at: clock.now(), requestId });
      const run = recorder.invocations.length;
      const verdict = fails(run);
      if (verdict === 'throttle') throw new TooManyRequestsException(functionName, 1);
      return resultFactory(requestId, verdict, run);
    },
    log: (_functionName, logStreamName, message) => recorder.lines.push({ logStreamName, message }),
    onAttempt: (_requestId, attempt) => recorder.attempts.push(attempt),
    onSettled: (outcome) => recorder.outcomes.push(outcome),
  });
  return { queue, recorder };
}

/** Lets the queue's promises run (the fake invoke resolves at once). */
const settle = () => sleep(5);

describe('AsyncInvocationQueue', () => {
  test('retries a failing function twice, one then two cloud minutes apart, then discards the event', async () => {
    const clock = new ManualClock();
    const { queue, recorder } = queueOver(clock, () => true);
    const start = clock.now();

    const requestId = queue.enqueue(FUNCTION_NAME, { count: 1 });
    await settle();
    clock.advance(59_999);
    await settle();
    const beforeFirstRetry = recorder.invocations.length;
    clock.advance(1);
    await settle();
    clock.advance(119_999);
    await settle();
    const beforeSecondRetry = recorder.invocations.length;
    clock.advance(1);
    await settle();
    clock.advance(24 * 60 * 60_000);
    await settle();

    expect(beforeFirstRetry).toBe(1);
    expect(beforeSecondRetry).toBe(2);
    expect(recorder.invocations).toStrictEqual([
      { at: start, requestId },
      { at: start + 60_000, requestId },
      { at: start + 180_000, requestId },
    ]);
    expect(recorder.outcomes).toStrictEqual([
      { requestId, functionName: FUNCTION_NAME, status: 'failed', attempts: recorder.attempts },
    ]);
    expect(recorder.lines.map((line) => line.message)).toStrictEqual([
      `ASYNC RequestId: ${requestId}\tAttempt 1 of 3 failed: OrderRejectedError: no orders today\tNext attempt in 60 s`,
      `ASYNC RequestId: ${requestId}\tAttempt 2 of 3 failed: OrderRejectedError: no orders today\tNext attempt in 120 s`,
      `ASYNC RequestId: ${requestId}\tAttempt 3 of 3 failed: OrderRejectedError: no orders today\tEvent discarded: no retries left (MaximumRetryAttempts 2)`,
    ]);
    expect(recorder.lines.map((line) => line.logStreamName)).toStrictEqual(
      recorder.attempts.map((attempt) => attempt.logStreamName),
    );
    expect(queue.pending).toBe(0);
  });

  test('stops retrying once an attempt succeeds', async () => {
    const clock = new ManualClock();
    const { queue, recorder } = queueOver(clock, (run) => run === 1);

    queue.enqueue(FUNCTION_NAME, {});
    await settle();
    clock.advance(60_000);
    await settle();
    clock.advance(10 * 60_000);
    await settle();

    expect(recorder.invocations).toHaveLength(2);
    expect(recorder.outcomes.map((outcome) => outcome.status)).toStrictEqual(['succeeded']);
    expect(recorder.attempts.map((attempt) => attempt.error)).toStrictEqual([
      'OrderRejectedError: no orders today',
      undefined,
    ]);
  });

  test('with MaximumRetryAttempts 0, runs a failing function once', async () => {
    const clock = new ManualClock();
    const { queue, recorder } = queueOver(clock, () => true, { maximumRetryAttempts: 0 });

    queue.enqueue(FUNCTION_NAME, {});
    await settle();
    clock.advance(10 * 60_000);
    await settle();

    expect(recorder.invocations).toHaveLength(1);
    expect(recorder.lines.at(-1)?.message).toMatch(/Attempt 1 of 1 failed: .*Event discarded/);
  });

  test('drops an event older than MaximumEventAgeInSeconds when its retry comes, and logs why', async () => {
    const clock = new ManualClock();
    const { queue, recorder } = queueOver(clock, () => true, { maximumEventAgeSeconds: 90 });

    const requestId = queue.enqueue(FUNCTION_NAME, {});
    await settle();
    clock.advance(60_000);
    await settle();
    clock.advance(120_000);
    await settle();

    expect(recorder.invocations).toHaveLength(2);
    expect(recorder.outcomes.map((outcome) => outcome.status)).toStrictEqual(['expired']);
    expect(recorder.lines.at(-1)).toStrictEqual({
      logStreamName: recorder.attempts[1].logStreamName,
      message: `ASYNC RequestId: ${requestId}\tEvent dropped: it is 180 s old, over MaximumEventAgeInSeconds 90, after 2 attempt(s)`,
    });
  });

  test('retries a throttled event with a growing backoff, without using up its retries', async () => {
    const clock = new ManualClock();
    const { queue, recorder } = queueOver(clock, (run) => (run <= 3 ? 'throttle' : false));
    const start = clock.now();

    queue.enqueue(FUNCTION_NAME, {});
    for (const step of [1000, 2000, 4000]) {
      await settle();
      clock.advance(step);
    }
    await settle();

    expect(recorder.invocations.map((invocation) => invocation.at - start)).toStrictEqual([
      0, 1000, 3000, 7000,
    ]);
    expect(recorder.attempts).toHaveLength(1);
    expect(recorder.outcomes.map((outcome) => outcome.status)).toStrictEqual(['succeeded']);
  });

  test('on a time-scaled clock, the waits between attempts shrink by the scale', async () => {
    const scale = 1200;
    const clock = scaledClock(scale);
    const { queue, recorder } = queueOver(clock, () => true);
    const realStart = Date.now();

    queue.enqueue(FUNCTION_NAME, {});
    const deadline = Date.now() + 10_000;
    while (recorder.outcomes.length === 0 && Date.now() < deadline) await sleep(10);
    const realElapsed = Date.now() - realStart;

    const cloudGaps = recorder.invocations
      .slice(1)
      .map((invocation, index) => invocation.at - recorder.invocations[index].at);
    expect(recorder.outcomes.map((outcome) => outcome.status)).toStrictEqual(['failed']);
    expect(cloudGaps[0]).toBeGreaterThanOrEqual(60_000);
    expect(cloudGaps[1]).toBeGreaterThanOrEqual(120_000);
    // 3 cloud minutes are 150 real ms at this scale; a busy machine may add a few seconds, not minutes.
    expect(realElapsed).toBeGreaterThanOrEqual(180_000 / scale);
    expect(realElapsed).toBeLessThan(10_000);
  });

  test('stop() drops the events waiting for a retry', async () => {
    const clock = new ManualClock();
    const { queue, recorder } = queueOver(clock, () => true);

    queue.enqueue(FUNCTION_NAME, {});
    await settle();
    await queue.stop();
    clock.advance(10 * 60_000);
    await settle();

    expect(recorder.invocations).toHaveLength(1);
    expect(recorder.outcomes.map((outcome) => outcome.status)).toStrictEqual(['cancelled']);
    expect(queue.pending).toBe(0);
  });

  describe('with a journal file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'async-journal-'));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    test('an accepted event survives a kill -9 and resumes with the retries it had left', async () => {
      const journalFile = join(folder, 'killed.jsonl');
      const before = new ManualClock();
      const killed = queueOver(before, () => true, { journalFile });
      const requestId = killed.queue.enqueue(FUNCTION_NAME, { count: 1 });
      await settle();
      // The process dies here: no stop(), the first queue is simply abandoned.
      const after = new ManualClock(before.now());
      const resumed = queueOver(after, () => true, { journalFile });
      const pendingAfterRestart = resumed.queue.pending;
      after.advance(60_000);
      await settle();
      after.advance(120_000);
      await settle();
      const again = queueOver(new ManualClock(after.now()), () => true, { journalFile });

      expect(killed.recorder.attempts.map((attempt) => attempt.attempt)).toStrictEqual([1]);
      expect(pendingAfterRestart).toBe(1);
      expect(resumed.recorder.invocations).toStrictEqual([
        { at: before.now() + 60_000, requestId },
        { at: before.now() + 180_000, requestId },
      ]);
      expect(resumed.recorder.attempts.map((attempt) => attempt.attempt)).toStrictEqual([2, 3]);
      expect(resumed.recorder.lines.at(-1)?.message).toMatch(/Attempt 3 of 3 failed: .*Event discarded/);
      expect(again.queue.pending).toBe(0);
      await Promise.all([killed.queue, resumed.queue, again.queue].map((queue) => queue.stop()));
    });

    test('stop() keeps the waiting events for the next start; a torn last line is skipped', async () => {
      const journalFile = join(folder, 'stopped.jsonl');
      const clock = new ManualClock();
      const first = queueOver(clock, (run) => run === 1, { journalFile });
      const requestId = first.queue.enqueue(FUNCTION_NAME, {});
      await settle();
      await first.queue.stop();
      appendFileSync(journalFile, '{"type":"enqueued","requestId":"torn');
      const next = queueOver(clock, () => false, { journalFile });
      clock.advance(60_000);
      await settle();

      expect(first.recorder.outcomes.map((outcome) => outcome.status)).toStrictEqual(['cancelled']);
      expect(next.recorder.invocations).toStrictEqual([{ at: clock.now(), requestId }]);
      expect(next.recorder.outcomes.map((outcome) => outcome.status)).toStrictEqual(['succeeded']);
      await next.queue.stop();
    });
  });

  test('fails if MaximumRetryAttempts or MaximumEventAgeInSeconds is outside what Lambda allows', () => {
    const create =
      (settings: Pick<AsyncInvocationQueueOptions, 'maximumRetryAttempts' | 'maximumEventAgeSeconds'>) =>
      () =>
        queueOver(new ManualClock(), () => false, settings);

    expect(create({ maximumRetryAttempts: 3, maximumEventAgeSeconds: 59 })).toThrow(
      /MaximumRetryAttempts must be a whole number between 0 and 2 \(given 3\); MaximumEventAgeInSeconds must be a whole number between 60 and 21600 \(given 59\)/,
    );
  });
});
