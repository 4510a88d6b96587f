import { QueueVisibilityTimeout } from '../../src/event-source-mapping/queue-visibility-timeout';

function reader(...answers: (number | Error)[]) {
  let calls = 0;
  const read = async () => {
    const answer = answers[Math.min(calls++, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { read, calls: () => calls };
}

describe('QueueVisibilityTimeout', () => {
  test('reads once, then answers from what it read until the value is a second old', async () => {
    let now = 0;
    const { read, calls } = reader(30, 5);
    const timeout = new QueueVisibilityTimeout(
      read,
      () => now,
      () => undefined,
    );

    expect(await timeout.current()).toBe(30);
    now = 999;
    expect(await timeout.current()).toBe(30);
    expect(calls()).toBe(1);
    now = 1_000;
    expect(await timeout.current()).toBe(5);
    expect(calls()).toBe(2);
  });

  test('lanes asking at once share one read', async () => {
    const { read, calls } = reader(30);
    const timeout = new QueueVisibilityTimeout(
      read,
      () => 0,
      () => undefined,
    );

    const answers = await Promise.all([timeout.current(), timeout.current(), timeout.current()]);

    expect(answers).toStrictEqual([30, 30, 30]);
    expect(calls()).toBe(1);
  });

  test('a failed read is reported and the last value read is used, until a read succeeds', async () => {
    let now = 0;
    const problems: string[] = [];
    const { read } = reader(30, new Error('connection refused'), 12);
    const timeout = new QueueVisibilityTimeout(
      read,
      () => now,
      (problem) => problems.push(problem),
    );

    await timeout.current();
    now = 2_000;
    expect(await timeout.current()).toBe(30);
    expect(problems).toStrictEqual([
      'GetQueueAttributes failed (connection refused); messages are held with the last visibility timeout read',
    ]);
    expect(await timeout.current()).toBe(12);
  });

  test('is undefined while no read has ever succeeded', async () => {
    const { read } = reader(new Error('connection refused'));
    const timeout = new QueueVisibilityTimeout(
      read,
      () => 0,
      () => undefined,
    );

    expect(await timeout.current()).toBeUndefined();
  });
});
