import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { md5OfBody } from '../../../src/sqs/md5';
import { errorOf } from '../support';
import type { SqsConformanceContext } from './context';

/**
 * The rules a message and a receive follow: body and attribute validation, ReceiveMessage parameters,
 * delays and retention.
 */
export function messageRuleTests(context: SqsConformanceContext): void {
  const { clock, createQueue, counts, receive } = context;
  let sqs: SQSClient;
  beforeAll(() => {
    ({ sqs } = context);
  });

  it('refuses bodies that are empty, too large or hold characters SQS does not allow', async () => {
    const QueueUrl = await createQueue({ MaximumMessageSize: '1024' });

    const empty = await errorOf(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '' })));
    const large = await errorOf(
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1025) })),
    );
    const control = await errorOf(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'bell \u0007' })));
    const surrogate = await errorOf(
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'noncharacter \uFFFE' })),
    );
    const fits = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1024) }));

    expect(empty.name).toBe('MissingParameter');
    expect(large.name).toBe('InvalidParameterValue');
    expect(control.name).toBe('InvalidMessageContents');
    expect(surrogate.name).toBe('InvalidMessageContents');
    expect(fits.MessageId).toBeDefined();
  });

  it('accepts a 1 MiB body on a default queue and refuses one byte more', async () => {
    const QueueUrl = await createQueue();
    const limit = 1024 * 1024;

    const fits = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'y'.repeat(limit) }));
    const over = await errorOf(
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'y'.repeat(limit + 1) })),
    );
    const [message] = await receive(QueueUrl);

    expect(fits.MD5OfMessageBody).toBe(md5OfBody('y'.repeat(limit)));
    expect(over.name).toBe('InvalidParameterValue');
    expect(message.Body).toHaveLength(limit);
  });

  it('refuses invalid message attributes', async () => {
    const QueueUrl = await createQueue();
    const send = (MessageAttributes: Record<string, { DataType: string; StringValue?: string }>) =>
      errorOf(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageAttributes })));

    expect((await send({ 'AWS.reserved': { DataType: 'String', StringValue: 'x' } })).name).toBe(
      'InvalidParameterValue',
    );
    expect((await send({ n: { DataType: 'Number', StringValue: 'not a number' } })).name).toBe(
      'InvalidParameterValue',
    );
    expect((await send({ n: { DataType: 'Date', StringValue: 'x' } })).name).toBe('InvalidParameterValue');
    expect((await send({ n: { DataType: 'String' } })).name).toBe('InvalidParameterValue');
    const eleven = Object.fromEntries(
      Array.from({ length: 11 }, (_, index) => [`a${index}`, { DataType: 'String', StringValue: 'x' }]),
    );
    expect((await send(eleven)).name).toBe('InvalidParameterValue');
  });

  it('validates ReceiveMessage parameters', async () => {
    const QueueUrl = await createQueue();

    expect((await errorOf(receive(QueueUrl, { MaxNumberOfMessages: 11 }))).name).toBe(
      'InvalidParameterValue',
    );
    expect((await errorOf(receive(QueueUrl, { MaxNumberOfMessages: 0 }))).name).toBe('InvalidParameterValue');
    expect((await errorOf(receive(QueueUrl, { WaitTimeSeconds: 21 }))).name).toBe('InvalidParameterValue');
    expect((await errorOf(receive(QueueUrl, { VisibilityTimeout: -1 }))).name).toBe('InvalidParameterValue');
  });

  it('delays messages per message and per queue', async () => {
    const QueueUrl = await createQueue({ DelaySeconds: '20' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'queue delay' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'own delay', DelaySeconds: 5 }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'no delay', DelaySeconds: 0 }));

    const now = await receive(QueueUrl, { VisibilityTimeout: 300 });
    clock.advance(5_000);
    const after5 = await receive(QueueUrl, { VisibilityTimeout: 300 });
    const delayedCounts = await counts(QueueUrl);
    clock.advance(15_000);
    const after20 = await receive(QueueUrl, { VisibilityTimeout: 300 });

    expect(now.map((message) => message.Body)).toStrictEqual(['no delay']);
    expect(after5.map((message) => message.Body)).toStrictEqual(['own delay']);
    expect(delayedCounts).toStrictEqual([0, 2, 1]);
    expect(after20.map((message) => message.Body)).toStrictEqual(['queue delay']);
    expect(
      (await errorOf(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', DelaySeconds: 901 }))))
        .name,
    ).toBe('InvalidParameterValue');
  });

  it('drops messages older than the retention period', async () => {
    const QueueUrl = await createQueue({ MessageRetentionPeriod: '60' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'old' }));
    clock.advance(30_000);
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'young' }));
    clock.advance(30_000);

    expect(await counts(QueueUrl)).toStrictEqual([1, 0, 0]);
    expect((await receive(QueueUrl)).map((message) => message.Body)).toStrictEqual(['young']);
  });
}
