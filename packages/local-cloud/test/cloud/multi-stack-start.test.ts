import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { scaledClock } from '../../src/clock';
import { LocalCloud, messagesOn } from '../../src/cloud';
import { synthesizeMultiStackApp } from '../assembly/multi-stack-app';

/** Synth without bundling takes a few seconds on a busy machine. */
const SYNTH_TIMEOUT_MS = 60_000;
/** Real milliseconds for the poller to hand the message to the function and delete it. */
const DELIVERY_DEADLINE_MS = 20_000;

describe('LocalCloud.start with several stacks of an assembly', () => {
  let root: string;
  let outdir: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'multi-stack-start-'));
    outdir = join(root, 'cdk.out');
    synthesizeMultiStackApp(outdir);
  }, SYNTH_TIMEOUT_MS);

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test("brings up both stacks, and the consumer's function reads the shared stack's queue", async () => {
    const cloud = await LocalCloud.start({
      assemblyDirectory: outdir,
      stackName: 'Consumer',
      additionalStackNames: ['Shared'],
      clock: scaledClock(10),
    });
    try {
      const queueUrl = cloud.stack.outputs.SharedQueueUrl;
      await cloud.sqsClient.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'hello' }));
      const deadline = Date.now() + DELIVERY_DEADLINE_MS;
      let depths = await cloud.queueDepths();
      while (depths.some((depth) => messagesOn(depth) > 0) && Date.now() < deadline) {
        await sleep(100);
        depths = await cloud.queueDepths();
      }

      expect(cloud.stacks.map((stack) => stack.stackName)).toStrictEqual(['Shared', 'Consumer']);
      expect(cloud.stack.stackName).toBe('Consumer');
      expect(depths.map((depth) => [depth.queueUrl, messagesOn(depth)])).toStrictEqual([[queueUrl, 0]]);
      expect(cloud.support.map((support) => support.stackName)).toStrictEqual(['Shared', 'Consumer']);
    } finally {
      await cloud.stop();
    }
  });

  test("brings up one stack with its imports resolved, listing the mapping on the other stack's queue", async () => {
    const cloud = await LocalCloud.start({
      assemblyDirectory: outdir,
      stackName: 'Consumer',
      clock: scaledClock(10),
    });
    try {
      expect(cloud.stack.outputs.SharedQueueUrl).toMatch(/\/000000000000\/Shared-Queue[0-9A-F]{8}$/);
      expect(cloud.stack.queues).toStrictEqual([]);
      expect(cloud.stack.eventSourceMappingsNotRun).toHaveLength(1);
      expect(cloud.support[0].warnings).toStrictEqual([]);
    } finally {
      await cloud.stop();
    }
  });
});
