import type { SQSRecord } from 'aws-lambda';
import type { RejectedOrderRecord } from '../../shared/order-records';
import type { LogAttributes } from '../../shared/record-logger';
import { encodeBody } from './body-encoding';
import { checkStoredOrder } from './check-stored-order';
import { describeFailure } from './describe-failure';
import type { RecordFailureOutcome, RecordFailurePorts, RecordOutcome } from './types';

/**
 * Records one dead-lettered message in the rejected-orders table with why it failed, logs it and
 * counts it. A redelivered message that is already recorded is a success and is not counted again.
 * Anything that stops the record being written throws, so the message stays in the dead-letter
 * queue: nothing is deleted unrecorded.
 *
 * A message SQS dead-lettered (`RETRIES_EXHAUSTED`) whose order is in the orders table with the
 * same content is not recorded: ProcessOrders stored it, then failed or timed out before it could
 * return, on every receive. Recording it would count one order as both stored and rejected. When
 * the orders table cannot be read, the message is recorded anyway, with a WARN line that names the
 * error.
 */
export async function recordFailure(
  record: SQSRecord,
  ports: RecordFailurePorts,
): Promise<RecordFailureOutcome> {
  const failure = describeFailure(record);
  const keys: LogAttributes = {
    messageId: failure.messageId,
    ...(failure.orderId === undefined ? {} : { orderId: failure.orderId }),
    deadLetterMessageId: failure.deadLetterMessageId,
  };
  const { reason, errors } = failure;
  if (reason === 'RETRIES_EXHAUSTED') {
    const stored = await checkStoredOrder(record.body, ports.storedOrders);
    if (stored.outcome === 'stored') {
      ports.logger.info('dead-lettered message already stored: nothing to record', keys);
      return 'already-stored';
    }
    if (stored.outcome === 'unknown') {
      // Recorded rather than left on the dead-letter queue: a table that cannot be read is most
      // likely the one that failed every receive, and the record keeps the order safe and findable
      // (a redrive of an order that was stored after all is a harmless duplicate delivery).
      ports.logger.warn('could not read the orders table to check the dead-lettered order; recording it', {
        ...keys,
        error: stored.error,
      });
    }
  }
  let outcome: RecordOutcome;
  try {
    const item: RejectedOrderRecord = {
      ...failure,
      ...encodeBody(record.body),
      recordedAt: ports.now().toISOString(),
    };
    outcome = await ports.rejectedOrders.putIfAbsent(item);
  } catch (error) {
    ports.logger.error('dead-lettered message not recorded; it stays in the dead-letter queue', {
      ...keys,
      reason,
      errors,
      error,
    });
    throw error;
  }
  if (outcome === 'already-recorded') {
    ports.logger.info('dead-lettered message already recorded', keys);
    return outcome;
  }
  ports.metrics.countDeadLetteredOrder();
  ports.logger.warn('dead-lettered order recorded', {
    ...keys,
    reason,
    errors,
    ...(failure.approximateReceiveCount === undefined
      ? {}
      : { approximateReceiveCount: failure.approximateReceiveCount }),
    ...(failure.sourceQueueArn === undefined ? {} : { sourceQueueArn: failure.sourceQueueArn }),
  });
  return outcome;
}
