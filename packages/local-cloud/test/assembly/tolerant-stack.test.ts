import { rmSync } from 'node:fs';
import { localStackDefinition } from '../../src/assembly';
import { assetFolder, inlineFunction, nodeFunction, sqsMapping, supportStack } from './stack-support-factory';
import { TEST_ENVIRONMENT } from './template-factory';

describe('localStackDefinition of a stack with what the local cloud does not run', () => {
  let directory: string;

  beforeEach(() => {
    directory = assetFolder();
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  test("lists functions with inline code as ignored, naming CDK's own helpers, and runs the rest", () => {
    const stack = supportStack(directory, {
      BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691: inlineFunction({
        Description:
          'AWS CloudFormation handler for "Custom::S3BucketNotifications" resources (@aws-cdk/aws-s3)',
      }),
      Inline: inlineFunction({ Runtime: 'nodejs22.x' }),
      Image: {
        Type: 'AWS::Lambda::Function',
        Properties: { Code: { ImageUri: 'repo:tag' }, PackageType: 'Image' },
      },
      App: nodeFunction(),
    });

    const local = localStackDefinition(stack, TEST_ENVIRONMENT);

    expect(local.functions.map((fn) => fn.logicalId)).toStrictEqual(['App']);
    expect(local.functionsNotRun).toStrictEqual([
      {
        logicalId: 'BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691',
        functionName: 'App-BucketNotificationsHandler050a0587b7544547bf325f094-557a4c25',
        status: 'ignored',
        reason: "CDK's own helper function",
        runtime: 'python3.13',
      },
      {
        logicalId: 'Inline',
        functionName: 'App-Inline',
        status: 'ignored',
        reason: 'inline code (Code.ZipFile)',
        runtime: 'nodejs22.x',
      },
      { logicalId: 'Image', functionName: 'App-Image', status: 'ignored', reason: 'container image' },
    ]);
    expect(local.warnings.map((warning) => warning.message)).toStrictEqual([
      'function Inline does not run locally: inline code (Code.ZipFile)',
      'function Image does not run locally: container image',
    ]);
  });

  test('recognises a CDK helper by its provider-framework handler', () => {
    const stack = supportStack(directory, {
      ProviderframeworkonEventAB12: nodeFunction({ Handler: 'framework.onEvent' }),
      OnEvent: nodeFunction({ Handler: 'framework.onEvent' }),
    });

    const local = localStackDefinition(stack, TEST_ENVIRONMENT);

    expect(local.functions).toStrictEqual([]);
    expect(local.functionsNotRun.map((fn) => fn.reason)).toStrictEqual([
      "CDK's own helper function",
      "CDK's own helper function",
    ]);
  });

  test('keeps the mapping of a Python function disabled with a warning, so its messages stay queued', () => {
    const stack = supportStack(directory, {
      Jobs: { Type: 'AWS::SQS::Queue' },
      Orders: { Type: 'AWS::SQS::Queue' },
      Worker: { ...nodeFunction({ Runtime: 'python3.12', Handler: 'app.handler' }) },
      App: nodeFunction(),
      WorkerMapping: sqsMapping('Jobs', 'Worker'),
      AppMapping: sqsMapping('Orders', 'App'),
    });

    const local = localStackDefinition(stack, TEST_ENVIRONMENT);

    expect(local.functionsNotRun).toStrictEqual([
      {
        logicalId: 'Worker',
        functionName: 'App-Worker',
        status: 'not-runnable',
        reason: 'runtime python3.12: only Node.js functions run locally',
        runtime: 'python3.12',
      },
    ]);
    expect(local.eventSourceMappings.map(({ logicalId, enabled }) => ({ logicalId, enabled }))).toStrictEqual(
      [
        { logicalId: 'WorkerMapping', enabled: false },
        { logicalId: 'AppMapping', enabled: true },
      ],
    );
    expect(local.warnings.map((warning) => warning.message)).toStrictEqual([
      'function Worker does not run locally: runtime python3.12: only Node.js functions run locally',
      'event source mapping WorkerMapping is kept disabled: function Worker does not run locally ' +
        '(runtime python3.12: only Node.js functions run locally); its messages stay on App-Jobs',
    ]);
  });

  test('lists a DynamoDB stream mapping as not polled, and still serves the table', () => {
    const stack = supportStack(directory, {
      Table: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        },
      },
      App: nodeFunction(),
      StreamMapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: {
          EventSourceArn: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
          FunctionName: { Ref: 'App' },
          StartingPosition: 'LATEST',
        },
      },
    });

    const local = localStackDefinition(stack, TEST_ENVIRONMENT);

    expect(local.tables.map((table) => table.tableName)).toStrictEqual(['App-Table']);
    expect(local.eventSourceMappings).toStrictEqual([]);
    expect(local.eventSourceMappingsNotRun).toStrictEqual([
      {
        logicalId: 'StreamMapping',
        eventSourceArn:
          'arn:aws:dynamodb:us-east-1:000000000000:table/App-Table/stream/1970-01-01T00:00:00.000',
        reason: 'a DynamoDB stream source is not supported; the table still serves',
      },
    ]);
  });

  test("serves CDK TableV2's AWS::DynamoDB::GlobalTable as one table on demand, its Ref and Arn local", () => {
    const stack = supportStack(directory, {
      Messages: {
        Type: 'AWS::DynamoDB::GlobalTable',
        Properties: {
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PROVISIONED',
          WriteProvisionedThroughputSettings: { WriteCapacityAutoScalingSettings: { MinCapacity: 1 } },
          Replicas: [{ Region: { Ref: 'AWS::Region' } }],
        },
      },
      App: nodeFunction({
        Environment: {
          Variables: { TABLE_NAME: { Ref: 'Messages' }, TABLE_ARN: { 'Fn::GetAtt': ['Messages', 'Arn'] } },
        },
      }),
    });

    const local = localStackDefinition(stack, TEST_ENVIRONMENT);

    expect(local.tables).toStrictEqual([
      {
        logicalId: 'Messages',
        tableName: 'App-Messages',
        keySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        attributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        billingMode: 'PAY_PER_REQUEST',
        provisionedThroughput: undefined,
        globalSecondaryIndexes: undefined,
        localSecondaryIndexes: undefined,
      },
    ]);
    expect(local.functions[0].environment).toMatchObject({
      TABLE_NAME: 'App-Messages',
      TABLE_ARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/App-Messages',
    });
    expect(local.warnings).toStrictEqual([]);
  });

  test('lists a mapping that invokes a function the stack does not hold as not polled', () => {
    const stack = supportStack(directory, {
      Jobs: { Type: 'AWS::SQS::Queue' },
      Mapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { EventSourceArn: { 'Fn::GetAtt': ['Jobs', 'Arn'] }, FunctionName: 'elsewhere' },
      },
    });

    const local = localStackDefinition(stack, TEST_ENVIRONMENT);

    expect(local.eventSourceMappings).toStrictEqual([]);
    expect(local.eventSourceMappingsNotRun).toStrictEqual([
      {
        logicalId: 'Mapping',
        eventSourceArn: 'arn:aws:sqs:us-east-1:000000000000:App-Jobs',
        reason: 'invokes elsewhere, which is not a function of this stack',
      },
    ]);
  });

  test('gives outputs and variables that reference unemulated resources placeholders, one warning each', () => {
    const stack = supportStack(
      directory,
      {
        ApiF70053CD: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'Api' } },
        Bucket: { Type: 'AWS::S3::Bucket' },
        App: nodeFunction({ Environment: { Variables: { BUCKET: { Ref: 'Bucket' } } } }),
      },
      {
        Outputs: {
          ApiId: { Value: { Ref: 'ApiF70053CD' } },
          BucketArn: { Value: { 'Fn::GetAtt': ['Bucket', 'Arn'] } },
        },
      },
    );

    const local = localStackDefinition(stack, TEST_ENVIRONMENT);

    expect(local.functions[0].environment).toStrictEqual({ BUCKET: 'app-bucket' });
    expect(local.outputs).toStrictEqual({
      ApiId: expect.stringMatching(/^[0-9a-f]{10}$/),
      BucketArn: 'arn:aws:s3:::app-bucket',
    });
    expect(
      local.warnings.map(({ logicalId, type, location }) => ({ logicalId, type, location })),
    ).toStrictEqual([
      {
        logicalId: 'Bucket',
        type: 'AWS::S3::Bucket',
        location: 'App.Properties.Environment.Variables.BUCKET',
      },
      { logicalId: 'ApiF70053CD', type: 'AWS::ApiGateway::RestApi', location: 'Outputs.ApiId' },
      { logicalId: 'Bucket', type: 'AWS::S3::Bucket', location: 'Outputs.BucketArn' },
    ]);
  });

  test('leaves out the resources and outputs whose Condition does not hold', () => {
    const stack = supportStack(
      directory,
      {
        Always: { Type: 'AWS::SQS::Queue' },
        OnlyInProd: { Type: 'AWS::SQS::Queue', Condition: 'IsProd' },
      },
      {
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '123456789012'] } },
        Outputs: { ProdUrl: { Value: { Ref: 'OnlyInProd' }, Condition: 'IsProd' } },
      },
    );

    const local = localStackDefinition(stack, TEST_ENVIRONMENT);

    expect(local.queues.map((queue) => queue.logicalId)).toStrictEqual(['Always']);
    expect(local.outputs).toStrictEqual({});
  });
});
