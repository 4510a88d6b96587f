import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActivityChange } from '../../src/console/activity-recorder';
import {
  FUNCTION_NAME,
  LOG_GROUP,
  MAPPING,
  type RecorderWorld,
  recorderWorld,
  settlement,
} from './recorder-fixture';

const LANE_A = '2026/01/01/[$LATEST]aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const LANE_B = '2026/01/01/[$LATEST]bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

describe('ActivityRecorder', () => {
  let world: RecorderWorld;

  beforeEach(() => {
    world = recorderWorld();
  });

  afterEach(() => world.close());

  test('makes one bar per invocation from START to END in its log stream, with the cold start init phase', () => {
    const startedAt = world.clock.now();
    world.invoke(LANE_A, 'r-1', { initStart: true });
    world.invoke(LANE_A, 'r-2');

    const { invocations } = world.recorder.timeline();

    expect(invocations).toStrictEqual([
      {
        requestId: 'r-1',
        functionName: FUNCTION_NAME,
        logStreamName: LANE_A,
        startMs: startedAt + 20,
        endMs: startedAt + 40,
        initDurationMs: 10,
        outcome: 'success',
      },
      {
        requestId: 'r-2',
        functionName: FUNCTION_NAME,
        logStreamName: LANE_A,
        startMs: startedAt + 60,
        endMs: startedAt + 80,
        outcome: 'success',
      },
    ]);
  });

  test('an invocation is running until its REPORT, and keeps its lines from START to REPORT', () => {
    world.write(LANE_A, ['START RequestId: r-1 Version: $LATEST', 'working']);
    world.write(LANE_B, ['START RequestId: r-2 Version: $LATEST']);

    expect(world.recorder.summary('r-1')?.outcome).toBe('running');
    world.write(LANE_A, ['END RequestId: r-1', 'REPORT RequestId: r-1\tDuration: 1.00 ms', 'after']);

    const detail = world.recorder.invocation('r-1');
    expect(detail?.outcome).toBe('success');
    expect(detail?.logGroupName).toBe(LOG_GROUP);
    expect(detail?.reportLine).toBe('REPORT RequestId: r-1\tDuration: 1.00 ms');
    expect(detail?.logLines.map((line) => line.message)).toStrictEqual([
      'START RequestId: r-1 Version: $LATEST',
      'working',
      'END RequestId: r-1',
      'REPORT RequestId: r-1\tDuration: 1.00 ms',
    ]);
    expect(world.recorder.summary('r-2')?.outcome).toBe('running');
  });

  test('a timeout, a platform error and an error the handler threw each colour their bar', () => {
    world.invoke(LANE_A, 'timed-out', { status: 'timeout' });
    world.invoke(LANE_B, 'crashed', { status: 'error' });
    world.write(LANE_B, [
      'START RequestId: threw Version: $LATEST',
      '2026-01-01T00:00:00.000Z\tthrew\tERROR\tInvoke Error \t{"errorType":"Error"}',
      'END RequestId: threw',
      'REPORT RequestId: threw\tDuration: 1.00 ms',
    ]);

    expect(['timed-out', 'crashed', 'threw'].map((id) => world.recorder.summary(id)?.outcome)).toStrictEqual([
      'timeout',
      'error',
      'error',
    ]);
  });

  test('a settled batch gives the bar its size, partial failures and records with receive counts', () => {
    world.invoke(LANE_A, 'r-1');
    world.recorder.batchSettled(
      settlement(
        'r-1',
        [
          { messageId: 'm-1', body: 'ok', receiveCount: 1 },
          { messageId: 'm-2', body: 'bad', receiveCount: 3 },
        ],
        ['m-2'],
      ),
    );

    const detail = world.recorder.invocation('r-1');

    expect(detail).toMatchObject({
      outcome: 'partial',
      batchSize: 2,
      batchItemFailures: 1,
      mapping: MAPPING,
    });
    expect(detail?.batchItemFailureIds).toStrictEqual(['m-2']);
    expect(detail?.leftOnQueue).toBe('1 batch item failure(s) reported');
    expect(detail?.records).toStrictEqual([
      { messageId: 'm-1', receiveCount: 1, body: 'ok', deleted: true },
      { messageId: 'm-2', receiveCount: 3, body: 'bad', deleted: false },
    ]);
  });

  test('a failed invocation of a batch is an error, and its records stay on the queue', () => {
    world.invoke(LANE_A, 'r-1');
    world.recorder.batchSettled({
      ...settlement('r-1', [{ messageId: 'm-1', body: 'x', receiveCount: 1 }]),
      deleted: 0,
      invocationError: 'Error: boom',
      leftOnQueue: 'the invocation failed',
    });

    expect(world.recorder.invocation('r-1')).toMatchObject({
      outcome: 'error',
      records: [{ messageId: 'm-1', deleted: false }],
    });
  });

  test('tells subscribers which invocation changed, and nothing after unsubscribing', () => {
    const changes: ActivityChange[] = [];
    const unsubscribe = world.recorder.subscribe((change) => changes.push(change));

    world.invoke(LANE_A, 'r-1');
    unsubscribe();
    world.invoke(LANE_A, 'r-2');

    expect(changes).toStrictEqual([
      { type: 'invocation', requestId: 'r-1' },
      { type: 'invocation', requestId: 'r-1' },
    ]);
  });

  test('keeps only the latest invocations past its limit', () => {
    world.close();
    world = recorderWorld({ maxInvocations: 2 });
    for (const id of ['r-1', 'r-2', 'r-3']) world.invoke(LANE_A, id);

    expect(world.recorder.timeline().invocations.map((bar) => bar.requestId)).toStrictEqual(['r-2', 'r-3']);
    expect(world.recorder.invocation('r-1')).toBeUndefined();
  });

  test("after a restart, both runs together keep at most the limit: the earlier run's oldest go first", () => {
    const folder = mkdtempSync(join(tmpdir(), 'recorder-restart-'));
    try {
      const journalFile = join(folder, 'activity.jsonl');
      world.close();
      world = recorderWorld({ maxInvocations: 3, journalFile });
      for (const id of ['r-1', 'r-2', 'r-3']) world.invoke(LANE_A, id);
      world.close();
      world = recorderWorld({ maxInvocations: 3, journalFile });
      expect(world.recorder.timeline().invocations.map((bar) => bar.requestId)).toStrictEqual([
        'r-1',
        'r-2',
        'r-3',
      ]);

      for (const id of ['r-4', 'r-5']) world.invoke(LANE_A, id);

      expect(world.recorder.timeline().invocations.map((bar) => bar.requestId)).toStrictEqual([
        'r-3',
        'r-4',
        'r-5',
      ]);
      expect(world.recorder.invocation('r-1')).toBeUndefined();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('ignores the lines of log groups that are no function', () => {
    world.logs.createLogGroup('/custom/group');
    world.logs.createLogStream('/custom/group', 's');
    world.logs.putLogEvents('/custom/group', 's', ['START RequestId: x Version: $LATEST']);

    expect(world.recorder.timeline().invocations).toStrictEqual([]);
  });

  test('records alarm state changes as history', () => {
    const change = {
      alarm: { alarmName: 'Backlog' },
      oldState: 'OK',
      newState: 'ALARM',
      reason: 'Threshold Crossed',
      timestamp: 5,
      values: [3, 4],
      missingPeriods: 0,
    } as const;
    world.recorder.alarmStateChanged(
      change as unknown as Parameters<typeof world.recorder.alarmStateChanged>[0],
    );

    expect(world.recorder.alarmHistory('Backlog')).toStrictEqual([
      { timestamp: 5, oldState: 'OK', newState: 'ALARM', reason: 'Threshold Crossed', values: [3, 4] },
    ]);
    expect(world.recorder.alarmHistory('Other')).toStrictEqual([]);
  });
});
