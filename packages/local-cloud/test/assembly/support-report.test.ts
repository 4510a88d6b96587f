import { rmSync } from 'node:fs';
import {
  formatStackSupport,
  formatSupportReport,
  localStackDefinition,
  stackSupport,
  supportReport,
} from '../../src/assembly';
import { assetFolder, inlineFunction, nodeFunction, sqsMapping, supportStack } from './stack-support-factory';
import { TEST_ENVIRONMENT } from './template-factory';

const TABLE = {
  Type: 'AWS::DynamoDB::Table',
  Properties: {
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
  },
};

describe('supportReport', () => {
  let directory: string;

  beforeEach(() => {
    directory = assetFolder();
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  test('lists every resource of the template with what the local cloud does with it, and why', () => {
    const stack = supportStack(
      directory,
      {
        Orders: { Type: 'AWS::SQS::Queue' },
        OrdersPolicy: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'Orders' }] } },
        Table: TABLE,
        Role: { Type: 'AWS::IAM::Role' },
        App: nodeFunction({ Environment: { Variables: { API: { Ref: 'Api' } } } }),
        Worker: nodeFunction({ Runtime: 'java21' }),
        Notifications: inlineFunction(),
        OrdersMapping: sqsMapping('Orders', 'Worker'),
        StreamMapping: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: {
            EventSourceArn: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
            FunctionName: { Ref: 'App' },
          },
        },
        Api: { Type: 'AWS::ApiGateway::RestApi' },
        Distribution: { Type: 'AWS::CloudFront::Distribution' },
        Seed: { Type: 'Custom::TableSeed' },
        CDKMetadata: { Type: 'AWS::CDK::Metadata' },
        ProdOnly: { Type: 'AWS::SQS::Queue', Condition: 'IsProd' },
      },
      { Conditions: { IsProd: { 'Fn::Equals': ['local', 'prod'] } } },
    );

    const rows = supportReport(localStackDefinition(stack, TEST_ENVIRONMENT));

    const node = process.versions.node;
    // The fixture's functions ask for nodejs22.x; a machine on another Node.js says so.
    const asked = node.startsWith('22.') ? '' : ' (the template asks for nodejs22.x)';
    expect(rows).toStrictEqual([
      {
        logicalId: 'Orders',
        type: 'AWS::SQS::Queue',
        status: 'emulated',
        reason: 'queue on the local SQS endpoint',
      },
      {
        logicalId: 'OrdersPolicy',
        type: 'AWS::SQS::QueuePolicy',
        status: 'not-enforced',
        reason: 'accepted, not enforced',
      },
      {
        logicalId: 'Table',
        type: 'AWS::DynamoDB::Table',
        status: 'emulated',
        reason: 'table in the local DynamoDB; its stream is not emulated',
      },
      {
        logicalId: 'Role',
        type: 'AWS::IAM::Role',
        status: 'not-enforced',
        reason: 'IAM is not enforced: every function may call every local service',
      },
      {
        logicalId: 'App',
        type: 'AWS::Lambda::Function',
        status: 'emulated',
        reason: `runs in worker threads on Node.js ${node}${asked}`,
      },
      {
        logicalId: 'Worker',
        type: 'AWS::Lambda::Function',
        status: 'not-runnable',
        reason: 'runtime java21: only Node.js functions run locally',
      },
      {
        logicalId: 'Notifications',
        type: 'AWS::Lambda::Function',
        status: 'ignored',
        reason: 'inline code (Code.ZipFile)',
      },
      {
        logicalId: 'OrdersMapping',
        type: 'AWS::Lambda::EventSourceMapping',
        status: 'not-runnable',
        reason: 'kept disabled: function Worker does not run; messages stay queued',
      },
      {
        logicalId: 'StreamMapping',
        type: 'AWS::Lambda::EventSourceMapping',
        status: 'ignored',
        reason: 'a DynamoDB stream source is not supported; the table still serves',
      },
      {
        logicalId: 'Api',
        type: 'AWS::ApiGateway::RestApi',
        status: 'placeholder',
        reason: 'not emulated; placeholder for App.Properties.Environment.Variables.API',
      },
      {
        logicalId: 'Distribution',
        type: 'AWS::CloudFront::Distribution',
        status: 'ignored',
        reason: 'not emulated',
      },
      {
        logicalId: 'Seed',
        type: 'Custom::TableSeed',
        status: 'ignored',
        reason: 'custom resource: its provider does not run locally',
      },
      { logicalId: 'CDKMetadata', type: 'AWS::CDK::Metadata', status: 'ignored', reason: 'CDK metadata' },
      {
        logicalId: 'ProdOnly',
        type: 'AWS::SQS::Queue',
        status: 'ignored',
        reason: 'condition IsProd does not hold',
      },
    ]);
  });

  test("notes a function's template runtime only when it is not this machine's Node.js", () => {
    const localRuntime = `nodejs${process.versions.node.split('.')[0]}.x`;
    const stack = supportStack(directory, {
      Local: nodeFunction({ Runtime: localRuntime }),
      Older: nodeFunction({ Runtime: 'nodejs16.x' }),
    });

    const reasons = supportReport(localStackDefinition(stack, TEST_ENVIRONMENT)).map((row) => row.reason);

    expect(reasons).toStrictEqual([
      `runs in worker threads on Node.js ${process.versions.node}`,
      `runs in worker threads on Node.js ${process.versions.node} (the template asks for nodejs16.x)`,
    ]);
  });

  test('gives the stack support its report and the warnings together', () => {
    const local = localStackDefinition(
      supportStack(directory, {
        App: nodeFunction({ Environment: { Variables: { API: { Ref: 'Api' } } } }),
        Api: { Type: 'AWS::ApiGateway::RestApi' },
      }),
      TEST_ENVIRONMENT,
    );

    const support = stackSupport(local);

    expect(support).toStrictEqual({ stackName: 'App', rows: supportReport(local), warnings: local.warnings });
    expect(support.warnings).toHaveLength(1);
  });
});

describe('formatSupportReport', () => {
  test('renders one table with aligned columns and a count of each status', () => {
    const text = formatSupportReport([
      {
        logicalId: 'Orders',
        type: 'AWS::SQS::Queue',
        status: 'emulated',
        reason: 'queue on the local SQS endpoint',
      },
      {
        logicalId: 'OrdersPolicy',
        type: 'AWS::SQS::QueuePolicy',
        status: 'not-enforced',
        reason: 'accepted, not enforced',
      },
      { logicalId: 'Api', type: 'AWS::ApiGateway::RestApi', status: 'placeholder', reason: 'not emulated' },
    ]);

    expect(text.split('\n')).toStrictEqual([
      'Resource      Type                      Status        Reason',
      'Orders        AWS::SQS::Queue           emulated      queue on the local SQS endpoint',
      'OrdersPolicy  AWS::SQS::QueuePolicy     not-enforced  accepted, not enforced',
      'Api           AWS::ApiGateway::RestApi  placeholder   not emulated',
      '3 resources: 1 emulated, 1 not-enforced, 1 placeholder',
    ]);
  });

  test('says when there is nothing to report', () => {
    expect(formatSupportReport([])).toBe('Resource  Type  Status  Reason\n0 resources');
  });
});

describe('formatStackSupport', () => {
  test("titles the stack's table and lists its warnings after it", () => {
    const text = formatStackSupport({
      stackName: 'App',
      rows: [
        { logicalId: 'Api', type: 'AWS::ApiGateway::RestApi', status: 'placeholder', reason: 'not emulated' },
      ],
      warnings: [
        {
          logicalId: 'Api',
          type: 'AWS::ApiGateway::RestApi',
          location: 'Outputs.ApiId',
          placeholder: 'abcdef0123',
          message:
            'Ref Api in Outputs.ApiId: AWS::ApiGateway::RestApi is not emulated; placeholder abcdef0123',
        },
      ],
    });

    expect(text.split('\n')).toStrictEqual([
      'Stack App',
      'Resource  Type                      Status       Reason',
      'Api       AWS::ApiGateway::RestApi  placeholder  not emulated',
      '1 resource: 1 placeholder',
      'warning: Ref Api in Outputs.ApiId: AWS::ApiGateway::RestApi is not emulated; placeholder abcdef0123',
    ]);
  });
});
