import { IntrinsicResolver } from '../../src/assembly/intrinsic-resolver';
import { subscriptionDefinition, topicDefinition } from '../../src/assembly/topic-definitions';
import { stackFactory, TEST_ENVIRONMENT } from './template-factory';

const ARN_PREFIX = 'arn:aws:sns:us-east-1:000000000000';

function resolverOf(resources: Parameters<typeof stackFactory>[0]) {
  return new IntrinsicResolver(stackFactory(resources), TEST_ENVIRONMENT);
}

describe('topicDefinition', () => {
  test('gives a topic without a name a stable local name, its ARN, attributes as strings and tags', () => {
    const resolver = resolverOf({
      Alerts: {
        Type: 'AWS::SNS::Topic',
        Properties: {
          DisplayName: 'Alerts',
          Tags: [{ Key: 'team', Value: 'orders' }],
          Subscription: [{ Protocol: 'email', Endpoint: 'ops@example.com' }],
        },
      },
    });

    const topic = topicDefinition(resolver, resolver.stack.resource('Alerts'));

    expect(topic).toStrictEqual({
      logicalId: 'Alerts',
      topicName: 'OrderPipeline-Alerts',
      topicArn: `${ARN_PREFIX}:OrderPipeline-Alerts`,
      attributes: { DisplayName: 'Alerts' },
      tags: { team: 'orders' },
      subscriptions: [
        {
          logicalId: 'Alerts.Subscription[0]',
          topicArn: `${ARN_PREFIX}:OrderPipeline-Alerts`,
          protocol: 'email',
          endpoint: 'ops@example.com',
          attributes: {},
        },
      ],
    });
  });

  test('names a FIFO topic without a name with the .fifo suffix SNS requires', () => {
    const resolver = resolverOf({
      Orders: { Type: 'AWS::SNS::Topic', Properties: { FifoTopic: true, ContentBasedDeduplication: true } },
    });

    const topic = topicDefinition(resolver, resolver.stack.resource('Orders'));

    expect(topic.topicName).toBe('OrderPipeline-Orders.fifo');
    expect(topic.attributes).toStrictEqual({ FifoTopic: 'true', ContentBasedDeduplication: 'true' });
  });
});

describe('subscriptionDefinition', () => {
  test('resolves the topic and the queue endpoint, and gives policies as JSON text', () => {
    const resolver = resolverOf({
      Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'orders' } },
      Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'eu-orders' } },
      Dlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'eu-orders-dlq' } },
      Subscription: {
        Type: 'AWS::SNS::Subscription',
        Properties: {
          TopicArn: { Ref: 'Topic' },
          Protocol: 'sqs',
          Endpoint: { 'Fn::GetAtt': ['Queue', 'Arn'] },
          RawMessageDelivery: true,
          FilterPolicy: { region: ['eu-west-1'] },
          FilterPolicyScope: 'MessageAttributes',
          RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] } },
        },
      },
    });

    const subscription = subscriptionDefinition(resolver, resolver.stack.resource('Subscription'));

    expect(subscription).toStrictEqual({
      logicalId: 'Subscription',
      topicArn: `${ARN_PREFIX}:orders`,
      protocol: 'sqs',
      endpoint: 'arn:aws:sqs:us-east-1:000000000000:eu-orders',
      attributes: {
        RawMessageDelivery: 'true',
        FilterPolicy: '{"region":["eu-west-1"]}',
        FilterPolicyScope: 'MessageAttributes',
        RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:eu-orders-dlq"}',
      },
    });
  });
});
