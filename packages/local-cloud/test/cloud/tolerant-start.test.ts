import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { scaledClock } from '../../src/clock';
import { LocalCloud } from '../../src/cloud';
import { SAMPLE_STACK_NAME, writeSampleAppAssembly } from './fixtures/sample-app-assembly';

/** Real milliseconds in which an enabled mapping would have taken the message many times over. */
const POLL_GRACE_MS = 1500;

describe('LocalCloud.start on an app with what the local cloud does not emulate', () => {
  let directory: string;
  let cloud: LocalCloud;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'tolerant-start-'));
    writeSampleAppAssembly(directory);
    cloud = await LocalCloud.start({
      assemblyDirectory: directory,
      stackName: SAMPLE_STACK_NAME,
      clock: scaledClock(10),
    });
  });

  afterAll(async () => {
    await cloud?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  test('starts, and runs the Node.js function with a placeholder bucket name in its environment', async () => {
    const result = await cloud.lambda.invoke(`${SAMPLE_STACK_NAME}-App`, {});

    expect(result.payload).toStrictEqual({ bucket: 'sampleapp-uploads' });
    expect(cloud.stack.outputs.UploadsBucketName).toBe('sampleapp-uploads');
    expect(cloud.stack.outputs.ApiEndpoint).toMatch(
      /^https:\/\/[0-9a-f]{10}\.execute-api\.us-east-1\.amazonaws\.com\/prod\/$/,
    );
  });

  test("keeps the Python worker's messages on its queue", async () => {
    await cloud.sqsClient.send(
      new SendMessageCommand({ QueueUrl: cloud.stack.outputs.JobsQueueUrl, MessageBody: 'job' }),
    );
    await sleep(POLL_GRACE_MS);

    const jobs = (await cloud.queueDepths()).find((depth) => depth.logicalId === 'Jobs');

    expect(jobs).toMatchObject({ visible: 1, inFlight: 0 });
    expect(
      cloud.stack.eventSourceMappings.find((mapping) => mapping.logicalId === 'JobsMapping')?.enabled,
    ).toBe(false);
  });

  test("lists the Python worker's mapping as Lambda lists a disabled one, with why", () => {
    const [mapping] = cloud.eventSourceMappings.listEventSourceMappings({
      functionName: `${SAMPLE_STACK_NAME}-Worker`,
    });

    expect(mapping).toMatchObject({
      State: 'Disabled',
      StateTransitionReason: expect.stringMatching(
        /^PROBLEM: function \S+-Worker does not run locally \(runtime python3\.12/,
      ),
    });
  });

  test('exposes the support report and the warnings of the start', () => {
    const [support] = cloud.support;
    const statuses = Object.fromEntries(support.rows.map((row) => [row.logicalId, row.status]));

    expect(statuses).toStrictEqual({
      Orders: 'emulated',
      Jobs: 'emulated',
      JobsPolicy: 'not-enforced',
      Uploads: 'placeholder',
      ApiF70053CD: 'placeholder',
      AppRole: 'not-enforced',
      App: 'emulated',
      Worker: 'not-runnable',
      BucketNotificationsHandler050a0587b7544547bf325f094a3db8347ECC3691: 'ignored',
      OrdersMapping: 'emulated',
      JobsMapping: 'not-runnable',
      CDKMetadata: 'ignored',
    });
    expect(cloud.support).toHaveLength(1);
    expect(support.warnings.map((warning) => warning.location)).toStrictEqual([
      'App.Properties.Environment.Variables.BUCKET',
      'Outputs.UploadsBucketName',
      'Outputs.ApiEndpoint[1]',
      'Worker',
      'JobsMapping',
    ]);
  });
});
