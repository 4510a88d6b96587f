import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type BatchSettlement,
  type DynamoDbFaultStatistics,
  type FunctionStatistics,
  type LocalCloud,
  scaledClock,
} from 'local-cloud';
import { STACK_NAME } from '../../../lib/order-pipeline-app';
import { scanTable } from '../../../shared/scan-table';
import {
  generateOrders,
  type PipelineCloud,
  type ProducerOutcome,
  stackOutput,
  startPipelineCloud,
  waitUntilSettled,
} from '../../../tools/pipeline-run';
import { pipelineAssembly } from '../../support/pipeline-assembly';
import { drawLedger, type FaultLedger } from './fault-ledger';
import { recordScenarioFigures } from './faults-report';

/** Names of the pipeline's resources in a running cloud, from the stack's outputs. */
export interface PipelineResources {
  readonly ordersTableName: string;
  readonly rejectedOrdersTableName: string;
  readonly ordersQueueUrl: string;
  readonly processOrdersFunctionName: string;
}

/** What a scenario's hooks get: the running cloud, its resources, and figures to report. */
export interface FaultRun extends PipelineResources {
  readonly cloud: LocalCloud;
  readonly pipeline: PipelineCloud;
  /** Figures of the scenario's own (instances killed, errors injected...), added to the report. */
  readonly figures: Record<string, number | string>;
  /** The orders queue's deliveries so far, as ProcessOrders settled them. */
  readonly deliveriesSoFar: DeliveriesSoFar;
}

/** The orders queue's deliveries counted so far, read while the fault acts. */
export interface DeliveriesSoFar {
  /** Deliveries beyond the first of each message. */
  readonly redeliveries: number;
  /** The records of the batches ProcessOrders failed whole. */
  readonly failedBatchRecords: number;
}

/** One fault-injection scenario: the orders, the template, the fault and when it acts. */
export interface FaultScenario {
  /** Key of the scenario in `.local/faults-report.json`. */
  readonly name: string;
  /** What is injected, in a sentence, for the report. */
  readonly injected: string;
  /** Orders GenerateOrders generates (or, with `send`, what the scenario sends). */
  readonly orders: number;
  /** @default 0 */
  readonly invalidRatio?: number;
  /** CDK context to synthesize with, as `npm start -- -c KEY=VALUE`. @default {} */
  readonly context?: Record<string, string>;
  /** The cloud's clock runs this many times faster than real time. */
  readonly timeScale: number;
  /** Real seconds to wait for every queue to empty. @default 150 */
  readonly settleTimeoutSeconds?: number;
  /** Arms the fault once the cloud runs, before anything is sent. */
  readonly arm?: (run: FaultRun) => Promise<void> | void;
  /** Runs beside the orders from the first send, e.g. killing instances; awaited before settling ends. */
  readonly during?: (run: FaultRun) => Promise<void>;
  /** Sends the orders. @default - GenerateOrders with `{ count: orders, invalidRatio }` */
  readonly send?: (run: FaultRun) => Promise<ProducerOutcome | undefined>;
  /** Told about every settled batch of the orders queue. */
  readonly onOrdersBatch?: (settlement: BatchSettlement) => void;
}

/** A record of the rejected-orders table, as far as a scenario checks it. */
export interface Rejection {
  readonly messageId: string;
  readonly reason: string;
  readonly errors: readonly string[];
  readonly approximateReceiveCount?: number;
}

/** What a scenario ran into and how it ended. */
export interface FaultRunResult {
  readonly ledger: FaultLedger;
  /** GenerateOrders' answer, when it sent the orders. */
  readonly producer?: ProducerOutcome;
  readonly settled: boolean;
  /** Real milliseconds from the first send until everything settled. */
  readonly durationMs: number;
  /** Orders-queue messages handed to ProcessOrders, every delivery counted. */
  readonly deliveries: number;
  /** Deliveries beyond the first of each message. */
  readonly redeliveries: number;
  /** Orders-queue batches that ProcessOrders failed whole (a crash, a timeout, every record failing). */
  readonly failedBatches: number;
  /** The records of those batches, every one of which SQS delivers again. */
  readonly failedBatchRecords: number;
  /**
   * Deliveries ProcessOrders found already stored with the same content and let go: duplicates that
   * reached the table and were not written again (its log says so).
   */
  readonly duplicatesSkipped: number;
  readonly processOrders: FunctionStatistics;
  readonly dynamodb: DynamoDbFaultStatistics;
  /** Every record of the rejected-orders table. */
  readonly rejections: readonly Rejection[];
  /** The scenario's own figures. */
  readonly figures: Readonly<Record<string, number | string>>;
}

/** ProcessOrders' log message for a duplicate delivery (`lambdas/process-orders/process-order.ts`). */
const DUPLICATE_DELIVERY_LOG = /duplicate delivery: order already stored with the same content/;

/** The resources of the order pipeline in a running cloud. */
export function pipelineResources(cloud: LocalCloud): PipelineResources {
  return {
    ordersTableName: stackOutput(cloud, 'OrdersTableName'),
    rejectedOrdersTableName: stackOutput(cloud, 'RejectedOrdersTableName'),
    ordersQueueUrl: stackOutput(cloud, 'OrdersQueueUrl'),
    processOrdersFunctionName: cloud.lambda.getFunction(
      Object.keys(cloud.lambda.statistics()).find((logicalId) => logicalId.startsWith('ProcessOrders')) ??
        'ProcessOrders',
    ).functionName,
  };
}

/** Counts the orders queue's deliveries as ProcessOrders settles each batch. */
class DeliveryTally implements DeliveriesSoFar {
  /** Each message's body, from its first delivery. */
  readonly received = new Map<string, string>();
  deliveries = 0;
  failedBatches = 0;
  failedBatchRecords = 0;
  ordersMapping: string | undefined;

  constructor(private readonly onOrdersBatch?: (settlement: BatchSettlement) => void) {}

  get redeliveries(): number {
    return this.deliveries - this.received.size;
  }

  readonly settled = (settlement: BatchSettlement): void => {
    if (settlement.mapping !== this.ordersMapping) return;
    this.onOrdersBatch?.(settlement);
    this.deliveries += settlement.records.length;
    if (settlement.deleted === 0 && settlement.leftOnQueue !== undefined) {
      this.failedBatches++;
      this.failedBatchRecords += settlement.records.length;
    }
    for (const { messageId, body } of settlement.records)
      if (!this.received.has(messageId)) this.received.set(messageId, body);
  };
}

/** Counts ProcessOrders' log lines for duplicate deliveries it let go; read the count at the end. */
function countDuplicatesSkipped(cloud: LocalCloud, functionName: string): () => number {
  const logGroup = cloud.lambda.getFunction(functionName).logGroupName;
  let skipped = 0;
  cloud.logs.subscribe((logGroupName, _logStreamName, event) => {
    if (logGroupName === logGroup && DUPLICATE_DELIVERY_LOG.test(event.message)) skipped++;
  });
  return () => skipped;
}

/** Every record of the rejected-orders table. */
async function readRejections(cloud: LocalCloud, tableName: string): Promise<Rejection[]> {
  const items = await scanTable(DynamoDBDocumentClient.from(cloud.dynamodb.client), tableName);
  return items.map(
    (item): Rejection => ({
      messageId: String(item.messageId),
      reason: String(item.reason),
      errors: Array.isArray(item.errors) ? item.errors.map(String) : [],
      ...(typeof item.approximateReceiveCount === 'number'
        ? { approximateReceiveCount: item.approximateReceiveCount }
        : {}),
    }),
  );
}

/** Adds the scenario's figures to `.local/faults-report.json`. */
function reportFigures(scenario: FaultScenario, result: FaultRunResult): void {
  const { processOrders, producer } = result;
  recordScenarioFigures(scenario.name, {
    injected: scenario.injected,
    orders: scenario.orders,
    timeScale: scenario.timeScale,
    context: scenario.context ?? {},
    durationMs: result.durationMs,
    settled: result.settled,
    deliveries: result.deliveries,
    redeliveries: result.redeliveries,
    failedBatches: result.failedBatches,
    failedBatchRecords: result.failedBatchRecords,
    duplicatesSkipped: result.duplicatesSkipped,
    processOrders: {
      instances: processOrders.instances,
      invocations: processOrders.invocations,
      errors: processOrders.errors,
      timeouts: processOrders.timeouts,
    },
    dynamodb: result.dynamodb,
    ...(producer?.kind === 'queued'
      ? { producer: { queued: producer.queued, failed: producer.failed.length } }
      : {}),
    ...result.figures,
    ledger: result.ledger,
  });
}

/** Sends the scenario's orders with its fault acting, and waits until every queue is empty. */
async function sendUnderFault(
  scenario: FaultScenario,
  run: FaultRun,
): Promise<{ producer?: ProducerOutcome; settled: boolean; durationMs: number }> {
  const started = Date.now();
  const during = scenario.during?.(run);
  const producer = await (scenario.send
    ? scenario.send(run)
    : generateOrders(run.cloud, { count: scenario.orders, invalidRatio: scenario.invalidRatio ?? 0 }));
  await during;
  const settled = await waitUntilSettled(run.pipeline, scenario.settleTimeoutSeconds ?? 150);
  return { producer, settled, durationMs: Date.now() - started };
}

/**
 * Starts the local cloud from the app synthesized with the scenario's context (one synthesis per
 * context per test run), arms the scenario's fault, sends the orders, waits until every queue is
 * empty, and draws the ledger from the tables and the queues. The figures go to
 * `.local/faults-report.json`; the cloud is stopped when it returns.
 */
export async function runUnderFault(scenario: FaultScenario): Promise<FaultRunResult> {
  const tally = new DeliveryTally(scenario.onOrdersBatch);
  let pipeline: PipelineCloud | undefined;
  try {
    pipeline = await startPipelineCloud({
      assemblyDirectory: pipelineAssembly(scenario.context ?? {}),
      stackName: STACK_NAME,
      clock: scaledClock(scenario.timeScale),
      onBatchSettled: tally.settled,
    });
    tally.ordersMapping = pipeline.ledger.mappingName;
    const { cloud } = pipeline;
    const run: FaultRun = {
      cloud,
      pipeline,
      ...pipelineResources(cloud),
      figures: {},
      deliveriesSoFar: tally,
    };
    const duplicatesSkipped = countDuplicatesSkipped(cloud, run.processOrdersFunctionName);
    await scenario.arm?.(run);
    const sent = await sendUnderFault(scenario, run);
    // The ledger reads the tables as they are, not through the fault.
    cloud.dynamodb.faults.clear();
    cloud.sqs.setFaults({});
    const result: FaultRunResult = {
      ...sent,
      ledger: await drawLedger(
        cloud,
        [...tally.received].map(([messageId, body]) => ({ messageId, body })),
      ),
      deliveries: tally.deliveries,
      redeliveries: tally.redeliveries,
      failedBatches: tally.failedBatches,
      failedBatchRecords: tally.failedBatchRecords,
      duplicatesSkipped: duplicatesSkipped(),
      processOrders:
        cloud.lambda.statistics()[cloud.lambda.getFunction(run.processOrdersFunctionName).logicalId],
      dynamodb: cloud.dynamodb.faults.statistics(),
      rejections: await readRejections(cloud, run.rejectedOrdersTableName),
      figures: run.figures,
    };
    reportFigures(scenario, result);
    return result;
  } finally {
    await pipeline?.cloud.stop();
  }
}
