import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  PublishBatchCommand,
  PublishCommand,
  paginateListTopics,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  type SNSClient,
  SubscribeCommand,
  TagResourceCommand,
  UnsubscribeCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-sns';
import type { SnsServer, SnsService } from '../../src/sns';
import type { FakeTargets } from './fake-targets';
import { functionArn, queueArn, testServer } from './support';

describe('local SNS through the SDK v3 client (Query protocol)', () => {
  let sns: SNSClient;
  let server: SnsServer;
  let service: SnsService;
  let targets: FakeTargets;

  beforeEach(async () => {
    ({ sns, server, service, targets } = await testServer());
  });

  afterEach(async () => {
    sns.destroy();
    await server.close();
    await service.close();
  });

  async function topic(name = 'orders', Attributes?: Record<string, string>): Promise<string> {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: name, Attributes }));
    return TopicArn as string;
  }

  async function rejection(
    promise: Promise<unknown>,
  ): Promise<{ name: string; message: string; status?: number }> {
    try {
      await promise;
    } catch (error) {
      const failure = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
      return { name: failure.name, message: failure.message, status: failure.$metadata?.httpStatusCode };
    }
    throw new Error('expected the call to fail');
  }

  it('creates, lists (paged), describes, changes and deletes topics', async () => {
    const arn = await topic('orders', { DisplayName: 'Orders' });
    expect(arn).toBe('arn:aws:sns:us-east-1:000000000000:orders');
    expect(await topic('orders', { DisplayName: 'Orders' })).toBe(arn);
    for (let index = 0; index < 120; index++) await topic(`t${index}`);
    const firstPage = await sns.send(new ListTopicsCommand({}));
    expect(firstPage.Topics).toHaveLength(100);
    expect(firstPage.NextToken).toBeDefined();
    const all: string[] = [];
    for await (const page of paginateListTopics({ client: sns }, {}))
      all.push(...(page.Topics ?? []).map((t) => t.TopicArn as string));
    expect(all).toHaveLength(121);
    await sns.send(
      new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'DisplayName', AttributeValue: 'Shop' }),
    );
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn: arn }));
    expect(Attributes).toMatchObject({
      TopicArn: arn,
      DisplayName: 'Shop',
      Owner: '000000000000',
      SubscriptionsConfirmed: '0',
    });
    await sns.send(new DeleteTopicCommand({ TopicArn: arn }));
    expect(await rejection(sns.send(new GetTopicAttributesCommand({ TopicArn: arn })))).toEqual({
      name: 'NotFoundException',
      message: 'Topic does not exist',
      status: 404,
    });
  });

  it('subscribes, lists, describes, changes and removes subscriptions', async () => {
    const arn = await topic();
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({
        TopicArn: arn,
        Protocol: 'sqs',
        Endpoint: queueArn('q'),
        Attributes: { RawMessageDelivery: 'true' },
        ReturnSubscriptionArn: true,
      }),
    );
    expect(SubscriptionArn).toMatch(/^arn:aws:sns:us-east-1:000000000000:orders:[0-9a-f-]{36}$/);
    const email = await sns.send(
      new SubscribeCommand({ TopicArn: arn, Protocol: 'email', Endpoint: 'ops@example.com' }),
    );
    expect(email.SubscriptionArn).not.toBe('pending confirmation');
    const listed = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }));
    expect(listed.Subscriptions).toEqual([
      { SubscriptionArn, Owner: '000000000000', Protocol: 'sqs', Endpoint: queueArn('q'), TopicArn: arn },
      expect.objectContaining({ Protocol: 'email', Endpoint: 'ops@example.com' }),
    ]);
    expect((await sns.send(new ListSubscriptionsCommand({}))).Subscriptions).toHaveLength(2);
    await sns.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn,
        AttributeName: 'FilterPolicy',
        AttributeValue: '{"colour":["red"]}',
      }),
    );
    const { Attributes } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    expect(Attributes).toMatchObject({
      SubscriptionArn,
      TopicArn: arn,
      Protocol: 'sqs',
      Endpoint: queueArn('q'),
      RawMessageDelivery: 'true',
      FilterPolicy: '{"colour":["red"]}',
      FilterPolicyScope: 'MessageAttributes',
      PendingConfirmation: 'false',
    });
    await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
    expect(
      await rejection(sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))),
    ).toMatchObject({
      name: 'NotFoundException',
    });
  });

  it('refuses http endpoints that are not loopback, and bad filter policies', async () => {
    const arn = await topic();
    expect(
      await rejection(
        sns.send(
          new SubscribeCommand({ TopicArn: arn, Protocol: 'https', Endpoint: 'https://example.com/hook' }),
        ),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('loopback'),
      status: 400,
    });
    await sns.send(
      new SubscribeCommand({ TopicArn: arn, Protocol: 'http', Endpoint: 'http://localhost:8080/hook' }),
    );
    const tooMany = JSON.stringify({ a: [1], b: [1], c: [1], d: [1], e: [1], f: [1] });
    expect(
      await rejection(
        sns.send(
          new SubscribeCommand({
            TopicArn: arn,
            Protocol: 'sqs',
            Endpoint: queueArn('q'),
            Attributes: { FilterPolicy: tooMany },
          }),
        ),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys',
    });
    expect(
      await rejection(
        sns.send(
          new SubscribeCommand({
            TopicArn: arn,
            Protocol: 'sqs',
            Endpoint: queueArn('q'),
            Attributes: { FilterPolicy: '{' },
          }),
        ),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('failed to parse JSON'),
    });
  });

  it('publishes with every attribute type and delivers', async () => {
    const arn = await topic();
    await sns.send(
      new SubscribeCommand({
        TopicArn: arn,
        Protocol: 'sqs',
        Endpoint: queueArn('q'),
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    await sns.send(new SubscribeCommand({ TopicArn: arn, Protocol: 'lambda', Endpoint: functionArn('f') }));
    const { MessageId } = await sns.send(
      new PublishCommand({
        TargetArn: arn,
        Subject: 'Order',
        Message: 'placed',
        MessageAttributes: {
          store: { DataType: 'String', StringValue: 'example_corp' },
          price: { DataType: 'Number', StringValue: '210.75' },
          interests: { DataType: 'String.Array', StringValue: '["soccer","rugby"]' },
          image: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2]) },
        },
      }),
    );
    await service.idle();
    expect(targets.queues.get(queueArn('q'))).toEqual([
      {
        body: 'placed',
        messageAttributes: {
          store: { DataType: 'String', StringValue: 'example_corp' },
          price: { DataType: 'Number', StringValue: '210.75' },
          interests: { DataType: 'String.Array', StringValue: '["soccer","rugby"]' },
          image: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2]).toString('base64') },
        },
      },
    ]);
    const event = targets.invocations[0].event as { Records: { Sns: Record<string, unknown> }[] };
    expect(event.Records[0].Sns).toMatchObject({ MessageId, Subject: 'Order', Message: 'placed' });
  });

  it('answers bad publishes with SNS errors and stays up', async () => {
    const arn = await topic();
    const fifo = await topic('orders.fifo', { FifoTopic: 'true' });
    const cases = [
      new PublishCommand({ TopicArn: `${arn}-missing`, Message: 'x' }),
      new PublishCommand({ TopicArn: arn, Message: 'x'.repeat(262_145) }),
      new PublishCommand({ TopicArn: fifo, Message: 'x', MessageDeduplicationId: 'd' }),
      new PublishCommand({ TopicArn: arn, Message: '{"sqs":"x"}', MessageStructure: 'json' }),
      new PublishCommand({
        TopicArn: arn,
        Message: 'x',
        MessageAttributes: { n: { DataType: 'Number', StringValue: 'abc' } },
      }),
    ];
    const failures = [];
    for (const command of cases) failures.push(await rejection(sns.send(command)));
    expect(failures).toEqual([
      { name: 'NotFoundException', message: 'Topic does not exist', status: 404 },
      { name: 'InvalidParameterException', message: 'Invalid parameter: Message too long', status: 400 },
      {
        name: 'InvalidParameterException',
        message: 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
        status: 400,
      },
      {
        name: 'InvalidParameterException',
        message: 'Invalid parameter: Message Structure - No default entry in JSON message body',
        status: 400,
      },
      {
        name: 'InvalidParameterValueException',
        message: "Could not cast message attribute 'n' value to number.",
        status: 400,
      },
    ]);
    const { MessageId, SequenceNumber } = await sns.send(
      new PublishCommand({ TopicArn: fifo, Message: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' }),
    );
    expect(MessageId).toBeDefined();
    expect(SequenceNumber).toMatch(/^\d{20}$/);
  });

  it('publishes batches, reporting failed entries, and refuses bad batches', async () => {
    const fifo = await topic('orders.fifo', { FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    await sns.send(new SubscribeCommand({ TopicArn: fifo, Protocol: 'sqs', Endpoint: queueArn('q.fifo') }));
    const result = await sns.send(
      new PublishBatchCommand({
        TopicArn: fifo,
        PublishBatchRequestEntries: [
          { Id: 'a', Message: 'one', MessageGroupId: 'g' },
          { Id: 'b', Message: 'two' },
          { Id: 'c', Message: 'three', MessageGroupId: 'g' },
        ],
      }),
    );
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['a', 'c']);
    expect(result.Successful?.every((entry) => /^\d{20}$/.test(entry.SequenceNumber ?? ''))).toBe(true);
    expect(result.Failed).toEqual([
      {
        Id: 'b',
        Code: 'InvalidParameter',
        Message: 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
        SenderFault: true,
      },
    ]);
    await service.idle();
    expect(targets.bodies(queueArn('q.fifo')).map((body) => JSON.parse(body).Message)).toEqual([
      'one',
      'three',
    ]);
    const batch = (entries: { Id: string; Message: string }[]) =>
      rejection(sns.send(new PublishBatchCommand({ TopicArn: fifo, PublishBatchRequestEntries: entries })));
    expect((await batch([])).name).toBe('EmptyBatchRequestException');
    expect(
      (await batch(Array.from({ length: 11 }, (_, index) => ({ Id: `m${index}`, Message: 'x' })))).name,
    ).toBe('TooManyEntriesInBatchRequestException');
    expect(
      (
        await batch([
          { Id: 'a', Message: 'x' },
          { Id: 'a', Message: 'y' },
        ])
      ).name,
    ).toBe('BatchEntryIdsNotDistinctException');
    expect((await batch([{ Id: 'a b', Message: 'x' }])).name).toBe('InvalidBatchEntryIdException');
    expect(
      (
        await batch([
          { Id: 'a', Message: 'x'.repeat(200_000) },
          { Id: 'b', Message: 'y'.repeat(100_000) },
        ])
      ).name,
    ).toBe('BatchRequestTooLongException');
  });

  it('tags, untags and lists tags; refuses more than 50', async () => {
    const arn = await topic();
    await sns.send(
      new TagResourceCommand({
        ResourceArn: arn,
        Tags: [
          { Key: 'team', Value: 'shop' },
          { Key: 'env', Value: 'dev' },
        ],
      }),
    );
    await sns.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['env'] }));
    expect((await sns.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual([
      { Key: 'team', Value: 'shop' },
    ]);
    const tags = Array.from({ length: 51 }, (_, index) => ({ Key: `k${index}`, Value: 'v' }));
    expect((await rejection(sns.send(new TagResourceCommand({ ResourceArn: arn, Tags: tags })))).name).toBe(
      'TagLimitExceededException',
    );
    expect((await rejection(sns.send(new ListTagsForResourceCommand({ ResourceArn: `${arn}x` })))).name).toBe(
      'ResourceNotFoundException',
    );
  });
});
