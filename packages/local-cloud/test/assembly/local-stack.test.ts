/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are CloudFormation's Fn::Sub syntax */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudAssemblyError,
  localStackDefinition,
  readCloudAssembly,
  StackArtifact,
} from '../../src/assembly';
import type { TemplateResource } from '../../src/assembly/template';
import { writeAssembly as writeAssemblyFactory } from './assembly-factory';
import { TEST_ENVIRONMENT } from './template-factory';

const ASSET_HASH = 'a'.repeat(64);

/** A function resource whose code is the asset `asset.<hash>`; override its properties or metadata. */
function functionResource(
  properties: Record<string, unknown> = {},
  metadata?: Record<string, unknown>,
): TemplateResource {
  return {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Code: {
        S3Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' },
        S3Key: `${ASSET_HASH}.zip`,
      },
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      ...properties,
    },
    Metadata: metadata,
  };
}

describe('localStackDefinition', () => {
  let directory: string;

  /** A cloud assembly on disk with one stack holding `resources` and one bundled asset folder. */
  function writeAssembly(resources: Record<string, TemplateResource>): StackArtifact {
    return writeAssemblyFactory(directory, resources, [ASSET_HASH]);
  }

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'local-stack-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  test("finds a function's asset folder by its S3 key in the asset manifest", () => {
    const stack = writeAssembly({ Fn: functionResource() });

    const [definition] = localStackDefinition(stack, TEST_ENVIRONMENT).functions;

    expect(definition.codeDirectory).toBe(join(directory, `asset.${ASSET_HASH}`));
  });

  test("prefers the aws:asset:path metadata that 'cdk synth' writes", () => {
    const stack = writeAssembly({
      Fn: functionResource(
        { Code: { S3Key: 'elsewhere.zip' } },
        {
          'aws:asset:path': `asset.${ASSET_HASH}`,
          'aws:asset:property': 'Code',
        },
      ),
    });

    const [definition] = localStackDefinition(stack, TEST_ENVIRONMENT).functions;

    expect(definition.codeDirectory).toBe(join(directory, `asset.${ASSET_HASH}`));
  });

  test("applies Lambda's defaults and names the log group /aws/lambda/<name> when the template sets neither", () => {
    const stack = writeAssembly({ Fn: functionResource() });

    const [definition] = localStackDefinition(stack, TEST_ENVIRONMENT).functions;

    expect(definition).toMatchObject({
      functionName: 'Test-Fn',
      memorySizeMb: 128,
      timeoutSeconds: 3,
      environment: {},
      logGroupName: '/aws/lambda/Test-Fn',
    });
  });

  test("reads the function's memory, timeout, reserved concurrency and log group from the template", () => {
    const stack = writeAssembly({
      Fn: functionResource({
        MemorySize: 512,
        Timeout: 30,
        ReservedConcurrentExecutions: 2,
        LoggingConfig: { LogGroup: { Ref: 'FnLogGroup' } },
      }),
      FnLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/custom/fn' } },
    });

    const [definition] = localStackDefinition(stack, TEST_ENVIRONMENT).functions;

    expect(definition).toMatchObject({
      memorySizeMb: 512,
      timeoutSeconds: 30,
      reservedConcurrentExecutions: 2,
      logGroupName: '/custom/fn',
    });
  });

  test('fails naming the function when no asset is published under its S3 key', () => {
    const stack = writeAssembly({ Fn: functionResource({ Code: { S3Key: 'missing.zip' } }) });

    expect(() => localStackDefinition(stack, TEST_ENVIRONMENT)).toThrow(CloudAssemblyError);
    expect(() => localStackDefinition(stack, TEST_ENVIRONMENT)).toThrow(
      /function Fn: no asset in the assembly is published as missing\.zip/,
    );
  });

  test('gives an environment variable that imports what no stack exports a placeholder, and warns', () => {
    const stack = writeAssembly({
      Fn: functionResource({
        Environment: { Variables: { SHARED_URL: { 'Fn::ImportValue': 'SharedUrl' } } },
      }),
    });

    const local = localStackDefinition(stack, TEST_ENVIRONMENT);

    expect(local.functions[0].environment).toStrictEqual({ SHARED_URL: 'SharedUrl' });
    expect(local.warnings.map((warning) => warning.message)).toStrictEqual([
      'Fn::ImportValue SharedUrl in Fn.Properties.Environment.Variables.SHARED_URL: export SharedUrl is ' +
        'exported by no stack of the assembly; placeholder SharedUrl',
    ]);
  });

  test('ignores what it does not read, such as the KMS key of an encrypted queue', () => {
    const stack = new StackArtifact(
      'Test',
      'Test',
      {
        Resources: {
          Key: { Type: 'AWS::KMS::Key' },
          Queue: {
            Type: 'AWS::SQS::Queue',
            Properties: { KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'KeyPolicyArn'] }, DelaySeconds: 2 },
          },
        },
      },
      [],
      directory,
    );

    const [queue] = localStackDefinition(stack, TEST_ENVIRONMENT).queues;

    expect(queue.attributes).toStrictEqual({ DelaySeconds: '2' });
  });

  test('lists each dead-letter queue before the queues that redrive to it, whatever the template order', () => {
    const redriveTo = (target: string) => ({
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [target, 'Arn'] }, maxReceiveCount: 3 },
    });
    const stack = new StackArtifact(
      'Test',
      'Test',
      {
        Resources: {
          Orders: { Type: 'AWS::SQS::Queue', Properties: redriveTo('Retry') },
          Retry: { Type: 'AWS::SQS::Queue', Properties: redriveTo('Dead') },
          Dead: { Type: 'AWS::SQS::Queue' },
          Other: { Type: 'AWS::SQS::Queue' },
        },
      },
      [],
      directory,
    );

    const { queues } = localStackDefinition(stack, TEST_ENVIRONMENT);

    expect(queues.map((queue) => queue.logicalId)).toStrictEqual(['Dead', 'Other', 'Retry', 'Orders']);
  });

  test('fails naming the file when the directory holds no cloud assembly', () => {
    expect(() => readCloudAssembly(directory)).toThrow(/cloud assembly manifest not found: .*manifest\.json/);
  });

  test('fails listing the stacks there are when asked for another', () => {
    writeAssembly({});

    expect(() => readCloudAssembly(directory).stack('Other')).toThrow(/has no stack Other \(stacks: Test\)/);
  });
});
