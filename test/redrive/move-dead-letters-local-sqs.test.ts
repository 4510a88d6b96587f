import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type SqsServer, startSqsServer } from 'local-cloud';
import { formatMoveProgress, moveDeadLetters, sqsMoveTaskApi } from '../../bin/redrive/move-dead-letters';

describe('moveDeadLetters against the local SQS endpoint', () => {
  let server: SqsServer;

  beforeAll(async () => {
    server = await startSqsServer({ port: 0 });
  });

  afterAll(async () => {
    await server.close();
  });

  test('moves every dead-lettered message back to its source queue and reports the finished task', async () => {
    const sqs = new SQSClient({
      endpoint: server.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const { QueueUrl: dlqUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'dlq' }));
    const arnOf = async (queueUrl: string) =>
      (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] })))
        .Attributes?.QueueArn ?? '';
    const { QueueUrl: ordersUrl = '' } = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'orders',
        Attributes: {
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await arnOf(dlqUrl), maxReceiveCount: 1 }),
        },
      }),
    );
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: ordersUrl,
        Entries: ['a', 'b', 'c'].map((body) => ({ Id: body, MessageBody: body })),
      }),
    );
    // Received once and not deleted: the next receive finds them over maxReceiveCount, on the DLQ.
    for (let receive = 0; receive < 2; receive += 1) {
      await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: ordersUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
      );
    }
    const depth = async (queueUrl: string) =>
      Number(
        (
          await sqs.send(
            new GetQueueAttributesCommand({
              QueueUrl: queueUrl,
              AttributeNames: ['ApproximateNumberOfMessages'],
            }),
          )
        ).Attributes?.ApproximateNumberOfMessages,
      );
    expect(await depth(dlqUrl)).toBe(3);

    const progress: string[] = [];
    const outcome = await moveDeadLetters({
      api: sqsMoveTaskApi(sqs),
      deadLetterQueueUrl: dlqUrl,
      waitSeconds: 20,
      pollMilliseconds: 50,
      onProgress: (reading) => progress.push(formatMoveProgress(reading)),
    });
    expect(outcome).toMatchObject({ status: 'COMPLETED', moved: 3, finished: true });
    expect(progress.at(-1)).toMatch(/^move task COMPLETED: 3 (of 3 )?message\(s\) moved$/);
    expect(await depth(dlqUrl)).toBe(0);
    expect(await depth(ordersUrl)).toBe(3);
  });
});
