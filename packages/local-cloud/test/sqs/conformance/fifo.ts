import {
  CreateQueueCommand,
  DeleteMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { errorOf } from '../support';
import type { SqsConformanceContext } from './context';

/** FIFO queues: group order, deduplication, sequence numbers and their required parameters. */
export function fifoTests(context: SqsConformanceContext): void {
  const { protocol, clock, createQueue, attributesOf, counts, receive } = context;
  let sqs: SQSClient;
  beforeAll(() => {
    ({ sqs } = context);
  });

  async function createFifo(attributes: Record<string, string> = {}): Promise<string> {
    return createQueue({ FifoQueue: 'true', ...attributes }, '.fifo');
  }

  it('delivers a group in order and blocks it while one of its messages is in flight', async () => {
    const QueueUrl = await createFifo({ ContentBasedDeduplication: 'true' });
    for (const body of ['a1', 'a2', 'a3'])
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: 'a' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'b1', MessageGroupId: 'b' }));

    const first = await receive(QueueUrl, { MaxNumberOfMessages: 1 });
    const second = await receive(QueueUrl, { MaxNumberOfMessages: 10 });
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first[0].ReceiptHandle }));
    const third = await receive(QueueUrl, { MaxNumberOfMessages: 10 });

    expect(first.map((message) => message.Body)).toStrictEqual(['a1']);
    expect(second.map((message) => message.Body)).toStrictEqual(['b1']);
    expect(third.map((message) => message.Body)).toStrictEqual(['a2', 'a3']);
    expect(first[0].Attributes?.MessageGroupId).toBe('a');
  });

  it('deduplicates within five minutes, by id or by content, and numbers messages in sequence', async () => {
    const QueueUrl = await createFifo();
    const send = (MessageBody: string, MessageDeduplicationId: string) =>
      sqs.send(
        new SendMessageCommand({ QueueUrl, MessageBody, MessageGroupId: 'g', MessageDeduplicationId }),
      );

    const first = await send('one', 'd1');
    const repeat = await send('one again', 'd1');
    const other = await send('two', 'd2');
    clock.advance(5 * 60 * 1000);
    const afterWindow = await send('one later', 'd1');

    expect(repeat.MessageId).toBe(first.MessageId);
    expect(repeat.SequenceNumber).toBe(first.SequenceNumber);
    expect(BigInt(other.SequenceNumber ?? '0')).toBeGreaterThan(BigInt(first.SequenceNumber ?? '0'));
    expect(afterWindow.MessageId).not.toBe(first.MessageId);
    expect(await counts(QueueUrl)).toStrictEqual([3, 0, 0]);

    const contentBased = await createFifo({ ContentBasedDeduplication: 'true' });
    const a = await sqs.send(
      new SendMessageCommand({ QueueUrl: contentBased, MessageBody: 'same', MessageGroupId: 'g' }),
    );
    const b = await sqs.send(
      new SendMessageCommand({ QueueUrl: contentBased, MessageBody: 'same', MessageGroupId: 'g' }),
    );
    expect(b.MessageId).toBe(a.MessageId);
    expect(await counts(contentBased)).toStrictEqual([1, 0, 0]);
  });

  it('requires a group id and a deduplication id, and refuses per-message delays', async () => {
    const QueueUrl = await createFifo();

    const noGroup = await errorOf(
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageDeduplicationId: 'd' })),
    );
    const noDedup = await errorOf(
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageGroupId: 'g' })),
    );
    const delay = await errorOf(
      sqs.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: 'x',
          MessageGroupId: 'g',
          MessageDeduplicationId: 'd',
          DelaySeconds: 1,
        }),
      ),
    );
    const badName = await errorOf(
      sqs.send(
        new CreateQueueCommand({ QueueName: `no-suffix-${protocol}`, Attributes: { FifoQueue: 'true' } }),
      ),
    );

    expect(noGroup.name).toBe('MissingParameter');
    expect(noDedup.name).toBe('InvalidParameterValue');
    expect(delay.name).toBe('InvalidParameterValue');
    expect(badName.name).toBe('InvalidParameterValue');
  });

  it('returns FIFO system attributes', async () => {
    const QueueUrl = await createFifo();
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'x',
        MessageGroupId: 'g1',
        MessageDeduplicationId: 'd1',
      }),
    );

    const [message] = await receive(QueueUrl);

    expect(message.Attributes).toMatchObject({
      MessageGroupId: 'g1',
      MessageDeduplicationId: 'd1',
      SequenceNumber: sent.SequenceNumber,
    });
    expect((await attributesOf(QueueUrl)).FifoQueue).toBe('true');
  });
}
