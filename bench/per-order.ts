import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSRecord } from 'aws-lambda';
import { LOCAL_CREDENTIALS, startDynamoDb } from 'local-cloud';
import { createDynamoDbOrderStore } from '../lambdas/process-orders/dynamodb-order-store';
import { processOrder } from '../lambdas/process-orders/process-order';
import type { DeadLetterForwarder, OrderStore, ProcessOrderPorts } from '../lambdas/process-orders/types';
import { connectDynamoDbItems } from '../shared/dynamodb-items';
import type { StoredOrder } from '../shared/order-records';
import { validateOrder } from '../shared/order-validation';
import type { RecordLogger } from '../shared/record-logger';
import type { Benchmark, BenchmarkResult, BenchmarkRow } from './benchmark';
import { startCannedServer } from './canned-server';
import { freshOrders, sqsEventOf } from './order-events';
import { sdkDynamoDbItems } from './sdk-dynamodb-items';
import { formatSpread, type Spread, summarize } from './stats';

/** Orders per timed round; rounds per measure, the first few discarded as warm-up. */
const ORDERS_PER_ROUND = { validation: 10_000, store: 500 } as const;
const ROUNDS = 9;
const WARM_UP_ROUNDS = 2;
const TABLE_NAME = 'per-order-bench';
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:per-order-bench';

/** Takes the log lines and drops them: the cost of writing them is Powertools', not measured here. */
const silentLogger: RecordLogger = { info() {}, warn() {}, error() {} };

/**
 * A DynamoDB client whose every request is answered `200 {}` at once, without a network: what the
 * SDK itself costs per call (marshalling, middleware, signing, parsing), with no emulator behind it.
 */
function instantDynamoDbClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: {
        accessKeyId: LOCAL_CREDENTIALS.AWS_ACCESS_KEY_ID,
        secretAccessKey: LOCAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
      },
      requestHandler: {
        handle: async () => ({
          response: {
            statusCode: 200,
            headers: { 'content-type': 'application/x-amz-json-1.0' },
            body: Buffer.from('{}'),
          },
        }),
      } as unknown as DynamoDBClient['config']['requestHandler'],
    }),
  );
}

/** aws-lite as the functions build it, pointed at `endpoint` with the local cloud's credentials. */
function awsLiteItems(endpoint: string) {
  return connectDynamoDbItems({
    env: { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_DYNAMODB: endpoint, ...LOCAL_CREDENTIALS },
  });
}

/**
 * Microseconds per item of `work` over `rounds` rounds of `items`, after warm-up rounds; one item
 * at a time, as the warm function handles the records of its batches.
 */
async function microsecondsPerItem<T>(makeItems: () => T[], work: (item: T) => unknown): Promise<Spread> {
  const samples: number[] = [];
  for (let round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
    const items = makeItems();
    const started = performance.now();
    for (const item of items) {
      // Awaiting only promises: a tick per synchronous call would weigh on a 1 µs measure.
      const pending = work(item);
      if (pending instanceof Promise) await pending;
    }
    const elapsed = performance.now() - started;
    if (round >= WARM_UP_ROUNDS) samples.push((elapsed * 1000) / items.length);
  }
  return summarize(samples);
}

/**
 * The orders table as a map, put-if-absent like the conditional PutItem: a store that costs next to
 * nothing, so the measure is our code's. The bench's own, so that it depends on no test code.
 */
function inMemoryOrderStore(): OrderStore {
  const items = new Map<string, StoredOrder>();
  return {
    async putIfAbsent(order) {
      const existing = items.get(order.orderId);
      if (existing) return { outcome: 'already-stored', existingContentHash: existing.contentHash };
      items.set(order.orderId, order);
      return { outcome: 'stored' };
    },
  };
}

/** Every order the bench sends is valid and fresh, so one reaching the dead-letter queue is a bug. */
const noDeadLetters: DeadLetterForwarder = {
  async forward(rejection) {
    throw new Error(`a valid order was dead-lettered: ${rejection.reason} (${rejection.errors.join('; ')})`);
  },
};

function ports(orders: OrderStore): ProcessOrderPorts {
  return { orders, deadLetters: noDeadLetters, logger: silentLogger, now: () => new Date() };
}

function records(count: number): SQSRecord[] {
  return sqsEventOf(freshOrders(count), QUEUE_ARN, 'us-east-1').Records;
}

/** Microseconds per record of the whole record logic against `store`; every order must be stored. */
function recordLogicCost(store: OrderStore): Promise<Spread> {
  return microsecondsPerItem(
    () => records(ORDERS_PER_ROUND.store),
    async (record) => {
      const outcome = await processOrder(record, ports(store));
      if (outcome.outcome !== 'stored') throw new Error(`order not stored: ${JSON.stringify(outcome)}`);
    },
  );
}

/** The measures, by the key the JSON file keeps them under, in the order they are taken. */
const MEASURES = {
  validation: 'validation alone (standalone validator)',
  inMemory: 'validation + store, in-memory fake table',
  sdkNoNetwork: 'validation + store, AWS SDK answered at once (no network)',
  awsLiteInstantServer: 'validation + store, aws-lite (the functions) into a server answering at once',
  dynalite: 'validation + store, AWS SDK into dynalite (conditional put)',
  awsLiteDynalite: 'validation + store, aws-lite (the functions) into dynalite (conditional put)',
} as const;

type PerOrderFigures = Partial<Record<keyof typeof MEASURES, Spread>>;

/** Our code and each client, with no emulator behind them: a fake store, then clients answered at once. */
async function withoutEmulator(): Promise<PerOrderFigures> {
  const inMemory = await recordLogicCost(inMemoryOrderStore());
  const sdkNoNetwork = await recordLogicCost(
    createDynamoDbOrderStore(sdkDynamoDbItems(instantDynamoDbClient()), TABLE_NAME),
  );
  // aws-lite takes no request handler: its "no emulator" figure includes Node.js's HTTP on both sides.
  const instantServer = await startCannedServer(() => '{}');
  try {
    const awsLiteInstantServer = await recordLogicCost(
      createDynamoDbOrderStore(awsLiteItems(instantServer.endpoint), TABLE_NAME),
    );
    return { inMemory, sdkNoNetwork, awsLiteInstantServer };
  } finally {
    instantServer.close();
  }
}

/** Each client against dynalite, with the conditional put the functions make. */
async function againstDynalite(): Promise<PerOrderFigures> {
  const dynamodb = await startDynamoDb();
  try {
    await dynamodb.createTables([
      {
        logicalId: 'PerOrderBench',
        tableName: TABLE_NAME,
        keySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
        attributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
        billingMode: 'PAY_PER_REQUEST',
      },
    ]);
    const dynalite = await recordLogicCost(
      createDynamoDbOrderStore(sdkDynamoDbItems(DynamoDBDocumentClient.from(dynamodb.client)), TABLE_NAME),
    );
    const awsLiteDynalite = await recordLogicCost(
      createDynamoDbOrderStore(awsLiteItems(dynamodb.endpoint), TABLE_NAME),
    );
    return { dynalite, awsLiteDynalite };
  } finally {
    await dynamodb.stop();
  }
}

/**
 * Warm per-order cost, in microseconds: the standalone validator alone, then the whole record
 * logic (parse, validate, content hash, conditional put) against several stores, so the cost of
 * our code, of the client and of the emulator can be told apart: an in-memory fake; the AWS SDK
 * (how the functions called DynamoDB before) answered at once without a network, and aws-lite (how
 * they call it now) against a server answering at once; then each client against dynalite.
 */
export function createPerOrderBenchmark(): Benchmark {
  return {
    name: 'per-order',
    description: `warm cost per order, one order at a time, median of ${ROUNDS} rounds after ${WARM_UP_ROUNDS} warm-up rounds`,
    async run(): Promise<BenchmarkResult> {
      const validation = await microsecondsPerItem(
        () => freshOrders(ORDERS_PER_ROUND.validation),
        (order) => {
          if (!validateOrder(order).valid) throw new Error('a fresh order failed validation');
        },
      );
      const figures: PerOrderFigures = {
        validation,
        ...(await withoutEmulator()),
        ...(await againstDynalite()),
      };
      const rows: BenchmarkRow[] = Object.entries(figures).map(([key, spread]) => ({
        measure: MEASURES[key as keyof typeof MEASURES],
        value: Number(spread.median.toFixed(1)),
        unit: 'µs/order',
        detail: formatSpread(spread),
      }));
      return { rows, figures: { ordersPerRound: ORDERS_PER_ROUND, ...figures } };
    },
  };
}
