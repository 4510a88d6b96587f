import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localEnvironment } from '../../src/assembly';
import { type SqsServer, startSqsServer } from '../../src/sqs';
import { functionDefinitionFactory, writeAssetFiles } from './function-fixtures';
import { LambdaHarness } from './lambda-harness';

/** A handler that needs the SDK v3's SQS client without bundling it, as NodejsFunction leaves it out. */
const SQS_V3_HANDLER = `
  const { SQSClient, CreateQueueCommand, ListQueuesCommand } = require('@aws-sdk/client-sqs');
  const sqs = new SQSClient({});
  exports.handler = async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: 'made-by-a-function' }));
    const { QueueUrls } = await sqs.send(new ListQueuesCommand({}));
    return { queueUrls: QueueUrls, resolvedFrom: require.resolve('@aws-sdk/client-sqs') };
  };`;

/** A stand-in for the SDK v2 (`aws-sdk`) that records what its config is told, for every endpoint. */
const FAKE_SDK_V2 = {
  'node_modules/aws-sdk/package.json': JSON.stringify({ name: 'aws-sdk', main: 'lib/aws.js' }),
  'node_modules/aws-sdk/global.js': "module.exports = require('./lib/core');",
  'node_modules/aws-sdk/lib/aws.js': "module.exports = require('./core');",
  'node_modules/aws-sdk/lib/core.js': `
    const updates = [];
    module.exports = { config: { updates, update: (options, allowUnknownKeys) => updates.push([options, allowUnknownKeys]) } };`,
};

describe("the runtime's own modules, found after the asset's", () => {
  const harness = new LambdaHarness();
  const root = harness.track(mkdtempSync(join(tmpdir(), 'provided-modules-')));
  let sqs: SqsServer | undefined;

  afterEach(async () => {
    await harness.stop();
    await sqs?.close();
    sqs = undefined;
  });
  afterAll(() => harness.removeFolders());

  test('gives a nodejs24.x bundle the AWS SDK v3 it leaves out, pointed at the local SQS endpoint', async () => {
    sqs = await startSqsServer({ port: 0 });
    const codeDirectory = writeAssetFiles(root, 'sdk-v3', { 'index.js': SQS_V3_HANDLER });
    const lambda = harness.start(
      [functionDefinitionFactory(root, 'echo', { codeDirectory, runtime: 'nodejs24.x' })],
      {
        environment: localEnvironment({ sqsEndpoint: sqs.endpoint, dynamodbEndpoint: 'http://127.0.0.1:1' }),
      },
    );

    const result = await lambda.invoke('OrderPipeline-echo', {});

    expect(result.functionError).toBeUndefined();
    expect(result.payload).toStrictEqual({
      queueUrls: [`${sqs.endpoint}/000000000000/made-by-a-function`],
      resolvedFrom: expect.stringMatching(/node_modules\/@aws-sdk\/client-sqs\//),
    });
  });

  test('gives an ES module handler the AWS SDK v3 through import, and says how to add one it cannot find', async () => {
    const found = writeAssetFiles(root, 'esm-sdk', {
      'index.mjs':
        "import { SQSClient } from '@aws-sdk/client-sqs'; export const handler = async () => typeof SQSClient;",
    });
    const missing = writeAssetFiles(root, 'esm-no-s3', {
      'index.mjs':
        "import { S3Client } from '@aws-sdk/client-s3'; export const handler = async () => typeof S3Client;",
    });
    const lambda = harness.start([
      functionDefinitionFactory(root, 'echo', { codeDirectory: found }),
      functionDefinitionFactory(root, 'counter', { codeDirectory: missing }),
    ]);

    const imported = await lambda.invoke('OrderPipeline-echo', {});
    const failed = await lambda.invoke('OrderPipeline-counter', {});

    expect(imported.payload).toBe('function');
    expect(failed.payload).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: expect.stringContaining('npm install --save-dev @aws-sdk/client-s3'),
    });
  });

  test("prefers the asset's own copy of a provided module", async () => {
    const codeDirectory = writeAssetFiles(root, 'own-copy', {
      'index.js': "exports.handler = async () => require('@aws-sdk/client-sqs').whose;",
      'node_modules/@aws-sdk/client-sqs/index.js': "exports.whose = 'the asset';",
    });
    const lambda = harness.start([functionDefinitionFactory(root, 'echo', { codeDirectory })]);

    const result = await lambda.invoke('OrderPipeline-echo', {});

    expect(result.payload).toBe('the asset');
  });

  test('fails with Runtime.ImportModuleError saying how to add a provided module the local cloud cannot find', async () => {
    const codeDirectory = writeAssetFiles(root, 'needs-s3', {
      'index.js': "require('@aws-sdk/client-s3'); exports.handler = async () => 'unreachable';",
    });
    const lambda = harness.start([
      functionDefinitionFactory(root, 'echo', { codeDirectory, runtime: 'nodejs20.x' }),
    ]);

    const result = await lambda.invoke('OrderPipeline-echo', {});

    expect(result.payload).toStrictEqual({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: expect.stringMatching(
        /^Error: Cannot find module '@aws-sdk\/client-s3': Lambda's nodejs20\.x runtime provides @aws-sdk\/client-s3, .*Add it to your app: npm install --save-dev @aws-sdk\/client-s3$/,
      ),
      stack: expect.any(Array),
    });
    expect(harness.logLines(result)).toContainEqual(
      expect.stringMatching(/^INIT_REPORT .*\tError Type: Runtime\.ImportModuleError$/),
    );
  });

  test('gives a nodejs16.x bundle the SDK v2 from the runtime module paths, with every local endpoint set in code', async () => {
    const sdkRoot = writeAssetFiles(root, 'sdk-v2-install', FAKE_SDK_V2);
    const codeDirectory = writeAssetFiles(root, 'sdk-v2', {
      'index.js': "const AWS = require('aws-sdk'); exports.handler = async () => AWS.config.updates;",
    });
    const lambda = harness.start(
      [functionDefinitionFactory(root, 'echo', { codeDirectory, runtime: 'nodejs16.x' })],
      {
        environment: localEnvironment({
          sqsEndpoint: 'http://127.0.0.1:9324',
          dynamodbEndpoint: 'http://127.0.0.1:8000',
          publicEndpoint: 'http://127.0.0.1:4566',
        }),
        runtimeModulePaths: [sdkRoot],
      },
    );

    const result = await lambda.invoke('OrderPipeline-echo', {});

    expect(result.payload).toStrictEqual([
      [
        {
          sqs: { endpoint: 'http://127.0.0.1:9324' },
          dynamodb: { endpoint: 'http://127.0.0.1:8000' },
          lambda: { endpoint: 'http://127.0.0.1:4566' },
          cloudwatchlogs: { endpoint: 'http://127.0.0.1:4566' },
          cloudwatch: { endpoint: 'http://127.0.0.1:4566' },
          cloudformation: { endpoint: 'http://127.0.0.1:4566' },
          sns: { endpoint: 'http://127.0.0.1:4566' },
        },
        true,
      ],
    ]);
  });

  test('runs a nodejs16.x bundle on the real AWS SDK v2, whose SQS client reaches the local endpoint', async () => {
    sqs = await startSqsServer({ port: 0 });
    const codeDirectory = writeAssetFiles(root, 'sdk-v2-real', {
      'index.js': `
        const AWS = require('aws-sdk');
        const sqs = new AWS.SQS();
        exports.handler = async () => {
          const { QueueUrl } = await sqs.createQueue({ QueueName: 'made-by-sdk-v2' }).promise();
          const { MessageId } = await sqs.sendMessage({ QueueUrl, MessageBody: 'from v2' }).promise();
          return { QueueUrl, MessageId, version: AWS.VERSION };
        };`,
    });
    const lambda = harness.start(
      [functionDefinitionFactory(root, 'echo', { codeDirectory, runtime: 'nodejs16.x' })],
      {
        environment: localEnvironment({ sqsEndpoint: sqs.endpoint, dynamodbEndpoint: 'http://127.0.0.1:1' }),
      },
    );

    const result = await lambda.invoke('OrderPipeline-echo', {});
    const received = await sqs.model.receiveMessage({
      QueueUrl: `${sqs.endpoint}/000000000000/made-by-sdk-v2`,
    });

    expect(result.functionError).toBeUndefined();
    expect(result.payload).toMatchObject({
      QueueUrl: `${sqs.endpoint}/000000000000/made-by-sdk-v2`,
      version: '2.1693.0',
    });
    expect(received.Messages?.map((message) => message.Body)).toStrictEqual(['from v2']);
  });

  test('fails a nodejs16.x bundle that needs aws-sdk when none is installed, naming the package to add', async () => {
    const codeDirectory = writeAssetFiles(root, 'sdk-v2-missing', {
      'index.js': "require('aws-sdk'); exports.handler = async () => 'unreachable';",
    });
    const lambda = harness.start(
      [functionDefinitionFactory(root, 'echo', { codeDirectory, runtime: 'nodejs16.x' })],
      {
        runtimeModulePaths: [root],
      },
    );

    const result = await lambda.invoke('OrderPipeline-echo', {});

    expect(result.payload).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: expect.stringContaining('npm install --save-dev aws-sdk'),
    });
  });

  test('does not give a nodejs16.x bundle the SDK v3, which that runtime does not ship', async () => {
    const codeDirectory = writeAssetFiles(root, 'sdk-v3-on-16', { 'index.js': SQS_V3_HANDLER });
    const lambda = harness.start([
      functionDefinitionFactory(root, 'echo', { codeDirectory, runtime: 'nodejs16.x' }),
    ]);

    const result = await lambda.invoke('OrderPipeline-echo', {});

    expect(result.payload).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: expect.stringMatching(/^Error: Cannot find module '@aws-sdk\/client-sqs'/),
    });
  });
});
