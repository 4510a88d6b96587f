import type { ReceiveMessageOutput } from '../../src/sqs/queue-model';
import {
  DEAD_LETTER_QUEUE,
  type RecorderWorld,
  recorderWorld,
  SOURCE_QUEUE,
  settlement,
} from './recorder-fixture';

const LANE = '2026/01/01/[$LATEST]aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const VISIBILITY_TIMEOUT_MS = 30_000;

describe('ActivityRecorder dead letters', () => {
  let world: RecorderWorld;

  beforeEach(() => {
    world = recorderWorld();
  });

  afterEach(() => world.close());

  function receive(queueUrl: string): ReceiveMessageOutput {
    const result = world.sqs.receiveMessage({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 });
    if (result instanceof Promise) throw new Error('expected an immediate receive');
    return result;
  }

  /** Receives the source queue's messages in a new invocation `requestId`, which fails them all. */
  function failInInvocation(requestId: string): void {
    const { Messages = [] } = receive(world.sourceUrl);
    world.invoke(LANE, requestId);
    world.recorder.batchSettled(
      settlement(
        requestId,
        Messages.map((message) => ({
          messageId: message.MessageId ?? '',
          body: message.Body ?? '',
          receiveCount: 1,
        })),
        Messages.map((message) => message.MessageId ?? ''),
      ),
    );
    world.clock.advance(VISIBILITY_TIMEOUT_MS + 1);
  }

  test('a message SQS moves after maxReceiveCount receives is RETRIES_EXHAUSTED, linked to its last invocation', () => {
    const { MessageId } = world.sqs.sendMessage({ QueueUrl: world.sourceUrl, MessageBody: 'order 7' });
    failInInvocation('r-1');
    failInInvocation('r-2');

    expect(receive(world.sourceUrl).Messages ?? []).toStrictEqual([]);
    expect(world.recorder.deadLetters()).toStrictEqual([
      {
        id: 'dl-1',
        deadLetterQueueName: DEAD_LETTER_QUEUE,
        messageId: MessageId,
        body: 'order 7',
        arrivedMs: world.clock.now(),
        arrival: 'moved-after-max-receives',
        reason: 'RETRIES_EXHAUSTED',
        errors: [],
        receiveCount: 2,
        maxReceiveCount: 2,
        messageAttributes: {},
        sourceQueueName: SOURCE_QUEUE,
        requestId: 'r-2',
        onQueue: true,
      },
    ]);
  });

  test('a message a function sends there keeps its RejectionReason and errors, linked by its body', () => {
    world.sqs.sendMessage({ QueueUrl: world.sourceUrl, MessageBody: '{"customer":"UserX"}' });
    failInInvocation('r-1');

    world.sqs.sendMessage({
      QueueUrl: world.deadLetterUrl,
      MessageBody: '{"customer":"UserX"}',
      MessageAttributes: {
        RejectionReason: { DataType: 'String', StringValue: 'VALIDATION_FAILED' },
        RejectionErrors: { DataType: 'String', StringValue: '["customerAddress: is required"]' },
      },
    });

    expect(world.recorder.deadLetters()).toMatchObject([
      {
        arrival: 'sent',
        reason: 'VALIDATION_FAILED',
        errors: ['customerAddress: is required'],
        messageAttributes: { RejectionReason: 'VALIDATION_FAILED' },
        sourceQueueName: SOURCE_QUEUE,
        requestId: 'r-1',
        onQueue: true,
      },
    ]);
    expect(world.recorder.deadLetters()[0]).not.toHaveProperty('receiveCount');
  });

  test('a message forwarded while its invocation runs is linked once the batch settles, and told again', () => {
    const told: (string | undefined)[] = [];
    world.recorder.subscribe((change) => {
      if (change.type === 'dead-letter') told.push(change.deadLetter.requestId);
    });
    const { Messages = [] } = (() => {
      world.sqs.sendMessage({ QueueUrl: world.sourceUrl, MessageBody: 'late' });
      return receive(world.sourceUrl);
    })();
    world.invoke(LANE, 'r-late');
    world.sqs.sendMessage({ QueueUrl: world.deadLetterUrl, MessageBody: 'late' });
    world.recorder.batchSettled(
      settlement('r-late', [{ messageId: Messages[0].MessageId ?? '', body: 'late', receiveCount: 1 }]),
    );

    expect(told).toStrictEqual([undefined, 'r-late']);
    expect(world.recorder.deadLetters()).toMatchObject([
      { requestId: 'r-late', sourceQueueName: SOURCE_QUEUE },
    ]);
  });

  test('a body sent to its source queue again is linked to the invocation that rejects it next, not the last one', () => {
    world.sqs.sendMessage({ QueueUrl: world.sourceUrl, MessageBody: 'again' });
    failInInvocation('r-first');
    world.sqs.sendMessage({ QueueUrl: world.deadLetterUrl, MessageBody: 'again' });
    world.sqs.sendMessage({ QueueUrl: world.sourceUrl, MessageBody: 'again' });
    const { Messages = [] } = receive(world.sourceUrl);
    world.invoke(LANE, 'r-second');
    world.sqs.sendMessage({ QueueUrl: world.deadLetterUrl, MessageBody: 'again' });
    world.recorder.batchSettled(
      settlement('r-second', [{ messageId: Messages[0].MessageId ?? '', body: 'again', receiveCount: 1 }]),
    );

    expect(world.recorder.deadLetters().map((letter) => letter.requestId)).toStrictEqual([
      'r-first',
      'r-second',
    ]);
  });

  test('a message delivered again and forwarded by its new invocation is linked to that one once it settles', () => {
    world.sqs.sendMessage({ QueueUrl: world.sourceUrl, MessageBody: 'twice' });
    failInInvocation('r-1');
    const { Messages = [] } = receive(world.sourceUrl);
    world.invoke(LANE, 'r-2');
    world.sqs.sendMessage({ QueueUrl: world.deadLetterUrl, MessageBody: 'twice' });
    const before = world.recorder.deadLetters()[0].requestId;
    world.recorder.batchSettled(
      settlement('r-2', [{ messageId: Messages[0].MessageId ?? '', body: 'twice', receiveCount: 2 }]),
    );

    expect(before).toBe('r-1');
    expect(world.recorder.deadLetters().map((letter) => letter.requestId)).toStrictEqual(['r-2']);
  });

  test('a message sent without a reason, and errors that are not JSON, are kept as they are', () => {
    world.sqs.sendMessage({
      QueueUrl: world.deadLetterUrl,
      MessageBody: 'x',
      MessageAttributes: { RejectionErrors: { DataType: 'String', StringValue: 'plain text' } },
    });

    expect(world.recorder.deadLetters()).toMatchObject([
      { reason: 'NO_REASON_GIVEN', errors: ['plain text'], sourceQueueName: SOURCE_QUEUE },
    ]);
    expect(world.recorder.deadLetters()[0]).not.toHaveProperty('requestId');
  });

  test('messages sent to queues that are no dead-letter queue are not dead letters', () => {
    world.sqs.sendMessage({ QueueUrl: world.sourceUrl, MessageBody: 'x' });

    expect(world.recorder.deadLetters()).toStrictEqual([]);
  });

  test('a queue that becomes a redrive target later is a dead-letter queue from then on', () => {
    const { QueueUrl: late } = world.sqs.createQueue({ QueueName: 'Late' });
    world.sqs.sendMessage({ QueueUrl: late, MessageBody: 'before' });
    world.sqs.setQueueAttributes({
      QueueUrl: world.sourceUrl,
      Attributes: {
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:Late',
          maxReceiveCount: 2,
        }),
      },
    });
    world.sqs.sendMessage({ QueueUrl: late, MessageBody: 'after' });

    expect(
      world.recorder.deadLetters().map((letter) => [letter.deadLetterQueueName, letter.body]),
    ).toStrictEqual([['Late', 'after']]);
  });

  test('a dead letter deleted, purged or redriven off its queue is no longer on it, and is still listed', () => {
    world.sqs.sendMessage({ QueueUrl: world.deadLetterUrl, MessageBody: 'a' });
    world.sqs.sendMessage({ QueueUrl: world.deadLetterUrl, MessageBody: 'b' });
    const [first] = receive(world.deadLetterUrl).Messages ?? [];
    world.sqs.deleteMessage({ QueueUrl: world.deadLetterUrl, ReceiptHandle: first.ReceiptHandle });

    expect(world.recorder.deadLetters().map((letter) => [letter.body, letter.onQueue])).toStrictEqual([
      ['a', false],
      ['b', true],
    ]);
    world.sqs.purgeQueue({ QueueUrl: world.deadLetterUrl });
    expect(world.recorder.deadLetters().map((letter) => letter.onQueue)).toStrictEqual([false, false]);
  });

  test('markRedriven records the message id it was sent back as; each change is told', () => {
    const told: [boolean, string | undefined][] = [];
    world.recorder.subscribe((change) => {
      if (change.type === 'dead-letter')
        told.push([change.deadLetter.onQueue, change.deadLetter.redriven?.messageId]);
    });
    world.sqs.sendMessage({ QueueUrl: world.deadLetterUrl, MessageBody: 'a' });
    world.sqs.purgeQueue({ QueueUrl: world.deadLetterUrl });
    world.recorder.markRedriven('dl-1', 'new-id', 'recorded-copy');

    expect(told).toStrictEqual([
      [true, undefined],
      [false, undefined],
      [false, 'new-id'],
    ]);

    expect(world.recorder.deadLetter('dl-1')?.redriven).toStrictEqual({
      atMs: world.clock.now(),
      messageId: 'new-id',
      via: 'recorded-copy',
    });
  });

  test('keeps only the latest dead letters past its limit, and tells each arrival', () => {
    world.close();
    world = recorderWorld({ maxDeadLetters: 2 });
    const arrivals: string[] = [];
    world.recorder.subscribe((change) => {
      if (change.type === 'dead-letter') arrivals.push(change.deadLetter.body);
    });
    for (const body of ['a', 'b', 'c'])
      world.sqs.sendMessage({ QueueUrl: world.deadLetterUrl, MessageBody: body });

    expect(world.recorder.deadLetters().map((letter) => letter.body)).toStrictEqual(['b', 'c']);
    expect(arrivals).toStrictEqual(['a', 'b', 'c']);
  });

  test('a peek at a queue changes neither visibility nor receive count', () => {
    world.sqs.sendMessage({ QueueUrl: world.sourceUrl, MessageBody: 'a' });
    world.sqs.sendMessage({ QueueUrl: world.sourceUrl, MessageBody: 'b', DelaySeconds: 5 });
    receive(world.sourceUrl);

    const peeked = world.sqs.peekMessages(world.sourceUrl, 10);
    const again = world.sqs.peekMessages(world.sourceUrl, 1);

    expect(peeked.map(({ body, state, receiveCount }) => [body, state, receiveCount])).toStrictEqual([
      ['a', 'in-flight', 1],
      ['b', 'delayed', 0],
    ]);
    expect(again.map((message) => message.receiveCount)).toStrictEqual([1]);
    world.clock.advance(VISIBILITY_TIMEOUT_MS + 1);
    expect(world.sqs.peekMessages(world.sourceUrl, 10).map((message) => message.state)).toStrictEqual([
      'visible',
      'visible',
    ]);
  });
});
