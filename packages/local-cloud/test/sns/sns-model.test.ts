import { SnsError } from '../../src/sns/errors';
import { SnsModel } from '../../src/sns/sns-model';

const LOCATION = { accountId: '000000000000', region: 'us-east-1' };
const TOPIC = 'arn:aws:sns:us-east-1:000000000000:orders';
const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:q';

function failure(run: () => unknown): SnsError {
  try {
    run();
  } catch (error) {
    if (error instanceof SnsError) return error;
    throw error;
  }
  throw new Error('expected an SnsError');
}

describe('SnsModel', () => {
  it('creates topics idempotently, and refuses the same name with other attributes or tags', () => {
    const model = new SnsModel(LOCATION);
    const first = model.createTopic('orders', { DisplayName: 'Orders' }, { team: 'a' });
    expect(first.arn).toBe(TOPIC);
    expect(model.createTopic('orders', { DisplayName: 'Orders' }, {})).toBe(first);
    expect(failure(() => model.createTopic('orders', { DisplayName: 'Other' }, {})).message).toBe(
      'Invalid parameter: Attributes Reason: Topic already exists with different attributes',
    );
    expect(failure(() => model.createTopic('orders', {}, { team: 'b' })).code).toBe('InvalidParameter');
  });

  it.each([
    ['bad name', 'a b', {}, 'Invalid parameter: Topic Name'],
    [
      'fifo name without FifoTopic',
      'a.fifo',
      {},
      expect.stringContaining('Fifo Topic names must end with .fifo'),
    ],
    ['FifoTopic without .fifo', 'a', { FifoTopic: 'true' }, expect.stringContaining('Fifo Topic names')],
    ['unknown attribute', 'a', { Colour: 'red' }, 'Invalid parameter: AttributeName'],
    [
      'content-based dedup on a standard topic',
      'a',
      { ContentBasedDeduplication: 'true' },
      expect.stringContaining('FIFO'),
    ],
  ])('refuses a topic with %s', (_case, name, attributes, message) => {
    const model = new SnsModel(LOCATION);
    const error = failure(() => model.createTopic(name, attributes, {}));
    expect(error.code).toBe('InvalidParameter');
    expect(error.message).toEqual(message);
  });

  it('gives the topic attributes SNS gives, with subscription counts', () => {
    const model = new SnsModel(LOCATION);
    model.createTopic('orders.fifo', { FifoTopic: 'true', ContentBasedDeduplication: 'true' }, {});
    const arn = `${TOPIC}.fifo`;
    const subscription = model.subscribe(arn, 'sqs', `${QUEUE}.fifo`, {});
    model.subscribe(arn, 'sqs', `${QUEUE}2.fifo`, {});
    model.unsubscribe(subscription.arn);
    model.setTopicAttribute(arn, 'DisplayName', 'Orders');
    model.setTopicAttribute(arn, 'KmsMasterKeyId', 'alias/aws/sns');
    expect(model.getTopicAttributes(arn)).toMatchObject({
      TopicArn: arn,
      Owner: '000000000000',
      DisplayName: 'Orders',
      KmsMasterKeyId: 'alias/aws/sns',
      FifoTopic: 'true',
      ContentBasedDeduplication: 'true',
      SubscriptionsConfirmed: '1',
      SubscriptionsPending: '0',
      SubscriptionsDeleted: '1',
    });
    expect(JSON.parse(model.getTopicAttributes(arn).Policy).Statement[0].Resource).toBe(arn);
    expect(failure(() => model.setTopicAttribute(arn, 'FifoTopic', 'false')).code).toBe('InvalidParameter');
  });

  it('subscribes idempotently and keeps subscription attributes', () => {
    const model = new SnsModel(LOCATION);
    model.createTopic('orders', {}, {});
    const attributes = { RawMessageDelivery: 'true', FilterPolicy: '{"a":["b"]}' };
    const subscription = model.subscribe(TOPIC, 'sqs', QUEUE, attributes);
    expect(model.subscribe(TOPIC, 'sqs', QUEUE, attributes)).toBe(subscription);
    expect(model.getSubscriptionAttributes(subscription.arn)).toMatchObject({
      SubscriptionArn: subscription.arn,
      TopicArn: TOPIC,
      Protocol: 'sqs',
      Endpoint: QUEUE,
      Owner: '000000000000',
      RawMessageDelivery: 'true',
      FilterPolicy: '{"a":["b"]}',
      FilterPolicyScope: 'MessageAttributes',
      PendingConfirmation: 'false',
      ConfirmationWasAuthenticated: 'true',
    });
    model.setSubscriptionAttribute(
      subscription.arn,
      'RedrivePolicy',
      JSON.stringify({ deadLetterTargetArn: `${QUEUE}-dlq` }),
    );
    expect(model.getSubscriptionAttributes(subscription.arn).RedrivePolicy).toContain('q-dlq');
    model.setSubscriptionAttribute(subscription.arn, 'FilterPolicy', '');
    expect(model.getSubscriptionAttributes(subscription.arn)).not.toHaveProperty('FilterPolicy');
  });

  it.each([
    ['raw delivery to lambda', 'lambda', { RawMessageDelivery: 'true' }],
    ['a policy that is not JSON', 'sqs', { FilterPolicy: '{' }],
    ['an unknown scope', 'sqs', { FilterPolicy: '{"a":["b"]}', FilterPolicyScope: 'Body' }],
    ['a redrive policy without an SQS queue', 'sqs', { RedrivePolicy: '{"deadLetterTargetArn":"x"}' }],
    ['an unknown attribute', 'sqs', { Colour: 'red' }],
  ] as const)('refuses a subscription with %s', (_case, protocol, attributes) => {
    const model = new SnsModel(LOCATION);
    model.createTopic('orders', {}, {});
    const endpoint = protocol === 'lambda' ? 'arn:aws:lambda:us-east-1:000000000000:function:f' : QUEUE;
    expect(failure(() => model.subscribe(TOPIC, protocol, endpoint, attributes)).code).toBe(
      'InvalidParameter',
    );
  });

  it('answers NotFound for missing topics and subscriptions, ResourceNotFound for tagging', () => {
    const model = new SnsModel(LOCATION);
    expect(failure(() => model.getTopicAttributes(TOPIC))).toMatchObject({
      code: 'NotFound',
      message: 'Topic does not exist',
    });
    expect(failure(() => model.subscribe(TOPIC, 'sqs', QUEUE, {})).code).toBe('NotFound');
    expect(failure(() => model.unsubscribe(`${TOPIC}:x`))).toMatchObject({
      code: 'NotFound',
      message: 'Subscription does not exist',
    });
    expect(failure(() => model.tagResource(TOPIC, { a: 'b' })).code).toBe('ResourceNotFound');
    expect(() => model.deleteTopic(TOPIC)).not.toThrow();
  });

  it('deletes a topic with its subscriptions', () => {
    const model = new SnsModel(LOCATION);
    model.createTopic('orders', {}, {});
    model.subscribe(TOPIC, 'sqs', QUEUE, {});
    model.deleteTopic(TOPIC);
    expect(model.listSubscriptions(undefined).items).toEqual([]);
    expect(model.listTopics(undefined).items).toEqual([]);
  });

  it('pages topics 100 at a time', () => {
    const model = new SnsModel(LOCATION);
    for (let index = 0; index < 250; index++) model.createTopic(`t${index}`, {}, {});
    const first = model.listTopics(undefined);
    const second = model.listTopics(first.nextToken);
    const third = model.listTopics(second.nextToken);
    expect([first.items.length, second.items.length, third.items.length]).toEqual([100, 100, 50]);
    expect(third.nextToken).toBeUndefined();
    expect(new Set([...first.items, ...second.items, ...third.items].map((topic) => topic.arn)).size).toBe(
      250,
    );
    expect(failure(() => model.listTopics('not-a-token')).code).toBe('InvalidParameter');
  });

  it('tags topics up to 50 tags', () => {
    const model = new SnsModel(LOCATION);
    model.createTopic('orders', {}, { a: '1' });
    model.tagResource(TOPIC, { b: '2' });
    model.untagResource(TOPIC, ['a']);
    expect(model.tagsOf(TOPIC)).toEqual({ b: '2' });
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`k${index}`, 'v']));
    expect(failure(() => model.tagResource(TOPIC, many)).code).toBe('TagLimitExceeded');
  });

  it('reports every change, and a snapshot restores the same state', () => {
    const changes: unknown[] = [];
    const model = new SnsModel(LOCATION, (change) => changes.push(change));
    model.createTopic('orders', {}, {});
    const subscription = model.subscribe(TOPIC, 'sqs', QUEUE, {});
    expect(changes).toHaveLength(2);
    const copy = new SnsModel(LOCATION);
    for (const change of model.snapshot()) copy.restore(change);
    expect(copy.getSubscriptionAttributes(subscription.arn)).toEqual(
      model.getSubscriptionAttributes(subscription.arn),
    );
  });
});
