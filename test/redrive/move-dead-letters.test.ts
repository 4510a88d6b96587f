import { formatMoveProgress, type MoveProgress, moveDeadLetters } from '../../bin/redrive/move-dead-letters';

function fakeApi(readings: MoveProgress[]) {
  const started: string[] = [];
  let reading = 0;
  return {
    started,
    api: {
      queueArn: async (queueUrl: string) => `arn-of-${queueUrl}`,
      start: async (sourceArn: string) => {
        started.push(sourceArn);
        return 'handle';
      },
      latest: async () => readings[Math.min(reading++, readings.length - 1)],
    },
  };
}

describe('moveDeadLetters', () => {
  test('starts one task on the dead-letter queue and follows it until it completes', async () => {
    const { api, started } = fakeApi([
      { status: 'RUNNING', moved: 0, toMove: 3 },
      { status: 'RUNNING', moved: 2, toMove: 3 },
      { status: 'COMPLETED', moved: 3, toMove: 3 },
    ]);
    const seen: string[] = [];
    const outcome = await moveDeadLetters({
      api,
      deadLetterQueueUrl: 'dlq',
      waitSeconds: 60,
      sleep: async () => {},
      onProgress: (progress) => seen.push(formatMoveProgress(progress)),
    });
    expect(started).toStrictEqual(['arn-of-dlq']);
    expect(outcome).toStrictEqual({ status: 'COMPLETED', moved: 3, toMove: 3, finished: true });
    expect(seen).toStrictEqual([
      'move task RUNNING: 0 of 3 message(s) moved',
      'move task RUNNING: 2 of 3 message(s) moved',
      'move task COMPLETED: 3 of 3 message(s) moved',
    ]);
  });

  test('reports a failed task with its reason', async () => {
    const { api } = fakeApi([{ status: 'FAILED', moved: 1, failureReason: 'AccessDenied' }]);
    const outcome = await moveDeadLetters({
      api,
      deadLetterQueueUrl: 'dlq',
      waitSeconds: 60,
      sleep: async () => {},
    });
    expect(outcome).toStrictEqual({
      status: 'FAILED',
      moved: 1,
      failureReason: 'AccessDenied',
      finished: true,
    });
    expect(formatMoveProgress(outcome)).toBe('move task FAILED: 1 message(s) moved (AccessDenied)');
  });

  test('stops waiting, unfinished, once waitSeconds have passed', async () => {
    const { api } = fakeApi([{ status: 'RUNNING', moved: 1, toMove: 1000 }]);
    let clock = 0;
    const outcome = await moveDeadLetters({
      api,
      deadLetterQueueUrl: 'dlq',
      waitSeconds: 5,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    expect(outcome).toMatchObject({ status: 'RUNNING', finished: false });
    expect(clock).toBe(5000);
  });
});
