import { randomBytes } from 'node:crypto';
import { BodyTooLargeError } from '../../../lambdas/failed-orders/errors';
import { recordFailure } from '../../../lambdas/failed-orders/record-failure';
import type { RecordFailurePorts } from '../../../lambdas/failed-orders/types';
import { contentHash } from '../../../shared/content-hash';
import { RecordingLogger } from '../support/recording-logger';
import { ORDERS_QUEUE_ARN } from '../support/sqs-record-factory';
import {
  DEAD_LETTER_METADATA,
  forwardedRecordFactory,
  REDRIVEN_ORDER,
  redrivenRecordFactory,
} from './dead-letter-record-factory';
import { CountingMetrics, InMemoryRejectedOrderStore, InMemoryStoredOrders } from './fakes';

const NOW = new Date('2026-11-25T20:00:00.000Z');

function portsFactory() {
  const rejectedOrders = new InMemoryRejectedOrderStore();
  const metrics = new CountingMetrics();
  const storedOrders = new InMemoryStoredOrders();
  const logger = new RecordingLogger();
  const ports: RecordFailurePorts = { rejectedOrders, storedOrders, metrics, logger, now: () => NOW };
  return { rejectedOrders, storedOrders, metrics, logger, ports };
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

  describe('a message SQS dead-lettered (RETRIES_EXHAUSTED) whose order may be stored after all', () => {
    it('records nothing, counts nothing and succeeds when the order is stored with the same content hash', async () => {
      const { rejectedOrders, storedOrders, metrics, logger, ports } = portsFactory();
      // Written with its keys in another order: the hash is of the content, not of the text.
      const record = redrivenRecordFactory({
        body: JSON.stringify({
          items: [],
          customerAddress: '1 Main Street',
          customerName: 'User7',
          orderId: 'o-7',
        }),
      });
      storedOrders.contentHashes.set('o-7', contentHash(REDRIVEN_ORDER));

      const outcome = await recordFailure(record, ports);

      expect(outcome).toBe('already-stored');
      expect(storedOrders.reads).toStrictEqual(['o-7']);
      expect(rejectedOrders.items.size).toBe(0);
      expect(metrics.deadLetteredOrders).toBe(0);
      expect(logger.lines).toStrictEqual([
        {
          level: 'info',
          message: 'dead-lettered message already stored: nothing to record',
          attributes: {
            messageId: 'redriven-message',
            orderId: 'o-7',
            deadLetterMessageId: 'redriven-message',
          },
        },
      ]);
    });

    it('records it when the orderId is stored with another content hash: that is another order', async () => {
      const { rejectedOrders, storedOrders, metrics, ports } = portsFactory();
      storedOrders.contentHashes.set('o-7', contentHash({ ...REDRIVEN_ORDER, customerName: 'Someone else' }));

      const outcome = await recordFailure(redrivenRecordFactory(), ports);

      expect(outcome).toBe('recorded');
      expect(storedOrders.reads).toStrictEqual(['o-7']);
      expect([...rejectedOrders.items.values()]).toStrictEqual([
        expect.objectContaining({
          messageId: 'redriven-message',
          orderId: 'o-7',
          reason: 'RETRIES_EXHAUSTED',
        }),
      ]);
      expect(metrics.deadLetteredOrders).toBe(1);
    });

    it('records it when no order is stored under its orderId', async () => {
      const { rejectedOrders, storedOrders, metrics, ports } = portsFactory();

      const outcome = await recordFailure(redrivenRecordFactory(), ports);

      expect(outcome).toBe('recorded');
      expect(storedOrders.reads).toStrictEqual(['o-7']);
      expect(rejectedOrders.items.has('redriven-message')).toBe(true);
      expect(metrics.deadLetteredOrders).toBe(1);
    });

    it('records it, with a WARN line naming the error, when the orders table cannot be read', async () => {
      const { rejectedOrders, storedOrders, metrics, logger, ports } = portsFactory();
      const failure = new Error('ProvisionedThroughputExceededException');
      storedOrders.failure = failure;

      const outcome = await recordFailure(redrivenRecordFactory(), ports);

      expect(outcome).toBe('recorded');
      expect([...rejectedOrders.items.values()]).toStrictEqual([
        expect.objectContaining({ messageId: 'redriven-message', reason: 'RETRIES_EXHAUSTED' }),
      ]);
      expect(metrics.deadLetteredOrders).toBe(1);
      expect(logger.lines.map(({ level, message }) => ({ level, message }))).toStrictEqual([
        {
          level: 'warn',
          message: 'could not read the orders table to check the dead-lettered order; recording it',
        },
        { level: 'warn', message: 'dead-lettered order recorded' },
      ]);
      expect(logger.lines[0].attributes).toStrictEqual({
        messageId: 'redriven-message',
        orderId: 'o-7',
        deadLetterMessageId: 'redriven-message',
        error: failure,
      });
    });

    it('records a body that is not a valid order without reading the orders table', async () => {
      const { rejectedOrders, storedOrders, ports } = portsFactory();
      const record = redrivenRecordFactory({
        body: JSON.stringify({ ...REDRIVEN_ORDER, customerAddress: '' }),
      });
      storedOrders.contentHashes.set('o-7', contentHash(JSON.parse(record.body)));

      const outcome = await recordFailure(record, ports);

      expect(outcome).toBe('recorded');
      expect(storedOrders.reads).toStrictEqual([]);
      expect(rejectedOrders.items.size).toBe(1);
    });
  });

  it('records an INVALID_ORDER message ProcessOrders forwarded without reading the orders table, even one whose order is stored', async () => {
    const { rejectedOrders, storedOrders, metrics, ports } = portsFactory();
    const record = forwardedRecordFactory({ body: JSON.stringify(REDRIVEN_ORDER), sourceMessageId: 'm-2' });
    storedOrders.contentHashes.set('o-7', contentHash(REDRIVEN_ORDER));

    const outcome = await recordFailure(record, ports);

    expect(outcome).toBe('recorded');
    expect(storedOrders.reads).toStrictEqual([]);
    expect([...rejectedOrders.items.values()]).toStrictEqual([
      expect.objectContaining({ messageId: 'm-2', reason: 'INVALID_ORDER' }),
    ]);
    expect(metrics.deadLetteredOrders).toBe(1);
  });
});
