import type { DeadLetterView, MoveTaskView, RedriveResult } from '../../src/console/console-contract';
import type { MessageAttributeValue } from '../../src/sqs/md5';
import { type ConsoleWorld, eventually, startConsoleWorld } from './console-fixture';

const ATTRIBUTES: Record<string, MessageAttributeValue> = {
  RejectionReason: { DataType: 'String', StringValue: 'OUT_OF_STOCK' },
  Quantity: { DataType: 'Number', StringValue: '3' },
  Signature: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]).toString('base64') },
};

describe('redrive from the console: move tasks for whole queues, resends for a selection, copies for what a consumer took', () => {
  let world: ConsoleWorld;
  let sourceUrl: string;
  let deadLetterUrl: string;
  let deadLetterQueue: string;
  let pairs = 0;

  beforeAll(async () => {
    world = await startConsoleWorld();
  });

  afterAll(() => world?.stop());

  /** Queues of each test's own, with no consumer, so what a redrive puts back stays there to be looked at. */
  beforeEach(() => {
    pairs++;
    deadLetterQueue = `ParkedDlq${pairs}`;
    const model = world.cloud.sqs.model;
    deadLetterUrl = model.createQueue({ QueueName: deadLetterQueue }).QueueUrl;
    const { Attributes = {} } = model.getQueueAttributes({
      QueueUrl: deadLetterUrl,
      AttributeNames: ['QueueArn'],
    });
    sourceUrl = model.createQueue({
      QueueName: `Parked${pairs}`,
      Attributes: {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes.QueueArn, maxReceiveCount: 1 }),
      },
    }).QueueUrl;
  });

  /** Sends bodies to the dead-letter queue, as a function forwarding rejected messages does; answers their letters. */
  async function deadLetters(...bodies: string[]): Promise<DeadLetterView[]> {
    const ids = bodies.map(
      (body) =>
        world.cloud.sqs.model.sendMessage({
          QueueUrl: deadLetterUrl,
          MessageBody: body,
          MessageAttributes: ATTRIBUTES,
        }).MessageId,
    );
    const { body } = await world.api<DeadLetterView[]>('dead-letters');
    return ids.map((id) => {
      const letter = body.find((candidate) => candidate.messageId === id);
      if (letter === undefined) throw new Error(`no dead letter for ${id}`);
      return letter;
    });
  }

  function peek(queueUrl: string) {
    return world.cloud.sqs.model.peekMessages(queueUrl, 100);
  }

  async function letter(id: string): Promise<DeadLetterView | undefined> {
    const { body } = await world.api<DeadLetterView[]>('dead-letters');
    return body.find((candidate) => candidate.id === id);
  }

  test('redrive all moves the queue back with one StartMessageMoveTask: same messages, attributes kept, the queue empty', async () => {
    const letters = await deadLetters('a', 'b');

    const { status, body } = await world.post<RedriveResult>('dead-letters/redrive', {
      ids: 'all',
      deadLetterQueueName: deadLetterQueue,
    });

    expect(status).toBe(200);
    expect(body.redriven).toStrictEqual(
      letters.map((sent) => ({ id: sent.id, messageId: sent.messageId, via: 'move-task' })),
    );
    expect(body.moveTasks).toStrictEqual([
      expect.objectContaining({
        deadLetterQueueName: deadLetterQueue,
        approximateNumberOfMessagesToMove: 2,
      }),
    ]);
    const tasks = await eventually('the move task completed', async () => {
      const { body: now } = await world.api<MoveTaskView[]>('dead-letters/move-tasks');
      const task = now.find((candidate) => candidate.deadLetterQueueName === deadLetterQueue);
      return task?.status === 'COMPLETED' ? task : undefined;
    });
    expect(tasks.approximateNumberOfMessagesMoved).toBe(2);
    expect(peek(deadLetterUrl)).toStrictEqual([]);
    expect(
      peek(sourceUrl).map(({ messageId, body: text, messageAttributes }) => [
        messageId,
        text,
        messageAttributes,
      ]),
    ).toStrictEqual(letters.map((sent) => [sent.messageId, sent.body, ATTRIBUTES]));
    for (const sent of letters) {
      expect(await letter(sent.id)).toMatchObject({
        onQueue: false,
        redriven: { messageId: sent.messageId, via: 'move-task' },
      });
    }
  });

  test('redrive selected resends exactly the selected message as it is on the queue, and deletes it there', async () => {
    const [chosen, left] = await deadLetters('c', 'd');

    const { status, body } = await world.post<RedriveResult>('dead-letters/redrive', { ids: [chosen.id] });

    expect(status).toBe(200);
    expect(body).toStrictEqual({
      redriven: [{ id: chosen.id, messageId: expect.any(String), via: 'resent' }],
      failed: [],
    });
    expect(peek(deadLetterUrl).map((message) => message.messageId)).toStrictEqual([left.messageId]);
    expect(peek(sourceUrl)).toStrictEqual([
      expect.objectContaining({
        messageId: body.redriven[0].messageId,
        body: 'c',
        messageAttributes: ATTRIBUTES,
      }),
    ]);
    expect(await letter(chosen.id)).toMatchObject({ onQueue: false, redriven: { via: 'resent' } });
  });

  test('a dead letter its consumer already took off the queue is resent from the recorded copy, and marked so', async () => {
    const [taken] = await deadLetters('e');
    world.cloud.sqs.model.removeMessage(deadLetterUrl, taken.messageId);
    await eventually('the letter off its queue', async () =>
      (await letter(taken.id))?.onQueue ? undefined : true,
    );

    const { body } = await world.post<RedriveResult>('dead-letters/redrive', { ids: [taken.id] });

    expect(body.redriven).toStrictEqual([
      { id: taken.id, messageId: expect.any(String), via: 'recorded-copy' },
    ]);
    // The copy keeps the string attributes the console recorded.
    expect(peek(sourceUrl)).toStrictEqual([
      expect.objectContaining({
        body: 'e',
        messageAttributes: {
          RejectionReason: ATTRIBUTES.RejectionReason,
          Quantity: { DataType: 'String', StringValue: '3' },
        },
      }),
    ]);
    expect(await letter(taken.id)).toMatchObject({ redriven: { via: 'recorded-copy' } });
  });

  test('redrive all of a queue that does not exist is a 404 naming it', async () => {
    const { status, body } = await world.post('dead-letters/redrive', {
      ids: 'all',
      deadLetterQueueName: 'NoSuchQueue',
    });

    expect(status).toBe(404);
    expect(body).toStrictEqual({ error: expect.stringMatching(/^no queue named NoSuchQueue/) });
  });

  test('a dead-letter queue name with a list of ids is a 400 saying it goes with "all"', async () => {
    const { status, body } = await world.post('dead-letters/redrive', {
      ids: ['dl-1'],
      deadLetterQueueName: deadLetterQueue,
    });

    expect(status).toBe(400);
    expect(body).toStrictEqual({
      error: `deadLetterQueueName must be a queue name, with ids "all" (given "${deadLetterQueue}")`,
    });
  });
});
