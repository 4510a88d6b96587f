import { balancedLedger } from './support/balanced-ledger';
import { runUnderFault } from './support/run-under-fault';

const ORDERS = 1000;
/** Writes to the orders table the faults apply to, from ProcessOrders' first invocation on. */
const AFFECTED_WRITES = 600;

test('the orders table throttling and failing for a while: the errors are retried and every order is stored once', async () => {
  const result = await runUnderFault({
    name: 'table-throttling',
    injected: `a fifth of the orders table's PutItem requests fail (ProvisionedThroughputExceededException, ThrottlingException or InternalServerError) over the first ${AFFECTED_WRITES} writes`,
    orders: ORDERS,
    // ProcessOrders keeps its real 10 s timeout at any time scale: room for the client's throttling backoff (aws-lite, 3 attempts; up to 3 s is rare)
    timeScale: 10,
    arm: (run) => {
      run.cloud.dynamodb.faults.set({
        tableName: run.ordersTableName,
        operations: ['PutItem'],
        errorRate: 0.2,
        errorCode: ['ProvisionedThroughputExceededException', 'ThrottlingException', 'InternalServerError'],
        affectedRequestLimit: AFFECTED_WRITES,
      });
    },
  });

  expect(result.settled).toBe(true);
  expect(result.ledger).toStrictEqual(balancedLedger({ stored: ORDERS }));
  const injected = Object.values(result.dynamodb.injectedErrors).reduce((sum, count) => sum + count, 0);
  expect(injected).toBeGreaterThan(AFFECTED_WRITES * 0.1);
  expect(result.dynamodb.retriedRequests).toBeGreaterThanOrEqual(injected * 0.5);
}, 240_000);
