/**
 * The items the two DynamoDB tables hold, declared once so ProcessOrders, FailedOrders, the stack
 * and the local cloud agree on them. Both tables have a string partition key and no sort key.
 */
import ORDER_LIMITS from './generated/order-limits.json';
import type { Order } from './order';

/**
 * An accepted order in the orders table (partition key `orderId`).
 *
 * @example
 * ```json
 * { "orderId": "o-1", "customerName": "User0", "customerAddress": "1 Main Street", "items": [],
 *   "contentHash": "9f86d0…", "messageId": "5ff8fa2d-…", "storedAt": "2026-11-25T19:40:00.000Z" }
 * ```
 */
export interface StoredOrder extends Order {
  /**
   * SHA-256 (hex) of the order's canonical JSON (keys sorted at every level). A second delivery
   * with the same hash is the same order; another hash under the same id is a conflict.
   */
  readonly contentHash: string;
  /** Id of the orders-queue message that stored the order first. */
  readonly messageId: string;
  /** When the order was stored (ISO 8601). */
  readonly storedAt: string;
}

/** The partition key of the orders table. */
export const ORDERS_TABLE_KEY = 'orderId' satisfies keyof StoredOrder;

/** How {@link RejectedOrderRecord.body} is stored. */
export type BodyEncoding =
  /** `body` is the message body as a string. */
  | 'utf8'
  /** `body` is the gzip-compressed UTF-8 body (binary), for bodies too big to store as text. */
  | 'gzip';

/**
 * A dead-lettered message in the rejected-orders table (partition key `messageId`), written by
 * FailedOrders once per message, whichever way it reached the dead-letter queue.
 */
export interface RejectedOrderRecord {
  /**
   * Id of the ORIGINAL message on the orders queue: the `SourceMessageId` attribute of a message
   * ProcessOrders forwarded, or the DLQ message's own id when SQS redrove it (SQS keeps the id).
   */
  readonly messageId: string;
  /** The `orderId` found in the body, when the body is JSON with a string `orderId`. */
  readonly orderId?: string;
  /**
   * A `RejectionReason`. A `RejectionReason` attribute with any other value (not sent by this
   * pipeline) is kept verbatim rather than dropped.
   */
  readonly reason: string;
  /** Readable sentences saying what was wrong, e.g. `customerAddress: is required`. */
  readonly errors: string[];
  /**
   * `ApproximateReceiveCount` as SQS reported it on the dead-letter-queue receive that recorded the
   * message. SQS does not reset it when it moves a message to a dead-letter queue, so for a
   * redriven message it counts the orders-queue receives plus the dead-letter-queue receives (the
   * first DLQ receive after maxReceiveCount 5 reports 6). For a forwarded message, which is a new
   * message, it counts dead-letter-queue receives only.
   */
  readonly approximateReceiveCount?: number;
  /** ARN of the queue the message was rejected from, when known. */
  readonly sourceQueueArn?: string;
  /** Id of the message on the dead-letter queue (equal to `messageId` for a redriven message). */
  readonly deadLetterMessageId: string;
  /** ARN of the dead-letter queue the message was received from. */
  readonly deadLetterQueueArn: string;
  /**
   * `SentTimestamp` (epoch ms) of the dead-letter-queue message: the original send for a redriven
   * message (SQS keeps it), the forward for a forwarded one.
   */
  readonly sentTimestamp?: number;
  /** `ApproximateFirstReceiveTimestamp` (epoch ms) of the dead-letter-queue message. */
  readonly approximateFirstReceiveTimestamp?: number;
  /** When FailedOrders recorded the message (ISO 8601). */
  readonly recordedAt: string;
  /** The message body, untouched: text, or gzip bytes when `bodyEncoding` is `gzip`. */
  readonly body: string | Uint8Array;
  readonly bodyEncoding: BodyEncoding;
  /** Size of the original body in UTF-8 bytes, before any compression. */
  readonly bodyBytes: number;
}

/** The partition key of the rejected-orders table. */
export const REJECTED_ORDERS_TABLE_KEY = 'messageId' satisfies keyof RejectedOrderRecord;

/**
 * The `orderId` of a parsed message body when it is a non-empty string, whether or not the rest is
 * a valid order, so a rejected message can still be traced to the order it meant to be.
 *
 * @example orderIdIn(JSON.parse('{"orderId":"o-1","customerName":"UserX"}')) === 'o-1'
 */
export function orderIdIn(candidate: unknown): string | undefined {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return undefined;
  const { orderId } = candidate as { orderId?: unknown };
  return typeof orderId === 'string' && orderId !== '' ? orderId : undefined;
}

/**
 * {@link orderIdIn}, cut short to the longest valid id and ending in `…` when it is longer: what a
 * log line or a rejected-order record carries to trace a message to its order. A body can hold an
 * id a whole message long, which would make a 300 KB log line, or a record too large for DynamoDB.
 *
 * @example traceableOrderIdIn({ orderId: 'x'.repeat(1000) }) === `${'x'.repeat(128)}…`
 */
export function traceableOrderIdIn(candidate: unknown): string | undefined {
  const orderId = orderIdIn(candidate);
  const longest = ORDER_LIMITS.orderId.maxLength;
  return orderId !== undefined && orderId.length > longest ? `${orderId.slice(0, longest)}…` : orderId;
}
