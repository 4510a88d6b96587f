import { randomUUID } from 'node:crypto';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { assignOrderIds } from '../lambdas/generate-orders/assign-order-ids';
import { createOrders } from '../lambdas/generate-orders/order-factory';
import { sendOrders, sqsSendMessageBatch } from '../lambdas/generate-orders/send-orders';
import { SEND_SETTINGS } from '../lambdas/generate-orders/send-settings';
import type { Benchmark, BenchmarkResult, BenchmarkRow } from './benchmark';
import { processCpuMs } from './process-cpu';
import { sdkClient } from './sqs-api';
import { startSqsEndpointProcess } from './sqs-endpoint-process';
import { formatNumber, formatSpread, type Spread, summarize } from './stats';

const ORDERS = 10_000;
const ROUNDS = 5;
/** How late each answer of the second endpoint comes, as AWS's network would make it. */
const NETWORK_DELAY_MS = 15;
/** A sequential loop sends about 650 orders a second then: 2,000 take 3 s a round. */
const DELAYED_ORDERS = 2_000;
const DELAYED_ROUNDS = 3;
const WARM_UP_ORDERS = 1_000;
/** SendMessageBatch takes at most 10 entries. */
const ENTRIES_PER_BATCH = 10;

/** How the orders are sent. */
type SenderKind = 'generateOrders' | 'sequential';

/** Both senders, in the order each round runs them. */
const SENDERS: readonly SenderKind[] = ['generateOrders', 'sequential'];

const LABELS: Record<SenderKind, string> = {
  generateOrders: `GenerateOrders' sendOrders (${SEND_SETTINGS.maxConcurrentBatches} batches in flight)`,
  sequential: 'a plain loop: one SendMessageBatch after the other',
};

/**
 * The baseline producer, a plain loop: each batch of 10 as one `SendMessageBatch`, awaited before
 * the next, entries with a fresh id and the order's JSON. It shows what GenerateOrders gains by
 * keeping several batches in flight.
 */
async function sendSequentially(client: SQSClient, queueUrl: string, orders: readonly unknown[]) {
  for (let start = 0; start < orders.length; start += ENTRIES_PER_BATCH) {
    await client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: orders.slice(start, start + ENTRIES_PER_BATCH).map((order) => ({
          Id: randomUUID(),
          MessageBody: JSON.stringify(order),
        })),
      }),
    );
  }
}

/** One round of one sender: its throughput, and the CPU each side spent per SendMessageBatch. */
interface RoundFigures {
  readonly ordersPerSecond: number;
  /** This process's CPU (the sender and its SDK client; nothing else runs here meanwhile). */
  readonly clientCpuUsPerRequest: number;
  /** The endpoint process's CPU, from /proc; NaN where /proc is missing. */
  readonly serverCpuUsPerRequest: number;
}

/** Sends `count` generated orders to a new queue one way. */
async function sendRound(
  client: SQSClient,
  kind: SenderKind,
  count: number,
  serverPid: number | undefined,
): Promise<RoundFigures> {
  const { QueueUrl = '' } = await client.send(
    new CreateQueueCommand({ QueueName: `producer-bench-${kind}-${randomUUID()}` }),
  );
  const orders = assignOrderIds(createOrders(count, 0));
  try {
    const started = performance.now();
    const clientCpu = process.cpuUsage();
    const serverCpuMs = processCpuMs(serverPid);
    if (kind === 'generateOrders') {
      const summary = await sendOrders(orders, {
        queueUrl: QueueUrl,
        sendMessageBatch: sqsSendMessageBatch(client),
      });
      if (summary.failed.length > 0) throw new Error(`${summary.failed.length} orders not queued`);
    } else {
      await sendSequentially(client, QueueUrl, orders);
    }
    const seconds = (performance.now() - started) / 1000;
    const { user, system } = process.cpuUsage(clientCpu);
    const serverSpentMs = (processCpuMs(serverPid) ?? Number.NaN) - (serverCpuMs ?? Number.NaN);
    const requests = Math.ceil(count / ENTRIES_PER_BATCH);
    const { Attributes = {} } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    if (Number(Attributes.ApproximateNumberOfMessages) !== count) {
      throw new Error(
        `${LABELS[kind]}: the queue holds ${Attributes.ApproximateNumberOfMessages} of ${count} orders`,
      );
    }
    return {
      ordersPerSecond: count / seconds,
      clientCpuUsPerRequest: (user + system) / requests,
      serverCpuUsPerRequest: (serverSpentMs * 1000) / requests,
    };
  } finally {
    await client.send(new DeleteQueueCommand({ QueueUrl }));
  }
}

/** One endpoint the senders are measured against. */
interface EndpointCondition {
  readonly label: string;
  /** Arguments of `npm run sqs`. */
  readonly endpointArguments: readonly string[];
  readonly orders: number;
  readonly rounds: number;
  readonly target: number;
}

/**
 * On loopback an answer takes a fraction of a millisecond, so sending batches in parallel shows
 * little; AWS answers a SendMessageBatch in about 15 ms, which the second endpoint adds.
 */
const CONDITIONS: readonly EndpointCondition[] = [
  { label: 'loopback', endpointArguments: [], orders: ORDERS, rounds: ROUNDS, target: 5 },
  {
    label: `every answer ${NETWORK_DELAY_MS} ms late`,
    endpointArguments: ['--response-delay-ms', String(NETWORK_DELAY_MS)],
    orders: DELAYED_ORDERS,
    rounds: DELAYED_ROUNDS,
    target: 8,
  },
];

/** Both senders, alternating round by round against one endpoint process; rows and figures. */
async function measureCondition(condition: EndpointCondition): Promise<BenchmarkResult> {
  const { child, endpoint } = await startSqsEndpointProcess(condition.endpointArguments);
  const clients: Record<SenderKind, SQSClient> = {
    generateOrders: sdkClient(endpoint),
    sequential: sdkClient(endpoint),
  };
  try {
    const samples: Record<SenderKind, RoundFigures[]> = { generateOrders: [], sequential: [] };
    for (const kind of SENDERS) await sendRound(clients[kind], kind, WARM_UP_ORDERS, child.pid);
    for (let round = 0; round < condition.rounds; round++) {
      for (const kind of SENDERS) {
        samples[kind].push(await sendRound(clients[kind], kind, condition.orders, child.pid));
      }
    }
    return summarizeCondition(condition, samples);
  } finally {
    for (const client of Object.values(clients)) client.destroy();
    child.kill();
  }
}

function summarizeCondition(
  condition: EndpointCondition,
  samples: Record<SenderKind, RoundFigures[]>,
): BenchmarkResult {
  const spreadOf = (kind: SenderKind, figure: keyof RoundFigures) =>
    summarize(samples[kind].map((round) => round[figure]));
  const spreads: Record<SenderKind, Spread> = {
    generateOrders: spreadOf('generateOrders', 'ordersPerSecond'),
    sequential: spreadOf('sequential', 'ordersPerSecond'),
  };
  const speedUp = spreads.generateOrders.median / spreads.sequential.median;
  const rows: BenchmarkRow[] = SENDERS.map((kind) => ({
    measure: `${LABELS[kind]}, ${condition.label}`,
    value: Math.round(spreads[kind].median),
    unit: 'orders/s',
    detail: formatSpread(spreads[kind]),
  }));
  const cpu = Object.fromEntries(
    SENDERS.map((kind) => [
      kind,
      { client: spreadOf(kind, 'clientCpuUsPerRequest'), server: spreadOf(kind, 'serverCpuUsPerRequest') },
    ]),
  ) as Record<SenderKind, { client: Spread; server: Spread }>;
  for (const kind of SENDERS) {
    rows.push({
      measure: `CPU per SendMessageBatch, ${LABELS[kind]}, ${condition.label}`,
      value: Math.round(cpu[kind].client.median),
      unit: 'µs client',
      detail: `the SDK client's process; the endpoint's process ${formatNumber(cpu[kind].server.median)} µs (medians of ${condition.rounds} rounds)`,
    });
  }
  rows.push({
    measure: `GenerateOrders ÷ sequential loop, ${condition.label} (target ≥ ${condition.target})`,
    value: Number(speedUp.toFixed(2)),
    unit: '×',
    detail: `medians; ${formatNumber(condition.orders)} orders a round`,
  });
  const figures = {
    orders: condition.orders,
    rounds: condition.rounds,
    ...spreads,
    speedUp,
    cpuPerRequest: cpu,
  };
  return { rows, figures: { [condition.label]: figures } };
}

/**
 * Producer throughput: orders queued per second through the local SQS endpoint (its own process),
 * with GenerateOrders' own sending module, against a plain sequential loop of SendMessageBatch calls;
 * on loopback, and with every answer delayed as AWS's network would delay it.
 */
export function createProducerBenchmark(): Benchmark {
  return {
    name: 'producer',
    description: `orders into the local SQS endpoint (own process), on loopback and with ${NETWORK_DELAY_MS} ms answers, senders alternating`,
    async run(): Promise<BenchmarkResult> {
      const rows: BenchmarkRow[] = [];
      const figures: Record<string, unknown> = {};
      for (const condition of CONDITIONS) {
        const result = await measureCondition(condition);
        rows.push(...result.rows);
        Object.assign(figures, result.figures);
      }
      return { rows, figures };
    },
  };
}
