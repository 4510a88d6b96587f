import { balancedLedger } from './support/balanced-ledger';
import { runUnderFault } from './support/run-under-fault';

/**
 * 1,000 orders are enough: 100 SendMessageBatch calls with about 50 failed entries, so the
 * producer's retry path runs dozens of times, with some entries failing more than once.
 */
const ORDERS = 1000;
const INVALID_RATIO = 0.05;
const INVALID = ORDERS * INVALID_RATIO;
/**
 * The share of SendMessageBatch entries the endpoint fails. GenerateOrders sends an entry up to 5
 * times, so an order is lost only if all 5 fail: 0.05^5 × 1,000 ≈ 1 in 3,200 runs.
 */
const FAILURE_RATE = 0.05;

test('SendMessageBatch entries failing at the endpoint: the producer retries them and every order arrives once', async () => {
  const result = await runUnderFault({
    name: 'send-batch-partial-failures',
    injected: `${FAILURE_RATE * 100} % of SendMessageBatch entries fail with InternalError (SenderFault false) at the SQS endpoint`,
    orders: ORDERS,
    invalidRatio: INVALID_RATIO,
    timeScale: 5,
    arm: (run) => {
      run.figures.entriesFailed = 0;
      run.cloud.sqs.setFaults({
        sendBatchFailureRate: FAILURE_RATE,
        random: () => {
          const draw = Math.random();
          if (draw < FAILURE_RATE) (run.figures.entriesFailed as number)++;
          return draw;
        },
      });
    },
  });

  expect(result.figures.entriesFailed).toBeGreaterThan(ORDERS * FAILURE_RATE * 0.5);
  expect(result.producer).toStrictEqual({ kind: 'queued', queued: ORDERS, failed: [] });
  expect(result.settled).toBe(true);
  // sent counts messages on the queue: an entry queued twice would make it more than ORDERS
  expect(result.ledger).toStrictEqual(
    balancedLedger({ stored: ORDERS - INVALID, rejectedByReason: { INVALID_ORDER: INVALID } }),
  );
}, 240_000);
