import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type LocalCloud, messagesOn, type QueueDepth } from 'local-cloud';
import { scanTable } from '../shared/scan-table';
import type { OrderLedger } from './order-ledger';
import { stackOutput } from './pipeline-run';

/** One rejected order, as the rejected-orders table records it. */
export interface RejectionSummary {
  readonly messageId: string;
  readonly orderId?: string;
  readonly reason: string;
  readonly errors: readonly string[];
}

/** The outcome of a local run, counted from the tables and the queues. */
export interface RunReport {
  /** Messages that entered the orders queue (received by the poller, or still there). */
  readonly ordersSent: number;
  /** Items in the orders table. */
  readonly ordersStored: number;
  /** Items in the rejected-orders table. */
  readonly ordersRejected: number;
  /**
   * Sent messages whose order is neither stored (a duplicate of a stored order counts as stored) nor
   * recorded as rejected, including any the run ended before it saw through.
   */
  readonly ordersUnaccounted: number;
  /** Messages still on a queue when the run ended (visible, in flight or delayed). */
  readonly ordersStillQueued: number;
  /** Orders the producer reported it could not queue (from its own summary). */
  readonly ordersNotQueued: number;
  readonly rejections: readonly RejectionSummary[];
  readonly functions: Record<string, FunctionReport>;
  readonly queues: readonly QueueDepth[];
  readonly timeScale: number;
  readonly durationMs: number;
  /** The local cloud process's peak resident set size (services and every function instance), if measured. */
  readonly peakMemoryBytes?: number;
}

/** One function's invocation counts over the run, from the local Lambda service. */
export interface FunctionReport {
  readonly instances: number;
  readonly invocations: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly peakConcurrency: number;
  /** The most instances alive at once. */
  readonly peakInstances: number;
}

/** What the run itself knows, beside what the tables and queues say. */
export interface RunFacts {
  readonly ordersNotQueued: number;
  readonly timeScale: number;
  readonly durationMs: number;
  readonly peakMemoryBytes?: number;
}

/** The orders table's and the rejected-orders table's items, as far as the report reads them. */
interface TableContents {
  readonly stored: readonly Record<string, unknown>[];
  readonly rejected: readonly Record<string, unknown>[];
}

async function readTables(cloud: LocalCloud): Promise<TableContents> {
  const documents = DynamoDBDocumentClient.from(cloud.dynamodb.client);
  const stored = await scanTable(documents, stackOutput(cloud, 'OrdersTableName'), ['orderId', 'messageId']);
  const rejected = await scanTable(documents, stackOutput(cloud, 'RejectedOrdersTableName'), [
    'messageId',
    'orderId',
    'reason',
    'errors',
  ]);
  return { stored, rejected };
}

/** Received messages whose order is neither stored nor recorded as rejected. */
function unaccountedReceived(ledger: OrderLedger, tables: TableContents): number {
  const storedOrderIds = new Set(tables.stored.map((item) => String(item.orderId)));
  const rejectedMessageIds = new Set(tables.rejected.map((item) => String(item.messageId)));
  let unaccounted = 0;
  for (const [messageId, orderId] of ledger.entries()) {
    const accounted =
      rejectedMessageIds.has(messageId) || (orderId !== undefined && storedOrderIds.has(orderId));
    if (!accounted) unaccounted += 1;
  }
  return unaccounted;
}

function rejectionSummary(item: Record<string, unknown>): RejectionSummary {
  return {
    messageId: String(item.messageId),
    ...(item.orderId === undefined ? {} : { orderId: String(item.orderId) }),
    reason: String(item.reason),
    errors: Array.isArray(item.errors) ? item.errors.map(String) : [],
  };
}

/** Each function's invocation counts, by its logical id. */
function functionReports(cloud: LocalCloud): Record<string, FunctionReport> {
  return Object.fromEntries(
    Object.values(cloud.lambda.statistics()).map((statistics) => [
      statistics.logicalId,
      {
        instances: statistics.instances,
        invocations: statistics.invocations,
        errors: statistics.errors,
        timeouts: statistics.timeouts,
        peakConcurrency: statistics.peakConcurrency,
        peakInstances: statistics.peakInstances,
      },
    ]),
  );
}

/** Scans the tables and reads the queues of a running local cloud into a report. */
export async function buildRunReport(
  cloud: LocalCloud,
  ledger: OrderLedger,
  run: RunFacts,
): Promise<RunReport> {
  const tables = await readTables(cloud);
  const queues = await cloud.queueDepths();
  const ordersQueueUrl = stackOutput(cloud, 'OrdersQueueUrl');
  // In-flight messages were received, so the ledger has them; visible and delayed ones it never saw.
  const neverReceived = queues
    .filter((queue) => queue.queueUrl === ordersQueueUrl)
    .reduce((sum, queue) => sum + queue.visible + queue.delayed, 0);
  return {
    ordersSent: ledger.messagesReceived + neverReceived,
    ordersStored: tables.stored.length,
    ordersRejected: tables.rejected.length,
    // A message still on a queue is not lost, but the run did not see it through either.
    ordersUnaccounted: unaccountedReceived(ledger, tables) + neverReceived,
    ordersStillQueued: queues.reduce((sum, queue) => sum + messagesOn(queue), 0),
    ordersNotQueued: run.ordersNotQueued,
    rejections: tables.rejected.map(rejectionSummary),
    functions: functionReports(cloud),
    queues,
    timeScale: run.timeScale,
    durationMs: run.durationMs,
    ...(run.peakMemoryBytes === undefined ? {} : { peakMemoryBytes: run.peakMemoryBytes }),
  };
}
