import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type LocalCloud, messagesOn } from 'local-cloud';
import { contentHash } from '../../../shared/content-hash';
import { orderIdIn } from '../../../shared/order-records';
import { scanTable } from '../../../shared/scan-table';
import { stackOutput } from '../../../tools/pipeline-run';

/** A message that entered the orders queue: its id when known, and its body. */
export interface SentMessage {
  /** The orders-queue message id; absent when only the order is known (a run that lost its poller). */
  readonly messageId?: string;
  readonly body: string;
}

/**
 * The outcome of a run, drawn from the two tables and the queues, never from the producer's
 * summary. It balances when `sent = stored + rejected`, every sent message is accounted for
 * exactly once, and every queue is empty.
 */
export interface FaultLedger {
  /** Messages that entered the orders queue (a message still waiting there shows in `stillQueued`). */
  readonly sent: number;
  /** Items in the orders table. */
  readonly stored: number;
  /** Items in the rejected-orders table. */
  readonly rejected: number;
  readonly rejectedByReason: Readonly<Record<string, number>>;
  /** Sent messages neither stored nor recorded as rejected. */
  readonly unaccounted: number;
  /** Sent messages both stored and recorded as rejected: counted twice. */
  readonly storedAndRejected: number;
  /** Orders table items beyond one per order id (the key forbids it; counted anyway). */
  readonly storedTwice: number;
  /** Rejected-orders items beyond one per message id. */
  readonly rejectedTwice: number;
  /**
   * Stored items whose content is not the content sent: their `contentHash` differs from the hash
   * of the item's own order fields or of the body that carried their order id (a double write with
   * other content would show here).
   */
  readonly contentMismatches: number;
  /** Stored or rejected items that no sent message accounts for (resurrected or invented). */
  readonly phantoms: number;
  /** Messages on any queue of the stack (visible, in flight or delayed). */
  readonly stillQueued: number;
  /** Whether all of the above balance. */
  readonly balanced: boolean;
}

/** Attributes ProcessOrders adds to an order when it stores it. */
const STORED_ATTRIBUTES = ['contentHash', 'messageId', 'storedAt'];

/** An item of either table, as scanned. */
type Item = Record<string, unknown>;

/** The tables' items, indexed the ways the reconciliation looks them up. */
interface TableIndex {
  readonly stored: readonly Item[];
  readonly rejected: readonly Item[];
  readonly storedByOrderId: Map<string, Item[]>;
  readonly rejectedByMessageId: Map<string, Item[]>;
  readonly rejectedByOrderId: Map<string, Item[]>;
}

/** How the sent messages matched the tables' items. */
interface SentMatch {
  readonly sentBodyByOrderId: Map<string, string>;
  readonly accountedStored: Set<string>;
  readonly accountedRejected: Set<unknown>;
  readonly unaccounted: number;
  readonly storedAndRejected: number;
}

function indexTables(stored: readonly Item[], rejected: readonly Item[]): TableIndex {
  return {
    stored,
    rejected,
    storedByOrderId: groupBy(stored, (item) => String(item.orderId)),
    rejectedByMessageId: groupBy(rejected, (item) => String(item.messageId)),
    rejectedByOrderId: groupBy(
      rejected.filter((item) => typeof item.orderId === 'string'),
      (item) => String(item.orderId),
    ),
  };
}

/** Finds each sent message's stored order and rejection record, by order id or message id. */
function matchSentMessages(sentMessages: readonly SentMessage[], tables: TableIndex): SentMatch {
  const sentBodyByOrderId = new Map<string, string>();
  const accountedStored = new Set<string>();
  const accountedRejected = new Set<unknown>();
  let unaccounted = 0;
  let storedAndRejected = 0;
  for (const message of sentMessages) {
    const orderId = orderIdIn(parseOrUndefined(message.body));
    if (orderId !== undefined) sentBodyByOrderId.set(orderId, message.body);
    const storedItem = orderId === undefined ? undefined : tables.storedByOrderId.get(orderId)?.[0];
    const rejectedItem =
      message.messageId !== undefined
        ? tables.rejectedByMessageId.get(message.messageId)?.[0]
        : orderId === undefined
          ? undefined
          : tables.rejectedByOrderId.get(orderId)?.[0];
    if (storedItem !== undefined) accountedStored.add(String(storedItem.orderId));
    if (rejectedItem !== undefined) accountedRejected.add(rejectedItem);
    if (storedItem === undefined && rejectedItem === undefined) unaccounted++;
    if (storedItem !== undefined && rejectedItem !== undefined) storedAndRejected++;
  }
  return { sentBodyByOrderId, accountedStored, accountedRejected, unaccounted, storedAndRejected };
}

/** Stored orders whose content is not what was sent, or not what their own hash says. */
function countContentMismatches(stored: readonly Item[], sentBodyByOrderId: Map<string, string>): number {
  let contentMismatches = 0;
  for (const item of stored) {
    const order = Object.fromEntries(
      Object.entries(item).filter(([key]) => !STORED_ATTRIBUTES.includes(key)),
    );
    const sentBody = sentBodyByOrderId.get(String(item.orderId));
    const sentHash = sentBody === undefined ? undefined : contentHash(JSON.parse(sentBody));
    if (
      item.contentHash !== contentHash(order) ||
      (sentHash !== undefined && item.contentHash !== sentHash)
    ) {
      contentMismatches++;
    }
  }
  return contentMismatches;
}

function countByReason(rejected: readonly Item[]): Record<string, number> {
  const rejectedByReason: Record<string, number> = {};
  for (const item of rejected)
    rejectedByReason[String(item.reason)] = (rejectedByReason[String(item.reason)] ?? 0) + 1;
  return rejectedByReason;
}

/**
 * Scans both tables and reads every queue of a running pipeline cloud, and reconciles them with
 * the messages that entered the orders queue.
 */
export async function drawLedger(
  cloud: LocalCloud,
  sentMessages: readonly SentMessage[],
): Promise<FaultLedger> {
  const documents = DynamoDBDocumentClient.from(cloud.dynamodb.client);
  const tables = indexTables(
    await scanTable(documents, stackOutput(cloud, 'OrdersTableName')),
    await scanTable(documents, stackOutput(cloud, 'RejectedOrdersTableName')),
  );
  const stillQueued = (await cloud.queueDepths()).reduce((sum, queue) => sum + messagesOn(queue), 0);
  const { stored, rejected } = tables;
  const match = matchSentMessages(sentMessages, tables);
  const contentMismatches = countContentMismatches(stored, match.sentBodyByOrderId);
  const phantoms =
    stored.filter((item) => !match.accountedStored.has(String(item.orderId))).length +
    rejected.filter((item) => !match.accountedRejected.has(item)).length;
  const ledger = {
    sent: sentMessages.length,
    stored: stored.length,
    rejected: rejected.length,
    rejectedByReason: countByReason(rejected),
    unaccounted: match.unaccounted,
    storedAndRejected: match.storedAndRejected,
    storedTwice: stored.length - tables.storedByOrderId.size,
    rejectedTwice: rejected.length - tables.rejectedByMessageId.size,
    contentMismatches,
    phantoms,
    stillQueued,
  };
  const problems = [
    ledger.unaccounted,
    ledger.storedAndRejected,
    ledger.storedTwice,
    ledger.rejectedTwice,
    contentMismatches,
    phantoms,
    stillQueued,
  ];
  return {
    ...ledger,
    balanced: ledger.sent === ledger.stored + ledger.rejected && problems.every((count) => count === 0),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
