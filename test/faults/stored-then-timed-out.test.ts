import { balancedLedger } from './support/balanced-ledger';
import { runUnderFault } from './support/run-under-fault';

/**
 * 40 orders are enough: at least four batches, each stored and then timed out on both of its
 * receives, tell the whole story; every order beyond that only waits out more timeouts, three
 * real seconds each, two at a time.
 */
const ORDERS = 40;
/** ProcessOrders' timeout through the context: 3 real seconds, as function code runs in real time. */
const TIMEOUT_SECONDS = 3;
const TIME_SCALE = 10;
/** Every orders-table write lands twice the timeout later: after the invocation was given up. */
const SLOW_WRITE_MS = TIMEOUT_SECONDS * 1000 * 2;

test('orders stored by invocations that then time out, on every receive, are dead-lettered but not recorded as rejected: stored once, rejected never', async () => {
  const result = await runUnderFault({
    name: 'stored-then-timed-out',
    injected: `every orders-table PutItem waits ${SLOW_WRITE_MS} ms, past ProcessOrders' ${TIMEOUT_SECONDS} s timeout, so each message exhausts maxReceiveCount 2 although its order was stored`,
    orders: ORDERS,
    context: { processOrdersTimeoutSeconds: String(TIMEOUT_SECONDS), maxReceiveCount: '2' },
    timeScale: TIME_SCALE,
    arm: (run) =>
      run.cloud.dynamodb.faults.set({
        tableName: run.ordersTableName,
        operations: ['PutItem'],
        latencyMs: SLOW_WRITE_MS,
      }),
  });

  expect(result.settled).toBe(true);
  expect(result.processOrders.timeouts).toBeGreaterThan(0);
  expect(result.ledger).toStrictEqual(balancedLedger({ stored: ORDERS }));
}, 240_000);
