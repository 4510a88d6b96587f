import {
  CancelMessageMoveTaskCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { errorOf } from '../support';
import type { SqsConformanceContext } from './context';

/** Dead-letter queues: redrive by receive count, the source queues of a DLQ and message move tasks. */
export function deadLetterTests(context: SqsConformanceContext): void {
  const { clock, createQueue, attributesOf, counts, parked, receive } = context;
  let sqs: SQSClient;
  beforeAll(() => {
    ({ sqs } = context);
  });

  async function queueWithDeadLetterQueue(
    maxReceiveCount: number,
  ): Promise<{ source: string; dlq: string; dlqArn: string }> {
    const dlq = await createQueue({}, '-dlq');
    const dlqArn = (await attributesOf(dlq)).QueueArn;
    const source = await createQueue({
      VisibilityTimeout: '10',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }),
    });
    return { source, dlq, dlqArn };
  }

  it('moves a message to the DLQ once its receive count exceeds maxReceiveCount, keeping its timestamps', async () => {
    const { source, dlq } = await queueWithDeadLetterQueue(2);
    const sourceArn = (await attributesOf(source)).QueueArn;
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: 'poison' }));
    const sentAt = clock.now();

    const first = await receive(source);
    clock.advance(10_000);
    const second = await receive(source);
    clock.advance(10_000);
    const third = await receive(source);
    const [dead] = await receive(dlq);

    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(third).toHaveLength(0);
    expect(dead.MessageId).toBe(sent.MessageId);
    expect(dead.Body).toBe('poison');
    expect(dead.Attributes?.DeadLetterQueueSourceArn).toBe(sourceArn);
    expect(dead.Attributes?.SentTimestamp).toBe(String(sentAt));
    expect(dead.Attributes?.ApproximateFirstReceiveTimestamp).toBe(String(sentAt));
    expect(await counts(source)).toStrictEqual([0, 0, 0]);
  });

  it('wakes a long poll on the DLQ when a message is dead-lettered', async () => {
    const { source, dlq } = await queueWithDeadLetterQueue(1);
    await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: 'to the dlq' }));
    await receive(source);
    clock.advance(10_000);
    const waiting = receive(dlq, { WaitTimeSeconds: 20 });
    await parked(dlq);

    await receive(source);

    expect((await waiting).map((message) => message.Body)).toStrictEqual(['to the dlq']);
  });

  it('lists the source queues of a DLQ and refuses a RedrivePolicy to a missing queue', async () => {
    const { source, dlq } = await queueWithDeadLetterQueue(3);

    const { queueUrls } = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }));
    const error = await errorOf(
      createQueue({
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:missing',
          maxReceiveCount: 1,
        }),
      }),
    );

    expect(queueUrls).toStrictEqual([source]);
    expect(error.name).toBe('InvalidParameterValue');
  });

  it('moves dead letters back to their source with a message move task', async () => {
    const { source, dlq, dlqArn } = await queueWithDeadLetterQueue(1);
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: source,
        Entries: [
          { Id: 'a', MessageBody: 'a' },
          { Id: 'b', MessageBody: 'b' },
        ],
      }),
    );
    await receive(source);
    clock.advance(10_000);
    await receive(source);
    expect(await counts(dlq)).toStrictEqual([2, 0, 0]);

    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    clock.advance(0);
    const { Results } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
    const cancel = await errorOf(sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle })));
    const back = await receive(source);

    expect(TaskHandle).toBeDefined();
    expect(Results?.[0]).toMatchObject({
      Status: 'COMPLETED',
      ApproximateNumberOfMessagesMoved: 2,
      ApproximateNumberOfMessagesToMove: 2,
      SourceArn: dlqArn,
    });
    expect(cancel.name).toBe('ResourceNotFoundException');
    expect(back.map((message) => message.Body).sort()).toStrictEqual(['a', 'b']);
    expect(back[0].Attributes?.DeadLetterQueueSourceArn).toBeUndefined();
    expect(await counts(dlq)).toStrictEqual([0, 0, 0]);
  });

  it('cancels a running move task and refuses a source that is no DLQ', async () => {
    const { source, dlq, dlqArn } = await queueWithDeadLetterQueue(1);
    const sourceArn = (await attributesOf(source)).QueueArn;
    await sqs.send(new SendMessageCommand({ QueueUrl: dlq, MessageBody: 'waiting' }));

    const { TaskHandle } = await sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: dlqArn,
        DestinationArn: sourceArn,
        MaxNumberOfMessagesPerSecond: 1,
      }),
    );
    const cancelled = await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    const { Results } = await sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: dlqArn, MaxResults: 10 }),
    );
    const notDlq = await errorOf(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: sourceArn })));

    expect(cancelled.ApproximateNumberOfMessagesMoved).toBe(0);
    expect(Results?.[0].Status).toBe('CANCELLED');
    expect(notDlq.name).toBe('InvalidParameterValue');
  });
}
