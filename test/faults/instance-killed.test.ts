import { setTimeout as sleep } from 'node:timers/promises';
import { balancedLedger } from './support/balanced-ledger';
import { processingStarted } from './support/processing-started';
import { runUnderFault } from './support/run-under-fault';

const ORDERS = 1000;
const KILLS = 8;
/** Real milliseconds between kills. */
const KILL_INTERVAL_MS = 150;
/** Every write to the orders table takes this long, so a batch is mid-way when its instance dies. */
const WRITE_LATENCY_MS = 100;

test('ProcessOrders instances killed in the middle of a batch: the batch is delivered again, every order is stored once', async () => {
  const result = await runUnderFault({
    name: 'instance-killed',
    injected: `${KILLS} busy ProcessOrders instances terminated mid-batch, ${KILL_INTERVAL_MS} ms apart, while each orders-table write takes ${WRITE_LATENCY_MS} ms`,
    orders: ORDERS,
    // ProcessOrders keeps its real 10 s timeout at any time scale: a killed instance, not a slow machine, fails a batch
    timeScale: 10,
    arm: (run) =>
      run.cloud.dynamodb.faults.set({
        tableName: run.ordersTableName,
        operations: ['PutItem'],
        latencyMs: WRITE_LATENCY_MS,
      }),
    during: async (run) => {
      await processingStarted(run, 3);
      let killed = 0;
      let attempts = 0;
      while (killed < KILLS && attempts < KILLS * 20) {
        attempts++;
        await sleep(KILL_INTERVAL_MS);
        if ((await run.cloud.lambda.killBusyInstance(run.processOrdersFunctionName)) !== undefined) killed++;
      }
      run.figures.instancesKilled = killed;
      run.cloud.dynamodb.faults.clear();
    },
  });

  expect(result.figures.instancesKilled).toBe(KILLS);
  expect(result.settled).toBe(true);
  expect(result.ledger).toStrictEqual(balancedLedger({ stored: ORDERS }));
  // every killed invocation failed its batch, which came back for another delivery
  expect(result.processOrders.errors).toBeGreaterThanOrEqual(KILLS);
  expect(result.failedBatches).toBeGreaterThanOrEqual(KILLS);
  expect(result.redeliveries).toBeGreaterThanOrEqual(KILLS);
  // the kills landed mid-batch: writes of killed batches had reached the table, and their second
  // delivery found them there and did not write them again
  expect(result.duplicatesSkipped).toBeGreaterThan(0);
}, 240_000);
