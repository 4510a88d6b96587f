import type { FailedOrder } from './send-summary';

/** One order encoded as an SQS message body, ready to be packed into a SendMessageBatch call. */
export interface OutgoingMessage {
  /**
   * The batch entry `Id`: the order's position in the request. SQS wants `^[A-Za-z0-9_-]{1,80}$`,
   * unique within a batch; an `orderId` may hold other characters or repeat, a position cannot.
   */
  readonly entryId: string;
  /** The id reported in the summary, see {@link FailedOrder.id}. */
  readonly orderId: string;
  /** The order as JSON. */
  readonly body: string;
  /** The body's size in UTF-8, the unit of SQS's message and batch limits. */
  readonly bytes: number;
}

/** The orders encoded as messages, and those that cannot be a message body at all. */
export interface EncodedOrders {
  readonly messages: OutgoingMessage[];
  readonly unsendable: FailedOrder[];
}

/**
 * Characters SQS refuses in a message body (it accepts #x9, #xA, #xD, #x20–#xD7FF, #xE000–#xFFFD
 * and #x10000–#x10FFFF). JSON escapes control characters and lone surrogates but not U+FFFE/U+FFFF.
 * Sending such a body cannot succeed, and an error for it may take the whole batch call down with
 * the valid orders in it, so it is reported without being sent.
 */
const CHARACTER_SQS_REFUSES = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * The id the summary reports for the order at `index`: its `orderId` when that is a string,
 * else `#<index>`.
 */
export function reportedOrderId(order: unknown, index: number): string {
  if (
    typeof order === 'object' &&
    order !== null &&
    'orderId' in order &&
    typeof order.orderId === 'string'
  ) {
    return order.orderId;
  }
  return `#${index}`;
}

/** Encodes each order as JSON, setting aside those that cannot travel as an SQS message body. */
export function encodeOrders(orders: readonly unknown[]): EncodedOrders {
  const messages: OutgoingMessage[] = [];
  const unsendable: FailedOrder[] = [];
  orders.forEach((order, index) => {
    const orderId = reportedOrderId(order, index);
    const body = toJson(order);
    if (body === undefined) {
      unsendable.push({ id: orderId, reason: 'the order cannot be written as JSON' });
    } else if (CHARACTER_SQS_REFUSES.test(body)) {
      unsendable.push({
        id: orderId,
        reason: 'the order holds characters SQS does not accept in a message body',
      });
    } else {
      messages.push({ entryId: String(index), orderId, body, bytes: Buffer.byteLength(body, 'utf8') });
    }
  });
  return { messages, unsendable };
}

/** `JSON.stringify`, with `undefined` for what it cannot write (cycles, BigInt, a bare undefined). */
function toJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value) as string | undefined;
  } catch {
    return undefined;
  }
}
