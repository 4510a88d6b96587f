import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { Benchmark, BenchmarkResult } from './benchmark';
import { type ClientKind, queueApi, sdkClient } from './sqs-api';
import { createCounters, runWorker, type SqsWorkerData } from './sqs-worker';

const REPO = join(__dirname, '..');
const MESSAGES = 20_000;
const WORKER_COUNTS = [1, 4, 8] as const;
const WAKE_SAMPLES = 200;
const RUN_DEADLINE_MS = 120_000;

/** Starts the endpoint as `npm run sqs` does, in its own process, and resolves with its URL. */
async function startServerProcess(): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'local/sqs/cli.ts', '--port', '0'],
    {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the SQS endpoint did not start: ${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the SQS endpoint exited with ${code}`)));
  });
  return { child, endpoint };
}

const client = sdkClient;

/** How the benchmark runs its workers: which client, and in one process or in worker threads. */
export interface WorkerMode {
  readonly client: ClientKind;
  readonly threads: boolean;
  readonly label: string;
}

const MODES: readonly WorkerMode[] = [
  { client: 'sdk', threads: false, label: 'SDK, async loops in one process' },
  { client: 'sdk', threads: true, label: 'SDK, one worker thread each' },
  { client: 'raw', threads: false, label: 'bare HTTP client, async loops' },
];

/**
 * One round of the workload: `workers` loops, each sending 10, receiving up to 10 and deleting what
 * it received, until all `MESSAGES` messages have been sent and deleted. Async loops share one
 * process (and one core); worker threads each run their own client, so that the client's own CPU
 * cost does not cap the figure on a multi-core machine.
 */
async function throughput(
  endpoint: string,
  workers: number,
  mode: WorkerMode,
): Promise<{ seconds: number; perSecond: number }> {
  const setup = client(endpoint);
  const { QueueUrl } = await setup.send(
    new CreateQueueCommand({
      QueueName: `bench-${mode.client}-${mode.threads ? 'threads' : 'async'}-${workers}-${Date.now()}`,
    }),
  );
  setup.destroy();
  const counters = createCounters(MESSAGES);
  const deadline = Date.now() + RUN_DEADLINE_MS;
  const data = (worker: number): SqsWorkerData => ({
    endpoint,
    queueUrl: QueueUrl ?? '',
    worker,
    deadline,
    counters,
    client: mode.client,
  });
  if (!mode.threads) {
    const apis = Array.from({ length: workers }, () => queueApi(mode.client, endpoint));
    const start = performance.now();
    await Promise.all(apis.map((api, worker) => runWorker(data(worker), api)));
    const seconds = (performance.now() - start) / 1000;
    for (const api of apis) api.close();
    return { seconds, perSecond: MESSAGES / seconds };
  }
  const threads = Array.from(
    { length: workers },
    (_, worker) =>
      new Worker(join(__dirname, 'sqs-worker.ts'), {
        workerData: data(worker),
        execArgv: ['-r', 'ts-node/register/transpile-only'],
      }),
  );
  try {
    // Loading the SDK in each thread takes a while; the clock starts once every thread is ready.
    await Promise.all(threads.map((thread) => nextMessage(thread)));
    const start = performance.now();
    const finished = threads.map((thread) => nextMessage(thread));
    for (const thread of threads) thread.postMessage('start');
    const outcomes = await Promise.all(finished);
    const failure = outcomes.find((outcome) => outcome !== 'done');
    if (failure) throw new Error(String(failure));
    const seconds = (performance.now() - start) / 1000;
    return { seconds, perSecond: MESSAGES / seconds };
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}

function nextMessage(thread: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    thread.once('message', resolve);
    thread.once('error', reject);
  });
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/**
 * Long-poll wake-up: a ReceiveMessage waits on an empty queue, then a SendMessage arrives. Measures
 * from the SendMessage acknowledgement (and from its start) to the waiting receive returning.
 */
async function wakeLatency(endpoint: string): Promise<{ fromAck: number[]; fromSend: number[] }> {
  const receiver = client(endpoint);
  const sender = client(endpoint);
  const { QueueUrl } = await sender.send(new CreateQueueCommand({ QueueName: `bench-wake-${Date.now()}` }));
  const fromAck: number[] = [];
  const fromSend: number[] = [];
  for (let sample = 0; sample < WAKE_SAMPLES; sample++) {
    const waiting = receiver
      .send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20, VisibilityTimeout: 0 }))
      .then((result) => {
        const at = performance.now();
        return { at, result };
      });
    // Long enough for the receive to reach the server and park.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const sendStart = performance.now();
    await sender.send(new SendMessageCommand({ QueueUrl, MessageBody: `wake ${sample}` }));
    const ackAt = performance.now();
    const { at, result } = await waiting;
    if (!result.Messages?.length) throw new Error('a long poll returned without the message');
    fromAck.push(at - ackAt);
    fromSend.push(at - sendStart);
    const [message] = result.Messages;
    await receiver.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: [{ Id: 'm', ReceiptHandle: message.ReceiptHandle }],
      }),
    );
  }
  receiver.destroy();
  sender.destroy();
  return { fromAck, fromSend };
}

/** `npm run bench`'s SQS benchmark: throughput with 1, 4 and 8 workers, and long-poll wake-up latency. */
export const sqsThroughput: Benchmark = {
  name: 'sqs',
  description: `local SQS endpoint: send 10 / receive 10 / delete 10 loops over ${MESSAGES} messages, and long-poll wake-up`,
  async run(): Promise<BenchmarkResult> {
    const { child, endpoint } = await startServerProcess();
    try {
      const rows: BenchmarkResult['rows'] = [];
      const figures: Record<string, unknown> = {
        messages: MESSAGES,
        client: '@aws-sdk/client-sqs, AWS JSON 1.0, one SQSClient per worker',
      };
      for (const mode of MODES) {
        for (const workers of WORKER_COUNTS) {
          const { seconds, perSecond } = await throughput(endpoint, workers, mode);
          rows.push({
            measure: `throughput, ${workers} worker${workers > 1 ? 's' : ''} (${mode.label})`,
            value: Math.round(perSecond),
            unit: 'msg/s',
            detail: `${MESSAGES} messages in ${seconds.toFixed(2)} s`,
          });
          figures[`${mode.client}${mode.threads ? 'Threads' : 'Async'}Workers${workers}MsgPerSecond`] =
            Math.round(perSecond);
        }
      }
      const { fromAck, fromSend } = await wakeLatency(endpoint);
      const ack = [...fromAck].sort((a, b) => a - b);
      const send = [...fromSend].sort((a, b) => a - b);
      const round = (value: number): number => Math.round(value * 1000) / 1000;
      rows.push(
        {
          measure: 'long-poll wake-up from SendMessage ack, median',
          value: round(percentile(ack, 0.5)),
          unit: 'ms',
          detail: `${WAKE_SAMPLES} samples; negative: the receive returned before the send's acknowledgement`,
        },
        {
          measure: 'long-poll wake-up from SendMessage ack, p99',
          value: round(percentile(ack, 0.99)),
          unit: 'ms',
          detail: '',
        },
        {
          measure: 'long-poll wake-up from SendMessage start, median',
          value: round(percentile(send, 0.5)),
          unit: 'ms',
          detail: 'includes the send round trip',
        },
        {
          measure: 'long-poll wake-up from SendMessage start, p99',
          value: round(percentile(send, 0.99)),
          unit: 'ms',
          detail: '',
        },
      );
      figures.wakeFromAckMedianMs = round(percentile(ack, 0.5));
      figures.wakeFromAckP99Ms = round(percentile(ack, 0.99));
      figures.wakeFromSendMedianMs = round(percentile(send, 0.5));
      figures.wakeFromSendP99Ms = round(percentile(send, 0.99));
      return { rows, figures };
    } finally {
      child.kill('SIGTERM');
    }
  },
};
