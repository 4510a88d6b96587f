import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import type { Benchmark, BenchmarkResult, BenchmarkRow } from './benchmark';
import { processCpuMs } from './process-cpu';
import { type ClientKind, queueApi, sdkClient } from './sqs-api';
import { startSqsEndpointProcess } from './sqs-endpoint-process';
import { createCounters, lastDeleteAt, preciseNow, runWorker, type SqsWorkerData } from './sqs-worker';

export const MESSAGES = 20_000;
const WORKER_COUNTS = [1, 4, 8] as const;
const WAKE_SAMPLES = 200;
const RUN_DEADLINE_MS = 120_000;

const client = sdkClient;

/** How the benchmark runs its workers: which client, and in one process or in worker threads. */
export interface WorkerMode {
  readonly client: ClientKind;
  readonly threads: boolean;
  readonly label: string;
}

// Every client does the work the protocol asks of a client (SigV4 signing, response parsing, MD5
// checks of every body sent and received); see ClientKind. They differ only in how much CPU they
// spend doing it, and in whether the loops share one thread or get one each.
const MODES: readonly WorkerMode[] = [
  { client: 'sdk', threads: false, label: 'SDK, default config, async loops in one thread' },
  { client: 'sdk-tuned', threads: true, label: 'SDK, keep-alive agent, one worker thread each' },
  { client: 'http', threads: false, label: 'node:http JSON 1.0 client, async loops' },
  { client: 'lean', threads: false, label: 'lean HTTP/1.1 JSON 1.0 client, async loops' },
  { client: 'lean', threads: true, label: 'lean HTTP/1.1 JSON 1.0 client, one worker thread each' },
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
  serverPid: number | undefined,
): Promise<{ seconds: number; allBackSeconds: number; perSecond: number; split: CpuSplit | undefined }> {
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
    const cpu = startCpuWindow(serverPid);
    const start = preciseNow();
    await Promise.all(apis.map((api, worker) => runWorker(data(worker), api)));
    const split = cpu.end();
    for (const api of apis) api.close();
    return timing(start, counters, split);
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
    const cpu = startCpuWindow(serverPid);
    const start = preciseNow();
    const finished = threads.map((thread) => nextMessage(thread));
    for (const thread of threads) thread.postMessage('start');
    const outcomes = await Promise.all(finished);
    const split = cpu.end();
    const failure = outcomes.find((outcome) => outcome !== 'done');
    if (failure) throw new Error(String(failure));
    return timing(start, counters, split);
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}

/**
 * {@link throughput} after one unmeasured run of the same workload: both processes' code is then
 * compiled by V8's optimizing tiers. Fresh, the endpoint measured two to three times slower on its
 * first runs (1 worker, lean client: 3,518, 5,703, 6,887 msg/s in three runs one after the other).
 */
export async function warmThroughput(
  ...args: Parameters<typeof throughput>
): Promise<Awaited<ReturnType<typeof throughput>>> {
  await throughput(...args);
  return throughput(...args);
}

/**
 * A run's duration is from its start to the last message's delete: the work. Workers that found
 * the queue empty meanwhile sit in a long poll (1 s) and return up to that much later; that tail is
 * reported (`allBackSeconds`) but moves no message, and at 20,000 messages it would hide most of a
 * fast run.
 */
function timing(
  start: number,
  counters: SharedArrayBuffer,
  split: CpuSplit | undefined,
): { seconds: number; allBackSeconds: number; perSecond: number; split: CpuSplit | undefined } {
  const allBackSeconds = (preciseNow() - start) / 1000;
  const seconds = (lastDeleteAt(counters) - start) / 1000;
  return { seconds, allBackSeconds, perSecond: MESSAGES / seconds, split };
}

function nextMessage(thread: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    thread.once('message', resolve);
    thread.once('error', reject);
  });
}

function modeKey(mode: WorkerMode): string {
  return `${mode.client}${mode.threads ? 'Threads' : 'Async'}`;
}

/** Where the CPU of one run went: server and client CPU per message, and what they imply on 2 cores. */
export interface CpuSplit {
  readonly serverUsPerMessage: number;
  readonly clientUsPerMessage: number;
  /** Share of all CPU used that the server used, in percent. */
  readonly serverShare: number;
  /** What the server alone could sustain on one core: it is single-threaded. */
  readonly serverCeilingMsgPerSecond: number;
  /** What server and client together could sustain if they had every core of this machine to themselves. */
  readonly machineCeilingMsgPerSecond: number;
}

/**
 * Starts measuring the CPU the server process and this process (every worker thread included) use;
 * `end()` turns it into per-message figures.
 */
function startCpuWindow(serverPid: number | undefined): { end(): CpuSplit | undefined } {
  const serverBefore = processCpuMs(serverPid);
  const clientBefore = process.cpuUsage();
  return {
    end() {
      const client = process.cpuUsage(clientBefore);
      const serverAfter = processCpuMs(serverPid);
      if (serverBefore === undefined || serverAfter === undefined) return undefined;
      return cpuSplit(serverAfter - serverBefore, (client.user + client.system) / 1000);
    },
  };
}

function cpuSplit(serverMs: number, clientMs: number): CpuSplit {
  const serverUs = (serverMs * 1000) / MESSAGES;
  const clientUs = (clientMs * 1000) / MESSAGES;
  const round = (value: number): number => Math.round(value * 10) / 10;
  return {
    serverUsPerMessage: round(serverUs),
    clientUsPerMessage: round(clientUs),
    serverShare: Math.round((100 * serverUs) / (serverUs + clientUs)),
    serverCeilingMsgPerSecond: Math.round(1e6 / serverUs),
    machineCeilingMsgPerSecond: Math.round((cpus().length * 1e6) / (serverUs + clientUs)),
  };
}

function describeSplit(split: CpuSplit): string {
  return `CPU per message: server ${split.serverUsPerMessage.toFixed(0)} µs, client ${split.clientUsPerMessage.toFixed(0)} µs (server ${split.serverShare} %); ceilings: server thread ${split.serverCeilingMsgPerSecond} msg/s, ${cpus().length} cores ${split.machineCeilingMsgPerSecond} msg/s`;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/**
 * Long-poll wake-up: a ReceiveMessage waits on an empty queue, then a SendMessage arrives. Measures
 * from the SendMessage acknowledgement (and from its start) to the waiting receive returning.
 */
async function wakeLatency(
  endpoint: string,
  kind: ClientKind,
): Promise<{ fromAck: number[]; fromSend: number[] }> {
  const setup = client(endpoint);
  const { QueueUrl = '' } = await setup.send(
    new CreateQueueCommand({ QueueName: `bench-wake-${kind}-${Date.now()}` }),
  );
  setup.destroy();
  const receiver = queueApi(kind, endpoint);
  const sender = queueApi(kind, endpoint);
  const fromAck: number[] = [];
  const fromSend: number[] = [];
  for (let sample = 0; sample < WAKE_SAMPLES; sample++) {
    const waiting = receiver
      .receive(QueueUrl, 20, true)
      .then((handles) => ({ at: performance.now(), handles }));
    // Long enough for the receive to reach the server and park.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const sendStart = performance.now();
    await sender.send(QueueUrl, `wake ${sample}`);
    const ackAt = performance.now();
    const { at, handles } = await waiting;
    if (handles.length === 0) throw new Error('a long poll returned without the message');
    fromAck.push(at - ackAt);
    fromSend.push(at - sendStart);
    await receiver.deleteBatch(QueueUrl, [{ Id: 'm', ReceiptHandle: handles[0] }]);
  }
  receiver.close();
  sender.close();
  return { fromAck, fromSend };
}

/** One figure's worth of runs: the throughput of one client mode with one worker count, warm. */
type ThroughputRun = Awaited<ReturnType<typeof throughput>>;

function throughputRow(mode: WorkerMode, workers: number, run: ThroughputRun): BenchmarkRow {
  const { seconds, allBackSeconds, perSecond, split } = run;
  return {
    measure: `throughput, ${workers} worker${workers > 1 ? 's' : ''} (${mode.label})`,
    value: Math.round(perSecond),
    unit: 'msg/s',
    detail: `${MESSAGES} messages in ${seconds.toFixed(2)} s (every worker back after ${allBackSeconds.toFixed(2)} s), load ${loadavg()[0].toFixed(1)}${split ? `; ${describeSplit(split)}` : ''}`,
  };
}

function throughputFigures(run: ThroughputRun): Record<string, unknown> {
  return {
    messagesPerSecond: Math.round(run.perSecond),
    seconds: Math.round(run.seconds * 1000) / 1000,
    allWorkersBackSeconds: Math.round(run.allBackSeconds * 1000) / 1000,
    loadAverage: Math.round(loadavg()[0] * 100) / 100,
    ...run.split,
  };
}

/** Throughput of every client mode with every worker count, then the least server CPU per message seen. */
async function throughputResults(endpoint: string, serverPid: number | undefined): Promise<BenchmarkResult> {
  const rows: BenchmarkRow[] = [];
  const figures: Record<string, unknown> = {};
  let bestServerCpu = Number.POSITIVE_INFINITY;
  for (const mode of MODES) {
    for (const workers of WORKER_COUNTS) {
      const run = await warmThroughput(endpoint, workers, mode, serverPid);
      if (run.split) bestServerCpu = Math.min(bestServerCpu, run.split.serverUsPerMessage);
      rows.push(throughputRow(mode, workers, run));
      figures[`${modeKey(mode)}Workers${workers}`] = throughputFigures(run);
    }
  }
  if (Number.isFinite(bestServerCpu)) {
    rows.push({
      measure: 'server CPU per message, best run',
      value: Math.round(bestServerCpu),
      unit: 'µs',
      detail: `the endpoint is one thread: it cannot move more than ${Math.round(1e6 / bestServerCpu)} msg/s on any number of cores`,
    });
    figures.bestServerCpuUsPerMessage = Math.round(bestServerCpu * 10) / 10;
  }
  return { rows, figures };
}

/** Long-poll wake-up with one client: median and p99, from the send's acknowledgement and from its call. */
async function wakeUpResults(endpoint: string, kind: 'sdk' | 'lean'): Promise<BenchmarkResult> {
  const { fromAck, fromSend } = await wakeLatency(endpoint, kind);
  const ack = [...fromAck].sort((a, b) => a - b);
  const send = [...fromSend].sort((a, b) => a - b);
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  const clientLabel = kind === 'sdk' ? 'SDK' : 'lean client';
  const rows: BenchmarkRow[] = [
    {
      measure: `long-poll wake-up after the SendMessage ack, median (${clientLabel})`,
      value: round(percentile(ack, 0.5)),
      unit: 'ms',
      detail: `${WAKE_SAMPLES} samples; below 0: the receive returned before the send was acknowledged`,
    },
    {
      measure: `long-poll wake-up after the SendMessage ack, p99 (${clientLabel})`,
      value: round(percentile(ack, 0.99)),
      unit: 'ms',
      detail: '',
    },
    {
      measure: `long-poll wake-up from the SendMessage call, median (${clientLabel})`,
      value: round(percentile(send, 0.5)),
      unit: 'ms',
      detail:
        kind === 'sdk'
          ? 'includes building, signing and sending the SendMessage request'
          : 'includes signing and sending the SendMessage request',
    },
    {
      measure: `long-poll wake-up from the SendMessage call, p99 (${clientLabel})`,
      value: round(percentile(send, 0.99)),
      unit: 'ms',
      detail: '',
    },
  ];
  const figures = {
    [`${kind}WakeFromAckMedianMs`]: round(percentile(ack, 0.5)),
    [`${kind}WakeFromAckP99Ms`]: round(percentile(ack, 0.99)),
    [`${kind}WakeFromSendMedianMs`]: round(percentile(send, 0.5)),
    [`${kind}WakeFromSendP99Ms`]: round(percentile(send, 0.99)),
  };
  return { rows, figures };
}

/** `npm run bench`'s SQS benchmark: throughput with 1, 4 and 8 workers, and long-poll wake-up latency. */
export const sqsThroughput: Benchmark = {
  name: 'sqs',
  description: `local SQS endpoint: send 10 / receive 10 / delete 10 loops over ${MESSAGES} messages, and long-poll wake-up`,
  async run(): Promise<BenchmarkResult> {
    const { child, endpoint } = await startSqsEndpointProcess();
    try {
      const results = [await throughputResults(endpoint, child.pid)];
      for (const kind of ['sdk', 'lean'] as const) results.push(await wakeUpResults(endpoint, kind));
      return {
        rows: results.flatMap((result) => result.rows),
        figures: {
          messages: MESSAGES,
          clients: Object.fromEntries(MODES.map((mode) => [modeKey(mode), mode.label])),
          note: 'CPU figures are CPU time (user + system) per message moved: server from /proc/<pid>/stat, client from process.cpuUsage() of the bench process (worker threads included)',
          ...Object.assign({}, ...results.map((result) => result.figures)),
        },
      };
    } finally {
      child.kill('SIGTERM');
    }
  },
};
