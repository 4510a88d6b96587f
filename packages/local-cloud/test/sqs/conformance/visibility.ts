import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { errorOf } from '../support';
import type { SqsConformanceContext } from './context';

/** Visibility timeouts, ChangeMessageVisibility and deletes by the latest receipt handle. */
export function visibilityTests(context: SqsConformanceContext): void {
  const { clock, createQueue, counts, receive } = context;
  let sqs: SQSClient;
  beforeAll(() => {
    ({ sqs } = context);
  });

  it('hides a received message for its visibility timeout, per receive or per queue', async () => {
    const QueueUrl = await createQueue({ VisibilityTimeout: '30' });
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'a', MessageBody: 'a' },
          { Id: 'b', MessageBody: 'b' },
        ],
      }),
    );

    await receive(QueueUrl, { MaxNumberOfMessages: 1 });
    await receive(QueueUrl, { MaxNumberOfMessages: 1, VisibilityTimeout: 5 });
    const hidden = await receive(QueueUrl);
    clock.advance(5_000);
    const afterShort = await receive(QueueUrl, { VisibilityTimeout: 60 });
    clock.advance(25_000);
    const afterQueueTimeout = await receive(QueueUrl);

    expect(hidden).toHaveLength(0);
    expect(afterShort.map((message) => message.Body)).toStrictEqual(['b']);
    expect(afterQueueTimeout.map((message) => message.Body)).toStrictEqual(['a']);
  });

  it('changes visibility: 0 makes a message receivable now; a message not in flight is refused', async () => {
    const QueueUrl = await createQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
    const [message] = await receive(QueueUrl);

    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl,
        ReceiptHandle: message.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const [again] = await receive(QueueUrl, { VisibilityTimeout: 0 });
    clock.advance(1);
    const notInFlight = await errorOf(
      sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl,
          ReceiptHandle: again.ReceiptHandle,
          VisibilityTimeout: 10,
        }),
      ),
    );
    const outOfRange = await errorOf(
      sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl,
          ReceiptHandle: again.ReceiptHandle,
          VisibilityTimeout: 43_201,
        }),
      ),
    );

    expect(again.MessageId).toBe(message.MessageId);
    expect(notInFlight.name).toBe('MessageNotInflight');
    expect(outOfRange.name).toBe('InvalidParameterValue');
  });

  it('deletes with the latest receipt handle only, and refuses malformed handles', async () => {
    const QueueUrl = await createQueue({ VisibilityTimeout: '1' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
    const [first] = await receive(QueueUrl);
    clock.advance(1_000);
    const [second] = await receive(QueueUrl);

    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.ReceiptHandle }));
    const stillThere = await counts(QueueUrl);
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: second.ReceiptHandle }));
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: second.ReceiptHandle }));
    const invalid = await errorOf(
      sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'not-a-handle' })),
    );
    clock.advance(1_000);

    expect(stillThere).toStrictEqual([0, 1, 0]);
    expect(await counts(QueueUrl)).toStrictEqual([0, 0, 0]);
    expect(invalid.name).toBe('ReceiptHandleIsInvalid');
  });
}
