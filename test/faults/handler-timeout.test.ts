import { balancedLedger } from './support/balanced-ledger';
import { runUnderFault } from './support/run-under-fault';

const ORDERS = 1000;
/**
 * ProcessOrders' timeout, through the context as `cdk deploy -c processOrdersTimeoutSeconds=3`
 * would. Function code runs in real time at any time scale, so this is 3 real seconds.
 */
const TIMEOUT_SECONDS = 3;
const TIME_SCALE = 10;
/** Orders-table writes that hang for longer than the timeout, from the first on. */
const SLOW_WRITES = 30;
const SLOW_WRITE_MS = TIMEOUT_SECONDS * 1000 * 2;

test('ProcessOrders running past its timeout: the timed-out batches are delivered again, every order is stored once', async () => {
  const result = await runUnderFault({
    name: 'handler-timeout',
    injected: `ProcessOrders synthesized with a ${TIMEOUT_SECONDS} s timeout; the first ${SLOW_WRITES} orders-table writes take ${SLOW_WRITE_MS} ms`,
    orders: ORDERS,
    context: { processOrdersTimeoutSeconds: String(TIMEOUT_SECONDS) },
    timeScale: TIME_SCALE,
    arm: (run) =>
      run.cloud.dynamodb.faults.set({
        tableName: run.ordersTableName,
        operations: ['PutItem'],
        latencyMs: SLOW_WRITE_MS,
        affectedRequestLimit: SLOW_WRITES,
      }),
  });

  expect(result.settled).toBe(true);
  expect(result.ledger).toStrictEqual(balancedLedger({ stored: ORDERS }));
  expect(result.dynamodb.delayedRequests).toBe(SLOW_WRITES);
  // a slow write holds its whole batch past the timeout; the writes of a batch run side by side
  expect(result.processOrders.timeouts).toBeGreaterThanOrEqual(SLOW_WRITES / 10);
  expect(result.redeliveries).toBeGreaterThanOrEqual(result.processOrders.timeouts * 5);
}, 240_000);
