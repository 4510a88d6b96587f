import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

const START_DEADLINE_MS = 60_000;
const STOP_DEADLINE_MS = 15_000;

/** One topic of the benchmark's cloud and the queues subscribed to it. */
export interface FanOutTopic {
  readonly fanOut: number;
  readonly topicArn: string;
  readonly queueUrls: readonly string[];
}

/** What the benchmark's cloud tells its parent once it serves. */
export interface SnsBenchCloud {
  /** The gateway: SNS and SQS on one port, as `local-cloud serve` has them. */
  readonly endpoint: string;
  /** Whether it runs on a state directory (journals fdatasync'ed), as `--state` does. */
  readonly state: boolean;
  readonly fanOuts: readonly FanOutTopic[];
}

/** A running benchmark cloud: its process (whose CPU is the server's) and where it serves. */
export interface SnsCloudProcess {
  readonly child: ChildProcess;
  readonly cloud: SnsBenchCloud;
  stop(): Promise<void>;
}

/**
 * Forks `bench/sns-served-cloud.ts` (with a state directory when `state` is set) and resolves once
 * it serves; `stop()` stops it cleanly, or kills it if it does not stop in time.
 */
export async function startSnsCloudProcess(state: boolean): Promise<SnsCloudProcess> {
  const child = fork(join(__dirname, 'sns-served-cloud.ts'), state ? ['--state'] : [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const cloud = await new Promise<SnsBenchCloud>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the SNS benchmark's cloud did not start in ${START_DEADLINE_MS} ms`));
    }, START_DEADLINE_MS);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as SnsBenchCloud);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the SNS benchmark's cloud exited with ${code} before it served`));
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_DEADLINE_MS);
    child.send('stop');
    await exited;
    clearTimeout(timer);
  };
  return { child, cloud, stop };
}
