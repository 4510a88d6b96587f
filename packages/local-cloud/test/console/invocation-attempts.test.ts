import { InvocationTracker, summaryOf } from '../../src/console/invocation-tracker';
import { endLine, reportLine, startLine } from '../../src/lambda/platform-lines';

const LOG_GROUP = '/aws/lambda/Stack-Notify';
const FUNCTION_NAME = 'Stack-Notify';
const LANE_A = '2026/01/01/[$LATEST]aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const LANE_B = '2026/01/01/[$LATEST]bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const INVOKE_ERROR = '2026-01-01T00:00:00.000Z\tr-1\tERROR\tInvoke Error \t{"errorType":"Error"}';

/** A tracker of one function, with the ids it was told of, and a writer of one attempt's lines. */
function trackerWorld() {
  const changed: string[] = [];
  const tracker = new InvocationTracker({
    functionsByLogGroup: new Map([[LOG_GROUP, FUNCTION_NAME]]),
    queuesByMapping: new Map(),
    maxInvocations: 100,
    maxRememberedMessages: 100,
    onChange: (id) => changed.push(id),
  });
  let position = 0;
  let now = 1_000;
  const write = (stream: string, lines: readonly string[]) => {
    for (const line of lines) {
      now += 10;
      position += 1;
      tracker.logLine(LOG_GROUP, stream, now, line, position);
    }
  };
  const attempt = (stream: string, requestId: string, fails: boolean) =>
    write(stream, [
      startLine(requestId),
      ...(fails ? [INVOKE_ERROR] : []),
      endLine(requestId),
      reportLine({ requestId, durationMs: 5, billedDurationMs: 5, memorySizeMb: 128, maxMemoryUsedMb: 60 }),
    ]);
  return { tracker, changed, write, attempt };
}

function found(tracker: InvocationTracker, id: string) {
  const invocation = tracker.get(id);
  if (invocation === undefined) throw new Error(`no invocation ${id} was kept`);
  return invocation;
}

describe('InvocationTracker, for a request Lambda retried with the same request id', () => {
  test('keeps each attempt as its own invocation, in the lane that ran it, with its own outcome', () => {
    const { tracker, attempt } = trackerWorld();
    attempt(LANE_A, 'r-1', true);
    attempt(LANE_B, 'r-1', true);
    attempt(LANE_A, 'r-1', false);

    const summaries = Array.from(tracker.all(), summaryOf);

    expect(
      summaries.map(({ requestId, attempt, attempts, logStreamName, outcome }) => ({
        requestId,
        attempt,
        attempts,
        logStreamName,
        outcome,
      })),
    ).toStrictEqual([
      { requestId: 'r-1', attempt: 1, attempts: 3, logStreamName: LANE_A, outcome: 'error' },
      { requestId: 'r-1', attempt: 2, attempts: 3, logStreamName: LANE_B, outcome: 'error' },
      { requestId: 'r-1', attempt: 3, attempts: 3, logStreamName: LANE_A, outcome: 'success' },
    ]);
    expect(summaries.every((summary) => summary.endMs !== undefined && summary.endMs > summary.startMs)).toBe(
      true,
    );
  });

  test('finds each attempt by its id: the request id for the first, `<requestId>:<n>` for the n-th', () => {
    const { tracker, attempt } = trackerWorld();
    attempt(LANE_A, 'r-1', true);
    attempt(LANE_B, 'r-1', false);

    expect(tracker.get('r-1')?.attempt).toBe(1);
    expect(tracker.get('r-1:2')?.attempt).toBe(2);
    expect(tracker.get('r-1:3')).toBeUndefined();
    expect(tracker.latestAttempt('r-1')?.attempt).toBe(2);
    // Each attempt keeps its own lines: the second one's START comes after the first one's REPORT.
    expect(tracker.get('r-1:2')?.firstPosition).toBeGreaterThan(tracker.get('r-1')?.lastPosition ?? Infinity);
  });

  test('a request that ran once has no attempt fields, as before', () => {
    const { tracker, attempt } = trackerWorld();
    attempt(LANE_A, 'r-1', false);

    const summary = summaryOf(found(tracker, 'r-1'));

    expect(summary).not.toHaveProperty('attempt');
    expect(summary).not.toHaveProperty('attempts');
  });

  test('tells the new attempt, and the earlier ones again since their count of attempts changed', () => {
    const { tracker, changed, write, attempt } = trackerWorld();
    attempt(LANE_A, 'r-1', true);
    changed.length = 0;

    write(LANE_B, [startLine('r-1')]);

    expect(changed).toStrictEqual(['r-1:2', 'r-1']);
    expect(summaryOf(found(tracker, 'r-1:2')).outcome).toBe('running');
  });
});
