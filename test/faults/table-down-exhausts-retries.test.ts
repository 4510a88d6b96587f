import { balancedLedger } from './support/balanced-ledger';
import { runUnderFault } from './support/run-under-fault';

/**
 * 200 orders are enough: their 180 valid ones fill at least 18 batches, each failed on every
 * receive, through both lanes of the concurrency cap, until SQS dead-letters it, and the 20 invalid
 * ones are rejected beside them in the same batches.
 */
const ORDERS = 200;
const INVALID_RATIO = 0.1;
const INVALID = ORDERS * INVALID_RATIO;
/**
 * Receives before SQS dead-letters a message, through the context: every receive of a failing
 * batch waits out a visibility timeout (6.5 real seconds here), so the template's 5 would take a
 * minute of the suite's five to prove what 2 proves.
 */
const MAX_RECEIVE_COUNT = 2;

test('the orders table failing for longer than every retry: the orders are dead-lettered and recorded as RETRIES_EXHAUSTED, none lost', async () => {
  const result = await runUnderFault({
    name: 'table-down-exhausts-retries',
    injected:
      'every request to the orders table fails with InternalServerError for the whole run (the rejected-orders table works)',
    orders: ORDERS,
    invalidRatio: INVALID_RATIO,
    context: { maxReceiveCount: String(MAX_RECEIVE_COUNT) },
    timeScale: 10,
    arm: (run) =>
      run.cloud.dynamodb.faults.set({
        tableName: run.ordersTableName,
        errorRate: 1,
        errorCode: 'InternalServerError',
      }),
  });

  expect(result.settled).toBe(true);
  expect(result.ledger).toStrictEqual(
    balancedLedger({
      stored: 0,
      rejectedByReason: { INVALID_ORDER: INVALID, RETRIES_EXHAUSTED: ORDERS - INVALID },
    }),
  );
  const exhausted = result.rejections.filter((rejection) => rejection.reason === 'RETRIES_EXHAUSTED');
  for (const rejection of exhausted) {
    // SQS keeps counting receives on the dead-letter queue: the first one there makes it maxReceiveCount + 1
    expect(rejection.approximateReceiveCount).toBeGreaterThan(MAX_RECEIVE_COUNT);
    expect(rejection.errors).toStrictEqual([expect.stringMatching(/processing failed on every receive/)]);
  }
  // the valid orders were each delivered maxReceiveCount times before SQS gave up on them
  expect(result.deliveries).toBeGreaterThanOrEqual((ORDERS - INVALID) * MAX_RECEIVE_COUNT);
  expect(result.dynamodb.injectedErrors.InternalServerError).toBeGreaterThanOrEqual(
    (ORDERS - INVALID) * MAX_RECEIVE_COUNT,
  );
}, 240_000);
