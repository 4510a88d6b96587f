import type { SQSRecord } from 'aws-lambda';
import type { RejectedOrderRecord } from '../../shared/order-records';
import type { LogAttributes } from '../process-orders/types';
import { encodeBody } from './body-encoding';
import { describeFailure } from './describe-failure';
import type { RecordFailurePorts, RecordOutcome } from './types';

/**
 * Records one dead-lettered message in the rejected-orders table with why it failed, logs it and
 * counts it. A redelivered message that is already recorded is a success and is not counted again.
 * Anything that stops the record being written throws, so the message stays in the dead-letter
 * queue: nothing is deleted unrecorded.
 */
export async function recordFailure(record: SQSRecord, ports: RecordFailurePorts): Promise<RecordOutcome> {
  const failure = describeFailure(record);
  const keys: LogAttributes = {
    messageId: failure.messageId,
    ...(failure.orderId === undefined ? {} : { orderId: failure.orderId }),
    deadLetterMessageId: failure.deadLetterMessageId,
  };
  const { reason, errors } = failure;
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
