import type {
  DeadLetterView,
  InvocationDetail,
  RedriveResult,
  TimelineSnapshot,
} from '../../src/console/console-contract';
import { MAX_RECEIVE_COUNT, REJECTION_ERROR } from './console-app';
import { type ConsoleWorld, eventually, startConsoleWorld } from './console-fixture';

describe('the console API on a running cloud: timeline, invocations, dead letters and redrive', () => {
  let world: ConsoleWorld;
  let inbox: string;
  let deadLetterQueue: string;
  let letters: DeadLetterView[];

  beforeAll(async () => {
    world = await startConsoleWorld();
    const queueNamed = (logicalId: string) =>
      world.cloud.stack.queues.find((queue) => queue.logicalId === logicalId)?.queueName ?? '';
    inbox = queueNamed('Inbox');
    deadLetterQueue = queueNamed('InboxDlq');
    for (const body of ['ok 1', 'ok 2', 'fail 1', 'reject 1']) {
      const sent = await world.post(`queues/${inbox}/messages`, { body });
      expect(sent.status).toBe(200);
    }
    letters = await eventually('a moved and a sent dead letter', async () => {
      const { body } = await world.api<DeadLetterView[]>('dead-letters');
      return body.length >= 2 ? body : undefined;
    });
  });

  afterAll(() => world?.stop());

  function letterOf(body: string): DeadLetterView {
    const letter = letters.find((candidate) => candidate.body === body);
    if (letter === undefined) throw new Error(`no dead letter ${body} in ${JSON.stringify(letters)}`);
    return letter;
  }

  test('a message failed maxReceiveCount times is RETRIES_EXHAUSTED, linked to the invocation that last had it', async () => {
    const letter = letterOf('fail 1');

    expect(letter).toMatchObject({
      deadLetterQueueName: deadLetterQueue,
      arrival: 'moved-after-max-receives',
      reason: 'RETRIES_EXHAUSTED',
      receiveCount: MAX_RECEIVE_COUNT,
      maxReceiveCount: MAX_RECEIVE_COUNT,
      sourceQueueName: inbox,
    });
    const { status, body } = await world.api<InvocationDetail>(`invocations/${letter.requestId}`);
    expect(status).toBe(200);
    expect(body.outcome).toBe('partial');
    expect(body.batchItemFailureIds).toStrictEqual([letter.messageId]);
    expect(body.records.find((record) => record.messageId === letter.messageId)).toMatchObject({
      receiveCount: MAX_RECEIVE_COUNT,
      deleted: false,
    });
  });

  test('a message the function forwarded shows its RejectionReason and errors, and the invocation that rejected it', async () => {
    const letter = letterOf('reject 1');

    expect(letter).toMatchObject({
      arrival: 'sent',
      reason: 'VALIDATION_FAILED',
      errors: [REJECTION_ERROR],
      sourceQueueName: inbox,
    });
    const { body } = await world.api<InvocationDetail>(`invocations/${letter.requestId}`);
    expect(body.records.map((record) => record.body)).toContain('reject 1');
  });

  test('the timeline has one bar per invocation of the consumer, with batch sizes, under the mapping cap', async () => {
    const { status, body } = await world.api<TimelineSnapshot>('timeline');

    expect(status).toBe(200);
    const bars = body.invocations;
    expect(bars.length).toBeGreaterThan(0);
    expect(bars.every((bar) => bar.endMs !== undefined && bar.endMs >= bar.startMs)).toBe(true);
    expect(bars.every((bar) => bar.mapping === 'ConsumerMapping' && (bar.batchSize ?? 0) > 0)).toBe(true);
    // Every message was received at least once, and `fail 1` twice.
    expect(bars.reduce((sum, bar) => sum + (bar.batchSize ?? 0), 0)).toBeGreaterThanOrEqual(5);
    expect(bars.some((bar) => bar.initDurationMs !== undefined)).toBe(true);
    expect(body.mappings).toMatchObject([
      { mapping: 'ConsumerMapping', queueName: inbox, batchSize: 5, maximumConcurrency: 2 },
    ]);
  });

  test('an invocation keeps its lines from START to REPORT', async () => {
    const { body } = await world.api<InvocationDetail>(`invocations/${letterOf('fail 1').requestId}`);

    const lines = body.logLines.map((line) => line.message);
    expect(lines[0]).toMatch(/^START RequestId: /);
    expect(lines[lines.length - 1]).toMatch(/^REPORT RequestId: /);
    expect(body.reportLine).toBe(lines[lines.length - 1]);
    expect(lines.some((line) => line.includes('"level":"WARN"'))).toBe(true);
  });

  test('an unknown invocation is a 404 saying so', async () => {
    const { status, body } = await world.api('invocations/no-such-request');

    expect(status).toBe(404);
    expect(body).toStrictEqual({ error: expect.stringMatching(/no invocation no-such-request/) });
  });

  test('a redrive naming an id that is no dead letter is a 404 naming it, and redrives nothing', async () => {
    const letter = letterOf('reject 1');

    const { status, body } = await world.post('dead-letters/redrive', { ids: [letter.id, 'dl-999'] });

    expect(status).toBe(404);
    expect(body).toStrictEqual({ error: 'no dead letter dl-999; nothing was redriven' });
    const { body: after } = await world.api<DeadLetterView[]>('dead-letters');
    expect(after.find((candidate) => candidate.id === letter.id)?.redriven).toBeUndefined();
  });

  test('redriving a rejected message still on its queue resends it, and it is rejected again with the same reason', async () => {
    const letter = letterOf('reject 1');

    const { status, body } = await world.post<RedriveResult>('dead-letters/redrive', { ids: [letter.id] });

    expect(status).toBe(200);
    expect(body.redriven).toStrictEqual([{ id: letter.id, messageId: expect.any(String), via: 'resent' }]);
    expect(body.failed).toStrictEqual([]);
    const again = await eventually('the redriven message rejected again', async () => {
      const { body: now } = await world.api<DeadLetterView[]>('dead-letters');
      return now.find(
        (candidate) =>
          candidate.body === 'reject 1' && candidate.id !== letter.id && candidate.requestId !== undefined,
      );
    });
    expect(again).toMatchObject({ reason: 'VALIDATION_FAILED', errors: [REJECTION_ERROR] });
    expect(again.requestId).not.toBe(letter.requestId);
    const { body: after } = await world.api<DeadLetterView[]>('dead-letters');
    expect(after.find((candidate) => candidate.id === letter.id)).toMatchObject({
      onQueue: false,
      redriven: { messageId: body.redriven[0].messageId, via: 'resent' },
    });
  });

  test('a dead letter redriven once is not redriven twice', async () => {
    const letter = letterOf('fail 1');
    await world.post('dead-letters/redrive', { ids: [letter.id] });

    const { body } = await world.post<RedriveResult>('dead-letters/redrive', { ids: [letter.id] });

    expect(body.redriven).toStrictEqual([]);
    expect(body.failed).toStrictEqual([{ id: letter.id, error: expect.stringMatching(/^already redriven/) }]);
  });

  test('a redrive request without ids is a 400 saying what it takes', async () => {
    const { status, body } = await world.post('dead-letters/redrive', { ids: 3 });

    expect(status).toBe(400);
    expect(body).toStrictEqual({ error: 'ids must be a list of dead-letter ids or "all" (given 3)' });
  });

  test('a redrive of an empty selection is a 400 saying to select one', async () => {
    const { status, body } = await world.post('dead-letters/redrive', { ids: [] });

    expect(status).toBe(400);
    expect(body).toStrictEqual({ error: 'ids is empty: select at least one dead letter' });
  });
});
