import { setTimeout as sleep } from 'node:timers/promises';
import { ManualClock } from '../../src/clock';
import { AsyncInvocationQueue, type InvocationResult } from '../../src/lambda';
import type { AsyncFailureTargets, AsyncFunctionSettings } from '../../src/lambda/async-destinations';
import type { DeadLetterAttribute } from '../../src/lambda/async-invocation-record';

const FAILING = 'Shop-Fulfil';
const FAILING_ARN = `arn:aws:lambda:us-east-1:000000000000:function:${FAILING}`;
const DLQ = 'arn:aws:sqs:us-east-1:000000000000:Shop-FulfilDlq';
const FAILURE_TOPIC = 'arn:aws:sns:us-east-1:000000000000:Shop-Failures';
const AUDIT_FUNCTION = 'arn:aws:lambda:us-east-1:000000000000:function:Shop-Audit';
const EVENT = { Records: [{ Sns: { Message: 'order 42' } }] };
const ERROR_PAYLOAD = { errorType: 'OutOfStockError', errorMessage: 'no parcels left', trace: [] };

/** What the fake targets were sent, in order. */
interface Sent {
  readonly to: string;
  readonly body: unknown;
  readonly attributes?: Readonly<Record<string, DeadLetterAttribute>>;
}

/** Targets that record every send, and refuse those to `refused`. */
function recordingTargets(sent: Sent[], refused: readonly string[] = []): AsyncFailureTargets {
  const record = (to: string, body: unknown, attributes?: Readonly<Record<string, DeadLetterAttribute>>) => {
    if (refused.includes(to)) throw new Error(`${to} does not exist`);
    sent.push({ to, body, ...(attributes === undefined ? {} : { attributes }) });
  };
  return {
    sendToQueue: (arn, body, attributes) => record(arn, JSON.parse(body), attributes),
    publishToTopic: (arn, message, attributes) => record(arn, JSON.parse(message), attributes),
    invokeFunction: (arn, payload) => record(arn, payload),
  };
}

/** A function that fails every attempt, or succeeds with `'shipped'` when `succeeds`. */
function answer(functionName: string, requestId: string, succeeds = false): InvocationResult {
  return {
    requestId,
    functionName,
    logStreamName: '2026/12/03/[$LATEST]fulfil',
    payload: succeeds ? 'shipped' : ERROR_PAYLOAD,
    ...(succeeds
      ? {}
      : { functionError: 'Unhandled' as const, error: { ...ERROR_PAYLOAD, stack: [] as string[] } }),
    coldStart: false,
    durationMs: 1,
    billedDurationMs: 1,
    maxMemoryUsedMb: 64,
    timedOut: false,
  };
}

interface Harness {
  readonly queue: AsyncInvocationQueue;
  readonly clock: ManualClock;
  readonly sent: Sent[];
  readonly lines: string[];
  readonly problems: string[];
  /** Attempts made, by function. */
  readonly runs: Map<string, number>;
}

function harness(
  settings: Record<string, AsyncFunctionSettings>,
  options: { refused?: readonly string[]; succeeds?: boolean; withTargets?: boolean } = {},
): Harness {
  const clock = new ManualClock();
  const sent: Sent[] = [];
  const lines: string[] = [];
  const problems: string[] = [];
  const runs = new Map<string, number>();
  const queue = new AsyncInvocationQueue({
    clock,
    invoke: async (functionName, _payload, requestId) => {
      runs.set(functionName, (runs.get(functionName) ?? 0) + 1);
      return answer(functionName, requestId, options.succeeds);
    },
    log: (_functionName, _stream, message) => lines.push(message),
    functionSettings: (functionName) => settings[functionName] ?? {},
    targets: options.withTargets === false ? undefined : recordingTargets(sent, options.refused),
    onProblem: (message) => problems.push(message),
  });
  return { queue, clock, sent, lines, problems, runs };
}

/** Lets the queue's promises run, then moves cloud time on, `times` times. */
async function runFor(clock: ManualClock, stepMs: number, times: number): Promise<void> {
  for (let step = 0; step < times; step++) {
    await sleep(5);
    clock.advance(stepMs);
  }
  await sleep(5);
}

describe("the asynchronous queue's dead-letter queues and destinations", () => {
  test("a failed event goes to the function's dead-letter queue: the event as body, RequestID, ErrorCode, ErrorMessage", async () => {
    const { queue, clock, sent, lines, problems, runs } = harness({
      [FAILING]: { functionArn: FAILING_ARN, maximumRetryAttempts: 0, deadLetterTargetArn: DLQ },
    });

    const requestId = queue.enqueue(FAILING, EVENT);
    await runFor(clock, 60_000, 3);

    expect(runs.get(FAILING)).toBe(1);
    expect(sent).toStrictEqual([
      {
        to: DLQ,
        body: EVENT,
        attributes: {
          RequestID: { DataType: 'String', StringValue: requestId },
          ErrorCode: { DataType: 'Number', StringValue: '200' },
          ErrorMessage: { DataType: 'String', StringValue: 'no parcels left' },
        },
      },
    ]);
    expect(lines).toStrictEqual([
      `ASYNC RequestId: ${requestId}\tAttempt 1 of 1 failed: OutOfStockError: no parcels left\tEvent sent to dead-letter queue ${DLQ}: no retries left (MaximumRetryAttempts 0)`,
    ]);
    expect(problems).toStrictEqual([]);
    expect(queue.pending).toBe(0);
  });

  test("an on-failure destination gets Lambda's invocation record, and the dead-letter queue the event too", async () => {
    const { queue, clock, sent, lines } = harness({
      [FAILING]: {
        functionArn: FAILING_ARN,
        maximumRetryAttempts: 1,
        onFailure: AUDIT_FUNCTION,
        deadLetterTargetArn: DLQ,
      },
    });
    const start = clock.now();

    const requestId = queue.enqueue(FAILING, EVENT);
    await runFor(clock, 60_000, 2);

    expect(sent.map((send) => send.to)).toStrictEqual([AUDIT_FUNCTION, DLQ]);
    expect(sent[0].body).toStrictEqual({
      version: '1.0',
      timestamp: new Date(start + 60_000).toISOString(),
      requestContext: {
        requestId,
        functionArn: `${FAILING_ARN}:$LATEST`,
        condition: 'RetriesExhausted',
        approximateInvokeCount: 2,
      },
      requestPayload: EVENT,
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: ERROR_PAYLOAD,
    });
    expect(lines.at(-1)).toBe(
      `ASYNC RequestId: ${requestId}\tAttempt 2 of 2 failed: OutOfStockError: no parcels left\tEvent sent to on-failure destination ${AUDIT_FUNCTION} and dead-letter queue ${DLQ}: no retries left (MaximumRetryAttempts 1)`,
    );
  });

  test("each function has its own MaximumRetryAttempts; others keep the queue's", async () => {
    const { queue, clock, runs } = harness({ [FAILING]: { maximumRetryAttempts: 1 } });

    queue.enqueue(FAILING, EVENT);
    queue.enqueue('Shop-Other', EVENT);
    await runFor(clock, 60_000, 6);

    expect(Object.fromEntries(runs)).toStrictEqual({ [FAILING]: 2, 'Shop-Other': 3 });
  });

  test('an event older than its function’s MaximumEventAgeInSeconds goes to the on-failure destination as EventAgeExceeded', async () => {
    const { queue, clock, sent, lines } = harness({
      [FAILING]: { functionArn: FAILING_ARN, maximumEventAgeSeconds: 60, onFailure: FAILURE_TOPIC },
    });

    const requestId = queue.enqueue(FAILING, EVENT);
    // The first retry, 60 s in, still runs; the second is due 180 s in, when the event is too old.
    await runFor(clock, 60_000, 4);

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      to: FAILURE_TOPIC,
      body: {
        requestContext: { requestId, condition: 'EventAgeExceeded', approximateInvokeCount: 2 },
        responseContext: { functionError: 'Unhandled' },
      },
    });
    expect(lines.at(-1)).toBe(
      `ASYNC RequestId: ${requestId}\tEvent sent to on-failure destination ${FAILURE_TOPIC}: it is 180 s old, over MaximumEventAgeInSeconds 60, after 2 attempt(s)`,
    );
  });

  test('a failed event with nowhere to go keeps its Event discarded line and is told to onProblem', async () => {
    const { queue, clock, lines, problems } = harness({ [FAILING]: { maximumRetryAttempts: 0 } });

    const requestId = queue.enqueue(FAILING, EVENT);
    await runFor(clock, 60_000, 1);

    expect(lines).toStrictEqual([
      `ASYNC RequestId: ${requestId}\tAttempt 1 of 1 failed: OutOfStockError: no parcels left\tEvent discarded: no retries left (MaximumRetryAttempts 0)`,
    ]);
    expect(problems).toStrictEqual([
      `Lambda ${FAILING}: asynchronous invocation ${requestId} LOST (no retries left (MaximumRetryAttempts 0)): the function has no dead-letter queue or on-failure destination`,
    ]);
  });

  test('a dead-letter queue that refuses the event, or an EventBridge destination, is said in the line and to onProblem', async () => {
    const bus = 'arn:aws:events:us-east-1:000000000000:event-bus/default';
    const { queue, clock, lines, problems, sent } = harness(
      { [FAILING]: { maximumRetryAttempts: 0, deadLetterTargetArn: DLQ, onFailure: bus } },
      { refused: [DLQ] },
    );

    const requestId = queue.enqueue(FAILING, EVENT);
    await runFor(clock, 60_000, 1);

    const failures = `sending it to on-failure destination ${bus} failed: AsyncDestinationNotEmulatedError: ${bus} is not emulated locally; sending it to dead-letter queue ${DLQ} failed: Error: ${DLQ} does not exist`;
    expect(sent).toStrictEqual([]);
    expect(lines).toStrictEqual([
      `ASYNC RequestId: ${requestId}\tAttempt 1 of 1 failed: OutOfStockError: no parcels left\tEvent discarded: no retries left (MaximumRetryAttempts 0); ${failures}`,
    ]);
    expect(problems).toStrictEqual([
      `Lambda ${FAILING}: asynchronous invocation ${requestId} LOST (no retries left (MaximumRetryAttempts 0)): ${failures}`,
    ]);
  });

  test('a success goes to the on-success destination as a Success record', async () => {
    const { queue, clock, sent, lines, problems } = harness(
      { [FAILING]: { functionArn: FAILING_ARN, onSuccess: FAILURE_TOPIC } },
      { succeeds: true },
    );

    const requestId = queue.enqueue(FAILING, EVENT);
    await runFor(clock, 1000, 1);

    expect(sent[0]).toMatchObject({
      to: FAILURE_TOPIC,
      body: {
        requestContext: { requestId, condition: 'Success', approximateInvokeCount: 1 },
        responseContext: { statusCode: 200, executedVersion: '$LATEST' },
        responsePayload: 'shipped',
      },
    });
    expect(sent[0].body).not.toHaveProperty('responseContext.functionError');
    expect(lines).toStrictEqual([
      `ASYNC RequestId: ${requestId}\tEvent sent to on-success destination ${FAILURE_TOPIC}: the invocation succeeded`,
    ]);
    expect(problems).toStrictEqual([]);
  });

  test('without targets, a configured dead-letter queue fails loudly rather than silently', async () => {
    const { queue, clock, problems } = harness(
      { [FAILING]: { maximumRetryAttempts: 0, deadLetterTargetArn: DLQ } },
      { withTargets: false },
    );

    queue.enqueue(FAILING, EVENT);
    await runFor(clock, 60_000, 1);

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('AsyncTargetsMissingError');
  });
});
