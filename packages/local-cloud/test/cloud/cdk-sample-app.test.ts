import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SupportRow } from '../../src/assembly';
import { scaledClock } from '../../src/clock';
import { LocalCloud } from '../../src/cloud';
import { CDK_SAMPLE_STACK_NAME, synthesizeCdkSampleApp } from './fixtures/cdk-sample-app';

/** Synth without bundling takes several seconds on a busy machine. */
const SYNTH_TIMEOUT_MS = 90_000;

describe('LocalCloud.start on an app synthesized like CDK samples (S3, API Gateway, streams, Python)', () => {
  let root: string;
  let cloud: LocalCloud;
  let rows: readonly SupportRow[];

  /** The type and status of the one resource whose logical id matches. */
  const statusOf = (logicalId: RegExp): string => {
    const found = rows.filter((row) => logicalId.test(row.logicalId));
    if (found.length !== 1) throw new Error(`expected one ${logicalId}, found ${found.length}`);
    return `${found[0].type} ${found[0].status}`;
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'cdk-sample-'));
    const outdir = join(root, 'cdk.out');
    synthesizeCdkSampleApp(outdir);
    cloud = await LocalCloud.start({
      assemblyDirectory: outdir,
      stackName: CDK_SAMPLE_STACK_NAME,
      clock: scaledClock(10),
    });
    rows = cloud.support[0].rows;
  }, SYNTH_TIMEOUT_MS);

  afterAll(async () => {
    await cloud?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('runs the Node.js function with placeholders for the bucket name and the SSM parameter', async () => {
    const [handler] = cloud.stack.functions;

    const result = await cloud.lambda.invoke(handler.functionName, {});

    expect(cloud.stack.functions).toHaveLength(1);
    expect(result.payload).toStrictEqual({
      bucket: expect.stringMatching(/^sample-uploads[0-9a-f]{8}$/),
      flag: '/sample/flag',
    });
  });

  test('reports what runs, what stands in and what is left out', () => {
    expect(
      [
        /^Uploads[0-9A-F]{8}$/,
        /^UploadsPolicy/,
        /^UploadsNotifications[0-9A-F]{8}$/,
        /^BucketNotificationsHandler[0-9a-f]{32}[0-9A-F]{8}$/,
        /^CustomS3AutoDeleteObjectsCustomResourceProviderHandler/,
        /^Uploaded[0-9A-F]{8}$/,
        /^UploadedPolicy/,
        /^Items[0-9A-F]{8}$/,
        /^HandlerSqsEventSource/,
        /^HandlerDynamoDBEventSource/,
        /^Worker[0-9A-F]{8}$/,
        /^WorkerSqsEventSource/,
        /^Rest[0-9A-F]{8}$/,
        /^RestGET[0-9A-F]{8}$/,
      ].map(statusOf),
    ).toStrictEqual([
      'AWS::S3::Bucket placeholder',
      'AWS::S3::BucketPolicy not-enforced',
      'Custom::S3BucketNotifications ignored',
      'AWS::Lambda::Function ignored',
      'AWS::Lambda::Function ignored',
      'AWS::SQS::Queue emulated',
      'AWS::SQS::QueuePolicy not-enforced',
      'AWS::DynamoDB::Table emulated',
      'AWS::Lambda::EventSourceMapping emulated',
      'AWS::Lambda::EventSourceMapping ignored',
      'AWS::Lambda::Function not-runnable',
      'AWS::Lambda::EventSourceMapping not-runnable',
      'AWS::ApiGateway::RestApi placeholder',
      'AWS::ApiGateway::Method ignored',
    ]);
    expect(cloud.stack.outputs.RestEndpoint0DADCC7A).toMatch(
      /^https:\/\/[0-9a-f]{10}\.execute-api\.us-east-1\.amazonaws\.com\/prod\/$/,
    );
  });
});
