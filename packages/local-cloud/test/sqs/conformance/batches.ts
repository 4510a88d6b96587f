import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { md5OfBody } from '../../../src/sqs/md5';
import { errorOf } from '../support';
import type { SqsConformanceContext } from './context';

/**
 * SendMessageBatch, DeleteMessageBatch and ChangeMessageVisibilityBatch: whole-batch refusals and
 * per-entry failures.
 */
export function batchTests(context: SqsConformanceContext): void {
  const { createQueue, counts, receive } = context;
  let sqs: SQSClient;
  beforeAll(() => {
    ({ sqs } = context);
  });

  it('refuses empty, oversized, duplicate-id and bad-id batches as a whole', async () => {
    const QueueUrl = await createQueue();
    const entries = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ Id: `m${index}`, MessageBody: 'x' }));

    expect((await errorOf(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [] })))).name).toBe(
      'EmptyBatchRequest',
    );
    expect(
      (await errorOf(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries(11) })))).name,
    ).toBe('TooManyEntriesInBatchRequest');
    expect(
      (
        await errorOf(
          sqs.send(
            new SendMessageBatchCommand({
              QueueUrl,
              Entries: [
                { Id: 'a', MessageBody: 'x' },
                { Id: 'a', MessageBody: 'y' },
              ],
            }),
          ),
        )
      ).name,
    ).toBe('BatchEntryIdsNotDistinct');
    expect(
      (
        await errorOf(
          sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'bad id!', MessageBody: 'x' }] })),
        )
      ).name,
    ).toBe('InvalidBatchEntryId');
    const tooLong = Array.from({ length: 2 }, (_, index) => ({
      Id: `big${index}`,
      MessageBody: 'z'.repeat(600 * 1024),
    }));
    expect((await errorOf(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: tooLong })))).name).toBe(
      'BatchRequestTooLong',
    );
    expect((await errorOf(sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: [] })))).name).toBe(
      'EmptyBatchRequest',
    );
    expect(await counts(QueueUrl)).toStrictEqual([0, 0, 0]);
  });

  it('reports per-entry failures in Failed and sends the rest', async () => {
    const QueueUrl = await createQueue();

    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          {
            Id: 'ok',
            MessageBody: 'fine',
            MessageAttributes: { attribName1: { DataType: 'String', StringValue: 'attribValue 1' } },
          },
          { Id: 'control', MessageBody: 'nul \u0000' },
          { Id: 'delay', MessageBody: 'x', DelaySeconds: 1000 },
        ],
      }),
    );

    expect(result.Successful?.map((entry) => entry.Id)).toStrictEqual(['ok']);
    expect(result.Successful?.[0].MD5OfMessageBody).toBe(md5OfBody('fine'));
    expect(result.Successful?.[0].MD5OfMessageAttributes).toBe('19e27d4e946b072f3f58da80d94fd778');
    expect(result.Failed?.map((entry) => [entry.Id, entry.Code, entry.SenderFault])).toStrictEqual([
      ['control', 'InvalidMessageContents', true],
      ['delay', 'InvalidParameterValue', true],
    ]);
    expect(await counts(QueueUrl)).toStrictEqual([1, 0, 0]);
  });

  it('deletes and changes visibility in batches, failing only bad entries', async () => {
    const QueueUrl = await createQueue();
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [0, 1, 2].map((index) => ({ Id: `m${index}`, MessageBody: `body ${index}` })),
      }),
    );
    const messages = await receive(QueueUrl);

    const changed = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'first', ReceiptHandle: messages[0].ReceiptHandle, VisibilityTimeout: 0 },
          { Id: 'bogus', ReceiptHandle: 'bogus', VisibilityTimeout: 0 },
        ],
      }),
    );
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'second', ReceiptHandle: messages[1].ReceiptHandle },
          { Id: 'third', ReceiptHandle: messages[2].ReceiptHandle },
          { Id: 'bogus', ReceiptHandle: 'bogus' },
        ],
      }),
    );

    expect(messages).toHaveLength(3);
    expect(changed.Successful?.map((entry) => entry.Id)).toStrictEqual(['first']);
    expect(changed.Failed?.map((entry) => [entry.Id, entry.Code])).toStrictEqual([
      ['bogus', 'ReceiptHandleIsInvalid'],
    ]);
    expect(deleted.Successful?.map((entry) => entry.Id)).toStrictEqual(['second', 'third']);
    expect(deleted.Failed?.map((entry) => [entry.Id, entry.Code])).toStrictEqual([
      ['bogus', 'ReceiptHandleIsInvalid'],
    ]);
    expect(await counts(QueueUrl)).toStrictEqual([1, 0, 0]);
  });
}
