import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTIVITY_JOURNAL_FILE, ActivityJournal } from '../../src/console/activity-journal';
import { type ActivityRecord, replayActivity } from '../../src/console/activity-replay';
import type { DeadLetterView } from '../../src/console/console-contract';
import type { TrackedInvocation } from '../../src/console/invocation-tracker';

const BOUNDS = { maxInvocations: 3, maxDeadLetters: 2, maxAlarmHistory: 2 };

function invocation(requestId: string, startMs = 1000): TrackedInvocation {
  return {
    id: requestId,
    requestId,
    attempt: 1,
    request: { attempts: 1 },
    functionName: 'Consumer',
    logGroupName: '/aws/lambda/Consumer',
    logStreamName: 'lane-1',
    startMs,
    firstPosition: 0,
  };
}

function deadLetter(id: string, onQueue = true): DeadLetterView {
  return {
    id,
    deadLetterQueueName: 'Dlq',
    messageId: `m-${id}`,
    body: `body of ${id}`,
    arrivedMs: 2000,
    arrival: 'sent',
    reason: 'VALIDATION_FAILED',
    errors: ['customerAddress: is required'],
    messageAttributes: { RejectionReason: 'VALIDATION_FAILED' },
    onQueue,
  };
}

const line = (record: ActivityRecord) => `${JSON.stringify(record)}\n`;

describe('replayActivity', () => {
  test('the last record of each invocation and dead letter wins, in order of first appearance', () => {
    const text = [
      line({ t: 'invocation', v: invocation('r-1') }),
      line({ t: 'dead-letter', v: deadLetter('dl-1') }),
      line({ t: 'invocation', v: { ...invocation('r-1'), endMs: 1500 } }),
      line({ t: 'dead-letter', v: deadLetter('dl-1', false) }),
      line({
        t: 'alarm',
        name: 'A',
        v: { timestamp: 1, oldState: 'OK', newState: 'ALARM', reason: 'r', values: [3] },
      }),
    ].join('');

    const { activity, corruptLines, tornTail } = replayActivity(text, BOUNDS);

    expect(activity.invocations).toStrictEqual([{ ...invocation('r-1'), endMs: 1500 }]);
    expect(activity.deadLetters).toStrictEqual([deadLetter('dl-1', false)]);
    expect(activity.alarms.get('A')).toHaveLength(1);
    expect(corruptLines).toStrictEqual([]);
    expect(tornTail).toBeUndefined();
  });

  test('keeps only the latest records within the bounds', () => {
    const text = ['r-1', 'r-2', 'r-3', 'r-4', 'r-5']
      .map((id) => line({ t: 'invocation', v: invocation(id) }))
      .concat(['dl-1', 'dl-2', 'dl-3'].map((id) => line({ t: 'dead-letter', v: deadLetter(id) })))
      .join('');

    const { activity } = replayActivity(text, BOUNDS);

    expect(activity.invocations.map((kept) => kept.requestId)).toStrictEqual(['r-3', 'r-4', 'r-5']);
    expect(activity.deadLetters.map((kept) => kept.id)).toStrictEqual(['dl-2', 'dl-3']);
  });

  test('a torn last line is skipped and reported apart from corrupt whole lines', () => {
    const whole = line({ t: 'invocation', v: invocation('r-1') });
    const text = `${whole}not json\n{"t":"unknown","v":{}}\n${whole}{"t":"invocation","v":{"requ`;

    const { activity, corruptLines, tornTail, lines } = replayActivity(text, BOUNDS);

    expect(activity.invocations.map((kept) => kept.requestId)).toStrictEqual(['r-1']);
    expect(corruptLines).toStrictEqual([2, 3]);
    expect(tornTail).toStrictEqual({ bytes: 28 });
    expect(lines).toBe(4);
  });

  test('a whole last record without its newline is kept', () => {
    const text = line({ t: 'invocation', v: invocation('r-1') }).trimEnd();

    expect(replayActivity(text, BOUNDS).activity.invocations).toHaveLength(1);
  });
});

describe('ActivityJournal', () => {
  let folder: string;
  let path: string;
  let problems: string[];
  let snapshot: ActivityRecord[];

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'activity-journal-'));
    path = join(folder, 'console', ACTIVITY_JOURNAL_FILE);
    problems = [];
    snapshot = [];
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  function open(options: { compactFloorBytes?: number } = {}) {
    return ActivityJournal.open({
      path,
      ...BOUNDS,
      onProblem: (message) => problems.push(message),
      snapshot: () => snapshot,
      flushMs: 60_000,
      ...options,
    });
  }

  test('changes gathered between flushes are written once each, and replayed by the next open', () => {
    const { journal, replayed } = open();
    expect(replayed.invocations).toStrictEqual([]);
    const running = invocation('r-1');
    journal.invocationChanged(running);
    journal.invocationChanged({ ...running, endMs: 1500 });
    journal.deadLetterChanged(deadLetter('dl-1'));
    journal.alarmChanged('A', { timestamp: 1, oldState: 'OK', newState: 'ALARM', reason: 'r', values: [] });
    expect(readFileSync(path, 'utf8')).toBe('');

    journal.close();

    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(3);
    const again = open();
    expect(again.replayed.invocations).toStrictEqual([{ ...running, endMs: 1500 }]);
    expect(again.replayed.deadLetters).toStrictEqual([deadLetter('dl-1')]);
    expect(again.replayed.alarms.get('A')).toHaveLength(1);
    expect(problems).toStrictEqual([]);
    again.journal.close();
  });

  test('a torn last line is skipped with a note, and the file is compacted without it', () => {
    open().journal.close();
    appendFileSync(path, `${line({ t: 'invocation', v: invocation('r-1') })}{"t":"invocation","v":{"requ`);

    const { journal, replayed } = open();
    journal.close();

    expect(replayed.invocations.map((kept) => kept.requestId)).toStrictEqual(['r-1']);
    expect(problems).toStrictEqual([
      `console activity: skipped the torn last line of ${path} (28 bytes): the cloud stopped while writing it`,
    ]);
    expect(readFileSync(path, 'utf8')).toBe(line({ t: 'invocation', v: invocation('r-1') }));
  });

  test('a corrupt file is reported, kept aside as it was, and the journal starts with what it could read', () => {
    open().journal.close();
    const corrupt = `garbage\n${line({ t: 'dead-letter', v: deadLetter('dl-1') })}\u0000\u0001\n`;
    writeFileSync(path, corrupt);

    const { journal, replayed } = open();
    journal.close();

    expect(replayed.deadLetters.map((kept) => kept.id)).toStrictEqual(['dl-1']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^console activity: skipped 2 of 3 lines of .*activity\.jsonl that are not activity records \(line 1, 3\); the file as it was is kept as .*activity\.jsonl\.corrupt-\d+$/,
    );
    const kept = readdirSync(join(folder, 'console')).find((name) => name.includes('.corrupt-')) ?? '';
    expect(readFileSync(join(folder, 'console', kept), 'utf8')).toBe(corrupt);
  });

  test('grows past its floor only until it is compacted to the snapshot', () => {
    const { journal } = open({ compactFloorBytes: 4096 });
    snapshot = [{ t: 'invocation', v: invocation('r-latest') }];
    let largest = 0;
    for (let flush = 0; flush < 100; flush++) {
      journal.invocationChanged(invocation(`r-${flush}`));
      journal.flush();
      largest = Math.max(largest, statSync(path).size);
    }
    journal.close();

    // Past the floor by at most the one flush that crossed it.
    expect(largest).toBeLessThanOrEqual(
      4096 + Buffer.byteLength(line({ t: 'invocation', v: invocation('r-99') })),
    );
    expect(replayActivity(readFileSync(path, 'utf8'), BOUNDS).activity.invocations.length).toBeLessThan(40);
  });
});
