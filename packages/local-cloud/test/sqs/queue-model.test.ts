import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidTimeScaleError, ManualClock, scaledClock } from '../../src/clock';
import { type JournalEvent, type ReceiveMessageOutput, SqsModel } from '../../src/sqs/queue-model';
import { startSqsServer } from '../../src/sqs/server';
import { sqsErrorOf } from './model-support';

function errorCode(action: () => unknown): string {
  return sqsErrorOf(action).code;
}

describe('SqsModel (no HTTP, manual clock)', () => {
  let clock: ManualClock;
  let model: SqsModel;

  beforeEach(() => {
    clock = new ManualClock();
    model = new SqsModel({ clock, endpoint: 'http://127.0.0.1:9324' });
  });

  afterEach(() => model.close());

  function receive(QueueUrl: string, extra: Record<string, unknown> = {}): ReceiveMessageOutput {
    const result = model.receiveMessage({
      QueueUrl,
      MaxNumberOfMessages: 10,
      MessageSystemAttributeNames: ['All'],
      ...extra,
    });
    if (result instanceof Promise) throw new Error('expected an immediate receive');
    return result;
  }

  function counts(QueueUrl: string): (string | undefined)[] {
    const attributes = model.getQueueAttributes({ QueueUrl, AttributeNames: ['All'] }).Attributes ?? {};
    return [
      attributes.ApproximateNumberOfMessages,
      attributes.ApproximateNumberOfMessagesNotVisible,
      attributes.ApproximateNumberOfMessagesDelayed,
    ];
  }

  it('resolves queue URLs by account and name, whatever host the client used', () => {
    const { QueueUrl } = model.createQueue({ QueueName: 'hosts' });

    model.sendMessage({ QueueUrl: 'http://localhost:4566/000000000000/hosts', MessageBody: 'x' });
    model.sendMessage({ QueueUrl: '/000000000000/hosts', MessageBody: 'y' });

    expect(counts(QueueUrl)).toStrictEqual(['2', '0', '0']);
    expect(
      errorCode(() =>
        model.sendMessage({ QueueUrl: 'http://127.0.0.1:9324/111111111111/hosts', MessageBody: 'x' }),
      ),
    ).toBe('QueueDoesNotExist');
  });

  it('creates a standard queue idempotently when FifoQueue is given as false', () => {
    const first = model.createQueue({
      QueueName: 'plain',
      Attributes: { FifoQueue: 'false', VisibilityTimeout: '5' },
    });
    const again = model.createQueue({
      QueueName: 'plain',
      Attributes: { FifoQueue: 'false', VisibilityTimeout: '5' },
    });

    expect(again.QueueUrl).toBe(first.QueueUrl);
    expect(
      model.getQueueAttributes({ QueueUrl: first.QueueUrl, AttributeNames: ['All'] }).Attributes?.FifoQueue,
    ).toBeUndefined();
  });

  it('wakes a long poll when a delayed message becomes receivable', async () => {
    const { QueueUrl } = model.createQueue({ QueueName: 'delayed' });
    model.sendMessage({ QueueUrl, MessageBody: 'later', DelaySeconds: 10 });

    const waiting = model.receiveMessage({ QueueUrl, WaitTimeSeconds: 20 });
    clock.advance(10_000);

    expect((await waiting).Messages?.map((message) => message.Body)).toStrictEqual(['later']);
  });

  it('expires a dead-lettered message by its original SentTimestamp', () => {
    const { QueueUrl: dlq } = model.createQueue({
      QueueName: 'short-dlq',
      Attributes: { MessageRetentionPeriod: '60' },
    });
    const { QueueUrl } = model.createQueue({
      QueueName: 'long-source',
      Attributes: {
        VisibilityTimeout: '100',
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:short-dlq',
          maxReceiveCount: 1,
        }),
      },
    });
    model.sendMessage({ QueueUrl, MessageBody: 'old' });
    receive(QueueUrl);
    clock.advance(30_000);
    model.sendMessage({ QueueUrl: dlq, MessageBody: 'young' });
    clock.advance(40_000);

    receive(QueueUrl);

    // The moved message is 70 s old: past the DLQ's 60 s retention although it arrived just now.
    expect(counts(dlq)).toStrictEqual(['1', '0', '0']);
    expect(receive(dlq).Messages?.map((message) => message.Body)).toStrictEqual(['young']);
  });

  it('dead-letters FIFO messages in group order', () => {
    model.createQueue({ QueueName: 'dlq.fifo', Attributes: { FifoQueue: 'true' } });
    const { QueueUrl } = model.createQueue({
      QueueName: 'source.fifo',
      Attributes: {
        FifoQueue: 'true',
        ContentBasedDeduplication: 'true',
        VisibilityTimeout: '5',
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq.fifo',
          maxReceiveCount: 1,
        }),
      },
    });
    for (const body of ['first', 'second'])
      model.sendMessage({ QueueUrl, MessageBody: body, MessageGroupId: 'g' });

    receive(QueueUrl);
    clock.advance(5_000);
    const afterRedrive = receive(QueueUrl);
    const dead = receive(model.getQueueUrl({ QueueName: 'dlq.fifo' }).QueueUrl);

    expect(afterRedrive.Messages ?? []).toStrictEqual([]);
    expect(dead.Messages?.map((message) => [message.Body, message.Attributes?.MessageGroupId])).toStrictEqual(
      [
        ['first', 'g'],
        ['second', 'g'],
      ],
    );
  });

  it('replays a FIFO receive retried with the same ReceiveRequestAttemptId', () => {
    const { QueueUrl } = model.createQueue({
      QueueName: 'attempts.fifo',
      Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' },
    });
    model.sendMessage({ QueueUrl, MessageBody: 'once', MessageGroupId: 'g' });

    const first = receive(QueueUrl, { ReceiveRequestAttemptId: 'attempt-1', VisibilityTimeout: 30 });
    clock.advance(20_000);
    const retried = receive(QueueUrl, { ReceiveRequestAttemptId: 'attempt-1', VisibilityTimeout: 30 });
    const other = receive(QueueUrl, { ReceiveRequestAttemptId: 'attempt-2' });
    clock.advance(20_000);
    const stillHidden = receive(QueueUrl);
    model.deleteMessage({ QueueUrl, ReceiptHandle: first.Messages?.[0].ReceiptHandle ?? '' });
    const afterDelete = receive(QueueUrl, { ReceiveRequestAttemptId: 'attempt-1' });

    expect(retried.Messages?.[0].ReceiptHandle).toBe(first.Messages?.[0].ReceiptHandle);
    expect(other.Messages ?? []).toStrictEqual([]);
    // The retry restarted the 30 s visibility timeout at 20 s, so at 40 s the message is still hidden.
    expect(stillHidden.Messages ?? []).toStrictEqual([]);
    expect(afterDelete.Messages ?? []).toStrictEqual([]);
  });

  it('moves messages at MaxNumberOfMessagesPerSecond', () => {
    const { QueueUrl: dlq } = model.createQueue({ QueueName: 'rate-dlq' });
    const { QueueUrl } = model.createQueue({
      QueueName: 'rate-source',
      Attributes: {
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:rate-dlq',
          maxReceiveCount: 1,
        }),
      },
    });
    for (const body of ['a', 'b', 'c']) model.sendMessage({ QueueUrl: dlq, MessageBody: body });

    model.startMessageMoveTask({
      SourceArn: 'arn:aws:sqs:us-east-1:000000000000:rate-dlq',
      DestinationArn: 'arn:aws:sqs:us-east-1:000000000000:rate-source',
      MaxNumberOfMessagesPerSecond: 1,
    });
    clock.advance(0);
    const afterFirstSecond = counts(QueueUrl)[0];
    clock.advance(2_000);
    const { Results } = model.listMessageMoveTasks({
      SourceArn: 'arn:aws:sqs:us-east-1:000000000000:rate-dlq',
    });

    expect(afterFirstSecond).toBe('1');
    expect(counts(QueueUrl)[0]).toBe('3');
    expect(Results[0]).toMatchObject({
      Status: 'COMPLETED',
      ApproximateNumberOfMessagesMoved: 3,
      MaxNumberOfMessagesPerSecond: 1,
    });
  });

  it('enforces the dead-letter queue RedriveAllowPolicy', () => {
    model.createQueue({
      QueueName: 'picky-dlq',
      Attributes: {
        RedriveAllowPolicy: JSON.stringify({
          redrivePermission: 'byQueue',
          sourceQueueArns: ['arn:aws:sqs:us-east-1:000000000000:allowed'],
        }),
      },
    });
    const policy = JSON.stringify({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:picky-dlq',
      maxReceiveCount: 1,
    });

    const allowed = model.createQueue({ QueueName: 'allowed', Attributes: { RedrivePolicy: policy } });

    expect(allowed.QueueUrl).toBe('http://127.0.0.1:9324/000000000000/allowed');
    expect(
      errorCode(() => model.createQueue({ QueueName: 'refused', Attributes: { RedrivePolicy: policy } })),
    ).toBe('InvalidParameterValue');
  });

  it('keeps visibility extensions within 12 hours of the receive', () => {
    const { QueueUrl } = model.createQueue({ QueueName: 'twelve-hours' });
    model.sendMessage({ QueueUrl, MessageBody: 'x' });
    const [message] = receive(QueueUrl, { VisibilityTimeout: 43_200 }).Messages ?? [];
    clock.advance(6 * 3600 * 1000);

    model.changeMessageVisibility({
      QueueUrl,
      ReceiptHandle: message.ReceiptHandle,
      VisibilityTimeout: 6 * 3600,
    });
    const beyond = errorCode(() =>
      model.changeMessageVisibility({
        QueueUrl,
        ReceiptHandle: message.ReceiptHandle,
        VisibilityTimeout: 6 * 3600 + 1,
      }),
    );

    expect(beyond).toBe('InvalidParameterValue');
  });

  it('refuses a visibility change for a deleted message', () => {
    const { QueueUrl } = model.createQueue({ QueueName: 'gone' });
    model.sendMessage({ QueueUrl, MessageBody: 'x' });
    const [message] = receive(QueueUrl).Messages ?? [];
    model.deleteMessage({ QueueUrl, ReceiptHandle: message.ReceiptHandle });

    expect(
      errorCode(() =>
        model.changeMessageVisibility({
          QueueUrl,
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: 5,
        }),
      ),
    ).toBe('InvalidParameterValue');
  });

  it('rebuilds the same state from its snapshot events', () => {
    const { QueueUrl } = model.createQueue({
      QueueName: 'snap',
      Attributes: { VisibilityTimeout: '60' },
      tags: { a: 'b' },
    });
    for (const body of ['one', 'two', 'three']) model.sendMessage({ QueueUrl, MessageBody: body });
    receive(QueueUrl, { MaxNumberOfMessages: 1 });

    const copy = new SqsModel({ clock });
    for (const event of model.snapshot()) copy.restore(event);

    expect(copy.getQueueAttributes({ QueueUrl, AttributeNames: ['All'] })).toStrictEqual(
      model.getQueueAttributes({ QueueUrl, AttributeNames: ['All'] }),
    );
    expect(copy.listQueueTags({ QueueUrl })).toStrictEqual({ Tags: { a: 'b' } });
    copy.close();
  });
});

describe('journal replay', () => {
  const directories: string[] = [];
  afterAll(() => {
    for (const dir of directories) rmSync(dir, { recursive: true, force: true });
  });

  it('ignores a torn last line, as a crash mid-write leaves it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqs-torn-'));
    directories.push(dir);
    const events: JournalEvent[] = [
      {
        t: 'queue',
        name: 'torn',
        attrs: {
          VisibilityTimeout: '30',
          MessageRetentionPeriod: '345600',
          DelaySeconds: '0',
          MaximumMessageSize: '1048576',
          ReceiveMessageWaitTimeSeconds: '0',
        },
        tags: {},
        created: Date.now(),
        modified: Date.now(),
      },
      {
        t: 'put',
        q: 'torn',
        m: {
          id: 'm1',
          body: 'kept',
          md5: 'x',
          sentAt: Date.now(),
          sender: 's',
          rc: 0,
          fr: 0,
          at: 0,
          st: 'ready',
        },
      },
    ];
    writeFileSync(
      join(dir, 'sqs-journal.jsonl'),
      `${events.map((event) => JSON.stringify(event)).join('\n')}\n{"t":"put","q":"torn","m":{"id":"m2","bo`,
    );

    const server = await startSqsServer({ port: 0, stateDir: dir });
    const attributes = server.model.getQueueAttributes({
      QueueUrl: `${server.endpoint}/000000000000/torn`,
      AttributeNames: ['ApproximateNumberOfMessages'],
    });
    await server.close();

    expect(attributes.Attributes).toStrictEqual({ ApproximateNumberOfMessages: '1' });
    expect(readFileSync(join(dir, 'sqs-journal.jsonl'), 'utf8')).not.toContain('"m2"');
  });
});

describe('scaledClock', () => {
  it('runs faster than the wall clock by its scale', async () => {
    const clock = scaledClock(100);
    const start = clock.now();

    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(clock.now() - start).toBeGreaterThanOrEqual(4_000);
    expect(() => scaledClock(0)).toThrow(InvalidTimeScaleError);
    expect(() => scaledClock(0)).toThrow(/positive finite number, such as 1 or 10 \(given 0\)/);
  });
});
