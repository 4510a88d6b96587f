/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are CloudFormation's Fn::Sub syntax */
import { CloudAssemblyError, IntrinsicResolver } from '../../src/assembly';
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

/** Resources of types the local cloud does not emulate, or attributes it does not. */
const NOT_EMULATED = {
  ...RESOURCES,
  Api: { Type: 'AWS::ApiGateway::RestApi', Properties: {} },
  Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'OrderPipeline-Bucket' } },
  Parameter: { Type: 'AWS::SSM::Parameter', Properties: { Name: '/app/flag', Value: 'on' } },
  FunctionUrl: { Type: 'AWS::Lambda::Url', Properties: {} },
  Custom: { Type: 'Custom::Thing', Properties: {} },
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

  test("resolves CDK's LogRetention LogGroupName to the function's log group, with no placeholder", () => {
    const resolver = resolverFor({
      ...RESOURCES,
      Retention: {
        Type: 'Custom::LogRetention',
        Properties: {
          LogGroupName: { 'Fn::Join': ['', ['/aws/lambda/', { Ref: 'ProcessOrders9F60' }]] },
        },
      },
    });

    const name = resolver.resolve({ 'Fn::GetAtt': ['Retention', 'LogGroupName'] }, 'Outputs.LogGroup');

    expect(name).toBe('/aws/lambda/OrderPipeline-ProcessOrders9F60');
    expect(resolver.warnings).toStrictEqual([]);
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
    [{ Ref: 'Vpc' }, /^vpc-[0-9a-f]{17}$/],
    [{ Ref: 'Api' }, /^[0-9a-f]{10}$/],
    [{ Ref: 'Bucket' }, /^orderpipeline-bucket$/],
    [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, /^arn:aws:s3:::orderpipeline-bucket$/],
    [{ Ref: 'Parameter' }, /^\/app\/flag$/],
    [
      { 'Fn::GetAtt': ['FunctionUrl', 'FunctionUrl'] },
      /^https:\/\/[0-9a-f]{32}\.lambda-url\.us-east-1\.on\.aws\/$/,
    ],
    [
      { 'Fn::GetAtt': ['Custom', 'Endpoint'] },
      /^https:\/\/[0-9a-f]{10}\.cloudformation\.us-east-1\.amazonaws\.com\/$/,
    ],
    [
      { 'Fn::GetAtt': ['Custom', 'TopicArn'] },
      /^arn:aws:cloudformation:us-east-1:000000000000:thing\/OrderPipeline-Custom$/,
    ],
    [
      { 'Fn::GetAtt': ['OrdersTableABCD', 'StreamArn'] },
      /^arn:aws:dynamodb:us-east-1:000000000000:table\/OrderPipeline-OrdersTableABCD\/stream\/1970-01-01T00:00:00\.000$/,
    ],
  ])('gives %j a placeholder of the shape AWS would', (value, shape) => {
    const placeholders = resolverFor(NOT_EMULATED);

    const resolved = placeholders.resolve(value, 'Outputs.Value');

    expect(resolved).toMatch(shape);
  });

  test('warns naming the resource, its type, where it is referenced and the placeholder', () => {
    const placeholders = resolverFor(NOT_EMULATED);

    placeholders.resolve(
      { 'Fn::Join': ['', ['https://', { Ref: 'Api' }, '.execute-api']] },
      'Outputs.ApiUrl',
    );
    placeholders.resolve(
      { 'Fn::GetAtt': ['OrdersTableABCD', 'StreamArn'] },
      'Mapping.Properties.EventSourceArn',
    );

    const [api, stream] = placeholders.warnings;
    expect(placeholders.warnings).toHaveLength(2);
    expect(api).toStrictEqual({
      logicalId: 'Api',
      type: 'AWS::ApiGateway::RestApi',
      location: 'Outputs.ApiUrl[1]',
      placeholder: expect.stringMatching(/^[0-9a-f]{10}$/),
      message: `Ref Api in Outputs.ApiUrl[1]: AWS::ApiGateway::RestApi is not emulated; placeholder ${api.placeholder}`,
    });
    expect(stream.message).toBe(
      'Fn::GetAtt OrdersTableABCD.StreamArn in Mapping.Properties.EventSourceArn: AWS::DynamoDB::Table ' +
        `attribute StreamArn is not emulated; placeholder ${stream.placeholder}`,
    );
  });

  test('warns once for the same reference in the same place, and again for another place', () => {
    const placeholders = resolverFor(NOT_EMULATED);

    placeholders.resolve({ Ref: 'Bucket' }, 'Fn.Properties.Environment.Variables.BUCKET');
    placeholders.resolve({ Ref: 'Bucket' }, 'Fn.Properties.Environment.Variables.BUCKET');
    placeholders.resolve({ Ref: 'Bucket' }, 'Outputs.BucketName');

    expect(placeholders.warnings.map((warning) => warning.location)).toStrictEqual([
      'Fn.Properties.Environment.Variables.BUCKET',
      'Outputs.BucketName',
    ]);
  });

  test('gives a parameter without a Default a placeholder of its type, and warns', () => {
    const withParameters = resolverFor(RESOURCES, {
      Parameters: { Stage: { Type: 'String' }, Count: { Type: 'Number' } },
    });

    expect(withParameters.resolve({ Ref: 'Stage' }, 'Outputs.Stage')).toBe('Stage');
    expect(withParameters.resolve({ Ref: 'Count' }, 'Outputs.Count')).toBe('0');
    expect(withParameters.warnings.map((warning) => warning.message)).toStrictEqual([
      'Ref Stage in Outputs.Stage: parameter Stage has no Default; placeholder Stage',
      'Ref Count in Outputs.Count: parameter Count has no Default; placeholder 0',
    ]);
  });

  test("gives a parameter read from SSM its parameter's name as placeholder, and warns", () => {
    const withParameter = resolverFor(RESOURCES, {
      Parameters: { Version: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/version' } },
    });

    expect(withParameter.resolve({ Ref: 'Version' }, 'Outputs.Version')).toBe('/app/version');
    expect(withParameter.warnings.map((warning) => warning.message)).toStrictEqual([
      'Ref Version in Outputs.Version: parameter Version is read from SSM parameter /app/version, ' +
        'which is not emulated; placeholder /app/version',
    ]);
  });

  test('resolves Fn::ImportValue with what another stack exports, and warns when none does', () => {
    const exports: Record<string, string> = { SharedQueueUrl: 'http://127.0.0.1:9324/000000000000/Shared' };
    const importing = new IntrinsicResolver(stackFactory(RESOURCES), TEST_ENVIRONMENT, {
      importValue: (name) => exports[name],
    });

    expect(importing.resolve({ 'Fn::ImportValue': 'SharedQueueUrl' }, 'Outputs.Shared')).toBe(
      exports.SharedQueueUrl,
    );
    expect(importing.resolve({ 'Fn::ImportValue': 'Missing' }, 'Outputs.Missing')).toBe('Missing');
    expect(importing.warnings.map((warning) => warning.message)).toStrictEqual([
      'Fn::ImportValue Missing in Outputs.Missing: export Missing is exported by no stack of the assembly; placeholder Missing',
    ]);
  });

  test("resolves Fn::If by the template's Conditions and Fn::FindInMap by its Mappings", () => {
    const conditional = resolverFor(RESOURCES, {
      Conditions: {
        IsLocal: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
        IsRemote: { 'Fn::Not': [{ Condition: 'IsLocal' }] },
        Both: { 'Fn::And': [{ Condition: 'IsLocal' }, { Condition: 'IsRemote' }] },
      },
      Mappings: { Runtimes: { 'us-east-1': { value: 'nodejs22.x' } } },
    });
    const resolve = (value: unknown) => conditional.resolve(value, 'Test');

    expect(resolve({ 'Fn::If': ['IsLocal', 'local', 'remote'] })).toBe('local');
    expect(resolve({ 'Fn::If': ['IsRemote', 'remote', { Ref: 'AWS::NoValue' }] })).toBeUndefined();
    expect(resolve({ 'Fn::If': ['Both', 'both', 'not both'] })).toBe('not both');
    expect(resolve({ 'Fn::FindInMap': ['Runtimes', { Ref: 'AWS::Region' }, 'value'] })).toBe('nodejs22.x');
  });

  test('gives an intrinsic it does not know a placeholder and a warning instead of failing', () => {
    const value = resolver.resolve({ 'Fn::Cidr': ['10.0.0.0/16', 6, 5] }, 'Outputs.Cidr');

    expect(value).toBe('unresolved-Cidr');
    expect(resolver.warnings.map((warning) => warning.message)).toContain(
      'Fn::Cidr in Outputs.Cidr: intrinsic Fn::Cidr is not supported; placeholder unresolved-Cidr',
    );
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
