import type { SQSRecord } from 'aws-lambda';
import { checkOrderBody, type OrderBodyCheck } from '../../shared/check-order-body';
import { contentHash } from '../../shared/content-hash';
import type { Order } from '../../shared/order';
import { traceableOrderIdIn } from '../../shared/order-records';
import type { LogAttributes } from '../../shared/record-logger';
import type { RejectionReason } from '../../shared/rejection';
import { DeadLetterForwardError } from './errors';
import type { ProcessOrderOutcome, ProcessOrderPorts, PutOrderResult } from './types';

/**
 * Parses, validates and stores the order in one orders-queue record.
 *
 * - Stored, or already stored with the same content (a duplicate delivery): success.
 * - Not JSON, not an `Order`, a field given twice, or an `orderId` already stored with other
 *   content: forwarded to the dead-letter queue at once and reported as success, so it burns no
 *   retries and never holds back the valid orders of its batch.
 * - Anything else (the table throttles or cannot be reached, the forward fails): throws, so this
 *   record alone is a batch item failure and SQS retries it; after maxReceiveCount SQS moves it to
 *   the dead-letter queue itself.
 */
export async function processOrder(
  record: SQSRecord,
  ports: ProcessOrderPorts,
): Promise<ProcessOrderOutcome> {
  const check = checkOrderBody(record.body);
  const keys = logKeys(record, check);
  if (check.outcome !== 'order') return reject(record, 'INVALID_ORDER', check.errors, keys, ports);

  return store(record, check.order, keys, ports);
}

async function store(
  record: SQSRecord,
  order: Order,
  keys: LogAttributes,
  ports: ProcessOrderPorts,
): Promise<ProcessOrderOutcome> {
  const hash = contentHash(order);
  const { orderId } = order;
  let result: PutOrderResult;
  try {
    result = await ports.orders.putIfAbsent({
      ...order,
      contentHash: hash,
      messageId: record.messageId,
      storedAt: ports.now().toISOString(),
    });
  } catch (error) {
    ports.logger.warn('order not stored; SQS will deliver the message again', { ...keys, error });
    throw error;
  }
  if (result.outcome === 'stored') {
    ports.logger.info('order stored', keys);
    return { outcome: 'stored', orderId };
  }
  if (result.existingContentHash === hash) {
    ports.logger.info('duplicate delivery: order already stored with the same content', keys);
    return { outcome: 'duplicate', orderId };
  }
  return reject(
    record,
    'CONFLICTING_DUPLICATE',
    [`orderId: ${orderId} is already stored with different content`],
    keys,
    ports,
  );
}

async function reject(
  record: SQSRecord,
  reason: RejectionReason,
  errors: readonly string[],
  keys: LogAttributes,
  ports: ProcessOrderPorts,
): Promise<ProcessOrderOutcome> {
  let deadLetterMessageId: string | undefined;
  try {
    deadLetterMessageId = await ports.deadLetters.forward({
      body: record.body,
      reason,
      errors,
      sourceMessageId: record.messageId,
      sourceQueueArn: record.eventSourceARN,
    });
  } catch (cause) {
    ports.logger.error('rejected order not forwarded; SQS will deliver the message again', {
      ...keys,
      reason,
      errors,
      error: cause,
    });
    throw new DeadLetterForwardError(record.messageId, { cause });
  }
  ports.logger.warn('order rejected and forwarded to the dead-letter queue', {
    ...keys,
    reason,
    errors,
    deadLetterMessageId,
  });
  return { outcome: 'rejected', reason, errors };
}

function logKeys(record: SQSRecord, check: OrderBodyCheck): LogAttributes {
  const orderId = traceableOrderIdIn(
    check.outcome === 'order' ? check.order : check.outcome === 'not-an-order' ? check.value : undefined,
  );
  return orderId === undefined ? { messageId: record.messageId } : { messageId: record.messageId, orderId };
}
