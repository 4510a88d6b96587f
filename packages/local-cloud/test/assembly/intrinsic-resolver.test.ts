/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are CloudFormation's Fn::Sub syntax */
import { CloudAssemblyError, IntrinsicResolver, UnsupportedIntrinsicError } from '../../src/assembly';
import { stackFactory, TEST_ENVIRONMENT } from './template-factory';

const RESOURCES = {
  OrdersQueue1234: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 30 } },
  EventsQueue5678: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } },
  NamedQueue: {
    Type: 'AWS::SQS::Queue',
    Properties: { QueueName: { 'Fn::Sub': '${AWS::StackName}-named' } },
  },
  OrdersTableABCD: { Type: 'AWS::DynamoDB::Table', Properties: {} },
  ProcessOrders9F60: { Type: 'AWS::Lambda::Function', Properties: {} },
  Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
  Vpc: { Type: 'AWS::EC2::VPC', Properties: {} },
};

function resolverFor(resources: object = RESOURCES, template = {}) {
  return new IntrinsicResolver(stackFactory(resources as never, template), TEST_ENVIRONMENT);
}

describe('IntrinsicResolver', () => {
  const resolver = resolverFor();
  const resolve = (value: unknown) => resolver.resolve(value, 'Test.Properties.Value');

  test("resolves a queue's Ref to its local URL, and its Arn and QueueName", () => {
    expect(resolve({ Ref: 'OrdersQueue1234' })).toBe(
      'http://127.0.0.1:9324/000000000000/OrderPipeline-OrdersQueue1234',
    );
    expect(resolve({ 'Fn::GetAtt': ['OrdersQueue1234', 'Arn'] })).toBe(
      'arn:aws:sqs:us-east-1:000000000000:OrderPipeline-OrdersQueue1234',
    );
    expect(resolve({ 'Fn::GetAtt': 'OrdersQueue1234.QueueName' })).toBe('OrderPipeline-OrdersQueue1234');
  });

  test('names a FIFO queue with the .fifo suffix, and keeps a name the template sets', () => {
    expect(resolve({ 'Fn::GetAtt': ['EventsQueue5678', 'QueueName'] })).toBe(
      'OrderPipeline-EventsQueue5678.fifo',
    );
    expect(resolve({ 'Fn::GetAtt': ['NamedQueue', 'QueueName'] })).toBe('OrderPipeline-named');
  });

  test("resolves a table's and a function's Ref to their names, and their Arns", () => {
    expect(resolve({ Ref: 'OrdersTableABCD' })).toBe('OrderPipeline-OrdersTableABCD');
    expect(resolve({ 'Fn::GetAtt': ['OrdersTableABCD', 'Arn'] })).toBe(
      'arn:aws:dynamodb:us-east-1:000000000000:table/OrderPipeline-OrdersTableABCD',
    );
    expect(resolve({ Ref: 'ProcessOrders9F60' })).toBe('OrderPipeline-ProcessOrders9F60');
    expect(resolve({ 'Fn::GetAtt': ['ProcessOrders9F60', 'Arn'] })).toBe(
      'arn:aws:lambda:us-east-1:000000000000:function:OrderPipeline-ProcessOrders9F60',
    );
  });

  test('resolves the pseudo parameters', () => {
    expect(
      resolve({
        'Fn::Join': [
          ':',
          [
            { Ref: 'AWS::Partition' },
            { Ref: 'AWS::Region' },
            { Ref: 'AWS::AccountId' },
            { Ref: 'AWS::URLSuffix' },
          ],
        ],
      }),
    ).toBe('aws:us-east-1:000000000000:amazonaws.com');
  });

  test('resolves Fn::Sub with pseudo parameters, attributes, variables and escaped literals', () => {
    expect(
      resolve({
        'Fn::Sub': [
          'cdk-${AWS::AccountId}-${AWS::Region} ${OrdersQueue1234.QueueName} ${Table} ${!Literal}',
          { Table: { Ref: 'OrdersTableABCD' } },
        ],
      }),
    ).toBe(
      'cdk-000000000000-us-east-1 OrderPipeline-OrdersQueue1234 OrderPipeline-OrdersTableABCD ${Literal}',
    );
  });

  test('resolves Fn::Select over Fn::Split, as CDK writes it for a queue name from its ARN', () => {
    const queueName = {
      'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::GetAtt': ['OrdersQueue1234', 'Arn'] }] }],
    };

    expect(resolve(queueName)).toBe('OrderPipeline-OrdersQueue1234');
  });

  test('resolves nested objects and arrays, and drops properties that are Ref AWS::NoValue', () => {
    expect(
      resolve({
        Keep: [{ Ref: 'OrdersTableABCD' }, 1, { Ref: 'AWS::NoValue' }],
        Drop: { Ref: 'AWS::NoValue' },
        Redrive: { deadLetterTargetArn: { 'Fn::GetAtt': ['OrdersQueue1234', 'Arn'] }, maxReceiveCount: 5 },
      }),
    ).toStrictEqual({
      Keep: ['OrderPipeline-OrdersTableABCD', 1],
      Redrive: {
        deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:OrderPipeline-OrdersQueue1234',
        maxReceiveCount: 5,
      },
    });
  });

  test("resolves a parameter's Ref to its default", () => {
    const withParameter = resolverFor(RESOURCES, {
      Parameters: { Stage: { Type: 'String', Default: 'local' } },
    });

    expect(withParameter.resolve({ Ref: 'Stage' }, 'Test')).toBe('local');
  });

  test("resolves an SNS topic's Ref and TopicArn to its local ARN", () => {
    expect(resolve({ Ref: 'Topic' })).toBe('arn:aws:sns:us-east-1:000000000000:OrderPipeline-Topic');
    expect(resolve({ 'Fn::GetAtt': ['Topic', 'TopicArn'] })).toBe(resolve({ Ref: 'Topic' }));
  });

  test.each([
    [{ 'Fn::ImportValue': 'SharedQueueUrl' }, /Fn::ImportValue in Test\.Properties\.Value is not supported/],
    [{ 'Fn::If': ['IsProd', 'a', 'b'] }, /Fn::If in Test\.Properties\.Value is not supported/],
    [
      { 'Fn::GetAtt': ['OrdersTableABCD', 'StreamArn'] },
      /Fn::GetAtt OrdersTableABCD\.StreamArn \(AWS::DynamoDB::Table\)/,
    ],
    [{ Ref: 'Vpc' }, /Ref Vpc \(AWS::EC2::VPC\) in Test\.Properties\.Value/],
  ])('fails naming the intrinsic and where it is for %j', (value, message) => {
    expect(() => resolve(value)).toThrow(UnsupportedIntrinsicError);
    expect(() => resolve(value)).toThrow(message);
  });

  test('fails naming a resource that does not exist', () => {
    expect(() => resolve({ Ref: 'Missing' })).toThrow(CloudAssemblyError);
    expect(() => resolve({ Ref: 'Missing' })).toThrow(
      /Ref Missing in Test\.Properties\.Value: no such resource/,
    );
  });

  test('fails on a malformed intrinsic, showing it', () => {
    expect(() => resolve({ 'Fn::Join': [','] })).toThrow(
      /malformed Fn::Join in Test\.Properties\.Value: \[","\]/,
    );
    expect(() => resolve({ 'Fn::Select': [3, ['a']] })).toThrow(/malformed Fn::Select/);
  });

  test('cuts a generated name over the limit and keeps it unique with a hash', () => {
    const longId = `Queue${'X'.repeat(90)}`;
    const long = resolverFor({
      [longId]: { Type: 'AWS::SQS::Queue' },
      [`${longId}Y`]: { Type: 'AWS::SQS::Queue' },
    });

    const first = long.physicalName(longId);
    const second = long.physicalName(`${longId}Y`);

    expect(first).toHaveLength(80);
    expect(first).toMatch(/^OrderPipeline-QueueXXX.*-[0-9a-f]{8}$/);
    expect(second).not.toBe(first);
  });
});
