/**
 * The SNS benchmark's server: the local cloud as `local-cloud serve --assembly DIR [--state DIR]`
 * runs it (a gateway on 127.0.0.1, SNS delivering into its SQS), on the benchmark's assembly, in a
 * process of its own so that its CPU is measured apart from the clients' and it has a core to
 * itself. Forked by `bench/sns-cloud-process.ts`; tells its parent where things are over IPC, and
 * stops (removing its folders) when the parent says so or goes away.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServedCloud, startGateway, startServedCloud, systemClock } from 'local-cloud';
import {
  FAN_OUTS,
  fanOutQueueId,
  fanOutTopicId,
  SNS_BENCH_STACK,
  writeSnsBenchAssembly,
} from './sns-assembly';
import type { SnsBenchCloud } from './sns-cloud-process';

const folder = mkdtempSync(join(tmpdir(), 'sns-bench-'));
const assemblyDirectory = join(folder, 'cdk.out');
const stateDirectory = process.argv.includes('--state') ? join(folder, 'state') : undefined;

function describe(served: ServedCloud): SnsBenchCloud {
  const { cloud } = served;
  const topicArn = (id: string) => cloud.stack.topics.find((topic) => topic.logicalId === id)?.topicArn ?? '';
  const fanOuts = FAN_OUTS.map((fanOut) => ({
    fanOut,
    topicArn: topicArn(fanOutTopicId(fanOut)),
    queueUrls: Array.from(
      { length: fanOut },
      (_, index) => cloud.queue(fanOutQueueId(fanOut, index)).queueUrl,
    ),
  }));
  return { endpoint: served.endpoint, state: stateDirectory !== undefined, fanOuts };
}

async function serve(): Promise<void> {
  mkdirSync(assemblyDirectory);
  writeSnsBenchAssembly(assemblyDirectory);
  const served = await startServedCloud(await startGateway(0), {
    assemblyDirectory,
    stackName: SNS_BENCH_STACK,
    clock: systemClock,
    stateDirectory,
  });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await served.stop();
    rmSync(folder, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('message', (message) => {
    if (message === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
  process.send?.(describe(served));
}

serve().catch((error: unknown) => {
  rmSync(folder, { recursive: true, force: true });
  process.stderr.write(`the SNS benchmark's cloud did not start: ${String(error)}\n`);
  process.exit(1);
});
