import { randomBytes } from 'node:crypto';
import { BodyTooLargeError } from '../../../lambdas/failed-orders/errors';
import { recordFailure } from '../../../lambdas/failed-orders/record-failure';
import type { RecordFailurePorts } from '../../../lambdas/failed-orders/types';
import { RecordingLogger } from '../process-orders/fakes';
import { ORDERS_QUEUE_ARN } from '../process-orders/sqs-record-factory';
import {
  DEAD_LETTER_METADATA,
  forwardedRecordFactory,
  redrivenRecordFactory,
} from './dead-letter-record-factory';
import { CountingMetrics, InMemoryRejectedOrderStore } from './fakes';

const NOW = new Date('2026-11-25T20:00:00.000Z');

function portsFactory() {
  const rejectedOrders = new InMemoryRejectedOrderStore();
  const metrics = new CountingMetrics();
  const logger = new RecordingLogger();
  const ports: RecordFailurePorts = { rejectedOrders, metrics, logger, now: () => NOW };
  return { rejectedOrders, metrics, logger, ports };
}

describe('recordFailure', () => {
  it('records a forwarded message under its original message id, logs it and counts it', async () => {
    const { rejectedOrders, metrics, logger, ports } = portsFactory();
    const record = forwardedRecordFactory({ sourceMessageId: 'm-1', errors: ['body is not JSON: nope'] });

    const outcome = await recordFailure(record, ports);

    expect(outcome).toBe('recorded');
    expect([...rejectedOrders.items.values()]).toStrictEqual([
      {
        messageId: 'm-1',
        reason: 'INVALID_ORDER',
        errors: ['body is not JSON: nope'],
        approximateReceiveCount: 1,
        sourceQueueArn: ORDERS_QUEUE_ARN,
        deadLetterMessageId: 'dead-letter-message',
        ...DEAD_LETTER_METADATA,
        recordedAt: '2026-11-25T20:00:00.000Z',
        body: 'Hello world.',
        bodyEncoding: 'utf8',
        bodyBytes: 12,
      },
    ]);
    expect(metrics.deadLetteredOrders).toBe(1);
    expect(logger.lines).toStrictEqual([
      {
        level: 'warn',
        message: 'dead-lettered order recorded',
        attributes: {
          messageId: 'm-1',
          deadLetterMessageId: 'dead-letter-message',
          reason: 'INVALID_ORDER',
          errors: ['body is not JSON: nope'],
          approximateReceiveCount: 1,
          sourceQueueArn: ORDERS_QUEUE_ARN,
        },
      },
    ]);
  });

  it('treats a message recorded before as success and does not count it again', async () => {
    const { rejectedOrders, metrics, logger, ports } = portsFactory();
    const record = redrivenRecordFactory();

    await recordFailure(record, ports);
    const outcome = await recordFailure({ ...record, receiptHandle: 'second-receive' }, ports);

    expect(outcome).toBe('already-recorded');
    expect(rejectedOrders.items.size).toBe(1);
    expect(metrics.deadLetteredOrders).toBe(1);
    expect(logger.lines.at(-1)).toStrictEqual({
      level: 'info',
      message: 'dead-lettered message already recorded',
      attributes: { messageId: 'redriven-message', orderId: 'o-7', deadLetterMessageId: 'redriven-message' },
    });
  });

  it('throws when the table fails, logging at ERROR and counting nothing, so the message stays queued', async () => {
    const { rejectedOrders, metrics, logger, ports } = portsFactory();
    const failure = new Error('ProvisionedThroughputExceededException');
    rejectedOrders.failure = failure;

    await expect(recordFailure(redrivenRecordFactory(), ports)).rejects.toBe(failure);
    expect(metrics.deadLetteredOrders).toBe(0);
    expect(logger.lines.map(({ level, message }) => ({ level, message }))).toStrictEqual([
      { level: 'error', message: 'dead-lettered message not recorded; it stays in the dead-letter queue' },
    ]);
  });

  it('throws BodyTooLargeError for a body that does not fit even compressed, writing nothing', async () => {
    const { rejectedOrders, metrics, logger, ports } = portsFactory();
    const record = redrivenRecordFactory({ body: randomBytes(400_000).toString('base64') });

    await expect(recordFailure(record, ports)).rejects.toThrow(BodyTooLargeError);
    expect(rejectedOrders.items.size).toBe(0);
    expect(metrics.deadLetteredOrders).toBe(0);
    expect(logger.lines.map(({ level }) => level)).toStrictEqual(['error']);
  });
});
