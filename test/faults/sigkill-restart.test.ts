import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  localEnvironment,
  localStackDefinition,
  readCloudAssembly,
  resumedClock,
  startDynamoDb,
} from 'local-cloud';
import { INVALID_ORDER_VARIANTS, validOrder } from '../../lambdas/generate-orders/order-factory';
import { STACK_NAME } from '../../lib/order-pipeline-app';
import { scanTable } from '../../shared/scan-table';
import { startPipelineCloud, waitUntilSettled } from '../../tools/pipeline-run';
import { pipelineAssembly } from '../support/pipeline-assembly';
import { balancedLedger } from './support/balanced-ledger';
import { drawLedger } from './support/fault-ledger';
import { recordScenarioFigures } from './support/faults-report';
import { type PipelineProcess, spawnPipelineProcess } from './support/spawn-pipeline-process';

/**
 * 400 orders are enough: the kill comes after 120 of them are through, six times what ProcessOrders
 * can hold in flight (IN_FLIGHT_BOUND), so the restart resumes a real mid-run state with most of
 * the orders, valid and invalid, still on the queues.
 */
const ORDERS = 400;
const INVALID = 20;
const TIME_SCALE = 5;
/** The cloud is killed once this share of the orders has been handled and deleted from the queue. */
const KILL_AFTER_SHARE = 0.3;
/**
 * Orders ProcessOrders can hold at the kill, stored but not yet deleted from the queue: the
 * template's maxConcurrency 2 times batchSize 10. Only these may be delivered again after the restart.
 */
const IN_FLIGHT_BOUND = 2 * 10;

test('the local cloud killed with SIGKILL mid-run and restarted on its state: nothing lost, nothing resurrected', async () => {
  const workDirectory = mkdtempSync(join(tmpdir(), 'faults-sigkill-'));
  let assemblyDirectory = '';
  const stateDirectory = join(workDirectory, 'state');
  const ordersFile = join(workDirectory, 'orders.json');
  const processes: PipelineProcess[] = [];
  try {
    assemblyDirectory = pipelineAssembly();
    const orders = Array.from({ length: ORDERS }, (_, index) => ({
      ...(index < INVALID
        ? INVALID_ORDER_VARIANTS[index % INVALID_ORDER_VARIANTS.length](index)
        : validOrder(`User${index}`)),
      orderId: randomUUID(),
    }));
    writeFileSync(ordersFile, JSON.stringify(orders));
    const started = Date.now();

    // 1. run until about a third of the orders is through, then kill -9
    const first = await spawnPipelineProcess({
      assemblyDirectory,
      stateDirectory,
      timeScale: TIME_SCALE,
      ordersFile,
    });
    processes.push(first);
    await first.waitFor(
      (_event, events) =>
        events.some((event) => event.event === 'queued') &&
        events.reduce((sum, event) => sum + (event.event === 'batch' ? event.deleted : 0), 0) >=
          ORDERS * KILL_AFTER_SHARE,
      150_000,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const queued = first.events.find((event) => event.event === 'queued');
    expect(queued).toStrictEqual({ event: 'queued', queued: ORDERS, failed: 0 });

    // 2. what the killed cloud had stored, read from its state directory
    const { outputs } = localStackDefinition(
      readCloudAssembly(assemblyDirectory).stack(STACK_NAME),
      localEnvironment({ sqsEndpoint: 'http://127.0.0.1:1', dynamodbEndpoint: 'http://127.0.0.1:1' }),
    );
    const dynamodb = await startDynamoDb({ path: join(stateDirectory, 'dynamodb') });
    const storedBeforeKill = new Set(
      (await scanTable(DynamoDBDocumentClient.from(dynamodb.client), outputs.OrdersTableName)).map((item) =>
        String(item.orderId),
      ),
    );
    await dynamodb.stop();
    expect(storedBeforeKill.size).toBeGreaterThan(0);
    expect(storedBeforeKill.size).toBeLessThan(ORDERS - INVALID);

    // 3. restart on the same state and let it finish
    const second = await spawnPipelineProcess({ assemblyDirectory, stateDirectory, timeScale: TIME_SCALE });
    processes.push(second);
    const settledEvent = await second.waitFor((event) => event.event === 'settled', 200_000);
    expect(settledEvent).toStrictEqual({ event: 'settled', settled: true });
    expect(await second.exited).toBe(0);
    const deliveredAfterRestart = new Set(
      second.events.flatMap((event) => (event.event === 'batch' ? event.orderIds : [])),
    );
    const redeliveredStored = [...deliveredAfterRestart].filter((orderId) => storedBeforeKill.has(orderId));
    expect(redeliveredStored.length).toBeLessThanOrEqual(IN_FLIGHT_BOUND);
    const durationMs = Date.now() - started;

    // 4. a third start on the state: nothing comes back, and the ledger balances
    const clock = resumedClock(stateDirectory, TIME_SCALE);
    const pipeline = await startPipelineCloud({
      assemblyDirectory,
      stackName: STACK_NAME,
      clock: clock.clock,
      stateDirectory,
    });
    try {
      expect(await waitUntilSettled(pipeline, 30)).toBe(true);
      expect(pipeline.ledger.messagesReceived).toBe(0);
      const ledger = await drawLedger(
        pipeline.cloud,
        orders.map((order) => ({ body: JSON.stringify(order) })),
      );
      recordScenarioFigures('sigkill-restart', {
        injected: `the cloud's process killed with SIGKILL once ${KILL_AFTER_SHARE * 100} % of the orders were through, then restarted on its state directory`,
        orders: ORDERS,
        timeScale: TIME_SCALE,
        durationMs,
        storedBeforeKill: storedBeforeKill.size,
        deliveredAfterRestart: deliveredAfterRestart.size,
        storedBeforeKillDeliveredAgain: redeliveredStored.length,
        ledger,
      });
      expect(ledger).toStrictEqual(
        balancedLedger({ stored: ORDERS - INVALID, rejectedByReason: { INVALID_ORDER: INVALID } }),
      );
    } finally {
      await pipeline.cloud.stop();
      clock.stop();
    }
  } finally {
    // a failed expectation must not leave a cloud running
    for (const { child } of processes)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(processes.map(({ exited }) => exited));
    rmSync(workDirectory, { recursive: true, force: true });
  }
}, 420_000);
