import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Benchmark, BenchmarkResult, BenchmarkRow } from './benchmark';
import { FAN_OUTS } from './sns-assembly';
import { type FanOutTopic, type SnsCloudProcess, startSnsCloudProcess } from './sns-cloud-process';
import { type FanOutResult, fanOutRun, PUBLISHERS, PUBLISHES, RUN_DEADLINE_MS } from './sns-fan-out';
import { LATENCY_SAMPLES, type LatencySamples, publishToDeliveryLatency } from './sns-latency';
import { formatNumber, formatSpread, quantile, summarize } from './stats';

/** Unmeasured work first, so both processes' code is optimized by V8 before anything is timed. */
const WARM_UP_PUBLISHES = 1_000;
const WARM_UP_LATENCY_SAMPLES = 50;
/** Runs of each fan-out, reported as their median and spread: one run moved ±40 % with outside load. */
const ROUNDS = 3;

function clientSnsVersion(): string {
  const manifest = join(__dirname, '..', 'node_modules', '@aws-sdk', 'client-sns', 'package.json');
  try {
    return String(JSON.parse(readFileSync(manifest, 'utf8')).version);
  } catch {
    return 'not installed';
  }
}

const CONDITIONS = {
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  clientSns: clientSnsVersion(),
  latencySamples: LATENCY_SAMPLES,
  publishesPerFanOutRun: PUBLISHES,
  fanOutRunsEach: ROUNDS,
  concurrentPublishers: PUBLISHERS,
  runDeadlineMs: RUN_DEADLINE_MS,
  warmUp: `${WARM_UP_PUBLISHES} publishes to the 10-queue topic and ${WARM_UP_LATENCY_SAMPLES} latency samples, unmeasured`,
  setup:
    'local-cloud as `serve --assembly` runs it (gateway on 127.0.0.1, SNS delivering into its SQS model) in its own process, on a hand-written assembly of three standard topics with 1, 2 and 10 sqs subscriptions (envelope delivery, no filter policy); the SDK clients in the bench process: one core each',
};

const round = (value: number, decimals = 3): number => Number(value.toFixed(decimals));

function latencyRows(
  label: string,
  samples: LatencySamples,
): { rows: BenchmarkRow[]; figures: Record<string, number> } {
  const receivable = [...samples.toReceivable].sort((a, b) => a - b);
  const ack = [...samples.toAck].sort((a, b) => a - b);
  const figures = {
    p50Ms: round(quantile(receivable, 0.5)),
    p99Ms: round(quantile(receivable, 0.99)),
    maxMs: round(receivable[receivable.length - 1]),
    publishAnsweredP50Ms: round(quantile(ack, 0.5)),
    publishAnsweredP99Ms: round(quantile(ack, 0.99)),
  };
  const detail = `${receivable.length} sequential publishes to 1 sqs subscription, a long-poll ReceiveMessage waiting on the queue; from before the Publish request to the receive returning`;
  const rows: BenchmarkRow[] = [
    { measure: `publish to receivable, p50 (${label})`, value: figures.p50Ms, unit: 'ms', detail },
    {
      measure: `publish to receivable, p99 (${label})`,
      value: figures.p99Ms,
      unit: 'ms',
      detail: `max ${formatNumber(figures.maxMs)} ms; the Publish itself answered in p50 ${formatNumber(figures.publishAnsweredP50Ms)} ms, p99 ${formatNumber(figures.publishAnsweredP99Ms)} ms`,
    },
  ];
  return { rows, figures };
}

/** One fan-out run and the load average (1 min) when it ended. */
type FanOutRound = FanOutResult & { readonly loadAverage: number };

function fanOutRows(label: string, fanOut: number, rounds: readonly FanOutRound[]): BenchmarkRow[] {
  const name = `fan-out to ${fanOut} queue${fanOut > 1 ? 's' : ''}`;
  const published = summarize(rounds.map((result) => result.publishesPerSecond));
  const delivered = summarize(rounds.map((result) => result.deliveriesPerSecond));
  const server = summarize(rounds.map((result) => result.serverCpuMsPerPublish));
  const client = summarize(rounds.map((result) => result.clientCpuMsPerPublish));
  const loads = rounds.map((result) => result.loadAverage.toFixed(2)).join(', ');
  return [
    {
      measure: `${name}, published, median (${label})`,
      value: Math.round(published.median),
      unit: 'msg/s',
      detail: `${formatSpread(published)}; each run ${PUBLISHES} publishes by ${PUBLISHERS} concurrent publishers, timed to the last delivery receivable; load ${loads}`,
    },
    {
      measure: `${name}, delivered, median (${label})`,
      value: Math.round(delivered.median),
      unit: 'deliveries/s',
      detail: `${formatSpread(delivered)}; ledger balanced in every run: ${rounds[0].deliveries} deliveries = ${PUBLISHES} × ${fanOut}, each message once on each queue`,
    },
    {
      measure: `${name}, server CPU per publish, median (${label})`,
      value: round(server.median),
      unit: 'ms',
      // The server is one thread: its CPU per publish bounds what it could take from faster clients.
      detail: `${formatSpread(server)}; ${formatNumber(server.median / fanOut)} ms per delivery; one core's ceiling ${Math.round(1000 / server.median)} publishes/s; the SDK clients ${formatNumber(client.median)} ms per publish (their ceiling ${Math.round(1000 / client.median)}/s)`,
    },
  ];
}

/** {@link ROUNDS} runs of every fan-out, interleaved so that a burst of outside load spreads over them all. */
async function fanOutRounds(
  started: SnsCloudProcess,
  topic: (fanOut: number) => FanOutTopic,
): Promise<Map<number, FanOutRound[]>> {
  const rounds = new Map<number, FanOutRound[]>(FAN_OUTS.map((fanOut) => [fanOut, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const fanOut of FAN_OUTS) {
      const result = await fanOutRun(started.cloud.endpoint, topic(fanOut), started.child.pid);
      rounds.get(fanOut)?.push({ ...result, loadAverage: loadavg()[0] });
    }
  }
  return rounds;
}

/** Every measure on one cloud: with or without a state directory. */
async function measureCloud(
  state: boolean,
): Promise<{ rows: BenchmarkRow[]; figures: Record<string, unknown> }> {
  const label = state ? '--state' : 'in memory';
  const started = await startSnsCloudProcess(state);
  try {
    const { endpoint, fanOuts } = started.cloud;
    const topic = (fanOut: number) => fanOuts.find((candidate) => candidate.fanOut === fanOut) ?? fanOuts[0];
    await fanOutRun(endpoint, topic(10), started.child.pid, WARM_UP_PUBLISHES);
    await publishToDeliveryLatency(endpoint, topic(1), WARM_UP_LATENCY_SAMPLES);
    const latency = latencyRows(label, await publishToDeliveryLatency(endpoint, topic(1)));
    const rows = [...latency.rows];
    const figures: Record<string, unknown> = { latency: latency.figures };
    for (const [fanOut, rounds] of await fanOutRounds(started, topic)) {
      rows.push(...fanOutRows(label, fanOut, rounds));
      figures[`fanOut${fanOut}`] = rounds;
    }
    return { rows, figures };
  } finally {
    await started.stop();
  }
}

/**
 * `npm run bench`'s SNS benchmark: the local SNS as the local cloud serves it, published to with
 * @aws-sdk/client-sns over the Query API on 127.0.0.1. Publish-to-delivery latency to one SQS
 * subscription, and fan-out throughput to 1, 2 and 10 queues with the server's CPU per publish,
 * every delivery counted; in memory and on a state directory (journals fdatasync'ed).
 */
export const snsBenchmark: Benchmark = {
  name: 'sns',
  description: `local SNS behind the local cloud's gateway: publish-to-receivable latency (${LATENCY_SAMPLES} sequential publishes, 1 sqs subscription) and fan-out to 1, 2 and 10 queues (${ROUNDS} runs each of ${PUBLISHES} publishes, ${PUBLISHERS} concurrent publishers), in memory and with --state; node ${CONDITIONS.node}, ${CONDITIONS.cpus} CPUs (${CONDITIONS.cpuModel}), @aws-sdk/client-sns ${CONDITIONS.clientSns}`,
  async run(): Promise<BenchmarkResult> {
    const loadAtStart = loadavg().map((value) => round(value, 2));
    const inMemory = await measureCloud(false);
    const onState = await measureCloud(true);
    return {
      rows: [...inMemory.rows, ...onState.rows],
      figures: {
        conditions: {
          ...CONDITIONS,
          loadAverageAtStart: loadAtStart,
          loadAverageAtEnd: loadavg().map((value) => round(value, 2)),
        },
        inMemory: inMemory.figures,
        state: onState.figures,
      },
    };
  },
};
