import {
  CreateQueueCommand,
  type CreateQueueCommandInput,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  type SQSClient,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import type { SqsServer } from '../../../src/sqs/server';
import { errorOf } from '../support';
import type { SqsConformanceContext } from './context';

/** CreateQueue, GetQueueUrl, ListQueues, DeleteQueue, PurgeQueue, the queue attributes and tags. */
export function queueTests(context: SqsConformanceContext): void {
  const { protocol, clock, createQueue, attributesOf, counts, receive } = context;
  let server: SqsServer;
  let sqs: SQSClient;
  beforeAll(() => {
    ({ server, sqs } = context);
  });

  it('creates a queue at <endpoint>/<account>/<name> with an ARN, idempotently for the same attributes', async () => {
    const name = `orders-${protocol}`;
    const first = await sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '45' } }),
    );
    const again = await sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '45' } }),
    );

    expect(first.QueueUrl).toBe(`${server.endpoint}/000000000000/${name}`);
    expect(again.QueueUrl).toBe(first.QueueUrl);
    const attributes = await attributesOf(first.QueueUrl ?? '');
    expect(attributes.QueueArn).toBe(`arn:aws:sqs:us-east-1:000000000000:${name}`);
    expect(attributes.VisibilityTimeout).toBe('45');
    expect(attributes.MessageRetentionPeriod).toBe('345600');
  });

  it('fails with QueueNameExists (QueueAlreadyExists) for the same name with other attributes', async () => {
    const QueueName = `exists-${protocol}`;
    await sqs.send(new CreateQueueCommand({ QueueName, Attributes: { DelaySeconds: '1' } }));

    const error = await errorOf(
      sqs.send(new CreateQueueCommand({ QueueName, Attributes: { DelaySeconds: '2' } })),
    );

    expect(error.name).toBe('QueueNameExists');
    expect(error.Code).toBe('QueueAlreadyExists');
  });

  it.each([
    ['an invalid name', { QueueName: 'bad name!' }, 'InvalidParameterValue'],
    ['an unknown attribute', { QueueName: 'x', Attributes: { Colour: 'blue' } }, 'InvalidAttributeName'],
    [
      'a visibility timeout over 12 hours',
      { QueueName: 'x', Attributes: { VisibilityTimeout: '43201' } },
      'InvalidAttributeValue',
    ],
    [
      'a maximum message size over 1 MiB',
      { QueueName: 'x', Attributes: { MaximumMessageSize: '1048577' } },
      'InvalidAttributeValue',
    ],
  ] as const)('refuses to create a queue with %s', async (_what, input, code) => {
    const error = await errorOf(sqs.send(new CreateQueueCommand(input as CreateQueueCommandInput)));

    expect(error.name).toBe(code);
  });

  it('gets queue URLs by name and fails with QueueDoesNotExist for unknown names and URLs', async () => {
    const url = await createQueue();
    const name = url.split('/').pop();

    expect((await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl).toBe(url);
    const byName = await errorOf(sqs.send(new GetQueueUrlCommand({ QueueName: 'no-such-queue' })));
    expect(byName.name).toBe('QueueDoesNotExist');
    expect(byName.Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
    const byUrl = await errorOf(
      sqs.send(
        new SendMessageCommand({ QueueUrl: `${server.endpoint}/000000000000/nope`, MessageBody: 'x' }),
      ),
    );
    expect(byUrl.name).toBe('QueueDoesNotExist');
  });

  it('lists queues by prefix, with paging', async () => {
    const prefix = `list-${protocol}-`;
    for (const suffix of ['a', 'b', 'c'])
      await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}${suffix}` }));

    const all = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }));
    const page1 = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2 }));
    const page2 = await sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2, NextToken: page1.NextToken }),
    );
    const none = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'nothing-has-this-prefix' }));

    expect(all.QueueUrls?.map((url) => url.split('/').pop())).toStrictEqual([
      `${prefix}a`,
      `${prefix}b`,
      `${prefix}c`,
    ]);
    expect(page1.QueueUrls).toHaveLength(2);
    expect(page2.QueueUrls).toStrictEqual([`${server.endpoint}/000000000000/${prefix}c`]);
    expect(page2.NextToken).toBeUndefined();
    expect(none.QueueUrls ?? []).toStrictEqual([]);
  });

  it('deletes a queue, after which it does not exist', async () => {
    const QueueUrl = await createQueue();
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));

    expect(
      (await errorOf(sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] })))).name,
    ).toBe('QueueDoesNotExist');
  });

  it('purges every message, and refuses a second purge within 60 seconds', async () => {
    const QueueUrl = await createQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'one' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'two', DelaySeconds: 5 }));

    await sqs.send(new PurgeQueueCommand({ QueueUrl }));
    const second = await errorOf(sqs.send(new PurgeQueueCommand({ QueueUrl })));
    clock.advance(61_000);
    await sqs.send(new PurgeQueueCommand({ QueueUrl }));

    expect(second.name).toBe('PurgeQueueInProgress');
    expect(await counts(QueueUrl)).toStrictEqual([0, 0, 0]);
  });

  it('reports exact visible, in-flight and delayed counts', async () => {
    const QueueUrl = await createQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'visible' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'in flight' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'delayed', DelaySeconds: 30 }));
    await receive(QueueUrl, { MaxNumberOfMessages: 1 });

    expect(await counts(QueueUrl)).toStrictEqual([1, 1, 1]);
  });

  it('returns only the attributes asked for, and refuses unknown attribute names', async () => {
    const QueueUrl = await createQueue();
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['VisibilityTimeout', 'QueueArn'] }),
    );
    const error = await errorOf(
      sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['NoSuchAttribute' as 'All'] })),
    );

    expect(Object.keys(Attributes ?? {}).sort()).toStrictEqual(['QueueArn', 'VisibilityTimeout']);
    expect(error.name).toBe('InvalidAttributeName');
  });

  it('sets attributes, which later receives use', async () => {
    const QueueUrl = await createQueue();
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl,
        Attributes: { VisibilityTimeout: '5', DelaySeconds: '0' },
      }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
    await receive(QueueUrl);

    clock.advance(5_001);

    expect((await attributesOf(QueueUrl)).VisibilityTimeout).toBe('5');
    expect(await receive(QueueUrl)).toHaveLength(1);
    expect(
      (
        await errorOf(
          sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { DelaySeconds: '901' } })),
        )
      ).name,
    ).toBe('InvalidAttributeValue');
  });

  it('tags queues at creation and later', async () => {
    const name = `tagged-${protocol}`;
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: name, tags: { team: 'orders' } }),
    );
    await sqs.send(new TagQueueCommand({ QueueUrl, Tags: { env: 'local' } }));
    await sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ['team'] }));

    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toStrictEqual({ env: 'local' });
  });
}
